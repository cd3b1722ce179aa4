package continuum_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// cinCodes is the DfE CIN census assessment-factor list valid from 2022 to 2023, in
// census order, written out by hand.
var cinCodes = []string{
	"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C",
	"4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
	"7A", "8B", "8C", "8D", "8E", "8F", "9A",
	"10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
	"18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A",
}

// allCINFactors returns every valid factor, counting up from 1 while IsValid holds.
func allCINFactors(t *testing.T) []continuum.CINFactor {
	t.Helper()
	var fs []continuum.CINFactor
	for f := continuum.CINFactor(1); f.IsValid(); f++ {
		fs = append(fs, f)
	}
	return fs
}

func TestCINFactorList(t *testing.T) {
	fs := allCINFactors(t)
	require.Len(t, fs, len(cinCodes), "42 current factor codes")
	labels := map[string]bool{}
	for i, f := range fs {
		t.Run(cinCodes[i], func(t *testing.T) {
			assert.Equal(t, cinCodes[i], f.String())
			got, err := continuum.ParseCINFactor(cinCodes[i])
			require.NoError(t, err)
			assert.Equal(t, f, got)
			got, err = continuum.ParseCINFactor(strings.ToLower(cinCodes[i]))
			require.NoError(t, err, "case is ignored")
			assert.Equal(t, f, got)

			label := f.Label()
			assert.NotEmpty(t, label, "every factor has a label")
			assert.False(t, labels[label], "labels are distinct: %q", label)
			labels[label] = true
		})
	}
}

func TestCINFactorLabels(t *testing.T) {
	tests := []struct {
		code  string
		label string
	}{
		{"1A", "Alcohol misuse: child"},
		{"3A", "Domestic abuse: child subject"},
		{"7A", "Young carer"},
		{"9A", "Unaccompanied asylum-seeking child"},
		{"10A", "Going or being missing"},
		{"16A", "Neglect"},
		{"17A", "Emotional abuse"},
		{"18C", "Physical abuse: adult on child"},
		{"19C", "Sexual abuse: adult on child"},
		{"20", "Other"},
		{"21", "No factors identified"},
		{"22A", "Female genital mutilation"},
		{"23A", "Abuse linked to faith or belief"},
		{"24A", "Child criminal exploitation"},
	}
	for _, tt := range tests {
		t.Run("code_"+tt.code, func(t *testing.T) {
			f, err := continuum.ParseCINFactor(tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.label, f.Label())
		})
	}
}

func TestCINFactorInvalid(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason string
	}{
		{"legacy_18A", "18A", "legacy code, replaced by 18B/18C"},
		{"legacy_19A", "19A", "legacy code, replaced by 19B/19C"},
		{"legacy_8A", "8A", "pre-2018 privately-fostered code"},
		{"empty", "", "the empty string is not a code"},
		{"number_only", "16", "the letter is part of the code"},
		{"space", "16A ", "white space is not trimmed"},
		{"next", "25A", "not on the list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := continuum.ParseCINFactor(tt.in)
			require.Error(t, err, tt.reason)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken, tt.reason)
			assert.Zero(t, got)
		})
	}

	for _, f := range []continuum.CINFactor{0, 43, 255} {
		assert.False(t, f.IsValid())
		assert.Equal(t, "", f.Label())
	}
	assert.Equal(t, "no-cin-factor", continuum.CINFactor(0).String())
	assert.Equal(t, "CIN factor(43)", continuum.CINFactor(43).String())
}

func TestCINFactorText(t *testing.T) {
	c := textContract[continuum.CINFactor]{
		aliases: []alias[continuum.CINFactor]{
			{"16a", mustFactor(t, "16A"), "case is ignored"},
		},
		invalid: []continuum.CINFactor{43, 255},
		bad: withCommonBad(
			badText{"18A", "Legacy"},
			badText{"neglect", "The label is not the token"},
			badText{"16A,17A", "a set is not a factor"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: mustFactor(t, "21"),
	}
	for i, f := range allCINFactors(t) {
		c.valid = append(c.valid, pair[continuum.CINFactor]{f, cinCodes[i]})
	}
	checkTextContract(t, c)
}

func mustFactor(t *testing.T, s string) continuum.CINFactor {
	t.Helper()
	f, err := continuum.ParseCINFactor(s)
	require.NoError(t, err)
	return f
}

func TestCINFactors(t *testing.T) {
	neglect := mustFactor(t, "16A")
	alcohol := mustFactor(t, "1A")
	cce := mustFactor(t, "24A")

	s := continuum.NewCINFactors(cce, neglect, alcohol, neglect, 0, 43)
	assert.Equal(t, 3, s.Len(), "duplicates and invalid factors are not counted")
	assert.True(t, s.Has(neglect))
	assert.True(t, s.Has(cce))
	assert.False(t, s.Has(mustFactor(t, "2A")))
	assert.False(t, s.Has(0))
	assert.False(t, s.Has(43))

	got := slices.Collect(s.All())
	want := []continuum.CINFactor{alcohol, neglect, cce}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("All() (-want +got):\n%s", diff)
	}
	assert.Equal(t, "1A,16A,24A", s.String())

	var first []continuum.CINFactor
	for f := range s.All() {
		first = append(first, f)
		break
	}
	assert.Equal(t, []continuum.CINFactor{alcohol}, first, "All stops when asked")

	var empty continuum.CINFactors
	assert.Equal(t, 0, empty.Len())
	assert.Equal(t, "", empty.String())
	assert.Empty(t, slices.Collect(empty.All()))

	all := continuum.NewCINFactors(allCINFactors(t)...)
	assert.Equal(t, len(cinCodes), all.Len())
	assert.Equal(t, strings.Join(cinCodes, ","), all.String())
}

func TestCINFactorsText(t *testing.T) {
	checkTextContract(t, textContract[continuum.CINFactors]{
		valid: []pair[continuum.CINFactors]{
			{continuum.NewCINFactors(mustFactor(t, "16A")), "16A"},
			{continuum.NewCINFactors(mustFactor(t, "1A"), mustFactor(t, "24A")), "1A,24A"},
			{continuum.NewCINFactors(mustFactor(t, "20"), mustFactor(t, "21")), "20,21"},
		},
		aliases: []alias[continuum.CINFactors]{
			{"24A,1A", continuum.NewCINFactors(mustFactor(t, "1A"), mustFactor(t, "24A")), "any order"},
			{"1a, 24a", continuum.NewCINFactors(mustFactor(t, "1A"), mustFactor(t, "24A")), "case and spaces after commas"},
			{"16A,16A", continuum.NewCINFactors(mustFactor(t, "16A")), "repeats count once"},
		},
		invalid: []continuum.CINFactors{1, 1 << 43, 1 << 63},
		bad: withCommonBad(
			badText{",", "empty tokens"},
			badText{"16A,", "a trailing comma"},
			badText{"16A,18A", "a legacy code in the list"},
			badText{"16A 17A", "spaces do not separate"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.NewCINFactors(mustFactor(t, "7A")),
	})
}
