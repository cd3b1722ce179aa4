package referral

import (
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// inForce reports, as not-in-force findings at "received", a day outside the
// framework's or the policy's effective period.
func (p *Policy) inForce(fw *thresholds.Framework, received time.Time) continuum.Findings {
	var fs continuum.Findings
	if fw != nil && !fw.InForce(received) {
		fs = fs.Add("received", RuleNotInForce, continuum.Error, ErrNotInForce,
			"the framework is not in force on the London day the referral was received")
	}
	if !p.InForce(received) {
		fs = fs.Add("received", RuleNotInForce, continuum.Error, ErrNotInForce,
			"the policy is not in force on the London day the referral was received")
	}
	return fs
}
