package thresholds

import (
	"math/bits"
	"strings"
	"unsafe"

	"github.com/rightsupport/needs/continuum"
)

// engine holds the tables of the decision path, built by compile once the catalogue is
// sorted: a code table instead of a map, the codes by position, and the masks laid out
// word by word so that one pass over the words in use decides a case.
type engine struct {
	table codeTable
	codes []continuum.Code // by catalogue position
	// phrases are the indicators' summaries as Explain writes them in a list: "; ", then
	// the summary without its final full stop, then " [CODE]". The first of a list is
	// written without the separator.
	phrases []string
	prose   prose // Explain's fixed sentences
	// arena holds the text of every code of codes, one after the other, and arenaPos
	// the catalogue position plus one of the code starting at each of its bytes (0
	// where none starts), so that a code that is one of codes (as a decision's are) is
	// found by where its bytes are, without hashing.
	arena    string
	arenaPos []uint16
	// domains are the indicators' sides of the triangle, by catalogue position.
	domains []continuum.Domain
	live    int // words of a set that can hold a catalogue position
	srcLive int // words of a source set that can hold a register position
	words   [setWords]maskWord
}

// maskWord is one 64-bit word of every mask of the decision rules, indexed by the
// mask constants below: one cache line.
type maskWord [8]uint64

// The masks of a maskWord.
const (
	maskImmediate = iota // immediate-danger triggers
	maskHarm             // significant-harm triggers
	maskStrengths        // protective strengths
	maskNeeds            // maskNeeds + l: needs at level l (maskNeeds itself stays empty)
)

// compileEngine builds the engine of a compiled framework.
func (f *Framework) compileEngine() {
	e := &f.engine
	e.codes = make([]continuum.Code, len(f.inds))
	e.phrases = make([]string, len(f.inds))
	e.domains = make([]continuum.Domain, len(f.inds))
	var arena strings.Builder
	for _, ind := range f.inds {
		arena.WriteString(ind.Code.String())
	}
	e.arena = arena.String()
	e.arenaPos = make([]uint16, len(e.arena))
	at := 0
	for i, ind := range f.inds {
		n := len(ind.Code.String())
		e.codes[i], _ = continuum.ParseCode(e.arena[at : at+n]) // a parsed code's text
		e.arenaPos[at] = uint16(i + 1)
		at += n
		e.domains[i] = ind.Domain()
	}
	// The phrases are slices of one string, so that a paragraph's are read from one
	// block of memory.
	var phrases strings.Builder
	ends := make([]int, len(f.inds))
	for i, ind := range f.inds {
		phrases.WriteString("; ")
		phrases.WriteString(strings.TrimSuffix(ind.Summary, "."))
		phrases.WriteString(" [")
		phrases.WriteString(ind.Code.String())
		phrases.WriteString("]")
		ends[i] = phrases.Len()
	}
	all := phrases.String()
	for i := range ends {
		start := 0
		if i > 0 {
			start = ends[i-1]
		}
		e.phrases[i] = all[start:ends[i]]
	}
	f.compileProse()
	e.table = newCodeTable(e.codes)
	e.live = (len(f.inds) + 63) / 64
	e.srcLive = (len(f.sources) + 63) / 64
	e.words = [setWords]maskWord{}
	for i, ind := range f.inds {
		m, bit := &e.words[(i>>6)&(setWords-1)], uint64(1)<<(i&63)
		switch ind.Kind {
		case continuum.ImmediateDanger:
			m[maskImmediate] |= bit
		case continuum.SignificantHarm:
			m[maskHarm] |= bit
		case continuum.Strength:
			m[maskStrengths] |= bit
		case continuum.Need:
			m[(maskNeeds+int(ind.Level))&7] |= bit
		}
	}
}

// own returns the catalogue position of s when s is the text of one of the engine's
// codes (the same bytes, not only equal ones), else -1. Comparing addresses is safe:
// strings never move or change, and the arena lives as long as the framework.
func (e *engine) own(s string) int {
	off := uintptr(unsafe.Pointer(unsafe.StringData(s))) - uintptr(unsafe.Pointer(unsafe.StringData(e.arena)))
	if off >= uintptr(len(e.arenaPos)) {
		return -1
	}
	if p := int(e.arenaPos[off]) - 1; p >= 0 && len(e.codes[p].String()) == len(s) {
		return p
	}
	return -1
}

// resolveInto adds the positions of codes to obs and reports whether every code is in
// the catalogue. It stops at the first unknown code; [Framework.Resolve] reports them all.
func (f *Framework) resolveInto(obs *set, codes []continuum.Code) bool {
	t := &f.table
	for _, code := range codes {
		i := t.find(code.String())
		if i < 0 {
			return false
		}
		obs.add(i)
	}
	return true
}

// The bits of Outcome.trig.
const (
	trigImmediate = 1 << iota
	trigHarm
)

// decide applies the decision rules to o's observed set in one pass over its words,
// setting the rest of o.
func (f *Framework) decide(o *Outcome) {
	var imm, harm, n1, n2, n3, n4 uint64
	for w := 0; w < f.live; w++ {
		x, m := o.obs[w&(setWords-1)], &f.words[w&(setWords-1)]
		imm |= x & m[maskImmediate]
		harm |= x & m[maskHarm]
		n1 |= x & m[maskNeeds+1]
		n2 |= x & m[maskNeeds+2]
		n3 |= x & m[maskNeeds+3]
		n4 |= x & m[maskNeeds+4]
	}
	switch {
	case n4 != 0:
		o.base = continuum.Specialist
	case n3 != 0:
		o.base = continuum.Intensive
	case n2 != 0:
		o.base = continuum.Additional
	case n1 != 0:
		o.base = continuum.Universal
	}
	o.trig = 0
	if imm != 0 {
		o.trig |= trigImmediate
	}
	if harm != 0 {
		o.trig |= trigHarm
	}
	switch {
	case imm != 0:
		o.Level, o.Urgency, o.Rule = continuum.Specialist, continuum.Immediate, ByImmediateDanger
	case harm != 0:
		o.Level, o.Urgency, o.Rule = continuum.Specialist, continuum.SameDay, BySignificantHarm
	default:
		o.Level, o.Rule = f.needLevel(&o.obs, o.base)
		o.Urgency = continuum.Routine
		o.needs, o.needsRule = o.Level, o.Rule
		return
	}
	o.needs, o.needsRule = 0, 0
}

// needLevel applies rules 4 and 5 to the observed set, whose highest need is at base.
func (f *Framework) needLevel(obs *set, base continuum.Level) (continuum.Level, DecisionRule) {
	if base == 0 {
		return continuum.Universal, ByNoNeeds
	}
	if f.steppedUp(obs, base) {
		return base + 1, ByMultipleNeeds
	}
	return base, ByHighestNeed
}

// steppedUp reports whether the needs observed at base meet its step-up parameter: as
// many needs as it asks, spanning as many sides of the triangle.
func (f *Framework) steppedUp(obs *set, base continuum.Level) bool {
	p, m := &f.stepUp[base], maskNeeds+int(base)
	return p.needs != 0 && f.count(obs, m) >= p.needs && f.sides(obs, m) >= p.domains
}

// count is the number of observed indicators under mask.
func (f *Framework) count(obs *set, mask int) int {
	n := 0
	for w := 0; w < f.live; w++ {
		n += bits.OnesCount64(obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7])
	}
	return n
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

// part is one reason of an outcome before its lists are built: its indicators are the
// observed set under mask (none when mask is -1), its citations theirs and extra's.
type part struct {
	rule  DecisionRule
	level continuum.Level
	mask  int
	extra *sourceSet
}

// parts writes the reasons of the outcome in order into ps (triggers, then the level
// the needs alone support) and returns how many there are. Written through a pointer,
// as the decision paths call it once a case.
func (o *Outcome) parts(ps *[3]part) int {
	f := o.fw
	n := 0
	if o.trig&trigImmediate != 0 {
		ps[n] = part{ByImmediateDanger, continuum.Specialist, maskImmediate, nil}
		n++
	}
	if o.trig&trigHarm != 0 {
		ps[n] = part{BySignificantHarm, continuum.Specialist, maskHarm, nil}
		n++
	}
	if o.base != 0 || n == 0 {
		p := &ps[n]
		p.mask, p.extra = -1, nil
		if o.needsRule != 0 {
			p.level, p.rule = o.needs, o.needsRule // decide applied rules 4 and 5 already
		} else {
			p.level, p.rule = f.needLevel(&o.obs, o.base)
		}
		if o.base != 0 {
			p.mask = maskNeeds + int(o.base)
		}
		if p.rule == ByMultipleNeeds {
			p.extra = &f.stepUp[o.base].cites
		}
		n++
	}
	return n
}

// header returns the Decision of the outcome with the given reasons and no strengths.
func (o *Outcome) header(reasons []Reason) Decision {
	f := o.fw
	return Decision{
		Level: o.Level, Label: f.Label(o.Level), Urgency: o.Urgency,
		Reasons: reasons, Framework: Ref{ID: f.id, Version: f.version, Digest: f.digest},
	}
}

// fill builds the full Decision of the outcome into reasons, codes and cites, which
// have room for the largest decision the framework can make: as many codes as the
// catalogue has indicators, and three times as many citations as the register has
// sources (a reason cites each source at most once). Each reason's lists are windows of
// codes and cites whose capacity ends with them, so appending to one never writes into
// another.
func (o *Outcome) fill(reasons *[3]Reason, codes []continuum.Code, cites []continuum.Citation) Decision {
	f := o.fw
	var ps [3]part
	n := o.parts(&ps)
	nc, nk := 0, 0
	for k := range ps[:n] {
		nc, nk = f.reason(&reasons[k], &o.obs, ps[k].mask, ps[k].extra, codes, nc, cites, nk)
		reasons[k].Rule, reasons[k].Level = ps[k].rule, ps[k].level
	}
	d := o.header(reasons[:n:n])
	start := nc
	nc = f.putCodes(codes, nc, &o.obs, maskStrengths)
	if nc > start {
		d.Strengths = codes[start:nc:nc]
	}
	return d
}

// reason fills r's lists: the codes of the observed set under mask (none when mask is
// -1) from codes[nc], and the citations of extra (when not nil) and of those indicators,
// in register order, from cites[nk]. It returns the positions after them.
func (f *Framework) reason(r *Reason, obs *set, mask int, extra *sourceSet, codes []continuum.Code, nc int, cites []continuum.Citation, nk int) (int, int) {
	var cs sourceSet
	if extra != nil {
		cs = *extra
	}
	start := nc
	if mask >= 0 {
		for w := 0; w < f.live; w++ {
			x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]
			for ; x != 0; x &= x - 1 {
				i := w<<6 | bits.TrailingZeros64(x)
				codes[nc] = f.codes[i]
				nc++
				if f.srcLive == 1 {
					cs[0] |= f.cites[i][0] // most registers fit one word
				} else {
					cs.union(&f.cites[i])
				}
			}
		}
	}
	r.Indicators = codes[start:nc:nc]
	start = nk
	nk = f.putCites(cites, nk, &cs)
	r.Citations = cites[start:nk:nk]
	return nc, nk
}

// union adds to cs the citations of the observed indicators under mask (none when mask
// is -1) and returns how many indicators there are.
func (f *Framework) union(cs *sourceSet, obs *set, mask int) int {
	if mask < 0 {
		return 0
	}
	n := 0
	for w := 0; w < f.live; w++ {
		x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]
		n += bits.OnesCount64(x)
		for ; x != 0; x &= x - 1 {
			cs.union(&f.cites[w<<6|bits.TrailingZeros64(x)])
		}
	}
	return n
}

// putCites writes the citations of cs, in register order, into cites from position at
// and returns the position after them.
func (f *Framework) putCites(cites []continuum.Citation, at int, cs *sourceSet) int {
	for w := 0; w < f.srcLive; w++ {
		for x := cs[w&(len(cs)-1)]; x != 0; x &= x - 1 {
			cites[at] = f.sources[w<<6|bits.TrailingZeros64(x)]
			at++
		}
	}
	return at
}

// putCodes writes the codes of the observed set under a mask into codes from position
// at, in code order (the catalogue is sorted by code), and returns the position after
// them.
func (f *Framework) putCodes(codes []continuum.Code, at int, obs *set, mask int) int {
	for w := 0; w < f.live; w++ {
		x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]
		for x != 0 {
			codes[at] = f.codes[w<<6|bits.TrailingZeros64(x)]
			at++
			x &= x - 1
		}
	}
	return at
}
