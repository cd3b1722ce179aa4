package continuum_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

var allAgeBands = []pair[continuum.AgeBand]{
	{continuum.Unborn, "unborn"},
	{continuum.UnderOne, "0-1"},
	{continuum.EarlyYears, "1-4"},
	{continuum.SchoolAge, "5-11"},
	{continuum.Adolescent, "12-17"},
	{continuum.YoungAdult, "18-25"},
}

func TestAgeBand(t *testing.T) {
	tests := []struct {
		name  string
		a     continuum.AgeBand
		str   string
		valid bool
	}{
		{"zero", 0, "no-age-band", false},
		{"unborn", continuum.Unborn, "unborn", true},
		{"under_one", continuum.UnderOne, "0-1", true},
		{"early_years", continuum.EarlyYears, "1-4", true},
		{"school_age", continuum.SchoolAge, "5-11", true},
		{"adolescent", continuum.Adolescent, "12-17", true},
		{"young_adult", continuum.YoungAdult, "18-25", true},
		{"out_of_range", 7, "age band(7)", false},
		{"max", 255, "age band(255)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.a.String())
			assert.Equal(t, tt.valid, tt.a.IsValid())
			got, err := continuum.ParseAgeBand(tt.str)
			if tt.valid {
				require.NoError(t, err)
				assert.Equal(t, tt.a, got)
			} else {
				assert.ErrorIs(t, err, continuum.ErrUnknownToken)
				assert.Zero(t, got)
			}
		})
	}
}

func TestAgeBandText(t *testing.T) {
	checkTextContract(t, textContract[continuum.AgeBand]{
		valid: allAgeBands,
		aliases: []alias[continuum.AgeBand]{
			{"UNBORN", continuum.Unborn, "case is ignored"},
		},
		invalid: []continuum.AgeBand{7, 255},
		bad: withCommonBad(
			badText{"0-2", "not a band"},
			badText{"5 - 11", "spaces inside the token"},
			badText{"1-4,5-11", "a set is not a band"},
			badText{"pre-birth", "not the token"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.SchoolAge,
	})
}

func TestNewAgeBands(t *testing.T) {
	tests := []struct {
		name   string
		in     []continuum.AgeBand
		want   []continuum.AgeBand
		every  bool
		reason string
	}{
		{"none", nil, nil, true, "no bands is every age"},
		{"one", []continuum.AgeBand{continuum.SchoolAge}, []continuum.AgeBand{continuum.SchoolAge}, false, ""},
		{"unordered", []continuum.AgeBand{continuum.YoungAdult, continuum.Unborn}, []continuum.AgeBand{continuum.Unborn, continuum.YoungAdult}, false, "All is youngest first"},
		{"duplicates", []continuum.AgeBand{continuum.UnderOne, continuum.UnderOne}, []continuum.AgeBand{continuum.UnderOne}, false, "a set"},
		{"invalid_ignored", []continuum.AgeBand{0, 7, 255, continuum.Adolescent}, []continuum.AgeBand{continuum.Adolescent}, false, "invalid bands are ignored"},
		{"only_invalid", []continuum.AgeBand{0, 7}, nil, true, "all ignored: every age"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := continuum.NewAgeBands(tt.in...)
			got := slices.Collect(s.All())
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("All() (-want +got):\n%s", diff)
			}
			assert.Equal(t, tt.every, s.IsEvery(), tt.reason)
			assert.Equal(t, len(tt.want), s.Len(), tt.reason)
		})
	}
}

func TestAgeBandsHas(t *testing.T) {
	every := continuum.AgeBands(0)
	some := continuum.NewAgeBands(continuum.UnderOne, continuum.EarlyYears)
	for _, p := range allAgeBands {
		assert.True(t, every.Has(p.v), "the unrestricted set has %s", p.v)
		want := p.v == continuum.UnderOne || p.v == continuum.EarlyYears
		assert.Equal(t, want, some.Has(p.v), "%s", p.v)
	}
	for _, bad := range []continuum.AgeBand{0, 7, 255} {
		assert.False(t, every.Has(bad), "an invalid band is in no set")
		assert.False(t, some.Has(bad), "an invalid band is in no set")
	}
}

func TestAgeBandsAllEarlyBreak(t *testing.T) {
	s := continuum.NewAgeBands(continuum.Unborn, continuum.SchoolAge, continuum.YoungAdult)
	var got []continuum.AgeBand
	for b := range s.All() {
		got = append(got, b)
		break
	}
	assert.Equal(t, []continuum.AgeBand{continuum.Unborn}, got)
}

func TestAgeBandsString(t *testing.T) {
	assert.Equal(t, "every age", continuum.AgeBands(0).String())
	assert.Equal(t, "0-1,1-4", continuum.NewAgeBands(continuum.EarlyYears, continuum.UnderOne).String())
}

func TestAgeBandsText(t *testing.T) {
	checkTextContract(t, textContract[continuum.AgeBands]{
		valid: []pair[continuum.AgeBands]{
			{continuum.NewAgeBands(continuum.Unborn), "unborn"},
			{continuum.NewAgeBands(continuum.UnderOne, continuum.EarlyYears), "0-1,1-4"},
			{continuum.NewAgeBands(continuum.Unborn, continuum.UnderOne, continuum.EarlyYears,
				continuum.SchoolAge, continuum.Adolescent, continuum.YoungAdult), "unborn,0-1,1-4,5-11,12-17,18-25"},
		},
		aliases: []alias[continuum.AgeBands]{
			{"1-4,0-1", continuum.NewAgeBands(continuum.UnderOne, continuum.EarlyYears), "any order"},
			{"0-1, 1-4", continuum.NewAgeBands(continuum.UnderOne, continuum.EarlyYears), "space after a comma"},
			{"0-1,0-1", continuum.NewAgeBands(continuum.UnderOne), "repeats count once"},
			{"UNBORN", continuum.NewAgeBands(continuum.Unborn), "case is ignored"},
		},
		invalid: []continuum.AgeBands{1, 0x80, 0xFF},
		bad: withCommonBad(
			badText{",", "empty tokens"},
			badText{"1-4,5-11,", "a trailing comma"},
			badText{",0-1", "a leading comma"},
			badText{"0-1;1-4", "semicolons do not separate"},
			badText{"every age", "String of the empty set is not a token"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.NewAgeBands(continuum.Adolescent),
	})
}

func TestAgeBandsJSON(t *testing.T) {
	type record struct {
		Ages continuum.AgeBands `json:"ages,omitzero"`
	}
	b, err := json.Marshal(record{continuum.NewAgeBands(continuum.SchoolAge, continuum.Adolescent)})
	require.NoError(t, err)
	assert.Equal(t, `{"ages":"5-11,12-17"}`, string(b))

	b, err = json.Marshal(record{})
	require.NoError(t, err)
	assert.Equal(t, `{}`, string(b), "every age is left out with omitzero")

	var r record
	require.NoError(t, json.Unmarshal([]byte(`{"ages":"18-25"}`), &r))
	assert.Equal(t, continuum.NewAgeBands(continuum.YoungAdult), r.Ages)
}

// Regression test (the bug is fixed): String of an AgeBands or CINFactors holding bits outside the type's range
// (AgeBands(0x80), CINFactors(1<<50)) returns "" — the same text as the empty
// CINFactors — because String drops AppendText's error. The house style says String
// never panics *and shows out-of-range values* (as Level(9) shows "level(9)").
// Expected: a text that shows the value is out of range; got "".
// Source: age.go AgeBands.String, factor.go CINFactors.String.
func TestSetStringShowsOutOfRange(t *testing.T) {
	assert.NotEqual(t, "", continuum.AgeBands(0x80).String(), "AgeBands(0x80)")
	assert.NotEqual(t, continuum.CINFactors(0).String(), continuum.CINFactors(1<<50).String(), "CINFactors(1<<50)")
}
