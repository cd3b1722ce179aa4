package referraltest

import (
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// JourneyCase is one journey conformance case: a child's earlier episodes and a
// sequence of referrals and closures, with what [referral.Policy.CheckJourney] should
// find. The files are language-neutral JSON, in the same envelope as referral cases:
//
//	{
//	  "description": "what the cases cover",
//	  "cases": [
//	    { "name": "england/re-referral", "reason": "why the answer is what it is",
//	      "policy": "england", "framework": "england",
//	      "history": [ { "level": "specialist", "referred": "2024-01-10T10:00:00Z",
//	                     "closed": "2024-03-01T10:00:00Z", "closure": "RC8" } ],
//	      "steps": [ { "from": "", "to": "specialist", "indicators": ["HLT-4-01"],
//	                   "consent": "given", "received": "2024-10-01T10:00:00Z",
//	                   "source": "2A", "decided": "2024-10-02T10:00:00Z" } ],
//	      "want": { "history": [],
//	                "steps": [ { "kind": "entry", "route": "childrens-social-care", "onTime": true,
//	                             "findings": [ { "path": "history[0].referred", "rule": "re-referral" } ] } ],
//	                "episodes": [ … ] } }
//	  ]
//	}
//
// The zero JourneyCase has no name (LoadJourneyCases rejects it).
type JourneyCase struct {
	Name      string             `json:"name"`
	Reason    string             `json:"reason"`
	Policy    string             `json:"policy"`
	Framework string             `json:"framework"`
	History   []referral.Episode `json:"history,omitempty"`
	Steps     []JourneyStep      `json:"steps"`
	Want      JourneyWant        `json:"want"`
}

// JourneyStep is one step of a journey case: a referral in the flat form of referral
// cases, with when it was decided and when an assessment concluded on it.
type JourneyStep struct {
	From       continuum.Level         `json:"from"`
	To         continuum.Level         `json:"to"`
	Indicators []continuum.Code        `json:"indicators"`
	Consent    referral.Consent        `json:"consent"`
	Received   time.Time               `json:"received"`
	Source     referral.ReferralSource `json:"source,omitzero"`
	Closure    referral.ClosureReason  `json:"closure,omitzero"`
	Decided    time.Time               `json:"decided,omitzero"`
	Assessed   time.Time               `json:"assessed,omitzero"`
}

// JourneyWant is what a journey check should find: the findings on the journey's own
// history, each step's outcome, and the episodes the journey leaves. Findings are path
// and rule, sorted as continuum.Findings sorts them.
type JourneyWant struct {
	History  []thresholdstest.WantFinding `json:"history,omitempty"`
	Steps    []WantStep                   `json:"steps"`
	Episodes []referral.Episode           `json:"episodes"`
}

// WantStep is one step's expected outcome: its transition kind and route when routed
// (empty when a blocking finding stopped it), whether the decision was on time, how many
// working days late it was, and every finding (errors and queries).
type WantStep struct {
	Kind     referral.TransitionKind      `json:"kind,omitzero"`
	Route    string                       `json:"route,omitempty"`
	OnTime   bool                         `json:"onTime,omitempty"`
	Late     int                          `json:"late,omitempty"`
	Findings []thresholdstest.WantFinding `json:"findings,omitempty"`
}

// Journey returns the case's input as a [referral.Journey].
func (c JourneyCase) Journey() referral.Journey {
	j := referral.Journey{History: c.History, Steps: make([]referral.Step, len(c.Steps))}
	for i, s := range c.Steps {
		j.Steps[i] = referral.Step{
			Referral: referral.Referral{
				From: s.From, To: s.To, Case: thresholds.Case{Indicators: s.Indicators},
				Consent: s.Consent, Received: s.Received, Source: s.Source, Closure: s.Closure,
			},
			Decided: s.Decided, Assessed: s.Assessed,
		}
	}
	return j
}

// GotJourney returns what a journey check looks like as a [JourneyWant].
func GotJourney(c referral.JourneyCheck) JourneyWant {
	w := JourneyWant{History: thresholdstest.FindingsOf(c.History.Err()), Steps: make([]WantStep, len(c.Steps)), Episodes: c.Episodes}
	for i, s := range c.Steps {
		w.Steps[i] = WantStep{
			Kind: s.Routing.Kind, Route: s.Routing.Route.ID, OnTime: s.OnTime, Late: s.Late,
			Findings: thresholdstest.FindingsOf(s.Findings.Err()),
		}
	}
	return w
}

// LoadJourneyCases reads every file of fsys matching the glob patterns, strictly, and
// returns their journey cases in file and document order. Malformed files, a file with
// no cases, and case names used twice are errors.
func LoadJourneyCases(fsys fs.FS, patterns ...string) ([]JourneyCase, error) {
	return thresholdstest.Load(fsys, func(c JourneyCase) string { return c.Name }, patterns...)
}

// CheckJourneyCase checks c's journey and returns nil, or an error holding the cmp.Diff
// of what was wanted and what was got.
func CheckJourneyCase(p *referral.Policy, fw *thresholds.Framework, c JourneyCase) error {
	got := GotJourney(p.CheckJourney(fw, c.Journey()))
	opts := append(thresholdstest.CmpOptions(), cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) }))
	if diff := cmp.Diff(c.Want, got, opts); diff != "" {
		return fmt.Errorf("journey case %s (%s) under policy %s: mismatch (-want +got):\n%s", c.Name, c.Reason, p, diff)
	}
	return nil
}

// RunJourneyCasesOn runs every journey case with the policy and framework versions lookup
// returns for the day of its first step, like [RunJourneyCases].
func RunJourneyCasesOn(t testing.TB, cases []JourneyCase, lookup LookupOn) {
	t.Helper()
	run(t, "journey case", cases, func(c JourneyCase) string { return c.Name },
		func(c JourneyCase) (*referral.Policy, *thresholds.Framework, error) {
			var on time.Time
			if len(c.Steps) > 0 {
				on = c.Steps[0].Received
			}
			return lookup(c.Policy, c.Framework, on)
		},
		CheckJourneyCase)
}

// RunJourneyCases runs every journey case with the policy and framework lookup returns,
// with any testing.TB; with a *testing.T each case is a subtest.
func RunJourneyCases(t testing.TB, cases []JourneyCase, lookup Lookup) {
	t.Helper()
	run(t, "journey case", cases, func(c JourneyCase) string { return c.Name },
		func(c JourneyCase) (*referral.Policy, *thresholds.Framework, error) {
			return lookup(c.Policy, c.Framework)
		},
		CheckJourneyCase)
}
