package referral

import (
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Route validates a referral and works out where it goes under this policy and the
// framework it goes with. The rules, in order; every blocking problem is reported, as a
// [continuum.Findings] error, and a referral with any is not routed:
//
//  1. fw must be the framework the policy names or one that derives from it
//     ([thresholds.Framework.DerivesFrom]; framework-mismatch).
//  2. To must be a level, From a level or zero, Consent zero or valid, Received set
//     (invalid-level, invalid-consent, missing-received); From == To is not a referral
//     (not-a-move). The London calendar day Received falls on must be within both the
//     framework's and the policy's effective periods (not-in-force, wrapping
//     [ErrNotInForce]).
//  3. The case is decided by fw.Evaluate; its unknown indicators are findings at
//     "case.indicators[i]".
//  4. A decision of SameDay or Immediate urgency may not be routed below Specialist
//     (harm-below-specialist): an error, never a query.
//  5. Consent, by the policy's rule for To: "required" (early help) needs Given, else
//     consent-required; "required-unless-risk" (voluntary help that may go ahead unasked
//     where asking may put the child at risk of significant harm) needs Given or
//     NotSought, else consent-required, and queries NotSought (consent-not-sought);
//     "seek-unless-risk" (specialist) accepts Given, Refused and NotSought, and queries
//     a referral that records nothing (consent-unrecorded).
//  6. The move must be one the policy allows (transition-not-allowed).
//  7. Source, when recorded, must be a census referral source (invalid-referral-source);
//     Closure, when recorded, a census reason (invalid-closure-reason) that the policy
//     allows on the move (closure-not-allowed); History must be valid, each problem a
//     finding at "history[i].field" (see [Episode] and history.go's rule codes).
//  8. Judgement: a recorded [Judgement] needs a valid level equal to To and a valid
//     reason (invalid-judgement, judgement-mismatch). A Specialist decision of routine
//     urgency asked below Specialist without a judgement fails with [ErrNeedsJudgement]
//     (needs-judgement); with one it is routed and the Routing records it. Rule 4 stands
//     whatever the judgement.
//  9. The case's age band, when set, must be a band (case.age, invalid-age).
//  10. Received, and the deadline counted from it, must fall in the supported calendar
//     years (date-out-of-range, [ErrDateOutOfRange]).
//
// Then the route is the policy's route for To at the decision's urgency, with the next
// route after it (999 first, then the front door). A route with a threshold gate takes
// only decisions at or above the gate's level (a recorded judgement's level in place of
// the suggestion); below it the referral goes to the route the policy gives the decided
// level, with a below-threshold query, and the consent rule (5) and the note are those
// of the decided level it lands at. Otherwise asking for more or less than the decided
// level is a query (above-decision, below-decision) unless a judgement records the
// difference: a practitioner may know more than the indicators say. An observed
// indicator outside its age bands still counts and is queried at
// "case.indicators[i]" (thresholds.RuleOutsideAgeBand). A routed referral is also
// queried for an RC8 closure after needs early help serves (no-early-help-offer) and for
// what its History shows: a re-referral within 12 months, a move back up within the
// policy's step-up window, and a From that disagrees with the open episode. LegalBasis
// is the one the policy's routing entry for the route taken states.
//
// DecideBy is the route's timescale counted from Received on London days, in its unit
// (working days, calendar days, weeks or months; after 999, the next route's), with its
// Basis: statutory or local as the timescale says; a route with no timescale of its own
// gets the policy's decision timescale as a prompt (Basis [Prompt]), never a deadline.
// A same-day or immediate referral received while the deciding service is closed
// (outside its office hours, or on a day that is not a working day) sets OutOfHoursNow,
// with an out-of-hours query naming the service's out-of-hours contact.
//
// Route reads no clock: dates are arguments.
func (p *Policy) Route(fw *thresholds.Framework, r Referral) (Routing, error) {
	if err := p.usable(); err != nil {
		return Routing{}, err
	}
	// Received's London day and clock, worked out once for every check that needs them.
	received := londonOf(r.Received)
	fs := p.check(fw, &r, received.day)
	fs = append(append(append(fs, checkSource(&r)...), p.checkClosure(&r)...), checkHistory(&r, received.day)...)
	var d thresholds.Decision
	if fw != nil {
		var err error
		if d, err = fw.Evaluate(r.Case); err != nil {
			fs = append(fs, caseFindings(err)...)
		}
	}
	fs = append(fs, checkAge(r.Case)...)
	fs = append(fs, judge(&r, &d)...)
	t := Transition{From: r.From, To: r.To}
	var dest destination
	if r.To.IsValid() {
		fs = p.checkMove(fs, &r, &d, t, &dest)
	}
	fs = append(fs, p.checkDates(&r, received, &dest, d.Urgency.IsValid() && dest.route >= 0)...)
	if len(fs) > 0 {
		return Routing{}, fs.Capped(continuum.MaxFindings, 0).Err()
	}
	var out Routing
	p.answer(&out, &r, received, t, &d, &dest)
	out.Queries = append(out.Queries, ageQueries(fw, r.Case)...)
	return out, nil
}

// checkMove works out where a referral asking for a valid level goes, into dest, and
// appends to fs the problems of the move (rules 4 to 6 of Route).
func (p *Policy) checkMove(fs continuum.Findings, r *Referral, d *thresholds.Decision, t Transition, dest *destination) continuum.Findings {
	bad := func(fs continuum.Findings, path, rule, msg string) continuum.Findings {
		return fs.Add(path, rule, continuum.Error, ErrInvalidReferral, msg)
	}
	if d.Urgency.IsValid() {
		p.destination(dest, r.To, judgedLevel(d, r.Judgement), d.Urgency)
		switch {
		case d.Urgency != continuum.Routine && r.To < continuum.Specialist:
			fs = bad(fs, "to", RuleHarmBelowSpecialist, fmt.Sprintf("the decision is specialist with %s urgency: it may not be routed to %s", d.Urgency, r.To))
		case dest.route < 0:
			// ParsePolicy rules this out; never index a missing route.
			fs = bad(fs, "to", RuleRoutingIncomplete, fmt.Sprintf("the policy has no route for %s at %s", r.To, d.Urgency))
		}
	} else {
		dest.landing = r.To // undecided: check consent against the level asked for
	}
	if dest.rule = p.consent[dest.landing].rule; consentMissing(dest.rule, r.Consent) {
		msg := fmt.Sprintf("early help at %s is voluntary and needs the family's consent; consent is %s", dest.landing, r.Consent)
		if dest.rule == RequiredUnlessRisk {
			msg = fmt.Sprintf("help at %s is voluntary: it needs the family's consent unless asking may put the child at risk of significant harm; consent is %s", dest.landing, r.Consent)
		}
		if dest.gated {
			msg = fmt.Sprintf("%s takes %s and above and the indicators suggest %s, so the referral would go to early help, which is voluntary and needs the family's consent; consent is %s",
				p.routes[dest.asked].Name, dest.gate.min, d.Level, r.Consent)
		}
		fs = bad(fs, "consent", RuleConsentRequired, msg)
	}
	if t.Kind().IsValid() && !p.Allows(t) {
		fs = bad(fs, "to", RuleTransitionNotAllowed, fmt.Sprintf("the policy does not allow %s", t))
	}
	return fs
}

// check reports the problems of the referral itself (rules 1 and 2 of Route).
// received is the day number of Received's London day.
func (p *Policy) check(fw *thresholds.Framework, r *Referral, received int64) continuum.Findings {
	var fs continuum.Findings
	bad := func(path, rule, msg string) {
		fs = fs.Add(path, rule, continuum.Error, ErrInvalidReferral, msg)
	}
	switch {
	case fw == nil:
		fs = fs.Add("framework", RuleFrameworkMismatch, continuum.Error, ErrFrameworkMismatch, "no framework given")
	case !fw.DerivesFrom(p.framework):
		fs = fs.Add("framework", RuleFrameworkMismatch, continuum.Error, ErrFrameworkMismatch,
			"the framework is not the policy's framework and does not extend it")
	}
	if r.From != 0 && !r.From.IsValid() {
		bad("from", RuleInvalidLevel, "from is not a level")
	}
	switch {
	case r.To == 0:
		bad("to", RuleInvalidLevel, "the level asked for is required")
	case !r.To.IsValid():
		bad("to", RuleInvalidLevel, "to is not a level")
	case r.To == r.From:
		bad("to", RuleNotAMove, "from and to are the same level: that is not a referral")
	}
	if r.Consent != 0 && !r.Consent.IsValid() {
		bad("consent", RuleInvalidConsent, "consent is not given, refused or not-sought")
	}
	switch {
	case r.Received.IsZero():
		bad("received", RuleMissingReceived, "the date the referral was received is required")
	default:
		fs = append(fs, p.inForce(fw, received)...)
	}
	return fs
}

// destination is where a decided referral goes: the route asked for, and where it ends up.
type destination struct {
	level   continuum.Level   // the routing entry used: its level
	urgency continuum.Urgency // and its urgency
	asked   int               // index of the route for the level asked for; -1 for none
	route   int               // index of the route the referral goes to; -1 for none
	then    int               // index of the route after it; -1 for none
	gate    gate              // the asked route's threshold gate, when gated
	gated   bool              // the gate turned the referral away to its decided level's route
	landing continuum.Level   // the level whose consent rule and note apply
	rule    ConsentRule       // the consent rule of landing
	due     due               // the deadline, worked out once by checkDates
}

// decider returns the index of the route whose service decides the referral: the route
// after 999 when there is one (999 decides nothing), else the route. Its timescale sets
// the deadline and its office hours say whether the referral came in out of hours.
func (d *destination) decider() int {
	if d.then >= 0 {
		return d.then
	}
	return d.route
}

// destination works out, into dest, where a referral asked for at to goes, given the
// decision's level (a judgement's, when recorded) and urgency. A
// route with a threshold gate turns away decisions below its level: they go to the route
// the policy gives the decided level, and that level's consent rule applies (Kent's
// front door sends level 1-2 needs to early help, which is voluntary).
func (p *Policy) destination(dest *destination, to, level continuum.Level, u continuum.Urgency) {
	choice := p.routing[to][u]
	*dest = destination{level: to, urgency: u, asked: choice.route - 1, route: choice.route - 1, then: choice.then - 1, landing: to}
	if dest.asked >= 0 && level < p.gates[dest.asked].min {
		dest.gate, dest.gated, dest.landing = p.gates[dest.asked], true, level
		dest.level, dest.urgency = level, continuum.Routine
		dest.route, dest.then = p.routing[level][continuum.Routine].route-1, -1
	}
}

// answer fills out, the zero Routing, with the routing of a referral that passed every
// check.
func (p *Policy) answer(out *Routing, r *Referral, received londonTime, t Transition, d *thresholds.Decision, dest *destination) {
	out.Decision, out.Transition, out.Kind, out.Consent = *d, t, t.Kind(), dest.rule
	noted := Transition{From: t.From, To: dest.landing} // the move that actually happens
	if i := p.allowed[noted.From][noted.To]; i != 0 {
		out.Note = p.transitions[i-1].Note
	}
	if dest.rule == RequiredUnlessRisk && r.Consent == NotSought {
		out.Queries = out.Queries.Add("consent", RuleConsentNotSought, continuum.Query, nil,
			"the family was not asked because asking may put the child at risk of significant harm: check whether this is a safeguarding referral")
	}
	if dest.rule == SeekUnlessRisk && r.Consent == 0 {
		out.Queries = out.Queries.Add("consent", RuleConsentUnrecorded, continuum.Query, nil,
			"record whether the family consented, refused, or was not asked because asking could put the child at risk")
	}
	switch {
	case dest.gated:
		// The prepared message names the route the policy gives d.Level, and that is
		// where the referral went: the gate judged d.Level, never a judgement's level. A
		// passed judgement's level is To (judgement-mismatch); To's routine route has no
		// gate above To (ParsePolicy's invalid-gate); and a same-day or immediate route is
		// asked at Specialist, above which no gate can be.
		out.Queries = out.Queries.Add("to", RuleBelowThreshold, continuum.Query, nil, p.prep.routes[dest.asked].below[d.Level])
	default:
		if rule, msg := levelQuery(r, d); rule != "" {
			out.Queries = out.Queries.Add("to", rule, continuum.Query, nil, msg)
		}
	}
	out.Judgement = r.Judgement
	out.Queries = append(append(out.Queries, closureQueries(r, d)...), p.historyQueries(r, t, received.day)...)
	out.Route = p.routes[dest.route]
	if dest.then >= 0 {
		out.Then = p.routes[dest.then]
	}
	out.Timescale, out.Basis, out.DecideBy = p.timescales[dest.due.timescale], dest.due.basis, dest.due.end
	out.Queries = p.outOfHours(out, dest, received, out.Queries)
	legal := p.legal[dest.level][dest.urgency]
	out.LegalBasis = legal.basis

	// The Routing shares no memory with the policy: its lists are copied, into one
	// array of citations and one of services.
	cites := make([]continuum.Citation, 0, len(out.Route.Citations)+len(out.Then.Citations)+len(out.Timescale.Citations)+len(legal.citations))
	services := make([]string, 0, len(out.Route.Services)+len(out.Then.Services))
	out.Route.Citations, cites = copyInto(cites, out.Route.Citations)
	out.Then.Citations, cites = copyInto(cites, out.Then.Citations)
	out.Timescale.Citations, cites = copyInto(cites, out.Timescale.Citations)
	out.LegalBasisCitations, _ = copyInto(cites, legal.citations)
	out.Route.Hours, out.Then.Hours = cloneHours(out.Route.Hours), cloneHours(out.Then.Hours)
	out.Route.Services, services = copyInto(services, out.Route.Services)
	out.Then.Services, _ = copyInto(services, out.Then.Services)
}

// consentMissing reports whether a referral's consent position fails the rule: required
// needs Given; required-unless-risk needs Given or NotSought.
func consentMissing(rule ConsentRule, c Consent) bool {
	switch rule {
	case Required:
		return c != Given
	case RequiredUnlessRisk:
		return c != Given && c != NotSought
	}
	return false
}

// copyInto appends src to buf, which has room for it, and returns the copy as a window of
// buf whose capacity ends with it (nil for an empty src), and buf.
func copyInto[T any](buf, src []T) (window, rest []T) {
	if len(src) == 0 {
		return nil, buf
	}
	start := len(buf)
	buf = append(buf, src...)
	return buf[start:len(buf):len(buf)], buf
}

// caseFindings returns the findings of a failed evaluation placed under "case"; an error
// that is not Findings becomes one finding.
func caseFindings(err error) continuum.Findings {
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		return continuum.Findings{}.Add("case", RuleUndecidable, continuum.Error, err, "the case cannot be decided")
	}
	return fs.Within("case")
}
