package thresholds

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// usable reports ErrNoFramework for a nil or zero Framework, which has no catalogue and
// must not decide anything.
func (f *Framework) usable() error {
	if f == nil || f.index == nil {
		return ErrNoFramework
	}
	return nil
}

// checkDecision reports whether d is a decision f made: one that Evaluate, given the
// indicators d cites, decides exactly so (level, label, urgency, every reason with its
// rule, level, indicators and citations, the strengths, the framework). A decision with
// a forged rule, level or urgency, an unknown code, or a rule out of range is not. The
// error never repeats anything of d.
func (f *Framework) checkDecision(d Decision) error {
	if !d.Level.IsValid() {
		return fmt.Errorf("thresholds: explain: %w: the decision has no level", continuum.ErrInvalidValue)
	}
	if d.Framework != f.Ref() {
		return fmt.Errorf("%w: its framework id, version or digest is not this framework's", ErrForeignDecision)
	}
	var c Case
	for _, r := range d.Reasons {
		c.Indicators = append(c.Indicators, r.Indicators...)
	}
	c.Indicators = append(c.Indicators, d.Strengths...)
	want, err := f.Evaluate(c)
	if err != nil || !sameDecision(want, d) {
		return fmt.Errorf("%w: this framework does not decide its indicators so", ErrInvalidDecision)
	}
	return nil
}

// sameDecision compares two decisions, nil and empty lists alike.
func sameDecision(a, b Decision) bool {
	if a.Level != b.Level || a.Label != b.Label || a.Urgency != b.Urgency || a.Framework != b.Framework ||
		!slices.Equal(a.Strengths, b.Strengths) || len(a.Reasons) != len(b.Reasons) {
		return false
	}
	for i, r := range a.Reasons {
		s := b.Reasons[i]
		if r.Rule != s.Rule || r.Level != s.Level || !slices.Equal(r.Indicators, s.Indicators) ||
			!slices.Equal(r.Citations, s.Citations) {
			return false
		}
	}
	return true
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
