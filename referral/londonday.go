package referral

import (
	"time"

	"github.com/rightsupport/needs/continuum/document"
)

// This file holds an instant's London calendar day and clock, worked out once: Route
// converts Received once and hands the day to the in-force checks, the range check, the
// deadline and the out-of-hours check, instead of each converting again.

// londonTime is an instant in Europe/London with the London calendar day it falls on
// (a day number, calendar_days.go) and the seconds of its wall clock since that day's
// midnight.
type londonTime struct {
	t   time.Time // the instant, in Europe/London
	day int64     // the day number of the London calendar day t falls on
	sec int64     // seconds of t's London wall clock since midnight, 0 to 86399
}

// londonOf converts t to London once, then works out day and clock by arithmetic from
// the zone's offset: day is calDay(t) and sec the seconds of t.In(London()).Clock().
func londonOf(t time.Time) londonTime {
	lt := t.In(London())
	_, off := lt.Zone()
	s := lt.Unix() + int64(off)
	return londonTime{t: lt, day: calFloorDiv(s, 86400), sec: calFloorMod(s, 86400)}
}

// The first and last day numbers of the supported calendar years: InCalendar(t) is
// calFirstDay <= calDay(t) <= calLastDay.
var (
	calFirstDay = calDayNum(FirstCalendarYear, 1, 1)
	calLastDay  = calDayNum(LastCalendarYear, 12, 31)
)

// calInRange reports whether day number z is in a supported calendar year.
func calInRange(z int64) bool { return z >= calFirstDay && z <= calLastDay }

// periodBound returns the day number of a bound of a [document.Period]: a midnight in
// Europe/London, as [document.Period] promises and [document.Header.CheckPeriod] builds
// it. A London midnight of day D is D*86400 minus the offset (between -75 seconds and
// +2 hours in every era of the zone) in Unix seconds, so adding half a day and
// dividing finds D without a zone lookup.
func periodBound(t time.Time) int64 { return calFloorDiv(t.Unix()+43200, 86400) }

// inPeriod is [document.Period.Contains] for the London day z: false for a period with
// no start, else whether z is from From to To (open-ended for the zero To).
func inPeriod(z int64, p document.Period) bool {
	if p.From.IsZero() {
		return false
	}
	return z >= periodBound(p.From) && (p.To.IsZero() || z <= periodBound(p.To))
}

// calIsHoliday reports whether day number z is an England & Wales bank holiday.
func calIsHoliday(z int64) bool {
	c := calHolidays(calYearOf(z))
	for _, h := range c.days[:c.n] {
		if h == z {
			return true
		}
	}
	return false
}

// calIsWorking reports whether day number z is a working day: Monday to Friday and not
// a bank holiday. Within the supported years it reads calWorkTable.
func calIsWorking(z int64) bool {
	if !calInRange(z) {
		return calIsWorkingSlow(z)
	}
	before, i := calWorkTable().before, z-calFirstDay
	if i == 0 {
		return before[0] == 1
	}
	return before[i] != before[i-1]
}

// calIsWorkingSlow is calIsWorking from the weekday and the year's bank holidays.
func calIsWorkingSlow(z int64) bool { return calWeekday(z) < 5 && !calIsHoliday(z) }
