package thresholds

// This file holds the reference the decision check is tested against: the check as issue
// 13 wrote it (resolve, decide and compare in place), kept here as an oracle.

import (
	"math/bits"

	"github.com/rightsupport/needs/continuum"
)

// matches reports whether d is exactly the Decision the outcome expands to, comparing
// in place what fill would build (nil and empty lists alike), so that checking a
// decision allocates nothing.
func (o *Outcome) matches(d Decision) bool {
	f := o.fw
	if d.Level != o.Level || d.Label != f.Label(o.Level) || d.Urgency != o.Urgency || d.Framework != f.Ref() {
		return false
	}
	n := 0
	if o.trig&trigImmediate != 0 {
		if n >= len(d.Reasons) || !f.sameReason(d.Reasons[n], ByImmediateDanger, continuum.Specialist, &o.obs, maskImmediate, nil) {
			return false
		}
		n++
	}
	if o.trig&trigHarm != 0 {
		if n >= len(d.Reasons) || !f.sameReason(d.Reasons[n], BySignificantHarm, continuum.Specialist, &o.obs, maskHarm, nil) {
			return false
		}
		n++
	}
	if o.base != 0 || n == 0 {
		level, rule := f.needLevel(&o.obs, o.base)
		mask := -1
		if o.base != 0 {
			mask = maskNeeds + int(o.base)
		}
		var extra *sourceSet
		if rule == ByMultipleNeeds {
			extra = &f.stepUp[o.base].cites
		}
		if n >= len(d.Reasons) || !f.sameReason(d.Reasons[n], rule, level, &o.obs, mask, extra) {
			return false
		}
		n++
	}
	return n == len(d.Reasons) && f.sameCodes(d.Strengths, &o.obs, maskStrengths)
}

// sameReason reports whether r is the reason reason would fill for the rule, level,
// observed set under mask and extra citations.
func (f *Framework) sameReason(r Reason, rule DecisionRule, level continuum.Level, obs *set, mask int, extra *sourceSet) bool {
	if r.Rule != rule || r.Level != level {
		return false
	}
	var cs sourceSet
	if extra != nil {
		cs = *extra
	}
	if mask < 0 {
		if len(r.Indicators) != 0 {
			return false
		}
	} else {
		if !f.sameCodes(r.Indicators, obs, mask) {
			return false
		}
		for w := 0; w < f.live; w++ {
			for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
				cs.union(&f.cites[w<<6|bits.TrailingZeros64(x)])
			}
		}
	}
	k := 0
	for w := 0; w < f.srcLive; w++ {
		for x := cs[w&(len(cs)-1)]; x != 0; x &= x - 1 {
			if k >= len(r.Citations) || r.Citations[k] != f.sources[w<<6|bits.TrailingZeros64(x)] {
				return false
			}
			k++
		}
	}
	return k == len(r.Citations)
}

// sameCodes reports whether codes are, in order, the codes of the observed set under
// mask.
func (f *Framework) sameCodes(codes []continuum.Code, obs *set, mask int) bool {
	k := 0
	for w := 0; w < f.live; w++ {
		for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
			if k >= len(codes) || codes[k] != f.codes[w<<6|bits.TrailingZeros64(x)] {
				return false
			}
			k++
		}
	}
	return k == len(codes)
}
