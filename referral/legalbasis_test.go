package referral_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
)

func TestLegalBases(t *testing.T) {
	var all []referral.LegalBasis
	for b := range referral.LegalBases() {
		all = append(all, b)
		assert.True(t, b.IsValid(), "%s", b)
		assert.NotEmpty(t, b.Label(), "%s has a label", b)
		assert.NotEqual(t, b.String(), b.Label(), "the label is words, not the token")
		back, err := referral.ParseLegalBasis(b.String())
		require.NoError(t, err)
		assert.Equal(t, b, back)
		text, err := b.AppendText([]byte("x:"))
		require.NoError(t, err)
		assert.Equal(t, "x:"+b.String(), string(text))
	}
	assert.Len(t, all, 6)
	for range referral.LegalBases() {
		break // early exit does not panic
	}
	var zero referral.LegalBasis
	assert.False(t, zero.IsValid())
	assert.Equal(t, "none-stated", zero.String())
	_, err := referral.ParseLegalBasis("section 47")
	assert.ErrorIs(t, err, continuum.ErrUnknownToken)
	assert.NotContains(t, err.Error(), "section 47", "errors do not echo the input")
}

func TestParsePolicyLegalBasis(t *testing.T) {
	basis := func(i int, b string, sources ...any) func(d map[string]any) {
		return func(d map[string]any) {
			r := polItem(d, "routing", i)
			if b != "" {
				r["legalBasis"] = b
			}
			if sources != nil {
				r["sources"] = sources
			}
		}
	}
	tests := []struct {
		name   string
		edit   func(d map[string]any)
		want   []string // "path rule", sorted; nil: parses
		reason string
	}{
		{"additional_family_help", basis(1, "family-help", "T1"), nil, "voluntary Family Help at additional"},
		{"intensive_section_17", basis(2, "section-17", "T1"), nil, "a child in need at intensive"},
		{"specialist_section_17", basis(3, "section-17", "T1"), nil, "a routine specialist referral may start under section 17"},
		{"same_day_section_47", basis(4, "section-47", "T1"), nil, "suspected significant harm: section 47"},
		{"immediate_pre_proceedings", basis(5, "pre-proceedings", "T1"), nil, "a court stage fits specialist"},
		{"universal_any", basis(0, "family-help", "T1"), []string{"routing[0].legalBasis invalid-legal-basis"},
			"universal services need no legal basis"},
		{"intensive_section_47", basis(2, "section-47", "T1"), []string{"routing[2].legalBasis invalid-legal-basis"},
			"section 47 is only for a specialist referral"},
		{"additional_section_31", basis(1, "section-31", "T1"), []string{"routing[1].legalBasis invalid-legal-basis"},
			"care proceedings are only specialist"},
		{"specialist_voluntary", basis(3, "voluntary-early-help", "T1"), []string{"routing[3].legalBasis invalid-legal-basis"},
			"voluntary help is not a specialist basis"},
		{"basis_without_sources", basis(1, "family-help"), []string{"routing[1].sources missing-citation"},
			"a stated legal basis cites a source"},
		{"sources_without_basis", basis(1, "", "T1"), []string{"routing[1].legalBasis missing-field"},
			"sources cite a basis that is stated"},
		{"basis_unknown_source", basis(1, "family-help", "T9"), []string{"routing[1].sources[0] unknown-source"},
			"the basis cites the register"},
		{"basis_unknown_token", basis(1, "section-99", "T1"), []string{"routing[1].legalBasis invalid-value"},
			"a legal basis is one of the tokens"},
		{"required_unless_risk_intensive", func(d map[string]any) { polItem(d, "consent", 2)["rule"] = "required-unless-risk" }, nil,
			"Kent's Front Door rule at Level 3"},
		{"required_unless_risk_additional", func(d map[string]any) { polItem(d, "consent", 1)["rule"] = "required-unless-risk" }, nil,
			"voluntary help at additional may use it too"},
		{"required_unless_risk_specialist", func(d map[string]any) { polItem(d, "consent", 3)["rule"] = "required-unless-risk" },
			[]string{"consent[3].rule invalid-consent"}, "a safeguarding referral never needs consent"},
		{"required_unless_risk_universal", func(d map[string]any) { polItem(d, "consent", 0)["rule"] = "required-unless-risk" },
			[]string{"consent[0].rule invalid-consent"}, "universal services have nothing to consent to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := referral.ParsePolicy(polEdit(t, tt.edit))
			if tt.want == nil {
				require.NoError(t, err, tt.reason)
				require.NotNil(t, p)
				return
			}
			assert.Nil(t, p, tt.reason)
			if tt.name != "basis_unknown_token" { // a decoding finding wraps the token error instead
				assert.ErrorIs(t, err, referral.ErrInvalidPolicy, tt.reason)
			}
			assert.Equal(t, tt.want, rtPathRules(rtFindings(t, err)), tt.reason)
		})
	}
}

// TestRouteLegalBasis: every builtin states the legal basis of each routing entry, and
// Route carries it with its sources.
func TestRouteLegalBasis(t *testing.T) {
	const (
		none = referral.LegalBasis(0)
		veh  = referral.VoluntaryEarlyHelp
		s17  = referral.Section17
		s47  = referral.Section47
	)
	type row struct {
		to      continuum.Level
		urgency continuum.Urgency
		want    referral.LegalBasis
	}
	want := map[string][]row{
		// Working Together 2023 base: early help is voluntary; a routine specialist
		// referral is assessed under section 17, suspected harm goes to section 47.
		"england": {{continuum.Universal, continuum.Routine, none}, {continuum.Additional, continuum.Routine, veh},
			{continuum.Intensive, continuum.Routine, veh}, {continuum.Specialist, continuum.Routine, s17},
			{continuum.Specialist, continuum.SameDay, s47}, {continuum.Specialist, continuum.Immediate, s47}},
		// Kent: Level 3 is the Early Help Units' voluntary support.
		"kent": {{continuum.Universal, continuum.Routine, none}, {continuum.Additional, continuum.Routine, veh},
			{continuum.Intensive, continuum.Routine, veh}, {continuum.Specialist, continuum.Routine, s17},
			{continuum.Specialist, continuum.SameDay, s47}, {continuum.Specialist, continuum.Immediate, s47}},
		// Durham: Level 3 is Child in Need, referred to First Contact.
		"durham": {{continuum.Universal, continuum.Routine, none}, {continuum.Additional, continuum.Routine, veh},
			{continuum.Intensive, continuum.Routine, s17}, {continuum.Specialist, continuum.Routine, s17},
			{continuum.Specialist, continuum.SameDay, s47}, {continuum.Specialist, continuum.Immediate, s47}},
	}
	caseFor := func(l continuum.Level, u continuum.Urgency) referral.Referral {
		r := referral.Referral{To: l, Consent: referral.Given, Received: rtReceived}
		switch {
		case u == continuum.Immediate:
			r.Case = rtDanger
		case u == continuum.SameDay:
			r.Case = rtHarm
		case l == continuum.Universal:
			r.Case = rtNoNeeds
		case l == continuum.Additional:
			r.Case = rtAdditional
		case l == continuum.Intensive:
			r.Case = rtMultiple
		default:
			r.Case = rtSpecialist
		}
		return r
	}
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			for _, w := range want[id] {
				b, cites := p.LegalBasis(w.to, w.urgency)
				assert.Equal(t, w.want, b, "%s at %s", w.to, w.urgency)
				assert.Equal(t, w.want.IsValid(), len(cites) > 0, "%s at %s: a stated basis has sources", w.to, w.urgency)

				got, err := p.Route(fw, caseFor(w.to, w.urgency))
				require.NoError(t, err, "%s at %s", w.to, w.urgency)
				assert.Equal(t, w.want, got.LegalBasis, "%s at %s", w.to, w.urgency)
				assert.Equal(t, cites, got.LegalBasisCitations, "%s at %s", w.to, w.urgency)
			}
			b, cites := p.LegalBasis(0, continuum.Routine)
			assert.Zero(t, b, "no level, no basis")
			assert.Empty(t, cites)
			b, _ = p.LegalBasis(continuum.Additional, 9)
			assert.Zero(t, b, "no urgency, no basis")
		})
	}

	t.Run("gated_lands_on_decided_level", func(t *testing.T) {
		// Kent's Front Door turns a Level 2 need away to the district conversation: the
		// legal basis is that of the route it lands on.
		p, fw := rtPair(t, "kent")
		got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtAdditional, Consent: referral.Given, Received: rtReceived})
		require.NoError(t, err)
		assert.Equal(t, "district-conversation", got.Route.ID)
		assert.Equal(t, referral.VoluntaryEarlyHelp, got.LegalBasis)
	})

	t.Run("copies", func(t *testing.T) {
		p, fw := rtPair(t, "england")
		got, err := p.Route(fw, caseFor(continuum.Specialist, continuum.SameDay))
		require.NoError(t, err)
		require.NotEmpty(t, got.LegalBasisCitations)
		got.LegalBasisCitations[0].Title = "changed"
		_, cites := p.LegalBasis(continuum.Specialist, continuum.SameDay)
		assert.NotEqual(t, "changed", cites[0].Title, "the Routing shares no memory with the policy")
	})
}

// TestRouteRequiredUnlessRisk: Kent's Front Door seeks consent for a Level 3 request
// unless asking may itself put the child at risk of significant harm (KELSI).
func TestRouteRequiredUnlessRisk(t *testing.T) {
	p, fw := rtPair(t, "kent")
	rule, note := p.ConsentRule(continuum.Intensive)
	require.Equal(t, referral.RequiredUnlessRisk, rule)
	assert.NotEmpty(t, note)
	tests := []struct {
		name    string
		consent referral.Consent
		err     []string
		query   []string
		reason  string
	}{
		{"given", referral.Given, nil, nil, "agreement given: the request goes ahead"},
		{"not_sought", referral.NotSought, nil, []string{"consent consent-not-sought"},
			"not asked because asking may put the child at risk: it goes ahead, queried"},
		{"refused", referral.Refused, []string{"consent consent-required"}, nil, "Level 3 is voluntary: a refusal stops it"},
		{"not_recorded", 0, []string{"consent consent-required"}, nil, "nothing recorded is not agreement"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Route(fw, referral.Referral{To: continuum.Intensive, Case: rtMultiple, Consent: tt.consent, Received: rtReceived})
			if tt.err != nil {
				fs := rtFindings(t, err)
				assert.Equal(t, tt.err, rtPathRules(fs), tt.reason)
				assert.ErrorIs(t, err, referral.ErrInvalidReferral)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, referral.RequiredUnlessRisk, got.Consent)
			assert.Equal(t, "front-door", got.Route.ID)
			if tt.query == nil {
				assert.Empty(t, got.Queries, tt.reason)
				return
			}
			assert.Equal(t, tt.query, rtPathRules(got.Queries), tt.reason)
			assert.False(t, got.Queries.HasErrors(), "a query never blocks")
		})
	}
}
