package thresholds

import (
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// prose holds the parts of Explain's paragraph that depend only on the framework and a
// level, a rule or an urgency, written once when the framework is compiled, so that a
// paragraph is a few appends: the sentences of its reasons, the observed indicators'
// phrases (engine.phrases) and the closing sentences. Arrays are indexed with a value
// &7 (or &3), so that indexing needs no bounds check; Explain indexes them only once
// checkDecision has found every level, rule and urgency valid.
type prose struct {
	// heads are the first sentence for each level: the suggested level.
	heads [8]string
	// reasons are the sentences of a reason, by whether it is context (a reason
	// after the first, which did not decide the level), its rule and its level. Every
	// reason but one of no needs lists indicators (a checked decision's reasons are its
	// outcome's parts), so their sentences end with the opening of that list.
	reasons [2][8][8]sentence
	// ends are the urgency's sentence and the last sentences (the label note, the
	// reminder of professional judgement and the framework's id and version), by
	// urgency and level, for a decision without strengths.
	ends [4][8]string
	// opens are the urgency's sentence and the opening of the list of strengths, by
	// urgency; closes the full stop that ends the list and the last sentences, by level.
	opens  [4]string
	closes [8]string
}

// sentence is a reason's sentence: head alone, or, when counts is set, head, the number
// of needs, mid, the number of sides of the triangle they span, and tail.
type sentence struct {
	head, mid, tail string
	counts          bool
}

// compileProse writes f's prose.
func (f *Framework) compileProse() {
	p := &f.prose
	for l := continuum.Universal; l <= continuum.Specialist; l++ {
		p.heads[l] = "Suggested level: " + f.Label(l) + "."
		tail := ""
		if note := f.LabelNote(l); note != "" {
			tail = " Note on the label: " + strings.TrimSuffix(note, ".") + "."
		}
		tail += " This suggestion supports professional judgement; it is not a checklist and does not replace the practitioner's assessment. (" +
			f.id + " framework, version " + f.version + ".)"
		p.closes[l] = "." + tail
		for u := range continuum.Urgency(len(p.ends)) {
			p.ends[u][l] = urgencySentence(u) + tail
		}
		for r := ByImmediateDanger; r <= ByNoNeeds; r++ {
			for context := range p.reasons {
				s := &p.reasons[context][r][l]
				*s = f.sentence(r, l, context == 1)
				if r != ByNoNeeds {
					s.observed()
				}
			}
		}
	}
	for u := range continuum.Urgency(len(p.opens)) {
		p.opens[u] = urgencySentence(u) + " Strengths noted, which do not lower the level: "
	}
}

// observed ends s with the opening of the list of its reason's indicators.
func (s *sentence) observed() {
	if s.counts {
		s.tail += " Observed: "
	} else {
		s.head += " Observed: "
	}
}

// sentence writes the sentence of a reason with rule r at level l, with the space that
// comes before it. context is true for a reason after the first: one that did not
// decide the level, which the sentence then does not claim to set.
func (f *Framework) sentence(r DecisionRule, l continuum.Level, context bool) sentence {
	label := f.Label(l)
	lead := " "
	switch {
	case context && isTrigger(r):
		lead = " Also: "
	case context:
		lead = " Without the triggers, the needs alone would suggest " + label + ": "
		switch r {
		case ByMultipleNeeds:
			return sentence{head: lead, mid: " spanning ", tail: " of the assessment triangle.", counts: true}
		case ByHighestNeed:
			return sentence{head: lead + "the highest need observed is at that level."}
		}
	}
	switch r {
	case ByImmediateDanger:
		return sentence{head: lead + "The child is in immediate danger, so the level is " + label + "."}
	case BySignificantHarm:
		return sentence{head: lead + "There is reasonable cause to suspect significant harm, so the level is " + label + "."}
	case ByMultipleNeeds:
		from := l - 1
		needs, domains, _ := f.StepUp(from)
		return sentence{
			head: lead,
			mid:  " at " + f.Label(from) + " span ",
			tail: " of the assessment triangle (this framework steps up at " + count(needs, "need", "needs") +
				" across " + count(domains, "side", "sides") + "), so the level steps up to " + label + ".",
			counts: true,
		}
	case ByHighestNeed:
		return sentence{head: lead + "The highest need observed is at " + label + "."}
	case ByNoNeeds:
		return sentence{head: lead + "No needs were observed, so the level is " + label + "."}
	}
	return sentence{head: lead + "Rule " + r.String() + " applied."}
}

// urgencySentence is the sentence saying what an urgency asks of the practitioner;
// anything but Immediate and SameDay is routine.
func urgencySentence(u continuum.Urgency) string {
	switch u {
	case continuum.Immediate:
		return " Urgency: immediate. Call the police on 999 first, then refer to children's social care."
	case continuum.SameDay:
		return " Urgency: same day. Refer to children's social care today."
	}
	return " Urgency: routine."
}

// counts are "0 needs", "1 need", "2 needs" and so on, and the same for sides, for the
// counts a paragraph usually has.
var needCounts, sideCounts = counted("need", "needs"), counted("side", "sides")

// counted writes the counts from 0 to 63 of a noun.
func counted(one, many string) (c [64]string) {
	for n := range c {
		c[n] = count(n, one, many)
	}
	return c
}

// count is a count with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// appendCount appends the count n of a noun from its table c, or written out with the
// plural many when it is past the table.
func appendCount(b []byte, n int, c *[64]string, many string) []byte {
	if uint(n) < uint(len(c)) {
		return append(b, c[n]...)
	}
	b = strconv.AppendInt(b, int64(n), 10) // n > 1
	b = append(b, ' ')
	return append(b, many...)
}

// countLen is the length of what appendCount appends for the same arguments.
func countLen(n int, c *[64]string, many string) int {
	if uint(n) < uint(len(c)) {
		return len(c[n])
	}
	digits := 1
	for ; n >= 10; n /= 10 {
		digits++
	}
	return digits + 1 + len(many)
}
