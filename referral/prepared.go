package referral

import (
	"github.com/rightsupport/needs/continuum"
)

// This file holds what ParsePolicy works out once for Route, so that routing a referral
// parses no clock times and builds no text a policy fixes: each route's office hours as
// minutes and weekdays, its out-of-hours query, and the below-threshold queries of its
// threshold gate. Strings are immutable, so a Routing holding one shares no
// memory it could change with the policy.

// prepared is a policy's routing data in the form Route reads.
type prepared struct {
	routes []preparedRoute // by route index
}

// preparedRoute is one route's prepared data.
type preparedRoute struct {
	hours  []openSpan // the office hours, parsed (appendSpans)
	closed string     // the out-of-hours query's message
	below  [5]string  // by decided level below the gate: the below-threshold query
}

// prepare works out p.prep from the parsed policy; parse calls it last.
func (p *Policy) prepare() {
	p.prep.routes = make([]preparedRoute, len(p.routes))
	for i, r := range p.routes {
		pr := &p.prep.routes[i]
		pr.hours = appendSpans(nil, r.Hours)
		pr.closed = "received " + closedClause(&r)
		if g := p.gates[i]; g.min != 0 {
			for l := continuum.Universal; l < g.min; l++ {
				if to := p.routing[l][continuum.Routine].route - 1; to >= 0 {
					pr.below[l] = belowMessage(r.Name, g.min, l, p.routes[to].Name)
				}
			}
		}
	}
}

// closedClause says that the route's service is closed and whom to call now: the
// route's out-of-hours contact, or the local out-of-hours social care service when it
// names none. The out-of-hours query and Explain both say it.
func closedClause(r *Route) string {
	if r.OutOfHours != "" {
		return "while " + r.Name + " is closed: use its out-of-hours contact now (" + r.OutOfHours + ")"
	}
	return "while " + r.Name + " is closed: use the local out-of-hours social care service now"
}

// belowMessage is the below-threshold query's message: the gated route asked for, its
// gate, the decided level, and the route the referral goes to instead.
func belowMessage(asked string, gate, decided continuum.Level, to string) string {
	return asked + " takes " + gate.String() + " and above; the decision is " + decided.String() + ", so the referral goes to " + to
}

// levelMessages holds levelQuery's messages by level asked for and level suggested.
var levelMessages = func() (m [5][5]string) {
	for to := continuum.Universal; to <= continuum.Specialist; to++ {
		for d := continuum.Universal; d <= continuum.Specialist; d++ {
			m[to][d] = levelMessage(to, d)
		}
	}
	return m
}()

// levelMessage is the message of the query on a level asked for that differs from the
// suggestion; "" when they agree.
func levelMessage(to, d continuum.Level) string {
	switch {
	case to > d:
		return "asked for " + to.String() + "; the indicators suggest " + d.String() + ": record the professional judgement behind the difference"
	case to < d:
		return "asked for " + to.String() + "; the indicators suggest " + d.String() + ": check the level asked for, or record the professional judgement behind the difference"
	}
	return ""
}
