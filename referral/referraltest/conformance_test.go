package referraltest_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// A synthetic council overlay of the England base, framework and policy. The framework
// adds one local need. The policy renames the front door (which excuses nothing),
// sends additional needs to a family hub with its own timescale, and no longer allows
// closure straight from specialist.
const (
	overlayFramework = `{
  "id": "testshire", "title": "Testshire thresholds (synthetic)", "publisher": "rightsupport/needs tests",
  "version": "1.0.0", "effectiveFrom": "2024-01-01", "extends": "england@1.0.0",
  "sources": [ { "id": "TST-S01", "title": "Testshire guidance (synthetic)", "url": "https://example.org/testshire" } ],
  "indicators": [
    { "code": "TST-EDU-2-01", "level": "additional", "dimension": "EDU", "kind": "need",
      "summary": "A synthetic local additional need about education.", "sources": ["TST-S01"] }
  ]
}`
	overlayPolicy = `{
  "id": "testshire", "framework": "testshire", "title": "Testshire referral policy (synthetic)",
  "publisher": "rightsupport/needs tests", "version": "1.0.0", "effectiveFrom": "2024-01-01",
  "extends": "england@1.0.0",
  "sources": [ { "id": "TST-P01", "title": "Testshire front door (synthetic)", "url": "https://example.org/testshire/front-door" } ],
  "routes": [
    { "id": "childrens-social-care", "name": "Testshire Front Door", "how": "Synthetic: use the portal.",
      "timescale": "referral-decision", "sources": ["TST-P01"] },
    { "id": "family-hub", "name": "Testshire family hub", "how": "Synthetic: ask the hub.",
      "timescale": "hub-contact", "sources": ["TST-P01"] }
  ],
  "routing": [ { "level": "additional", "urgency": "routine", "route": "family-hub" } ],
  "timescales": [ { "id": "hub-contact", "name": "Hub contact", "clockStarts": "request received",
      "amount": 5, "unit": "working-days", "basis": "local", "sources": ["TST-P01"] } ],
  "remove": { "transitions": [ { "from": "specialist", "to": "universal" } ] }
}`
)

func parseOverlay(t *testing.T) (*referral.Policy, *thresholds.Framework) {
	t.Helper()
	fw, err := thresholds.Parse([]byte(overlayFramework))
	require.NoError(t, err)
	p, err := referral.ParsePolicy([]byte(overlayPolicy))
	require.NoError(t, err)
	return p, fw
}

func shippedCase(t *testing.T, name string) referraltest.Case {
	t.Helper()
	cases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	require.NoError(t, err)
	for _, c := range cases {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no shipped case %s", name)
	return referraltest.Case{}
}

func TestApplies(t *testing.T) {
	p, fw := parseOverlay(t)
	tests := []struct {
		name    string
		reason  string
		applies bool
		skip    string // a fragment of the reason; "" when the case runs
	}{
		{"england/specialist-consent-given", "nothing it uses changed; the renamed front door keeps its id", true, ""},
		{"england/escalation-immediate-danger", "999 then the front door, as in england", true, ""},
		{"england/harm-below-specialist", "blocked the same way", true, ""},
		{"england/missing-received", "no day received: the period rule does not apply", true, ""},
		{"england/not-in-force-day-before", "neither the base nor the overlay is in force: the case runs", true, ""},
		{"england/in-force-first-day", "the base is in force, the overlay not yet", true, "in force"},
		{"england/entry-additional", "additional needs go to the family hub", true, "another route"},
		{"england/unknown-indicator", "ZZ-99 is unknown to both", true, ""},
		{"england/derived-framework", "the overlay framework does not derive from kent", false, ""},
		{"kent/ve-day-2020", "the overlay policy does not derive from kent", false, ""},
		{"kent/framework-mismatch", "a kent case: not for this overlay", false, ""},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, "/", "_"), func(t *testing.T) {
			applies, skip := referraltest.Applies(p, fw, shippedCase(t, tt.name))
			assert.Equal(t, tt.applies, applies, tt.reason)
			if tt.skip == "" {
				assert.Empty(t, skip, tt.reason)
			} else {
				assert.Contains(t, skip, tt.skip, tt.reason)
			}
		})
	}
}

// TestAppliesPolicyRules covers rule 4 case by case with synthetic cases on the overlay.
func TestAppliesPolicyRules(t *testing.T) {
	p, fw := parseOverlay(t)
	closure := shippedCase(t, "england/closure-additional-to-universal")
	applies, skip := referraltest.Applies(p, fw, closure)
	assert.True(t, applies)
	assert.Empty(t, skip, "closure from additional is still allowed and routed the same")

	fromSpecialist := closure
	fromSpecialist.From = 4 // specialist
	applies, skip = referraltest.Applies(p, fw, fromSpecialist)
	assert.True(t, applies)
	assert.Contains(t, skip, "closure is allowed", "the overlay removed closure from specialist")

	kentPol, kentFW := builtins(t, "kent")
	applies, skip = referraltest.Applies(kentPol, kentFW, shippedCase(t, "kent/framework-mismatch"))
	assert.True(t, applies)
	assert.Contains(t, skip, "does not go with", "kent's own policy and framework go together: the mismatch cannot be reproduced")

	local := shippedCase(t, "england/unknown-indicator")
	local.Indicators[0] = mustCode(t, "TST-EDU-2-01")
	_, skip = referraltest.Applies(p, fw, local)
	assert.Contains(t, skip, "(added)", "the overlay framework defines the code")
	assert.NotContains(t, skip, "TST-", "the reason names no code")
}

// TestAppliesSingleChanges covers the exemptions of rule 4 that the synthetic overlay
// above does not reach, one at a time: each row is an overlay of england@1.0.0 (with the
// testshire framework, as above) that changes one rule a shipped case uses, and Applies
// must excuse that case with a reason naming the rule. Under the same overlay with no
// change the case runs, so the reason comes from the change.
func TestAppliesSingleChanges(t *testing.T) {
	_, fw := parseOverlay(t)
	overlay := func(t *testing.T, change string) *referral.Policy {
		t.Helper()
		doc := `{
  "id": "testshire", "framework": "testshire", "title": "Testshire referral policy (synthetic)",
  "publisher": "rightsupport/needs tests", "version": "1.0.0", "effectiveFrom": "2024-01-01",
  "extends": "england@1.0.0",
  "sources": [ { "id": "TST-P01", "title": "Testshire front door (synthetic)", "url": "https://example.org/testshire/front-door" } ]` + change + `
}`
		p, err := referral.ParsePolicy([]byte(doc))
		require.NoError(t, err)
		return p
	}
	unchanged := overlay(t, "")
	tests := []struct {
		name   string
		change string // the overlay's one change, as document members after the sources
		cased  string // the shipped case it touches
		skip   string // a fragment of the reason
	}{
		{"consent_rule", `,
  "consent": [ { "level": "intensive", "rule": "required-unless-risk", "sources": ["TST-P01"] } ]`,
			"england/step-up-additional-to-intensive", "another consent rule"},
		{"timescale", `,
  "timescales": [ { "id": "referral-decision", "name": "Decision on a referral", "clockStarts": "referral received",
      "amount": 2, "unit": "working-days", "basis": "statutory", "sources": ["TST-P01"] } ]`,
			"england/specialist-consent-given", "another timescale"},
		{"office_hours", `,
  "routes": [ { "id": "childrens-social-care", "name": "Testshire Front Door", "how": "Synthetic: use the portal.",
      "timescale": "referral-decision", "sources": ["TST-P01"],
      "hours": [ { "days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "open": "12:00", "close": "17:00",
                   "sources": ["TST-P01"] } ] } ]`,
			"england/escalation-significant-harm", "other office hours"},
		{"legal_basis", `,
  "routing": [ { "level": "specialist", "urgency": "routine", "route": "childrens-social-care",
      "legalBasis": "section-47", "sources": ["TST-P01"] } ]`,
			"england/specialist-consent-given", "another legal basis"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := shippedCase(t, tt.cased)
			applies, skip := referraltest.Applies(unchanged, fw, c)
			require.True(t, applies)
			require.Empty(t, skip, "with no change the case runs")

			applies, skip = referraltest.Applies(overlay(t, tt.change), fw, c)
			assert.True(t, applies)
			assert.Contains(t, skip, tt.skip)
		})
	}
}

func TestRunConformanceOverlay(t *testing.T) {
	p, fw := parseOverlay(t)
	var cov thresholdstest.Coverage
	t.Run("cases", func(t *testing.T) { cov = referraltest.RunConformance(t, p, fw) })
	assert.Positive(t, cov.Run)
	assert.Positive(t, cov.Skipped)
	assert.Positive(t, cov.Other, "kent's and durham's cases do not apply")
}

func TestRunConformanceBuiltins(t *testing.T) {
	cases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	require.NoError(t, err)
	for p := range referral.BuiltinPolicyVersions() {
		t.Run(p.ID()+"@"+p.Version(), func(t *testing.T) {
			fw, err := thresholds.BuiltinOn(p.FrameworkID(), p.EffectiveFrom())
			require.NoError(t, err)
			cov := referraltest.RunConformance(t, p, fw)
			assert.Positive(t, cov.Run)
			// Cases received outside this version's period are about another version
			// (England 2023 or 2026), so they are excused; so is at most one case
			// that pairs the policy with another framework.
			outside := 0
			for _, c := range cases {
				if c.Policy == p.ID() && !c.Received.IsZero() && !p.InForce(c.Received) {
					outside++
				}
			}
			assert.LessOrEqual(t, cov.Skipped, outside+1, "a builtin is excused only from another version's cases and a case that pairs it with another framework")
		})
	}
}

// logRecorder records failures and log lines.
type logRecorder struct {
	recorder
	logs []string
}

func (r *logRecorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

func TestRunConformanceFailures(t *testing.T) {
	p, fw := parseOverlay(t)
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)

	r := &logRecorder{}
	referraltest.RunConformance(r, p, kent)
	require.Len(t, r.errors, 1, "a framework that does not derive from the policy's fails at once")
	assert.Contains(t, r.errors[0], "does not derive")

	r = &logRecorder{}
	referraltest.RunConformance(r, nil, fw)
	require.Len(t, r.errors, 1)

	broken := fstest.MapFS{"a.json": {Data: []byte(`{"description": "d", "cases": [
	  {"name": "england/broken", "reason": "a deadline the calendar does not give", "policy": "england", "framework": "england",
	   "from": "", "to": "specialist", "indicators": ["SH-01"], "consent": "given", "received": "2024-01-10T10:00:00Z",
	   "want": {"level": "specialist", "urgency": "same-day", "rules": ["significant-harm"], "kind": "entry",
	            "route": "childrens-social-care", "decideBy": "2024-01-12T10:00:00Z"}},
	  {"name": "england/hub", "reason": "additional needs", "policy": "england", "framework": "england",
	   "from": "", "to": "additional", "indicators": ["EDU-2-01"], "consent": "given", "received": "2024-01-10T10:00:00Z",
	   "want": {"level": "additional", "urgency": "routine", "rules": ["highest-need"], "kind": "entry",
	            "route": "early-help", "decideBy": "2024-01-11T10:00:00Z"}}
	]}`)}}
	r = &logRecorder{}
	cov := referraltest.RunConformanceOf(r, p, fw, broken)
	assert.Equal(t, thresholdstest.Coverage{Run: 1, Skipped: 1}, cov)
	require.Len(t, r.errors, 1, "the case that runs and does not hold fails")
	assert.Contains(t, r.errors[0], "england/broken")
	require.Len(t, r.logs, 2)
	assert.Contains(t, r.logs[0], "england/hub skipped: ")
	assert.Contains(t, r.logs[1], "1 cases run, 1 skipped")
}

func mustCode(t *testing.T, s string) continuum.Code {
	t.Helper()
	c, err := continuum.ParseCode(s)
	require.NoError(t, err)
	return c
}
