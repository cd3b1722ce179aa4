package thresholds

import (
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// RuleOutsideAgeBand is the rule code of an age query: an observed indicator whose age
// bands do not include the case's age band. It is stable, like the codes in errors.go.
const RuleOutsideAgeBand = "outside-age-band"

// AgeQueries returns a query for each observed indicator whose age bands do not include
// the case's age band, at "indicators[i]" with rule [RuleOutsideAgeBand]: the
// indicator still counts in [Framework.Evaluate] (a harm indicator is never dropped), and
// a practitioner should check it applies (a bruise on a non-mobile child of an age that
// is usually mobile, for example, calls for a check that the child is not independently
// mobile). It returns nil when the age band is unknown (zero) or not a band, when every
// indicator fits, and for codes the catalogue does not hold (Evaluate reports those). A
// repeated code is queried once, at its first place. AgeQueries is separate from
// Evaluate so that deciding a case costs no age check.
func (f *Framework) AgeQueries(c Case) continuum.Findings {
	if !c.Age.IsValid() || f.usable() != nil {
		return nil
	}
	var qs continuum.Findings
	var seen set
	for i, code := range c.Indicators {
		idx := f.table.find(code.String())
		if idx < 0 || seen.has(idx) {
			continue
		}
		seen.add(idx)
		ages := f.inds[idx].Ages
		if ages.Has(c.Age) {
			continue
		}
		qs = qs.Add("indicators["+strconv.Itoa(i)+"]", RuleOutsideAgeBand, continuum.Query, nil,
			"the indicator is written for ages "+ages.String()+", not the child's age band: it still counts; check that it applies")
	}
	return qs
}
