package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
)

// stepCheck is what the whole-journey check found on one step, as -json prints it.
type stepCheck struct {
	OnTime   bool               `json:"onTime"`
	Late     int                `json:"workingDaysLate,omitempty"`
	Findings continuum.Findings `json:"findings,omitempty"`
}

// checkOf keeps the parts of a step's check that the per-step walk does not show.
func checkOf(s referral.StepCheck) *stepCheck {
	return &stepCheck{OnTime: s.OnTime, Late: s.Late, Findings: s.Findings.Sorted()}
}

// checked prints the journey walked as one sequence: per step, whether the decision was
// on time and what the check found, then the episodes the journey leaves the child with.
func (p *textPrinter) checked(c referral.JourneyCheck) error {
	p.printf("\n  Checked as one journey (Policy.CheckJourney):\n")
	for _, f := range c.History.Sorted() {
		p.field("", fmt.Sprintf("%s %s: %s", f.Severity, f.Rule, f.Msg))
	}
	for i, s := range c.Steps {
		timing := "decision date not recorded"
		switch {
		case s.OnTime:
			timing = "decided on time"
		case s.Late == 1:
			timing = "decided 1 working day late"
		case s.Late > 1:
			timing = fmt.Sprintf("decided %d working days late", s.Late)
		}
		p.field(fmt.Sprintf("Step %d", i+1), timing)
		for _, f := range s.Findings.Sorted() {
			p.more(fmt.Sprintf("%s at %s, %s: %s", f.Severity, f.Path, f.Rule, f.Msg))
		}
	}
	var eps []string
	for _, e := range c.Episodes {
		text := fmt.Sprintf("%s from %s", p.fw.Label(e.Level), e.Referred.In(london).Format(time.DateOnly))
		if e.Open() {
			text += ", open"
		} else {
			text += " to " + e.Closed.In(london).Format(time.DateOnly)
		}
		if e.Closure.IsValid() {
			text += fmt.Sprintf(" (%s: %s)", e.Closure, e.Closure.Label())
		}
		eps = append(eps, text)
	}
	if len(eps) == 0 {
		eps = append(eps, "none")
	}
	p.field("Episodes", strings.Join(eps, "; "))
	return p.err
}
