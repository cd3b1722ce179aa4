package main

import (
	"time"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// asAt is the day whose builtin versions the journeys are walked under. The journeys are
// dated from July 2024 to March 2026, before England's Working Together 2026 version
// took over on 18 March 2026, so England's steps are all under its 2023 version.
var asAt = time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC)

// builtinsAsAt returns the builtin framework and policy id in force on asAt.
func builtinsAsAt(id string) (*thresholds.Framework, *referral.Policy, error) {
	fw, err := thresholds.BuiltinOn(id, asAt)
	if err != nil {
		return nil, nil, err
	}
	pol, err := referral.BuiltinPolicyOn(id, asAt)
	if err != nil {
		return nil, nil, err
	}
	return fw, pol, nil
}
