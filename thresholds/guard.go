package thresholds

import (
	"fmt"
	"math/bits"
	"strconv"
	"unsafe"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// usable reports ErrNoFramework for a nil or zero Framework, which has no catalogue and
// must not decide anything.
func (f *Framework) usable() error {
	if f == nil || f.table.slots == nil {
		return ErrNoFramework
	}
	return nil
}

// checkDecision reports whether d is a decision f made: one that Evaluate, given the
// indicators d cites, decides exactly so (level, label, urgency, every reason with its
// rule, level, indicators and citations, the strengths, the framework). A decision with
// a forged rule, level or urgency, an unknown code, or a rule out of range is not. The
// error never repeats anything of d.
//
// On success o is the outcome of d's indicators and ps its parts, from which Explain
// writes its text without looking a code up again: reason k's indicators are the
// observed set under the mask of ps[k], and the strengths the observed set under
// maskStrengths.
func (f *Framework) checkDecision(d *Decision, o *Outcome, ps *[3]part) error {
	if !d.Level.IsValid() {
		return fmt.Errorf("thresholds: explain: %w: the decision has no level", continuum.ErrInvalidValue)
	}
	if !f.isOwnRef(&d.Framework) {
		return fmt.Errorf("%w: its framework id, version or digest is not this framework's", ErrForeignDecision)
	}
	// Decide the indicators d cites and compare without building the decision (issue 14:
	// Explain allocates only its text). Each list is resolved to its own set of catalogue
	// positions; a list is the codes of a set, in order, exactly when its positions rise
	// strictly (the catalogue is sorted by code) and their set is that set.
	if !f.decideCited(d, o, ps) {
		return fmt.Errorf("%w: this framework does not decide its indicators so", ErrInvalidDecision)
	}
	return nil
}

// decideCited decides the indicators d cites into o, with its parts into ps, and reports
// whether d is exactly the decision of that outcome. It checks what the issue 13 check
// did (Outcome.matches, kept as the tests' reference in verify_reference_internal_test.go),
// comparing sets of catalogue positions instead of codes.
func (f *Framework) decideCited(d *Decision, o *Outcome, ps *[3]part) bool {
	*o = Outcome{fw: f}
	const strengths = 3 // an outcome has at most three reasons (Outcome.parts)
	if len(d.Reasons) > strengths {
		return false
	}
	var lists [strengths + 1]set // the reasons' indicators, then the strengths
	if !f.positions(&lists[strengths], &o.obs, d.Strengths) {
		return false
	}
	for k := range d.Reasons {
		if !f.positions(&lists[k], &o.obs, d.Reasons[k].Indicators) {
			return false
		}
	}
	f.decide(o)
	if d.Level != o.Level || d.Urgency != o.Urgency || !sameString(d.Label, f.Label(o.Level)) {
		return false
	}
	n := o.parts(ps)
	if n != len(d.Reasons) || !f.sameSet(&lists[strengths], &o.obs, maskStrengths) {
		return false
	}
	for k := range ps[:n] {
		r, p := &d.Reasons[k], &ps[k]
		if r.Rule != p.rule || r.Level != p.level || !f.sameSet(&lists[k], &o.obs, p.mask) ||
			!f.sameCites(r.Citations, &o.obs, p.mask, p.extra) {
			return false
		}
	}
	return true
}

// positions adds the catalogue positions of codes to s and to all, and reports whether
// every code is in the catalogue and each sorts after the one before it (no repeats).
func (f *Framework) positions(s, all *set, codes []continuum.Code) bool {
	last := -1
	for _, code := range codes {
		i := f.own(code.String()) // a decision's codes are usually the framework's own
		if i < 0 {
			i = f.table.find(code.String())
		}
		if i <= last {
			return false
		}
		s.add(i)
		all.add(i)
		last = i
	}
	return true
}

// sameSet reports whether s is the observed set under mask (empty when mask is -1).
func (f *Framework) sameSet(s, obs *set, mask int) bool {
	var diff uint64
	if mask < 0 {
		for w := range f.live {
			diff |= s[w&(setWords-1)]
		}
		return diff == 0
	}
	for w := range f.live {
		diff |= s[w&(setWords-1)] ^ obs[w&(setWords-1)]&f.words[w&(setWords-1)][mask&7]
	}
	return diff == 0
}

// sameCites reports whether cites are, in register order, the citations of extra (when
// not nil) and of the observed indicators under mask.
func (f *Framework) sameCites(cites []continuum.Citation, obs *set, mask int, extra *sourceSet) bool {
	if f.srcLive > 1 {
		return f.sameCitesWide(cites, obs, mask, extra)
	}
	// Most registers fit one word.
	var cs uint64
	if extra != nil {
		cs = extra[0]
	}
	if mask >= 0 {
		for w := 0; w < f.live; w++ {
			for x := obs[w&(setWords-1)] & f.words[w&(setWords-1)][mask&7]; x != 0; x &= x - 1 {
				cs |= f.cites[w<<6|bits.TrailingZeros64(x)][0]
			}
		}
	}
	if bits.OnesCount64(cs) != len(cites) {
		return false
	}
	for k := range cites {
		if !sameCitation(&cites[k], &f.sources[bits.TrailingZeros64(cs)&63]) {
			return false
		}
		cs &= cs - 1
	}
	return true
}

// sameCitesWide is sameCites for a register of more than 64 sources.
func (f *Framework) sameCitesWide(cites []continuum.Citation, obs *set, mask int, extra *sourceSet) bool {
	var cs sourceSet
	if extra != nil {
		cs = *extra
	}
	f.union(&cs, obs, mask)
	k := 0
	for w := 0; w < f.srcLive; w++ {
		for x := cs[w&(len(cs)-1)]; x != 0; x &= x - 1 {
			if k >= len(cites) || !sameCitation(&cites[k], &f.sources[w<<6|bits.TrailingZeros64(x)]) {
				return false
			}
			k++
		}
	}
	return k == len(cites)
}

// isOwnRef reports whether r is f's Ref, field by field.
func (f *Framework) isOwnRef(r *Ref) bool {
	return sameString(r.Digest, f.digest) && sameString(r.ID, f.id) && sameString(r.Version, f.version)
}

// sameCitation reports whether a and b are equal, field by field.
func sameCitation(a, b *continuum.Citation) bool {
	return sameString(a.Source, b.Source) && sameString(a.Title, b.Title) && sameString(a.URL, b.URL)
}

// sameString reports whether a == b, answering at once when both are the same bytes (a
// decision's strings are usually the framework's own).
func sameString(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// checkTexts checks the free text of a framework document that the header and the
// record checks do not: level labels, definitions and label notes, step-up notes and
// the document's notes. Optional text may be absent; present, it must not be blank or
// hold invisible characters.
func (c *checker) checkTexts(d *frameworkDoc) {
	for l, ld := range d.Levels.byLevel() {
		if ld == nil {
			continue
		}
		p := "levels." + continuum.Level(l).String()
		c.Text(p+".label", ld.Label)
		c.Text(p+".definition", ld.Definition)
		c.Text(p+".labelNote", ld.LabelNote)
	}
	if d.Decision != nil {
		for i, s := range d.Decision.StepUp {
			c.Text("decision.stepUp["+strconv.Itoa(i)+"].note", s.Note)
		}
	}
	for i, n := range d.Notes {
		c.Required("notes["+strconv.Itoa(i)+"]", n)
	}
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		p := "indicators[" + strconv.Itoa(i) + "]"
		duplicates(c, p+".ages", ind.Ages)
	}
	duplicates(c, "remove", d.Remove)
}

// duplicates records a duplicate-item finding for every item of a list that is a set
// and names an item a second time. Zero items are left to the record checks.
func duplicates[T comparable](c *checker, path string, items []T) {
	var zero T
	seen := make(map[T]bool, len(items))
	for j, it := range items {
		if it == zero {
			continue
		}
		if seen[it] {
			c.Add(path+"["+strconv.Itoa(j)+"]", document.RuleDuplicateItem, "the list already names this item")
		}
		seen[it] = true
	}
}
