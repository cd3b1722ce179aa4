package referral

import (
	"math"
	"sync"
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

// londonOf converts t to London once: the offset from londonOffsets (a zone lookup on
// a day the clocks change, or outside the supported years), then day and clock by
// arithmetic. day is calDay(t) and sec the seconds of t.In(London()).Clock().
func londonOf(t time.Time) londonTime {
	lt := t.In(London())
	u := lt.Unix()
	off, ok := londonOffset(calFloorDiv(u, 86400))
	if !ok {
		_, o := lt.Zone()
		off = int64(o)
	}
	s := u + off
	return londonTime{t: lt, day: calFloorDiv(s, 86400), sec: calFloorMod(s, 86400)}
}

// londonAt returns the instant in Europe/London whose wall clock reads sec seconds after
// midnight on day z, with nsec nanoseconds: time.Date of that date and clock in London.
// Where London's offset is one and the same from the UTC day before z to the one after,
// exactly one instant has that wall clock, and londonAt finds it without a zone lookup.
func londonAt(z, sec int64, nsec int) time.Time {
	offs, i := londonOffsets(), z-calFirstDay // z's index in offs is i+1
	ok := i >= 0 && i+2 < int64(len(offs)) && offs[i+1] != offsetVaries && offs[i] == offs[i+1] && offs[i+2] == offs[i+1]
	if !ok {
		y, m, d := calDate(z)
		return time.Date(int(y), m, d, int(sec/3600), int(sec/60%60), int(sec%60), nsec, London())
	}
	return time.Unix(z*86400+sec-int64(offs[i+1])*900, int64(nsec)).In(London())
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

// londonOffsets holds, for each UTC day of the supported years (and one either side),
// London's UTC offset in quarter hours when it is the same all that day, and
// offsetVaries for a day with a clock change, built once (about 45 KB) from the zone
// data so that converting a time needs no zone lookup.
var londonOffsets = sync.OnceValue(func() []int8 {
	first, last := calFirstDay-1, calLastDay+1
	out := make([]int8, last-first+1)
	for i := range out {
		start := time.Unix((first+int64(i))*86400, 0).In(London())
		_, off := start.Zone()
		_, end := start.ZoneBounds()
		switch {
		case end.IsZero() || end.Unix() < (first+int64(i)+1)*86400, off%900 != 0:
			out[i] = offsetVaries
		default:
			out[i] = int8(off / 900)
		}
	}
	return out
})

// offsetVaries marks a day of londonOffsets whose offset is not one all day.
const offsetVaries = math.MinInt8

// londonOffset returns London's UTC offset in seconds throughout UTC day d (a day
// number), and false for a day with a clock change or outside the table.
func londonOffset(d int64) (int64, bool) {
	i := d - (calFirstDay - 1)
	offs := londonOffsets()
	if i < 0 || i >= int64(len(offs)) || offs[i] == offsetVaries {
		return 0, false
	}
	return int64(offs[i]) * 900, true
}
