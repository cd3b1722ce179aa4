package thresholds

import (
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// Rule codes of the checks Parse makes on an indicator's CIN census factors, following
// the open CIN census validator (data-to-insight/csc-validator-be-cin), so that the
// factors a decision maps to never break a census rule.
const (
	// RuleNoFactorsAlone: factor 21 ("no factors identified") listed with another factor
	// (census rule 8869: code 21 stands alone).
	RuleNoFactorsAlone = "no-factors-alone"
	// RuleDuplicateFactor: a factor listed twice on one indicator (census rule 8898: no
	// factor twice in one assessment).
	RuleDuplicateFactor = "duplicate-cin-factor"
)

// noFactors is census factor 21, "no factors identified".
var noFactors = func() continuum.CINFactor {
	f, err := continuum.ParseCINFactor("21")
	if err != nil {
		panic(err) // a census code of the continuum package: cannot happen
	}
	return f
}()

// checkFactors checks an indicator's CIN factors: each is a factor, and the list meets
// census rules 8869 and 8898.
func (c *checker) checkFactors(p string, fs []continuum.CINFactor) {
	var seen continuum.CINFactors
	for j, f := range fs {
		path := p + ".cinFactors[" + strconv.Itoa(j) + "]"
		if !f.IsValid() {
			c.Add(path, RuleMissingField, "a CIN factor code is required")
			continue
		}
		if seen.Has(f) {
			c.Add(path, RuleDuplicateFactor, "the factor is already listed (CIN census rule 8898)")
		}
		seen |= continuum.NewCINFactors(f)
	}
	if seen.Has(noFactors) && seen.Len() > 1 {
		c.Add(p+".cinFactors", RuleNoFactorsAlone, "factor 21 (no factors identified) cannot be listed with another factor (CIN census rule 8869)")
	}
}

// The census primary need code (N0 to N9, "the main reason the child is in need") is not
// derived here: the census records it as the social worker's judgement at the end of an
// assessment, and no source maps indicators, factors or a suggested level onto it.

// CINFactors returns the DfE Children in Need census assessment factors that the case's
// observed indicators map to: the union of the factors of its needs and triggers, at any
// level (strengths are protective and map to none). Factor 21 ("no factors identified")
// is dropped when any other factor is present, as census rule 8869 requires; the empty
// set means no observed indicator maps to a factor, which is not the same as a recorded
// factor 21. Unknown codes fail as [Framework.Resolve] fails.
func (f *Framework) CINFactors(c Case) (continuum.CINFactors, error) {
	r, err := f.Resolve(c)
	if err != nil {
		return 0, err
	}
	return r.CINFactors(), nil
}

// CINFactors returns the census factors of the resolved case's needs and triggers, as
// [Framework.CINFactors] does, without allocating; zero for the zero Resolved.
func (r Resolved) CINFactors() continuum.CINFactors {
	if r.fw == nil {
		return 0
	}
	var out continuum.CINFactors
	for i := range r.bits.all() {
		if r.fw.inds[i].Kind != continuum.Strength {
			out |= r.fw.inds[i].CINFactors
		}
	}
	if out.Has(noFactors) && out.Len() > 1 {
		out &^= continuum.NewCINFactors(noFactors)
	}
	return out
}
