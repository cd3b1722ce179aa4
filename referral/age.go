package referral

import (
	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// checkAge reports a case whose age band is set but is not a band (case.age,
// invalid-age).
func checkAge(c thresholds.Case) continuum.Findings {
	if c.Age == 0 || c.Age.IsValid() {
		return nil
	}
	return continuum.Findings{}.Add("case.age", RuleInvalidAge, continuum.Error, ErrInvalidReferral,
		"the age band is not one of unborn, 0-1, 1-4, 5-11, 12-17 or 18-25")
}

// ageQueries returns the framework's age queries on the case placed under "case":
// each observed indicator outside its age bands still counts and is queried at
// "case.indicators[i]".
func ageQueries(fw *thresholds.Framework, c thresholds.Case) continuum.Findings {
	qs := fw.AgeQueries(c)
	if len(qs) == 0 {
		return nil
	}
	return qs.Within("case")
}
