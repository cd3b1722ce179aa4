package referral_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
)

// TestConformance runs the language-neutral referral conformance cases under
// referraltest.Conformance() against the builtin policies and frameworks.
func TestConformance(t *testing.T) {
	cases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(cases), 40, "the issue asks for at least 40 referral cases")

	perPolicy := make(map[string]int)
	kinds := make(map[referral.TransitionKind]int)
	consents := make(map[referral.Consent]int)
	for _, c := range cases {
		perPolicy[c.Policy]++
		kinds[c.Want.Kind]++
		consents[c.Consent]++
		prefix, _, ok := strings.Cut(c.Name, "/")
		assert.True(t, ok && prefix == c.Policy, "case %q is named <policy>/<what> for policy %q", c.Name, c.Policy)
		assert.NotEmpty(t, c.Reason, "case %q says what it covers", c.Name)
		if len(c.Want.Errors) == 0 {
			assert.Equal(t, referral.Transition{From: c.From, To: c.To}.Kind(), c.Want.Kind,
				"case %q wants the kind its levels give", c.Name)
		}
	}
	for p := range referral.BuiltinPolicies() {
		assert.Positive(t, perPolicy[p.ID()], "builtin policy %s has cases", p.ID())
	}
	for _, k := range []referral.TransitionKind{referral.Entry, referral.StepUp, referral.StepDown, referral.Escalation, referral.Closure} {
		assert.Positive(t, kinds[k], "transition kind %s appears in a case", k)
	}
	for _, c := range []referral.Consent{0, referral.Given, referral.Refused, referral.NotSought} {
		assert.Positive(t, consents[c], "consent %s appears in a case", c)
	}

	referraltest.RunCasesOn(t, cases, referraltest.BuiltinsOn)
}
