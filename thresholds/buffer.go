package thresholds

import (
	"sync"

	"github.com/rightsupport/needs/continuum"
)

// DecisionBuffer holds the lists of the decisions that [Framework.EvaluateInto] and
// [Outcome.DecisionInto] make, so that deciding case after case with one buffer
// allocates nothing once the buffer has grown to the framework's size (its first use
// with a framework grows it to the largest decision that framework can make).
//
// Aliasing: the Reasons and Strengths of a Decision made into a buffer, and the
// Indicators and Citations of its reasons, are windows of the buffer. They stay valid
// until the buffer's next use, which overwrites them; a caller that keeps a decision
// longer copies it with [Decision.Clone]. Each window's capacity ends with it, so
// appending to one never writes into another. The strings they hold (codes, labels,
// citations) are immutable and may be kept.
//
// The zero DecisionBuffer is ready to use. A DecisionBuffer is not safe for concurrent
// use, and neither are the decisions made into it while it is in use: give each goroutine
// its own buffer.
type DecisionBuffer struct {
	reasons [3]Reason
	codes   []continuum.Code
	cites   []continuum.Citation
}

// grow makes room in the buffer for the largest decision f can make: as many codes as
// its catalogue has indicators and three times as many citations as its register has
// sources. The lists are never nil, as those of an allocated Decision are not.
func (b *DecisionBuffer) grow(f *Framework) {
	if len(b.codes) < len(f.inds) || b.codes == nil {
		b.codes = make([]continuum.Code, max(len(f.inds), 1))
	}
	if len(b.cites) < 3*len(f.sources) || b.cites == nil {
		b.cites = make([]continuum.Citation, max(3*len(f.sources), 1))
	}
}

// EvaluateInto decides a case as [Framework.Evaluate] does, with the same Decision and
// the same errors, but builds the Decision's lists in buf instead of allocating them:
// once buf has grown to the framework's size it allocates nothing (a case with unknown
// codes still allocates its findings). The Decision aliases buf until buf's next use
// (see [DecisionBuffer]); the Decision of an error is the zero Decision and leaves buf's
// earlier decision unchanged.
func (f *Framework) EvaluateInto(c Case, buf *DecisionBuffer) (Decision, error) {
	var o Outcome
	if err := f.outcome(&o, c.Indicators); err != nil {
		return Decision{}, err
	}
	return o.into(buf), nil
}

// DecisionInto expands the outcome into a full Decision as [Outcome.Decision] does,
// building its lists in buf: see [DecisionBuffer] for how long they stay valid. The zero
// Outcome gives the zero Decision and leaves buf unchanged.
func (o Outcome) DecisionInto(buf *DecisionBuffer) Decision {
	if o.fw == nil {
		return Decision{}
	}
	return o.into(buf)
}

// into expands the outcome, which belongs to a framework, into a Decision made in buf.
func (o *Outcome) into(buf *DecisionBuffer) Decision {
	buf.grow(o.fw)
	return o.fill(&buf.reasons, buf.codes, buf.cites)
}

// Clone returns a copy of d that shares no memory with it: its lists in one new array of
// reasons, one of codes and one of citations. Clone a Decision made into a
// [DecisionBuffer] to keep it past the buffer's next use.
func (d Decision) Clone() Decision {
	n, codes, cites := d.lens()
	return d.copyTo(make([]Reason, n), make([]continuum.Code, codes), make([]continuum.Citation, cites))
}

// lens returns the number of reasons, of codes (the reasons' and the strengths') and of
// citations of d.
func (d Decision) lens() (n, codes, cites int) {
	codes = len(d.Strengths)
	for _, r := range d.Reasons {
		codes += len(r.Indicators)
		cites += len(r.Citations)
	}
	return len(d.Reasons), codes, cites
}

// copyTo copies d's lists into reasons, codes and cites, which have d.lens() elements,
// each list a window whose capacity ends with it. A nil list stays nil.
func (d Decision) copyTo(reasons []Reason, codes []continuum.Code, cites []continuum.Citation) Decision {
	if d.Reasons == nil {
		return d
	}
	nc, nk := 0, 0
	for i, r := range d.Reasons {
		reasons[i] = r
		if r.Indicators != nil {
			start := nc
			nc += copy(codes[nc:], r.Indicators)
			reasons[i].Indicators = codes[start:nc:nc]
		}
		if r.Citations != nil {
			start := nk
			nk += copy(cites[nk:], r.Citations)
			reasons[i].Citations = cites[start:nk:nk]
		}
	}
	d.Reasons = reasons[:len(d.Reasons):len(d.Reasons)]
	if d.Strengths != nil {
		start := nc
		nc += copy(codes[nc:], d.Strengths)
		d.Strengths = codes[start:nc:nc]
	}
	return d
}

// slab hands out the lists of allocated decisions as windows of larger arrays, so that
// Evaluate pays for an allocation every few dozen decisions instead of three per
// decision. Windows never overlap and each one's capacity ends with it, so decisions
// that share an array cannot see one another's changes; an array stays alive while any
// decision holds a window of it. A slab is used by one goroutine at a time: Evaluate
// takes one from slabs and puts it back.
type slab struct {
	reasons []Reason
	codes   []continuum.Code
	cites   []continuum.Citation
}

// Slab chunk sizes: a few kilobytes each, so that a kept decision keeps little else.
const (
	slabReasons = 32
	slabCodes   = 128
	slabCites   = 64
)

var slabs = sync.Pool{New: func() any { return new(slab) }}

// decision expands an outcome into a Decision whose lists are windows of the slab's
// arrays, carved at their exact lengths.
func (s *slab) decision(o *Outcome) Decision {
	f := o.fw
	var ps [3]part
	n := o.parts(&ps)
	// Count first, so that the lists are carved at their exact lengths and written once.
	var unions [3]sourceSet
	codes, cites := 0, 0
	for k := range ps[:n] {
		if ps[k].extra != nil {
			unions[k] = *ps[k].extra
		}
		codes += f.union(&unions[k], &o.obs, ps[k].mask)
		cites += unions[k].count()
	}
	strengths := f.count(&o.obs, maskStrengths)
	reasons := carve(&s.reasons, n, slabReasons)
	codeBuf := carve(&s.codes, codes+strengths, slabCodes)
	citeBuf := carve(&s.cites, cites, slabCites)
	nc, nk := 0, 0
	for k := range ps[:n] {
		start, kstart := nc, nk
		if ps[k].mask >= 0 {
			nc = f.putCodes(codeBuf, nc, &o.obs, ps[k].mask)
		}
		nk = f.putCites(citeBuf, nk, &unions[k])
		reasons[k] = Reason{Rule: ps[k].rule, Level: ps[k].level,
			Indicators: codeBuf[start:nc:nc], Citations: citeBuf[kstart:nk:nk]}
	}
	d := o.header(reasons)
	if strengths > 0 {
		d.Strengths = codeBuf[nc : nc+strengths : nc+strengths]
		f.putCodes(codeBuf, nc, &o.obs, maskStrengths)
	}
	return d
}

// carve returns the next n elements of *free as a window whose capacity ends with it,
// starting a new chunk when *free has fewer than n left. A request of more than a chunk
// gets an array of its own. An empty window is not nil.
func carve[T any](free *[]T, n, chunk int) []T {
	if n > len(*free) || *free == nil {
		if n > chunk/2 {
			return make([]T, n)
		}
		*free = make([]T, chunk)
	}
	w := (*free)[:n:n]
	*free = (*free)[n:]
	return w
}
