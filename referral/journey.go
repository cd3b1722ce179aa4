package referral

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Journey is one child's sequence of referrals and closures under one policy, oldest
// first, with the episodes the child had before it: the input record of
// [Policy.CheckJourney], filled by a literal. It holds no personal data.
//
// The zero Journey has no steps; checking it finds nothing. CheckJourney only reads a
// Journey, so one may be checked from several goroutines at once.
type Journey struct {
	// History is the child's episodes before the first step, oldest first.
	History []Episode `json:"history,omitempty"`
	// Steps are the referrals and closures, in the order they were received.
	Steps []Step `json:"steps"`
}

// Step is one referral or closure of a journey, with when it was decided and whether an
// assessment concluded on it. Its Referral's History must be empty: the journey supplies
// each step's history from the journey's History and the steps before it.
//
// The zero Step is not a referral (Route rejects it).
type Step struct {
	Referral
	// Decided is when the decision on the referral was made; zero when not recorded.
	Decided time.Time `json:"decided,omitzero"`
	// Assessed is when an assessment of the child concluded, its findings being this
	// step's Case; zero when the step records no assessment.
	Assessed time.Time `json:"assessed,omitzero"`
}

// StepCheck is what [Policy.CheckJourney] found on one step.
//
// The zero StepCheck is a step that was not routed and found nothing.
type StepCheck struct {
	// Routing is the step's routing, whose queries are moved into Findings; the zero
	// Routing when a blocking finding stopped it.
	Routing Routing `json:"routing,omitzero"`
	// Findings are the step's errors and queries, at paths under "steps[i]".
	Findings continuum.Findings `json:"findings,omitempty"`
	// OnTime reports whether the decision was made by Routing.DecideBy; false when the
	// step was not routed or Decided is not recorded.
	OnTime bool `json:"onTime"`
	// Late is how many working days after Routing.DecideBy the decision was made; 0
	// when on time or not known.
	Late int `json:"late,omitempty"`
}

// JourneyCheck is the result of [Policy.CheckJourney]: what was found on the journey's
// own History and on each step, and the episodes the journey leaves the child with.
//
// The zero JourneyCheck found nothing. It shares no memory with the Journey and is safe
// for concurrent use once no goroutine writes to it.
type JourneyCheck struct {
	// History holds the findings on the journey's History, at paths "history[i].field".
	History continuum.Findings `json:"history,omitempty"`
	// Steps holds one StepCheck per step, in order.
	Steps []StepCheck `json:"steps"`
	// Episodes are the child's episodes after the last step, oldest first: the
	// journey's History and the episodes its steps opened and closed.
	Episodes []Episode `json:"episodes"`
}

// Findings returns every finding of the check in order: the history's, then each
// step's.
func (c JourneyCheck) Findings() continuum.Findings {
	out := append(continuum.Findings(nil), c.History...)
	for _, s := range c.Steps {
		out = append(out, s.Findings...)
	}
	return out
}

// Err returns the check's blocking findings as a [continuum.Findings] error, or nil when
// every step was routed and the history is valid.
func (c JourneyCheck) Err() error { return c.Findings().Errors().Err() }

// Rule codes of the findings CheckJourney adds to those of Route.
const (
	RuleJourneyOrder           = "journey-order"            // a step received before the step above it
	RuleHistoryInStep          = "history-in-step"          // a step carries a history of its own
	RuleDecidedBeforeReceived  = "decided-before-received"  // a decision recorded before the referral came in
	RuleDecisionLate           = "decision-late"            // the decision came after the timescale's deadline
	RuleHistoryBlocks          = "history-blocks"           // a step not routed because the history before it is invalid
	RuleAssessedBeforeReferral = "assessed-before-referral" // an assessment before its episode's referral (census 1103)
)

// episodeOrigin is where an episode of the running history came from: the journey's
// History (index into it) or the steps that opened and closed it.
type episodeOrigin struct {
	history        int // index into Journey.History; -1 for an episode a step opened
	opened, closed int // step indexes; -1 when none
}

// CheckJourney validates a whole journey for one child against the policy and the
// framework, step by step, and never stops at the first problem:
//
//  1. The journey's History is checked as Route checks a referral's History (paths
//     "history[i].field").
//  2. Steps must be in the order received (journey-order) and carry no History of their
//     own (history-in-step).
//  3. Each step is routed by [Policy.Route] with the history so far: the journey's
//     History and the episodes the steps above opened and closed. Every error and query
//     of Route is the step's, under "steps[i]"; a query about an earlier episode points
//     at the step that opened or closed it ("steps[1].received") or at the journey's
//     History. So each transition must be allowed, consent must be right, and
//     re-referrals, moves back up and a From that disagrees with the open episode are
//     queried.
//  4. Timescale: a Decided before Received is an error (decided-before-received); one
//     after Routing.DecideBy is a query giving the working days late (decision-late).
//  5. Census, where a step touches its codes: an assessment that concludes before the
//     referral that opened its episode (assessed-before-referral, rule 1103); a referral to specialist that records no
//     source (referral-source-missing, rule 8866); a move that closes a specialist
//     episode with no reason, where the policy lists reasons for it
//     (closure-reason-missing, 8805); RC8 or RC9 on an episode none of whose steps
//     records an assessment (closure-without-assessment, 8825Q); an episode whose only
//     assessment found no needs (the census factor 21) closed with a reason other than
//     RC8 or RC9 (no-factors-closure, 8873Q).
//  6. The step moves the child: the latest open episode closes on Received (with the
//     step's reason when it is a specialist episode) and an episode opens at the level
//     the step lands at, unless that is Universal. A step that was not routed moves the
//     child as asked, so that one bad step does not make every later one disagree.
//
// CheckJourney reads no clock: dates are arguments.
func (p *Policy) CheckJourney(fw *thresholds.Framework, j Journey) JourneyCheck {
	var out JourneyCheck
	var last time.Time
	if n := len(j.Steps); n > 0 {
		last = j.Steps[n-1].Received
	}
	out.History = checkHistory(&Referral{History: j.History, Received: last}, calDay(last))
	hist := append([]Episode(nil), j.History...)
	origins := make([]episodeOrigin, len(hist))
	for i := range origins {
		origins[i] = episodeOrigin{history: i, opened: -1, closed: -1}
	}
	assessed := make(map[int]int) // episode index -> assessed steps within it
	assessedStep := make(map[int]int)
	out.Steps = make([]StepCheck, len(j.Steps))
	for i, s := range j.Steps {
		prefix := "steps[" + strconv.Itoa(i) + "]"
		var fs continuum.Findings
		if len(s.History) > 0 {
			fs = fs.Add("history", RuleHistoryInStep, continuum.Error, ErrInvalidReferral,
				"a step's history comes from the journey: leave it empty")
		}
		if i > 0 && !s.Received.IsZero() && !j.Steps[i-1].Received.IsZero() && calDay(s.Received) < calDay(j.Steps[i-1].Received) {
			fs = fs.Add("received", RuleJourneyOrder, continuum.Error, ErrInvalidReferral,
				"steps are listed in the order received: this one came in before the step above it")
		}
		r := s.Referral
		r.History = hist
		routing, err := p.Route(fw, r)
		var rfs continuum.Findings
		if err != nil && !errors.As(err, &rfs) {
			rfs = continuum.Findings{}.Add("", RuleUndecidable, continuum.Error, err, "the step cannot be routed")
		}
		var abs continuum.Findings // findings whose paths are already the journey's
		dropped := 0
		for _, f := range append(rfs, routing.Queries...) {
			if strings.HasPrefix(f.Path, "history[") {
				if f.Severity != continuum.Query {
					dropped++
					continue // reported on the journey's History or as journey-order
				}
				g := *f
				g.Path = remapHistoryPath(f.Path, origins)
				abs = append(abs, &g)
				continue
			}
			fs = append(fs, f)
		}
		if err != nil && dropped > 0 && !fs.HasErrors() {
			fs = fs.Add("", RuleHistoryBlocks, continuum.Error, ErrInvalidReferral,
				"the step cannot be routed until the history before it is valid")
		}
		sc := StepCheck{Routing: routing}
		open := openEpisode(hist)
		landing := r.To
		// Rule 4, whether or not the step was routed: a decision before the referral.
		early := !s.Decided.IsZero() && !s.Received.IsZero() && calDay(s.Decided) < calDay(s.Received)
		if early {
			fs = fs.Add("decided", RuleDecidedBeforeReceived, continuum.Error, ErrInvalidReferral,
				"the decision cannot come before the referral was received")
		}
		if err == nil {
			sc.Routing.Queries = nil
			if routing.Decision.Urgency.IsValid() {
				var dest destination
				p.destination(&dest, r.To, judgedLevel(&routing.Decision, r.Judgement), routing.Decision.Urgency)
				landing = dest.landing
			}
			if !early {
				fs = append(fs, p.stepTimescale(&sc, s)...)
			}
		}
		closing := open >= 0 && landing.IsValid() && landing != hist[open].Level && !s.Received.IsZero()
		if !s.Assessed.IsZero() {
			since := s.Received // the assessment of the episode this step opens
			if closing && landing < hist[open].Level {
				assessed[open]++ // an assessment concluded on the step that closes the episode
				assessedStep[open] = i
				since = hist[open].Referred
			}
			if !since.IsZero() && calDay(s.Assessed) < calDay(since) {
				fs = fs.Add("assessed", RuleAssessedBeforeReferral, continuum.Error, ErrInvalidReferral,
					"the assessment cannot conclude before the referral that opened its episode (CIN census rule 1103)")
			}
		}
		fs = append(fs, p.stepCensus(r, open, hist, origins, assessed, assessedStep, fw, j.Steps)...)

		// Move the child.
		if closing {
			hist[open].Closed = s.Received
			if hist[open].Level == continuum.Specialist && r.Closure.IsValid() {
				hist[open].Closure = r.Closure
			}
			origins[open].closed = i
		}
		if landing.IsValid() && landing > continuum.Universal && (open < 0 || landing != hist[open].Level) && !s.Received.IsZero() {
			hist = append(hist, Episode{Level: landing, Referred: s.Received})
			origins = append(origins, episodeOrigin{history: -1, opened: i, closed: -1})
			if !s.Assessed.IsZero() && (!closing || landing > hist[open].Level) {
				assessed[len(hist)-1]++
				assessedStep[len(hist)-1] = i
			}
		}
		sc.Findings = append(fs.Within(prefix), abs...)
		out.Steps[i] = sc
	}
	out.Episodes = hist
	return out
}

// stepTimescale sets the timeliness of a routed step whose decision is not recorded
// before it was received (CheckJourney reports that), and returns its findings (rule 4).
func (p *Policy) stepTimescale(sc *StepCheck, s Step) continuum.Findings {
	var fs continuum.Findings
	if s.Decided.IsZero() {
		return fs
	}
	late := WorkingDaysBetween(sc.Routing.DecideBy, s.Decided) // by London day
	if late <= 0 {
		sc.OnTime = true
		return fs
	}
	sc.Late = late
	days := "working days"
	if late == 1 {
		days = "working day"
	}
	return fs.Add("decided", RuleDecisionLate, continuum.Query, nil,
		fmt.Sprintf("the decision came %d %s after it was due (timescale: %s, %s)", late, days, sc.Routing.Timescale.Name, amountText(sc.Routing.Timescale)))
}

// stepCensus returns the census queries of one step (rule 5). open is the episode the
// step leaves, if any.
func (p *Policy) stepCensus(r Referral, open int, hist []Episode, origins []episodeOrigin,
	assessed, assessedStep map[int]int, fw *thresholds.Framework, steps []Step) continuum.Findings {
	var fs continuum.Findings
	t := Transition{From: r.From, To: r.To}
	if r.To == continuum.Specialist && r.From != continuum.Specialist && r.Source == 0 {
		fs = fs.Add("source", RuleReferralSourceMissing, continuum.Query, nil,
			"a referral to children's social care records its source for the census (CIN census rule 8866)")
	}
	closes := r.From == continuum.Specialist && r.To < r.From && open >= 0 && hist[open].Level == continuum.Specialist
	if !closes {
		return fs
	}
	reasons := 0
	for range p.ClosureReasons(t) {
		reasons++
	}
	switch {
	case r.Closure == 0 && reasons > 0:
		fs = fs.Add("closure", RuleClosureReasonMissing, continuum.Query, nil,
			"the move closes a children's social care episode: record the census reason for closure (CIN census rule 8805)")
	case r.Closure.AfterAssessment() && origins[open].history < 0 && assessed[open] == 0:
		fs = fs.Add("closure", RuleClosureWithoutAssessment, continuum.Query, nil,
			fmt.Sprintf("%s records a case closed after an assessment, but no step of the episode records one (CIN census rule 8825Q)", r.Closure))
	case r.Closure.IsValid() && !r.Closure.AfterAssessment() && assessed[open] == 1 && fw != nil:
		a := steps[assessedStep[open]]
		if d, err := fw.Evaluate(a.Case); err == nil && d.Rule() == thresholds.ByNoNeeds {
			fs = fs.Add("closure", RuleNoFactorsClosure, continuum.Query, nil,
				fmt.Sprintf("the episode's only assessment found no needs (census factor 21), so the reason for closure should be RC8 or RC9, not %s (CIN census rule 8873Q)", r.Closure))
		}
	}
	return fs
}

// remapHistoryPath turns a path into the running history ("history[3].referred") into a
// path into the journey: the journey's History for its own episodes, or the step that
// opened ("referred") or closed ("closed") an episode a step made.
func remapHistoryPath(path string, origins []episodeOrigin) string {
	rest := strings.TrimPrefix(path, "history[")
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return path
	}
	k, err := strconv.Atoi(rest[:end])
	if err != nil || k < 0 || k >= len(origins) {
		return path
	}
	o, field := origins[k], rest[end+1:]
	switch {
	case o.history >= 0:
		return "history[" + strconv.Itoa(o.history) + "]" + field
	case field == ".closed" && o.closed >= 0:
		return "steps[" + strconv.Itoa(o.closed) + "].received"
	case o.opened >= 0:
		return "steps[" + strconv.Itoa(o.opened) + "].received"
	}
	return path
}
