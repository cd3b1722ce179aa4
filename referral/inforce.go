package referral

import (
	"github.com/rightsupport/needs/continuum/document"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// inForce reports, as not-in-force findings at "received", a day outside the
// framework's or the policy's effective period. received is the London day number
// (londonday.go); the checks are [thresholds.Framework.InForce] and [Policy.InForce]
// without converting the time again.
func (p *Policy) inForce(fw *thresholds.Framework, received int64) continuum.Findings {
	var fs continuum.Findings
	if fw != nil && !inPeriod(received, document.Period{From: fw.EffectiveFrom(), To: fw.EffectiveTo()}) {
		fs = fs.Add("received", RuleNotInForce, continuum.Error, ErrNotInForce,
			"the framework is not in force on the London day the referral was received")
	}
	if !inPeriod(received, p.period) {
		fs = fs.Add("received", RuleNotInForce, continuum.Error, ErrNotInForce,
			"the policy is not in force on the London day the referral was received")
	}
	return fs
}
