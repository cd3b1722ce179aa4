package thresholds

import (
	"fmt"
	"strconv"
	"strings"

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
	if err := f.checkDecision(d); err != nil {
		return "", err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Suggested level: %s.", f.Label(d.Level))
	for i, r := range d.Reasons {
		b.WriteByte(' ')
		if i > 0 && !isTrigger(r.Rule) {
			b.WriteString("Without the triggers, the needs alone would suggest " + f.Label(r.Level) + ": ")
		} else if i > 0 {
			b.WriteString("Also: ")
		}
		b.WriteString(f.ruleSentence(r, i > 0))
		if len(r.Indicators) > 0 {
			b.WriteString(" Observed: ")
			for j, code := range r.Indicators {
				if j > 0 {
					b.WriteString("; ")
				}
				b.WriteString(f.summary(code))
			}
			b.WriteByte('.')
		}
	}
	switch d.Urgency {
	case continuum.Immediate:
		b.WriteString(" Urgency: immediate. Call the police on 999 first, then refer to children's social care.")
	case continuum.SameDay:
		b.WriteString(" Urgency: same day. Refer to children's social care today.")
	default:
		b.WriteString(" Urgency: routine.")
	}
	if len(d.Strengths) > 0 {
		b.WriteString(" Strengths noted, which do not lower the level: ")
		for j, code := range d.Strengths {
			if j > 0 {
				b.WriteString("; ")
			}
			b.WriteString(f.summary(code))
		}
		b.WriteByte('.')
	}
	if note := f.LabelNote(d.Level); note != "" {
		b.WriteString(" Note on the label: ")
		b.WriteString(strings.TrimSuffix(note, "."))
		b.WriteByte('.')
	}
	b.WriteString(" This suggestion supports professional judgement; it is not a checklist and does not replace the practitioner's assessment.")
	fmt.Fprintf(&b, " (%s framework, version %s.)", f.id, f.version)
	return b.String(), nil
}

func isTrigger(r DecisionRule) bool { return r == ByImmediateDanger || r == BySignificantHarm }

// ruleSentence says in words why a reason's rule applied; context is true for a reason
// that did not decide the level (it then does not claim to set it).
func (f *Framework) ruleSentence(r Reason, context bool) string {
	label := f.Label(r.Level)
	if context && !isTrigger(r.Rule) {
		switch r.Rule {
		case ByMultipleNeeds:
			return fmt.Sprintf("%s spanning %s of the assessment triangle.", plural(len(r.Indicators), "need", "needs"), plural(f.sides(r.Indicators), "side", "sides"))
		case ByHighestNeed:
			return "the highest need observed is at that level."
		}
	}
	switch r.Rule {
	case ByImmediateDanger:
		return "The child is in immediate danger, so the level is " + label + "."
	case BySignificantHarm:
		return "There is reasonable cause to suspect significant harm, so the level is " + label + "."
	case ByMultipleNeeds:
		from := r.Level - 1
		needs, domains, _ := f.StepUp(from)
		return fmt.Sprintf("%s at %s span %s of the assessment triangle (this framework steps up at %s across %s), so the level steps up to %s.",
			plural(len(r.Indicators), "need", "needs"), f.Label(from), plural(f.sides(r.Indicators), "side", "sides"),
			plural(needs, "need", "needs"), plural(domains, "side", "sides"), label)
	case ByHighestNeed:
		return "The highest need observed is at " + label + "."
	case ByNoNeeds:
		return "No needs were observed, so the level is " + label + "."
	}
	return "Rule " + r.Rule.String() + " applied."
}

// sides counts the sides of the triangle the indicators' dimensions cover.
func (f *Framework) sides(codes []continuum.Code) int {
	var seen [4]bool
	n := 0
	for _, code := range codes {
		if i, ok := f.index[code]; ok && !seen[f.inds[i].Domain()] {
			seen[f.inds[i].Domain()] = true
			n++
		}
	}
	return n
}

// plural writes a count with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// summary returns an indicator's summary without its final full stop, or its code when
// the catalogue lacks it.
func (f *Framework) summary(code continuum.Code) string {
	i, ok := f.index[code]
	if !ok {
		return code.String()
	}
	s := strings.TrimSuffix(f.inds[i].Summary, ".")
	return s + " [" + code.String() + "]"
}
