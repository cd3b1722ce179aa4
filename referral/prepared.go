package referral

import (
	"github.com/rightsupport/needs/continuum"
)

// This file holds what ParsePolicy works out once for Route, so that routing a referral
// parses no clock times and builds no text a policy fixes: each route's office hours as
// minutes and weekdays, its out-of-hours query, its threshold gate, and the
// below-threshold queries. Strings are immutable, so a Routing holding one shares no
// memory it could change with the policy.

// prepared is a policy's routing data in the form Route reads.
type prepared struct {
	routes []preparedRoute // by route index
}

// preparedRoute is one route's prepared data.
type preparedRoute struct {
	hours  []openSpan      // the office hours, parsed; spans with a bad time left out
	closed string          // the out-of-hours query's message
	gate   continuum.Level // the threshold gate's level; zero: no gate
	below  [5]string       // by decided level below the gate: the below-threshold query
}

// openSpan is an office-hours span: open from minute open to minute close (after
// midnight, London time) on the weekdays of days (bit calWeekday).
type openSpan struct {
	days        uint8
	open, close int
}

// prepare works out p.prep from the parsed policy; parse calls it last.
func (p *Policy) prepare() {
	p.prep.routes = make([]preparedRoute, len(p.routes))
	for i, r := range p.routes {
		pr := &p.prep.routes[i]
		for _, h := range r.Hours {
			from, ok1 := clockMinutes(h.Open)
			to, ok2 := clockMinutes(h.Close)
			if !ok1 || !ok2 {
				continue // never open: OpenAt skips such a span
			}
			s := openSpan{open: from, close: to}
			for w, name := range weekdayNames {
				for _, d := range h.Days {
					if d == name {
						s.days |= 1 << w
					}
				}
			}
			pr.hours = append(pr.hours, s)
		}
		pr.closed = closedMessage(r)
		if g, ok := p.gates[i]; ok {
			pr.gate = g.min
			for l := continuum.Universal; l < g.min; l++ {
				if to := p.routing[l][continuum.Routine].route - 1; to >= 0 {
					pr.below[l] = belowMessage(r.Name, g.min, l, p.routes[to].Name)
				}
			}
		}
	}
}

// closedMessage is the out-of-hours query's message for a route.
func closedMessage(r Route) string {
	if r.OutOfHours != "" {
		return "received while " + r.Name + " is closed: use its out-of-hours contact now (" + r.OutOfHours + ")"
	}
	return "received while " + r.Name + " is closed: use the local out-of-hours social care service now"
}

// belowMessage is the below-threshold query's message: the gated route asked for, its
// gate, the decided level, and the route the referral goes to instead.
func belowMessage(asked string, gate, decided continuum.Level, to string) string {
	return asked + " takes " + gate.String() + " and above; the decision is " + decided.String() + ", so the referral goes to " + to
}

// openAt is [Route.OpenAt] for route i at an instant converted to London already,
// from the prepared office hours.
func (p *Policy) openAt(i int, t londonTime) (open, known bool) {
	if !calIsWorking(t.day) {
		return false, true
	}
	if len(p.routes[i].Hours) == 0 {
		return false, false
	}
	now, day := int(t.sec/60), uint8(1)<<calWeekday(t.day)
	for _, s := range p.prep.routes[i].hours {
		if s.days&day != 0 && now >= s.open && now < s.close {
			return true, true
		}
	}
	return false, true
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
