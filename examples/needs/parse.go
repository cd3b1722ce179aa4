package main

import (
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// parseFramework parses the document asked for, its extends resolved among the -with
// documents and the builtins.
// TODO(issue9): resolve among d.with with thresholds.ParseAll once it lands.
func parseFramework(d documents) (*thresholds.Framework, error) {
	return thresholds.Parse(d.main)
}

// parsePolicy parses the policy asked for, its extends resolved among the -with
// documents and the builtins.
// TODO(issue9): resolve among d.with with referral's ParseAll once it lands.
func parsePolicy(d documents) (*referral.Policy, error) {
	return referral.ParsePolicy(d.main)
}
