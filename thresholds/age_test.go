package thresholds_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

func TestAgeQueries(t *testing.T) {
	fw := thresholds.Default()
	code := func(s string) continuum.Code { return continuum.MustParseCode(s) }
	sh02, ok := fw.Indicator(code("SH-02"))
	require.True(t, ok)
	require.Equal(t, continuum.NewAgeBands(continuum.UnderOne), sh02.Ages, "SH-02 is written for babies")
	tests := []struct {
		name  string
		c     thresholds.Case
		paths []string
	}{
		{"sh02_adolescent", thresholds.Case{Indicators: []continuum.Code{code("SH-02")}, Age: continuum.Adolescent}, []string{"indicators[0]"}},
		{"sh02_baby", thresholds.Case{Indicators: []continuum.Code{code("SH-02")}, Age: continuum.UnderOne}, nil},
		{"age_unknown", thresholds.Case{Indicators: []continuum.Code{code("SH-02")}}, nil},
		{"age_invalid", thresholds.Case{Indicators: []continuum.Code{code("SH-02")}, Age: 99}, nil},
		{"unrestricted_indicator", thresholds.Case{Indicators: []continuum.Code{code("EDU-2-01")}, Age: continuum.Unborn}, nil},
		{"repeated_code_once", thresholds.Case{Indicators: []continuum.Code{code("EDU-2-01"), code("SH-02"), code("SH-02")}, Age: continuum.SchoolAge}, []string{"indicators[1]"}},
		{"unknown_code_ignored", thresholds.Case{Indicators: []continuum.Code{code("ZZZ-2-99"), code("SH-02")}, Age: continuum.YoungAdult}, []string{"indicators[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := fw.AgeQueries(tt.c)
			var paths []string
			for _, q := range qs {
				paths = append(paths, q.Path)
				assert.Equal(t, thresholds.RuleOutsideAgeBand, q.Rule)
				assert.Equal(t, continuum.Query, q.Severity)
				assert.Contains(t, q.Msg, "still counts")
				assert.NotContains(t, q.Msg, "SH-02", "the message repeats no code the caller passed")
			}
			assert.Equal(t, tt.paths, paths)
		})
	}

	// Evaluate counts the indicator whatever the age: a harm indicator is never dropped.
	d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("SH-02")}, Age: continuum.Adolescent})
	require.NoError(t, err)
	assert.Equal(t, continuum.Specialist, d.Level)
	assert.Equal(t, continuum.SameDay, d.Urgency)
	same, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("SH-02")}})
	require.NoError(t, err)
	assert.Equal(t, same, d, "the age band does not change the decision")

	allocs := testing.AllocsPerRun(100, func() {
		_ = fw.AgeQueries(thresholds.Case{Indicators: []continuum.Code{code("SH-02")}, Age: continuum.UnderOne})
	})
	assert.Zero(t, allocs, "no query, no allocation")
}
