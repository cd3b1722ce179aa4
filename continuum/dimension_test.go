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

// dimensionTable is the Assessment Framework triangle as the package should have it,
// written out by hand.
var dimensionTable = []struct {
	d      continuum.Dimension
	code   string
	name   string
	domain continuum.Domain
}{
	{continuum.Health, "HLT", "Health", continuum.ChildDevelopment},
	{continuum.Education, "EDU", "Education and learning", continuum.ChildDevelopment},
	{continuum.EmotionalBehavioural, "EBD", "Emotional and behavioural development", continuum.ChildDevelopment},
	{continuum.Identity, "IDN", "Identity", continuum.ChildDevelopment},
	{continuum.FamilySocialRelationships, "FSR", "Family and social relationships", continuum.ChildDevelopment},
	{continuum.SocialPresentation, "SPR", "Social presentation", continuum.ChildDevelopment},
	{continuum.SelfCareSkills, "SCS", "Self-care skills", continuum.ChildDevelopment},

	{continuum.BasicCare, "BCA", "Basic care", continuum.ParentingCapacity},
	{continuum.EnsuringSafety, "SAF", "Ensuring safety", continuum.ParentingCapacity},
	{continuum.EmotionalWarmth, "EMW", "Emotional warmth", continuum.ParentingCapacity},
	{continuum.Stimulation, "STM", "Stimulation", continuum.ParentingCapacity},
	{continuum.GuidanceBoundaries, "GBD", "Guidance and boundaries", continuum.ParentingCapacity},
	{continuum.Stability, "STB", "Stability", continuum.ParentingCapacity},

	{continuum.FamilyHistoryFunctioning, "FHF", "Family history and functioning", continuum.FamilyEnvironment},
	{continuum.WiderFamily, "WFM", "Wider family", continuum.FamilyEnvironment},
	{continuum.Housing, "HSG", "Housing", continuum.FamilyEnvironment},
	{continuum.Employment, "EMP", "Employment", continuum.FamilyEnvironment},
	{continuum.Income, "INC", "Income", continuum.FamilyEnvironment},
	{continuum.SocialIntegration, "SOC", "Family's social integration", continuum.FamilyEnvironment},
	{continuum.CommunityResources, "COM", "Community resources", continuum.FamilyEnvironment},
}

func TestDimensionTable(t *testing.T) {
	require.Len(t, dimensionTable, continuum.NumDimensions)
	for _, tt := range dimensionTable {
		t.Run(tt.code, func(t *testing.T) {
			assert.True(t, tt.d.IsValid())
			assert.Equal(t, tt.code, tt.d.Code())
			assert.Equal(t, tt.code, tt.d.String())
			assert.Equal(t, tt.name, tt.d.Label())
			assert.Equal(t, tt.domain, tt.d.Domain())

			for _, in := range []string{tt.code, strings.ToLower(tt.code), strings.ToLower(tt.code[:1]) + tt.code[1:]} {
				got, err := continuum.ParseDimension(in)
				require.NoError(t, err, "ParseDimension(%q)", in)
				assert.Equal(t, tt.d, got, "ParseDimension(%q)", in)
			}
		})
	}
}

func TestDimensionsPerDomain(t *testing.T) {
	count := map[continuum.Domain]int{}
	for d := range continuum.Dimensions() {
		count[d.Domain()]++
	}
	want := map[continuum.Domain]int{
		continuum.ChildDevelopment:  7,
		continuum.ParentingCapacity: 6,
		continuum.FamilyEnvironment: 7,
	}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("dimensions per domain (-want +got):\n%s", diff)
	}
}

func TestDimensions(t *testing.T) {
	t.Run("order", func(t *testing.T) {
		got := slices.Collect(continuum.Dimensions())
		want := make([]continuum.Dimension, len(dimensionTable))
		for i, row := range dimensionTable {
			want[i] = row.d
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Dimensions() (-want +got):\n%s", diff)
		}
	})
	t.Run("early_break", func(t *testing.T) {
		n := 0
		for d := range continuum.Dimensions() {
			n++
			if d == continuum.Identity {
				break
			}
		}
		assert.Equal(t, 4, n)
	})
	t.Run("codes_unique", func(t *testing.T) {
		seen := map[string]bool{}
		for d := range continuum.Dimensions() {
			assert.False(t, seen[d.Code()], "duplicate code %s", d.Code())
			seen[d.Code()] = true
			assert.Len(t, d.Code(), 3)
		}
	})
}

func TestDimensionInvalid(t *testing.T) {
	tests := []struct {
		name string
		d    continuum.Dimension
		str  string
	}{
		{"zero", 0, "no-dimension"},
		{"twenty_one", 21, "dimension(21)"},
		{"max", 255, "dimension(255)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.False(t, tt.d.IsValid())
			assert.Equal(t, tt.str, tt.d.String())
			assert.Equal(t, "", tt.d.Code())
			assert.Equal(t, "", tt.d.Label())
			assert.Equal(t, continuum.Domain(0), tt.d.Domain())
		})
	}
}

func TestParseDimensionErrors(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		reason string
	}{
		{"empty", "", "the empty string is not a code"},
		{"short", "HL", "a prefix"},
		{"long", "HLTX", "too long"},
		{"unknown", "XYZ", "not a dimension"},
		{"space", "HLT ", "white space is not trimmed"},
		{"name", "health", "the name is not the token"},
		{"domain", "CDN", "a domain is not a dimension"},
		{"number", "1", "dimensions have no numbers"},
		{"zero_string", "no-dimension", "zero's String is not a token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := continuum.ParseDimension(tt.in)
			require.Error(t, err, tt.reason)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken, tt.reason)
			assert.Zero(t, got)
		})
	}
}

func TestDimensionText(t *testing.T) {
	c := textContract[continuum.Dimension]{
		aliases: []alias[continuum.Dimension]{
			{"hlt", continuum.Health, "case is ignored"},
			{"Com", continuum.CommunityResources, "case is ignored"},
		},
		invalid: []continuum.Dimension{21, 255},
		bad: withCommonBad(
			badText{"HLT-2", "a code prefix is not a dimension"},
			badText{"basic care", "the name is not the token"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.Housing,
	}
	for _, row := range dimensionTable {
		c.valid = append(c.valid, pair[continuum.Dimension]{row.d, row.code})
	}
	checkTextContract(t, c)
}

func TestDomain(t *testing.T) {
	tests := []struct {
		name    string
		d       continuum.Domain
		str     string
		display string
		valid   bool
	}{
		{"zero", 0, "no-domain", "", false},
		{"child_development", continuum.ChildDevelopment, "CDN", "Child's developmental needs", true},
		{"parenting_capacity", continuum.ParentingCapacity, "PAR", "Parenting capacity", true},
		{"family_environment", continuum.FamilyEnvironment, "FEF", "Family and environmental factors", true},
		{"out_of_range", 4, "domain(4)", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.d.String())
			assert.Equal(t, tt.display, tt.d.Label())
			assert.Equal(t, tt.valid, tt.d.IsValid())
			if tt.valid {
				for _, in := range []string{tt.str, strings.ToLower(tt.str)} {
					got, err := continuum.ParseDomain(in)
					require.NoError(t, err)
					assert.Equal(t, tt.d, got)
				}
			}
		})
	}
}

func TestDomainText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Domain]{
		valid: []pair[continuum.Domain]{
			{continuum.ChildDevelopment, "CDN"},
			{continuum.ParentingCapacity, "PAR"},
			{continuum.FamilyEnvironment, "FEF"},
		},
		aliases: []alias[continuum.Domain]{
			{"cdn", continuum.ChildDevelopment, "case is ignored"},
			{"Fef", continuum.FamilyEnvironment, "case is ignored"},
		},
		invalid: []continuum.Domain{4, 255},
		bad: withCommonBad(
			badText{"HLT", "a dimension is not a domain"},
			badText{"parenting capacity", "the name is not the token"},
			badText{"1", "domains have no numbers"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.ParentingCapacity,
	})
}

func TestIndicatorDomain(t *testing.T) {
	in := continuum.Indicator{
		Code:      continuum.MustParseCode("HSG-2-01"),
		Level:     continuum.Additional,
		Dimension: continuum.Housing,
		Kind:      continuum.Need,
		Citations: []continuum.Citation{{Source: "S01"}},
	}
	assert.Equal(t, continuum.FamilyEnvironment, in.Domain())
	assert.Equal(t, continuum.Domain(0), continuum.Indicator{}.Domain(), "the zero Indicator has no domain")

	clone := in.Clone()
	clone.Citations[0].Source = "S99"
	assert.Equal(t, "S01", in.Citations[0].Source, "Clone shares no memory")
}

func TestCitationString(t *testing.T) {
	tests := []struct {
		name string
		c    continuum.Citation
		want string
	}{
		{"zero", continuum.Citation{}, ""},
		{"source_only", continuum.Citation{Source: "S04"}, "S04"},
		{"title_only", continuum.Citation{Source: "S04", Title: "Working Together"}, "Working Together"},
		{"title_and_url", continuum.Citation{Source: "S04", Title: "Working Together", URL: "https://example.org/wt"}, "Working Together <https://example.org/wt>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.c.String())
		})
	}
}
