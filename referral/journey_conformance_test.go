package referral_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
)

// TestJourneyConformance runs the language-neutral journey conformance cases,
// referraltest.Conformance() under journeys/, against the builtin policies and frameworks.
func TestJourneyConformance(t *testing.T) {
	cases, err := referraltest.LoadJourneyCases(referraltest.Conformance(), "journeys/*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(cases), 25, "the issue asks for at least 25 journey cases")

	rules := make(map[string]int)
	perPolicy := make(map[string]int)
	for _, c := range cases {
		perPolicy[c.Policy]++
		prefix, _, ok := strings.Cut(c.Name, "/")
		assert.True(t, ok && prefix == c.Policy, "case %q is named <policy>/<what> for policy %q", c.Name, c.Policy)
		assert.NotEmpty(t, c.Reason, "case %q says what it covers", c.Name)
		assert.Len(t, c.Want.Steps, len(c.Steps), "case %q wants one outcome per step", c.Name)
		for _, f := range c.Want.History {
			rules[f.Rule]++
		}
		for _, s := range c.Want.Steps {
			for _, f := range s.Findings {
				rules[f.Rule]++
			}
		}
	}
	for p := range referral.BuiltinPolicies() {
		assert.Positive(t, perPolicy[p.ID()], "builtin policy %s has journey cases", p.ID())
	}
	for _, r := range []string{
		referral.RuleReReferral, referral.RuleFromDisagrees, referral.RuleDecisionLate,
		referral.RuleDecidedBeforeReceived, referral.RuleJourneyOrder, referral.RuleHistoryBlocks,
		referral.RuleNoEarlyHelpOffer, referral.RuleClosureWithoutAssessment, referral.RuleNoFactorsClosure,
		referral.RuleClosureReasonMissing, referral.RuleClosureNotAllowed, referral.RuleReferralSourceMissing,
		referral.RuleOverlappingEpisodes, referral.RuleClosedBeforeReferred, referral.RuleClosureReasonWithoutDate,
		referral.RuleClosureDateWithoutReason, referral.RuleClosureReasonNotCensus, referral.RuleAssessedBeforeReferral,
	} {
		assert.Positive(t, rules[r], "rule %s appears in a journey case", r)
	}

	referraltest.RunJourneyCasesOn(t, cases, referraltest.BuiltinsOn)
}
