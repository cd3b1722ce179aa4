package referral

import (
	"fmt"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// Episode is one earlier period of support: the referral that opened it and how it
// closed. A child's History lists them oldest first.
//
// An episode at Specialist is a children's social care (child in need) episode, the
// episode the DfE Children in Need census counts: its closure needs a census reason, and
// no two such episodes may overlap. Episodes below Specialist are early help; the
// sources forbid neither overlap nor closure without a census reason there.
//
// The zero Episode is not valid (it has no level and no date). An Episode is a plain
// value, safe for concurrent use.
type Episode struct {
	// Level is the level of support, Additional to Specialist.
	Level continuum.Level `json:"level"`
	// Referred is when the referral that opened the episode was received.
	Referred time.Time `json:"referred"`
	// Closed is when the episode closed; zero while it is open.
	Closed time.Time `json:"closed,omitzero"`
	// Closure is the census reason for closure of a specialist episode; zero while it
	// is open and for early help.
	Closure ClosureReason `json:"closure,omitzero"`
}

// Open reports whether the episode is still open.
func (e Episode) Open() bool { return e.Closed.IsZero() }

// Rule codes of the checks on a referral's history (Route, CheckJourney).
const (
	// History errors.
	RuleMissingReferred          = "missing-referred"            // an episode with no referral date
	RuleHistoryOrder             = "history-order"               // episodes not oldest first
	RuleHistoryAfterReceived     = "history-after-received"      // an episode referred or closed after the referral
	RuleClosedBeforeReferred     = "closed-before-referred"      // closed before it was referred (census 8630)
	RuleClosureDateWithoutReason = "closure-date-without-reason" // a closed specialist episode with no reason (census 8805)
	RuleClosureReasonWithoutDate = "closure-reason-without-date" // a reason on an open episode (census 8810)
	RuleClosureReasonNotCensus   = "closure-reason-not-census"   // a census reason on an early help episode
	RuleOverlappingEpisodes      = "overlapping-episodes"        // specialist episodes overlap, or two are open (census 8815, 8816, 8820)

	// History queries.
	RuleReReferral          = "re-referral"             // a referral within 12 months of an earlier one (DfE census measure)
	RuleStepUpAfterStepDown = "step-up-after-step-down" // back up within the policy's step-up window after coming down
	RuleFromDisagrees       = "from-disagrees-history"  // From is not the level of the open episode
)

// checkHistory reports every problem of r.History: each episode's level and dates, their
// order, their census reasons, and overlapping children's social care episodes. Paths
// are "history[i].field". Dates compare by London calendar day (calDay); received is
// the day number of r.Received's London day, which the caller has worked out already.
func checkHistory(r *Referral, received int64) continuum.Findings {
	if len(r.History) == 0 {
		return nil
	}
	var fs continuum.Findings
	bad := func(i int, field, rule, msg string) {
		fs = fs.Add("history["+strconv.Itoa(i)+"]."+field, rule, continuum.Error, ErrInvalidReferral, msg)
	}
	lastCIN := -1 // index of the latest specialist episode so far
	for i, e := range r.History {
		switch {
		case e.Level == continuum.Universal:
			bad(i, "level", RuleInvalidLevel, "an episode is a period of early help or social care: additional, intensive or specialist")
		case !e.Level.IsValid():
			bad(i, "level", RuleInvalidLevel, "the episode's level is required")
		}
		if e.Referred.IsZero() {
			bad(i, "referred", RuleMissingReferred, "the date the episode's referral was received is required")
		} else {
			ref := calDay(e.Referred)
			if !r.Received.IsZero() && ref > received {
				bad(i, "referred", RuleHistoryAfterReceived, "an earlier episode cannot be referred after the referral being routed")
			}
			if i > 0 && !r.History[i-1].Referred.IsZero() && ref < calDay(r.History[i-1].Referred) {
				bad(i, "referred", RuleHistoryOrder, "episodes are listed oldest first: this one was referred before the one above it")
			}
			if !e.Closed.IsZero() && calDay(e.Closed) < ref {
				bad(i, "closed", RuleClosedBeforeReferred, "the episode closed before it was referred (CIN census rule 8630)")
			}
		}
		if !e.Closed.IsZero() && !r.Received.IsZero() && calDay(e.Closed) > received {
			bad(i, "closed", RuleHistoryAfterReceived, "an earlier episode cannot close after the referral being routed")
		}
		switch {
		case e.Closure != 0 && !e.Closure.IsValid():
			bad(i, "closure", RuleInvalidClosureReason, "the reason for closure is not a census code RC1 to RC9 (CIN census rule 8640)")
		case e.Closure != 0 && e.Level.IsValid() && e.Level != continuum.Specialist:
			bad(i, "closure", RuleClosureReasonNotCensus, "census reasons for closure close a children's social care (specialist) episode, not early help")
		case e.Closure != 0 && e.Open():
			bad(i, "closure", RuleClosureReasonWithoutDate, "an episode with a reason for closure needs its closure date (CIN census rule 8810)")
		case e.Closure == 0 && !e.Open() && e.Level == continuum.Specialist:
			bad(i, "closed", RuleClosureDateWithoutReason, "a closed children's social care episode needs its reason for closure (CIN census rule 8805)")
		}
		if e.Level != continuum.Specialist || e.Referred.IsZero() {
			continue
		}
		if lastCIN >= 0 {
			prev := r.History[lastCIN]
			switch {
			case prev.Open():
				bad(i, "referred", RuleOverlappingEpisodes, "an earlier children's social care episode is still open: only the latest may be open (CIN census rules 8815, 8816)")
			case calDay(e.Referred) < calDay(prev.Closed):
				bad(i, "referred", RuleOverlappingEpisodes, "this children's social care episode starts before the earlier one closed (CIN census rule 8820)")
			}
		}
		lastCIN = i
	}
	return fs
}

// openEpisode returns the index of the latest open episode of h, or -1.
func openEpisode(h []Episode) int {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Open() {
			return i
		}
	}
	return -1
}

// historyQueries returns the queries a valid history raises on a routed referral, in
// order: re-referral, step-up after step-down, From that disagrees with the open episode.
//
//  1. re-referral, on a move up (entry, step-up or escalation: a step-down or closure
//     is no referral): the latest closed episode referred within 12 months before Received
//     (the DfE census measure: a referral within 12 months of a previous referral; a
//     referral made while an episode is open moves the child within it, and is no new
//     referral). Twelve months run back to the same day of the month a year earlier,
//     clamped to the month's end, and include it.
//  2. step-up-after-step-down: only when the policy names a step-up window. A move up
//     (entry, step-up or escalation) to a level at or below that of a closed episode
//     (the child came down from it) whose closure is within the window.
//  3. from-disagrees-history: From is not the level of the latest open episode; or no
//     episode is open and From is above Universal.
//
// Dates compare by London calendar day: received is the day number of r.Received's.
func (p *Policy) historyQueries(r *Referral, t Transition, received int64) continuum.Findings {
	var fs continuum.Findings
	if len(r.History) == 0 {
		return fs
	}
	up := t.Kind() == Entry || t.Kind() == StepUp || t.Kind() == Escalation
	for i := len(r.History) - 1; i >= 0 && up; i-- {
		e := r.History[i]
		if e.Open() {
			continue
		}
		// Twelve months back from the day received (addMonths clamps the day).
		y, m, d := calDate(received)
		c := addMonths(time.Date(int(y), m, d, 0, 0, 0, 0, time.UTC), -12)
		cy, cm, cd := c.Date()
		if ref := calDay(e.Referred); ref >= calDayNum(int64(cy), int(cm), cd) {
			fs = fs.Add("history["+strconv.Itoa(i)+"].referred", RuleReReferral, continuum.Query, nil,
				fmt.Sprintf("a re-referral: received %s after an earlier referral, within the 12 months the census counts", distance(ref, received)))
		}
		break
	}
	if w := p.stepUpWindow; w > 0 && up {
		ts := &p.timescales[w-1]
		for i := len(r.History) - 1; i >= 0; i-- {
			e := r.History[i]
			if e.Open() || e.Level < r.To {
				continue
			}
			// The window counts from the London day the episode closed, as Deadline
			// does; a closing day outside the calendar's years has no window.
			closed := londonOf(e.Closed)
			if end, err := ts.deadlineAt(closed); err == nil && calDay(end) >= received {
				fs = fs.Add("history["+strconv.Itoa(i)+"].closed", RuleStepUpAfterStepDown, continuum.Query, nil,
					fmt.Sprintf("the child came down from %s %s before this referral, within the policy's step-up window (%s, %s)", e.Level, distance(closed.day, received), ts.Name, amountText(*ts)))
			}
			break
		}
	}
	switch open := openEpisode(r.History); {
	case open >= 0 && r.From != r.History[open].Level:
		fs = fs.Add("from", RuleFromDisagrees, continuum.Query, nil,
			fmt.Sprintf("from is %s but the open episode in the history is at %s", r.From, r.History[open].Level))
	case open < 0 && r.From > continuum.Universal:
		fs = fs.Add("from", RuleFromDisagrees, continuum.Query, nil,
			fmt.Sprintf("from is %s but no episode in the history is open", r.From))
	}
	return fs
}

// distance says how long after day number a the day b is, in whole months from one month
// on and in days before that ("7 months", "12 days", "the same day").
func distance(a, b int64) string {
	ay, am, ad := calDate(a)
	by, bm, bd := calDate(b)
	months := int(by-ay)*12 + int(bm-am)
	if bd < ad {
		months--
	}
	switch {
	case months == 1:
		return "1 month"
	case months > 1:
		return strconv.Itoa(months) + " months"
	}
	switch days := b - a; days {
	case 0:
		return "the same day"
	case 1:
		return "1 day"
	default:
		return strconv.FormatInt(days, 10) + " days"
	}
}

// checkStepUpWindow resolves the policy's "stepUpWindow" (a timescale id; "" for none)
// by tsIndex, build's index of the timescales by id.
func (p *Policy) checkStepUpWindow(c *policyChecker, id string, tsIndex map[string]int) {
	if id == "" {
		return
	}
	if i, ok := tsIndex[id]; ok {
		p.stepUpWindow = i + 1
		return
	}
	c.Add("stepUpWindow", RuleUnknownTimescale, "no timescale has this id")
}

// StepUpWindow returns the policy's step-up window: the timescale within which a move up
// after coming down is queried (step-up-after-step-down), and false when the policy
// names none. No national source names such a period; a policy names one only from its
// own local procedure.
func (p *Policy) StepUpWindow() (Timescale, bool) {
	if p.stepUpWindow == 0 {
		return Timescale{}, false
	}
	t := p.timescales[p.stepUpWindow-1]
	t.Citations = append([]continuum.Citation(nil), t.Citations...)
	return t, true
}

// stepUpWindowID returns the id of the step-up window's timescale, "" for none: the
// document form of the policy's "stepUpWindow".
func (p *Policy) stepUpWindowID() string {
	if p.stepUpWindow == 0 {
		return ""
	}
	return p.timescales[p.stepUpWindow-1].ID
}
