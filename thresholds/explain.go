package thresholds

import (
	"math/bits"
	"unsafe"
)

// Explain returns a short plain-English paragraph for a practitioner: the suggested level
// in the framework's own words, the rule and the indicators (by summary) that led there,
// the urgency, and that the level supports professional judgement. The text is
// deterministic and holds no personal data: only the framework's own wording.
//
// d must have been made by this framework (its Ref must match); otherwise Explain fails
// with [ErrForeignDecision]. The zero Decision is an error wrapping
// [continuum.ErrInvalidValue]. A decision this framework could not have made (a forged
// rule, level or urgency, an unknown code, a rule out of range: anything Evaluate would
// not give for its indicators) fails with [ErrInvalidDecision]; a nil or zero framework
// with [ErrNoFramework]. No error repeats anything of d.
func (f *Framework) Explain(d Decision) (string, error) {
	if err := f.usable(); err != nil {
		return "", err
	}
	var o Outcome
	var ps [3]part
	if err := f.checkDecision(&d, &o, &ps); err != nil {
		return "", err
	}
	// The paragraph's length is known before it is written, so it is written once,
	// into a buffer of exactly that length that nothing else holds or writes again,
	// which then becomes the string without a copy (as strings.Builder does).
	b := f.writeExplain(make([]byte, 0, f.explainLen(&d, &o, &ps)), &d, &o, &ps)
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// AppendExplain appends the paragraph [Framework.Explain] returns for d to b and returns
// the extended buffer, allocating only when b has too little room: a service that writes
// many paragraphs into one response, or reuses a buffer, pays for no string. It checks d
// and fails exactly as Explain does, and then returns b unchanged.
func (f *Framework) AppendExplain(b []byte, d Decision) ([]byte, error) {
	if err := f.usable(); err != nil {
		return b, err
	}
	out, err := f.appendExplain(b, &d)
	if err != nil {
		return b, err
	}
	return out, nil
}

// appendExplain checks d and appends its paragraph to b.
func (f *Framework) appendExplain(b []byte, d *Decision) ([]byte, error) {
	var o Outcome
	var ps [3]part
	if err := f.checkDecision(d, &o, &ps); err != nil {
		return nil, err
	}
	return f.writeExplain(b, d, &o, &ps), nil
}

// writeExplain appends the paragraph of d, which checkDecision has found to be exactly
// the decision of o with parts ps. Its reasons are o's parts, their indicators the
// observed set under each part's mask, so the text walks bits, not codes; and every
// level, rule and urgency in it is valid, so the prose is indexed by them.
// explainLen must count exactly what it writes.
func (f *Framework) writeExplain(b []byte, d *Decision, o *Outcome, ps *[3]part) []byte {
	p := &f.prose
	b = append(b, p.heads[d.Level&7]...)
	for i := range d.Reasons {
		r := &d.Reasons[i]
		s := &p.reasons[min(i, 1)][r.Rule&7][r.Level&7]
		b = append(b, s.head...)
		if s.counts {
			b = appendCount(b, len(r.Indicators), &needCounts, "needs")
			b = append(b, s.mid...)
			b = appendCount(b, f.sides(&o.obs, ps[i].mask), &sideCounts, "sides")
			b = append(b, s.tail...)
		}
		if len(r.Indicators) > 0 { // the sentence opened the list
			b = f.summaries(b, &o.obs, ps[i].mask)
			b = append(b, '.')
		}
	}
	if len(d.Strengths) > 0 {
		b = append(b, p.opens[d.Urgency&3]...)
		b = f.summaries(b, &o.obs, maskStrengths)
		return append(b, p.closes[d.Level&7]...)
	}
	return append(b, p.ends[d.Urgency&3][d.Level&7]...)
}

// explainLen is the length of the paragraph writeExplain writes for the same arguments.
func (f *Framework) explainLen(d *Decision, o *Outcome, ps *[3]part) int {
	p := &f.prose
	n := len(p.heads[d.Level&7])
	for i := range d.Reasons {
		r := &d.Reasons[i]
		s := &p.reasons[min(i, 1)][r.Rule&7][r.Level&7]
		n += len(s.head)
		if s.counts {
			n += countLen(len(r.Indicators), &needCounts, "needs") + len(s.mid) +
				countLen(f.sides(&o.obs, ps[i].mask), &sideCounts, "sides") + len(s.tail)
		}
		if len(r.Indicators) > 0 {
			n += f.summariesLen(&o.obs, ps[i].mask) + 1
		}
	}
	if len(d.Strengths) > 0 {
		return n + len(p.opens[d.Urgency&3]) + f.summariesLen(&o.obs, maskStrengths) + len(p.closes[d.Level&7])
	}
	return n + len(p.ends[d.Urgency&3][d.Level&7])
}

func isTrigger(r DecisionRule) bool { return r == ByImmediateDanger || r == BySignificantHarm }

// summaries appends the summaries of the observed indicators under mask, in code order,
// separated by "; ": each without its final full stop and followed by its code in
// brackets.
func (f *Framework) summaries(b []byte, obs *set, mask int) []byte {
	skip := 2 // the first phrase goes without its separator
	for w := 0; w < f.live; w++ {
		for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
			b = append(b, f.phrases[w<<6|bits.TrailingZeros64(x)][skip:]...)
			skip = 0
		}
	}
	return b
}

// summariesLen is the length of what summaries appends for the same arguments.
func (f *Framework) summariesLen(obs *set, mask int) int {
	n := -2 // the first phrase goes without its separator
	for w := 0; w < f.live; w++ {
		for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
			n += len(f.phrases[w<<6|bits.TrailingZeros64(x)])
		}
	}
	return max(n, 0)
}
