package thresholdstest_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

func TestCmpOptionsCodes(t *testing.T) {
	opts := thresholdstest.CmpOptions()
	a, b := continuum.MustParseCode("HLT-2-01"), continuum.MustParseCode("HLT-2-01")
	assert.True(t, cmp.Equal(a, b, opts), "equal codes compare equal (cmp would panic on the unexported field without the option)")
	assert.False(t, cmp.Equal(a, continuum.MustParseCode("HLT-2-02"), opts))
	assert.True(t, cmp.Equal([]continuum.Code{a}, []continuum.Code{b}, opts))
	assert.True(t, cmp.Equal([]continuum.Code(nil), []continuum.Code{}, opts), "nil and empty slices are equal")
	assert.Contains(t, cmp.Diff(a, continuum.MustParseCode("EDU-2-01"), opts), "HLT-2-01", "a diff of codes shows their text")
}

func TestCmpOptionsFindings(t *testing.T) {
	opts := thresholdstest.CmpOptions()
	f := func(path, rule string, sev continuum.Severity, err error, msg string) continuum.Findings {
		return continuum.Findings{}.Add(path, rule, sev, err, msg)
	}
	base := f("to", "not-a-move", continuum.Error, errors.New("one"), "m")
	assert.True(t, cmp.Equal(base, f("to", "not-a-move", continuum.Error, errors.New("two"), "m"), opts),
		"findings compare by path, rule, severity and message, not by Err")
	for name, other := range map[string]continuum.Findings{
		"path":     f("from", "not-a-move", continuum.Error, nil, "m"),
		"rule":     f("to", "invalid-level", continuum.Error, nil, "m"),
		"severity": f("to", "not-a-move", continuum.Query, nil, "m"),
		"message":  f("to", "not-a-move", continuum.Error, nil, "other"),
	} {
		assert.False(t, cmp.Equal(base, other, opts), "a different %s is a difference", name)
	}
	assert.True(t, cmp.Equal(continuum.Findings(nil), continuum.Findings{}, opts), "nil and empty Findings are equal")
	assert.False(t, cmp.Equal(continuum.Findings{nil}, base, opts), "a nil finding equals only a nil finding")
	assert.True(t, cmp.Equal(continuum.Findings{nil}, continuum.Findings{nil}, opts))
}
