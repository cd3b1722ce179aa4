package referraltest

import (
	"errors"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// builtinsOn returns the builtin policy and framework versions in force on the day a
// case was received, as the module's own conformance test runs it; the newest versions
// when none is.
func builtinsOn(c Case) (*referral.Policy, *thresholds.Framework, error) {
	p, perr := referral.BuiltinPolicyOn(c.Policy, c.Received)
	f, ferr := thresholds.BuiltinOn(c.Framework, c.Received)
	if err := errors.Join(perr, ferr); err != nil {
		return Builtins(c.Policy, c.Framework)
	}
	return p, f, nil
}
