package thresholds

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// The limit tags of the document's lists are literals (a tag cannot name a constant):
// they must be the exported limits.
func TestLimitTagsMatchConstants(t *testing.T) {
	want := map[string]int{"Indicators": MaxIndicators, "Remove": MaxIndicators, "Sources": MaxSources}
	typ := reflect.TypeFor[frameworkDoc]()
	for name, limit := range want {
		f, ok := typ.FieldByName(name)
		if !ok {
			t.Fatalf("no field %s", name)
		}
		n, _, _ := strings.Cut(f.Tag.Get("limit"), ",")
		if n != strconv.Itoa(limit) {
			t.Errorf("%s: limit tag %q, want %d", name, n, limit)
		}
	}
}
