package referral

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The limit tag of the register is a literal (a tag cannot name a constant): it must be
// MaxSources.
func TestLimitTagMatchesMaxSources(t *testing.T) {
	f, _ := reflect.TypeFor[policyDoc]().FieldByName("Sources")
	if n, _, _ := strings.Cut(f.Tag.Get("limit"), ","); n != strconv.Itoa(MaxSources) {
		t.Errorf("limit tag %q, want %d", n, MaxSources)
	}
}
