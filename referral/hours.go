package referral

import (
	"slices"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// OfficeHours is one span of a route's published office hours, in London time, on the
// given weekdays; bank holidays are closed. A policy gives a route's hours only where a
// source publishes them.
//
// The zero OfficeHours is open on no day. An OfficeHours from a [Routing] or
// [Policy.Routes] is a copy the caller owns; reading it from several goroutines is safe.
type OfficeHours struct {
	// Days are lower-case English weekday names ("monday").
	Days []string `json:"days"`
	// Open and Close are London clock times, "08:30" and "17:00"; Open is before Close.
	Open  string `json:"open"`
	Close string `json:"close"`
	// Citations are the sources that publish these hours.
	Citations []continuum.Citation `json:"citations,omitempty"`
}

// hoursDoc is the JSON shape of an office-hours span (policies/README.md).
type hoursDoc struct {
	Days    []string `json:"days"`
	Open    string   `json:"open"`
	Close   string   `json:"close"`
	Sources []string `json:"sources"`
}

// weekdayNames are the lower-case English weekday names by calWeekday, Monday first.
var weekdayNames = [7]string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// weekdayIndex returns the calWeekday (Monday = 0) of a lower-case English weekday name,
// and false for any other text.
func weekdayIndex(name string) (int, bool) {
	for w, n := range weekdayNames {
		if n == name {
			return w, true
		}
	}
	return 0, false
}

// clockMinutes parses "HH:MM" (00:00 to 24:00) into minutes after midnight.
func clockMinutes(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[3] == '+' || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

// checkHours checks a route's office hours (rule invalid-hours) and returns them with
// their citations.
func (c *policyChecker) checkHours(path string, hs []hoursDoc, cite func(string, []string) []continuum.Citation) []OfficeHours {
	var out []OfficeHours
	for i, h := range hs {
		p := path + "[" + strconv.Itoa(i) + "]"
		if len(h.Days) == 0 {
			c.Add(p+".days", RuleMissingField, "office hours name at least one weekday")
		}
		for j, d := range h.Days {
			if _, ok := weekdayIndex(d); !ok {
				c.Add(p+".days["+strconv.Itoa(j)+"]", RuleInvalidHours, "a day is a lower-case English weekday name")
			}
		}
		open, okOpen := clockMinutes(h.Open)
		closing, okClose := clockMinutes(h.Close)
		switch {
		case !okOpen:
			c.Add(p+".open", RuleInvalidHours, "a time is HH:MM on the 24-hour clock")
		case !okClose:
			c.Add(p+".close", RuleInvalidHours, "a time is HH:MM on the 24-hour clock")
		case open >= closing:
			c.Add(p+".close", RuleInvalidHours, "office hours close after they open")
		}
		out = append(out, OfficeHours{Days: slices.Clone(h.Days), Open: h.Open, Close: h.Close, Citations: cite(p+".sources", h.Sources)})
	}
	return out
}

// hoursDocs returns office hours as the document writes them.
func hoursDocs(hs []OfficeHours) []hoursDoc {
	var out []hoursDoc
	for _, h := range hs {
		out = append(out, hoursDoc{Days: slices.Clone(h.Days), Open: h.Open, Close: h.Close, Sources: sourceIDs(h.Citations)})
	}
	return out
}

// OpenAt reports whether the route's service is open at t, by t's London day and clock
// time, whatever location t carries. known is false when the policy gives no office
// hours for the route and t falls on a working day: only that a day which is not a
// working day (a weekend or bank holiday) is outside working hours is known then.
func (r Route) OpenAt(t time.Time) (open, known bool) {
	var buf [4]openSpan // room for the spans of most routes without allocating
	return openIn(appendSpans(buf[:0], r.Hours), len(r.Hours) > 0, londonOf(t))
}

// openSpan is an office-hours span: open from minute open to minute close (after
// midnight, London time) on the weekdays of days (bit calWeekday).
type openSpan struct {
	days        uint8
	open, close int
}

// appendSpans appends the spans of office hours hs to buf and returns it. A span with a
// bad clock time is left out (it is never open), as is a day that is not a weekday name.
// ParsePolicy prepares each route's spans once (prepared.go); OpenAt on a Route value
// works them out on each call.
func appendSpans(buf []openSpan, hs []OfficeHours) []openSpan {
	for _, h := range hs {
		from, ok1 := clockMinutes(h.Open)
		to, ok2 := clockMinutes(h.Close)
		if !ok1 || !ok2 {
			continue
		}
		s := openSpan{open: from, close: to}
		for _, d := range h.Days {
			if w, ok := weekdayIndex(d); ok {
				s.days |= 1 << w
			}
		}
		buf = append(buf, s)
	}
	return buf
}

// openIn is [Route.OpenAt] at an instant converted to London already, from the route's
// spans; hasHours says whether the route gives any office hours at all.
func openIn(spans []openSpan, hasHours bool, t londonTime) (open, known bool) {
	if !calIsWorking(t.day) {
		return false, true
	}
	if !hasHours {
		return false, false
	}
	now, day := int(t.sec/60), uint8(1)<<calWeekday(t.day)
	for _, s := range spans {
		if s.days&day != 0 && now >= s.open && now < s.close {
			return true, true
		}
	}
	return false, true
}

// outOfHours sets out.OutOfHoursNow, and adds an out-of-hours query, when a same-day or
// immediate referral received at received (in London) finds the service that decides
// it ([destination.decider]) closed.
func (p *Policy) outOfHours(out *Routing, dest *destination, received londonTime, qs continuum.Findings) continuum.Findings {
	if out.Decision.Urgency == continuum.Routine || !out.Decision.Urgency.IsValid() {
		return qs
	}
	service := dest.decider()
	if open, known := openIn(p.prep.routes[service].hours, len(p.routes[service].Hours) > 0, received); open || !known {
		return qs
	}
	out.OutOfHoursNow = true
	return qs.Add("received", RuleOutOfHours, continuum.Query, nil, p.prep.routes[service].closed)
}

// cloneHours copies office hours so a Routing shares no memory with its policy.
func cloneHours(hs []OfficeHours) []OfficeHours {
	if len(hs) == 0 {
		return nil
	}
	out := make([]OfficeHours, len(hs))
	for i, h := range hs {
		out[i] = OfficeHours{Days: slices.Clone(h.Days), Open: h.Open, Close: h.Close, Citations: slices.Clone(h.Citations)}
	}
	return out
}
