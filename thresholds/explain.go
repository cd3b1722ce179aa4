package thresholds

import (
	"math/bits"
	"strconv"
	"sync"

	"github.com/rightsupport/needs/continuum"
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
	// the observed set under each part's mask, so the text walks bits, not codes.
	b = append(b, f.heads[d.Level&7]...) // checkDecision: d.Level is valid
	for i := range d.Reasons {
		r := &d.Reasons[i]
		b = append(b, ' ')
		if i > 0 && !isTrigger(r.Rule) {
			b = append(b, "Without the triggers, the needs alone would suggest "...)
			b = append(b, f.Label(r.Level)...)
			b = append(b, ": "...)
		} else if i > 0 {
			b = append(b, "Also: "...)
		}
		b = f.ruleSentence(b, r, &o.obs, ps[i].mask, i > 0)
		if len(r.Indicators) > 0 {
			b = append(b, " Observed: "...)
			b = f.summaries(b, &o.obs, ps[i].mask)
			b = append(b, '.')
		}
	}
	switch d.Urgency {
	case continuum.Immediate:
		b = append(b, " Urgency: immediate. Call the police on 999 first, then refer to children's social care."...)
	case continuum.SameDay:
		b = append(b, " Urgency: same day. Refer to children's social care today."...)
	default:
		b = append(b, " Urgency: routine."...)
	}
	if len(d.Strengths) > 0 {
		b = append(b, " Strengths noted, which do not lower the level: "...)
		b = f.summaries(b, &o.obs, maskStrengths)
		b = append(b, '.')
	}
	b = append(b, f.tails[d.Level&7]...)
	return b, nil
}

func isTrigger(r DecisionRule) bool { return r == ByImmediateDanger || r == BySignificantHarm }

// ruleSentence appends in words why a reason's rule applied; its indicators are the
// observed set under mask. context is true for a reason that did not decide the level
// (it then does not claim to set it).
func (f *Framework) ruleSentence(b []byte, r *Reason, obs *set, mask int, context bool) []byte {
	label := f.Label(r.Level)
	if context && !isTrigger(r.Rule) {
		switch r.Rule {
		case ByMultipleNeeds:
			b = plural(b, len(r.Indicators), "need", "needs")
			b = append(b, " spanning "...)
			b = plural(b, f.sides(obs, mask), "side", "sides")
			b = append(b, " of the assessment triangle."...)
			return b
		case ByHighestNeed:
			b = append(b, "the highest need observed is at that level."...)
			return b
		}
	}
	switch r.Rule {
	case ByImmediateDanger:
		b = append(b, "The child is in immediate danger, so the level is "...)
	case BySignificantHarm:
		b = append(b, "There is reasonable cause to suspect significant harm, so the level is "...)
	case ByMultipleNeeds:
		from := r.Level - 1
		needs, domains, _ := f.StepUp(from)
		b = plural(b, len(r.Indicators), "need", "needs")
		b = append(b, " at "...)
		b = append(b, f.Label(from)...)
		b = append(b, " span "...)
		b = plural(b, f.sides(obs, mask), "side", "sides")
		b = append(b, " of the assessment triangle (this framework steps up at "...)
		b = plural(b, needs, "need", "needs")
		b = append(b, " across "...)
		b = plural(b, domains, "side", "sides")
		b = append(b, "), so the level steps up to "...)
	case ByHighestNeed:
		b = append(b, "The highest need observed is at "...)
	case ByNoNeeds:
		b = append(b, "No needs were observed, so the level is "...)
	default:
		b = append(b, "Rule "...)
		b = append(b, r.Rule.String()...)
		b = append(b, " applied."...)
		return b
	}
	b = append(b, label...)
	return append(b, '.')
}

// sides counts the sides of the triangle covered by the observed indicators under mask.
func (f *Framework) sides(obs *set, mask int) int {
	var seen [4]bool
	n := 0
	for w := 0; w < f.live; w++ {
		for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
			if s := f.domains[w<<6|bits.TrailingZeros64(x)] & 3; !seen[s] {
				seen[s] = true
				n++
			}
		}
	}
	return n
}

// plural appends a count with the singular or plural noun.
func plural(b []byte, n int, one, many string) []byte {
	if n == 1 {
		b = append(b, "1 "...)
		b = append(b, one...)
		return b
	}
	b = strconv.AppendInt(b, int64(n), 10)
	b = append(b, ' ')
	return append(b, many...)
}

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
