package thresholds

import (
	"math/bits"
	"sync"
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
	// The text is written into a pooled buffer (a stack array would have to be zeroed
	// on every call) and copied out once.
	buf := explainBufs.Get().(*[]byte)
	b, err := f.appendExplain((*buf)[:0], &d)
	if err != nil {
		explainBufs.Put(buf)
		return "", err
	}
	text := string(b)
	if cap(b) <= maxPooledExplain {
		*buf = b
		explainBufs.Put(buf)
	}
	return text, nil
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

// explainBufs holds Explain's text buffers; maxPooledExplain bounds the buffers kept.
var explainBufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

const maxPooledExplain = 16 << 10

// appendExplain checks d and appends its paragraph to b.
func (f *Framework) appendExplain(b []byte, d *Decision) ([]byte, error) {
	var o Outcome
	var ps [3]part
	if err := f.checkDecision(d, &o, &ps); err != nil {
		return nil, err
	}
	// d is now exactly the decision of o: its reasons are o's parts, their indicators
	// the observed set under each part's mask, so the text walks bits, not codes; and
	// every level, rule and urgency in it is valid, so the prose is indexed by them.
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
		return append(b, p.closes[d.Level&7]...), nil
	}
	return append(b, p.ends[d.Urgency&3][d.Level&7]...), nil
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
