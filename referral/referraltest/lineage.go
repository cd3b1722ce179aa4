package referraltest

import (
	"time"
	_ "time/tzdata" // Europe/London without the host's zone database

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// london is where statutory days are counted.
var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// policyDerives reports whether p is the policy id or extends it, directly or not.
// TODO(issue9): walk p.Base() once policies extend.
func policyDerives(p *referral.Policy, id string) bool { return p.ID() == id }

// frameworkDerives reports whether fw is id or extends it, directly or not.
func frameworkDerives(fw *thresholds.Framework, id string) bool {
	ok, _ := thresholdstest.Applies(fw, thresholdstest.Case{Framework: id})
	return ok
}

// policyEffectiveTo is the last day p is in force; zero: open-ended.
// TODO(issue9): p.EffectiveTo() once it lands.
func policyEffectiveTo(*referral.Policy) time.Time { return time.Time{} }

// frameworkEffectiveTo is the last day fw is in force; zero: open-ended.
// TODO(issue9): fw.EffectiveTo() once it lands.
func frameworkEffectiveTo(*thresholds.Framework) time.Time { return time.Time{} }

// inForce reports whether the London day t falls on is within from..to, both days
// included (their calendar dates, whatever their location); a zero to is open-ended.
func inForce(from, to, t time.Time) bool {
	day := dateOf(t.In(london))
	if day < dateOf(from) {
		return false
	}
	return to.IsZero() || day <= dateOf(to)
}

// dateOf returns a time's calendar date as a comparable number, yyyymmdd.
func dateOf(t time.Time) int {
	y, m, d := t.Date()
	return y*10000 + int(m)*100 + d
}
