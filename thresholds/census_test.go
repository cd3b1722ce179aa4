package thresholds_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "ce". Every case is synthetic.

// ceFactors parses comma-separated census factor codes.
func ceFactors(t testing.TB, s string) continuum.CINFactors {
	t.Helper()
	var fs continuum.CINFactors
	require.NoError(t, fs.UnmarshalText([]byte(s)))
	return fs
}

func TestFrameworkCINFactors(t *testing.T) {
	fw := ptBuiltin(t, "england")
	for _, tc := range []struct {
		name  string
		codes []string
		want  string
	}{
		{"nothing-observed", nil, ""},
		{"need-without-factor", []string{"EDU-2-01"}, ""},
		{"one-need", []string{"BCA-3-01"}, "16A"},
		{"needs-at-every-level", []string{"FSR-2-01", "BCA-3-01", "HLT-4-02"}, "7A,16A,18C"},
		{"union-without-repeats", []string{"BCA-3-01", "HLT-4-01", "FSR-4-01"}, "16A"},
		{"trigger", []string{"SH-06"}, "3A,3B"},
		{"trigger-and-need", []string{"SH-02", "SAF-3-02"}, "3B,18C"},
		{"repeated-code", []string{"BCA-3-01", "BCA-3-01"}, "16A"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := thresholds.Case{Indicators: evCodes(tc.codes...)}
			got, err := fw.CINFactors(c)
			require.NoError(t, err)
			assert.Equal(t, ceFactors(t, tc.want), got, "got %s", got)
			r, err := fw.Resolve(c)
			require.NoError(t, err)
			assert.Equal(t, got, r.CINFactors(), "Resolved gives the same set")
		})
	}
	_, err := fw.CINFactors(thresholds.Case{Indicators: evCodes("XYZ-9-99")})
	assert.ErrorIs(t, err, thresholds.ErrUnknownIndicator)
	assert.Zero(t, thresholds.Resolved{}.CINFactors())
	r, err := fw.Resolve(thresholds.Case{Indicators: evCodes("SH-01", "BCA-3-01")})
	require.NoError(t, err)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = r.CINFactors() }), "Resolved.CINFactors allocates nothing")
}

// ceWithFactors returns the minimal framework with an indicator carrying factors, and a
// strength, so that the union's rules can be seen.
func ceWithFactors(t testing.TB, need, strength []any) *thresholds.Framework {
	t.Helper()
	return ptMustParse(t, ptEdit(t, func(m map[string]any) {
		ptItem(m, "indicators", 0)["cinFactors"] = need
		m["indicators"] = append(m["indicators"].([]any), map[string]any{
			"code": "HLT-1-01", "level": "universal", "dimension": "HLT", "kind": "strength",
			"summary": "A synthetic strength.", "cinFactors": strength, "sources": []any{"T1"},
		})
	}))
}

func TestCINFactorsRules(t *testing.T) {
	t.Run("strengths-map-to-none", func(t *testing.T) {
		fw := ceWithFactors(t, []any{"4A"}, []any{"7A"})
		got, err := fw.CINFactors(thresholds.Case{Indicators: evCodes("HLT-2-01", "HLT-1-01")})
		require.NoError(t, err)
		assert.Equal(t, ceFactors(t, "4A"), got)
	})
	t.Run("factor-21-alone-kept", func(t *testing.T) {
		fw := ceWithFactors(t, []any{"21"}, []any{})
		got, err := fw.CINFactors(thresholds.Case{Indicators: evCodes("HLT-2-01")})
		require.NoError(t, err)
		assert.Equal(t, ceFactors(t, "21"), got)
	})
	t.Run("factor-21-dropped-beside-another-8869", func(t *testing.T) {
		fw := ptMustParse(t, ptEdit(t, func(m map[string]any) {
			ptItem(m, "indicators", 0)["cinFactors"] = []any{"21"}
			ptItem(m, "indicators", 1)["cinFactors"] = []any{"16A"}
		}))
		got, err := fw.CINFactors(thresholds.Case{Indicators: evCodes("HLT-2-01", "SH-01")})
		require.NoError(t, err)
		assert.Equal(t, ceFactors(t, "16A"), got, "census rule 8869: 21 never stands beside another factor")
	})
}

func TestParseCINFactorRules(t *testing.T) {
	for _, tc := range []struct {
		name    string
		factors []any
		want    []string
	}{
		{"valid", []any{"4A", "15A"}, nil},
		{"21-alone-8869", []any{"21"}, nil},
		{"21-with-another-8869", []any{"21", "4A"}, []string{"indicators[0].cinFactors no-factors-alone"}},
		{"duplicate-8898", []any{"4A", "15A", "4A"}, []string{"indicators[0].cinFactors[2] duplicate-cin-factor"}},
		{"both", []any{"21", "21", "4A"}, []string{"indicators[0].cinFactors no-factors-alone", "indicators[0].cinFactors[1] duplicate-cin-factor"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["cinFactors"] = tc.factors })
			fw, err := thresholds.Parse(data)
			if tc.want == nil {
				require.NoError(t, err)
				require.NotNil(t, fw)
				return
			}
			assert.Equal(t, tc.want, ptKeys(t, err))
		})
	}
	for fw := range thresholds.Builtins() {
		for ind := range fw.Indicators() {
			if ind.CINFactors.Len() > 1 {
				for f := range ind.CINFactors.All() {
					assert.NotEqual(t, "21", f.String(), "%s %s: factor 21 stands alone", fw.ID(), ind.Code)
				}
			}
		}
	}
}
