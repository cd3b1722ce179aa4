package referral

import (
	"sync"
	"time"
)

// This file holds the England & Wales working-day calendar used for
// timescales counted in working days (domain notes §7.2). The rules are
// documented on BankHolidays; the one-off changes are in calOneOffs.
//
// Internally a date is a day number: days since 1970-01-01 in the
// proleptic Gregorian calendar. Every function here is pure or reads the
// immutable table built once by calTable, so all are safe for concurrent
// use. Unexported names carry the prefix "cal" because other files of the
// package are written separately.

// calOneOff is a one-off change to the England & Wales bank holidays.
type calOneOff struct {
	year, month, day int // the bank holiday
	// replaces is the month and day (same year) of the rule date it
	// replaces, or zero when the day was added.
	replacesMonth, replacesDay int
	what                       string
}

// calOneOffs lists the one-off changes to the England & Wales bank holidays
// since 2010, in date order. Source: gov.uk bank holidays
// (https://www.gov.uk/bank-holidays.json, england-and-wales division) and
// the list hard-coded in the DfE CIN validator, domain notes §7.2 [S110]
// [S112].
var calOneOffs = [...]calOneOff{
	{2011, 4, 29, 0, 0, "wedding of Prince William and Catherine Middleton (added)"},
	{2012, 6, 4, 5, 28, "spring bank holiday moved from 28 May (Diamond Jubilee)"},
	{2012, 6, 5, 0, 0, "Queen's Diamond Jubilee (added)"},
	{2020, 5, 8, 5, 4, "early May bank holiday moved from 4 May (VE Day 75)"},
	{2022, 6, 2, 5, 30, "spring bank holiday moved from 30 May (Platinum Jubilee)"},
	{2022, 6, 3, 0, 0, "Queen's Platinum Jubilee (added)"},
	{2022, 9, 19, 0, 0, "state funeral of Queen Elizabeth II (added)"},
	{2023, 5, 8, 0, 0, "coronation of King Charles III (added)"},
}

// calYear holds one year's bank holidays as sorted day numbers.
type calYear struct {
	n    int
	days [12]int64
}

const (
	calRuleCount = 8 // bank holidays a year has by rule alone
	calFirstYear = 1990
	calLastYear  = 2100
	// calMaxN bounds |n| in AddWorkingDays: about 3.8 million years of
	// working days, small enough that the day offset fits an int on
	// 32-bit platforms.
	calMaxN = 1_000_000_000
)

// calTable holds the bank holidays for calFirstYear..calLastYear, built once.
var calTable = sync.OnceValue(func() *[calLastYear - calFirstYear + 1]calYear {
	var t [calLastYear - calFirstYear + 1]calYear
	for i := range t {
		t[i] = calCompute(int64(calFirstYear + i))
	}
	return &t
})

// calHolidays returns year y's bank holidays.
func calHolidays(y int64) calYear {
	if y >= calFirstYear && y <= calLastYear {
		return calTable()[y-calFirstYear]
	}
	return calCompute(y)
}

// calCompute computes year y's bank holidays from the rules and calOneOffs.
func calCompute(y int64) calYear {
	var c calYear
	add := func(z int64) { c.days[c.n] = z; c.n++ }

	// 1. New Year's Day.
	z := calDayNum(y, 1, 1)
	switch calWeekday(z) {
	case 5: // Saturday
		z += 2
	case 6: // Sunday
		z++
	}
	add(z)

	// 2. Good Friday and Easter Monday.
	em, ed := calEaster(y)
	easter := calDayNum(y, em, ed)
	add(easter - 2)
	add(easter + 1)

	// 3-5. Early May, spring and summer bank holidays.
	may1 := calDayNum(y, 5, 1)
	add(may1 + calFloorMod(-calWeekday(may1), 7))
	may31 := calDayNum(y, 5, 31)
	add(may31 - calWeekday(may31))
	aug31 := calDayNum(y, 8, 31)
	add(aug31 - calWeekday(aug31))

	// 6. Christmas Day and Boxing Day.
	xmas := calDayNum(y, 12, 25)
	switch calWeekday(xmas) {
	case 4: // Friday: Boxing Day substituted by Monday 28.
		add(xmas)
		add(xmas + 3)
	case 5: // Saturday: Monday 27 and Tuesday 28.
		add(xmas + 2)
		add(xmas + 3)
	case 6: // Sunday: Boxing Day Monday 26, Christmas Day Tuesday 27.
		add(xmas + 1)
		add(xmas + 2)
	default:
		add(xmas)
		add(xmas + 1)
	}

	for _, o := range calOneOffs {
		if int64(o.year) != y {
			continue
		}
		if o.replacesMonth != 0 {
			old := calDayNum(y, o.replacesMonth, o.replacesDay)
			for i := 0; i < c.n; i++ {
				if c.days[i] == old {
					c.days[i] = c.days[c.n-1]
					c.n--
					break
				}
			}
		}
		add(calDayNum(y, o.month, o.day))
	}

	// Insertion sort: at most a dozen days.
	for i := 1; i < c.n; i++ {
		for j := i; j > 0 && c.days[j] < c.days[j-1]; j-- {
			c.days[j], c.days[j-1] = c.days[j-1], c.days[j]
		}
	}
	return c
}

// calEaster returns the month and day of Easter Sunday in Gregorian year y
// (anonymous Gregorian algorithm; floor division keeps it defined for
// every year).
func calEaster(y int64) (month, day int) {
	a := calFloorMod(y, 19)
	b := calFloorDiv(y, 100)
	c := calFloorMod(y, 100)
	d := calFloorDiv(b, 4)
	e := calFloorMod(b, 4)
	f := calFloorDiv(b+8, 25)
	g := calFloorDiv(b-f+1, 3)
	h := calFloorMod(19*a+b-d-g+15, 30)
	i := c / 4
	k := c % 4
	l := calFloorMod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return int(n / 31), int(n%31) + 1
}

// calFloorDiv is a / b rounded towards minus infinity (b > 0).
func calFloorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// calFloorMod is a mod b in [0, b) (b > 0).
func calFloorMod(a, b int64) int64 {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// calDayNum returns the day number (days since 1970-01-01, proleptic
// Gregorian) of y-m-d; m and d must be in range.
func calDayNum(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := calFloorDiv(y, 400)
	yoe := y - era*400
	mp := int64(m+9) % 12 // March = 0
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// calYearOf returns the Gregorian year of day number z.
func calYearOf(z int64) int64 {
	z += 719468
	era := calFloorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	y := yoe + era*400
	if mp := (5*doy + 2) / 153; mp >= 10 { // January or February
		y++
	}
	return y
}

// calWeekday returns the weekday of day number z, Monday = 0 … Sunday = 6.
func calWeekday(z int64) int64 { return calFloorMod(z+3, 7) }

// calDay returns the day number of t's calendar date in t's location.
func calDay(t time.Time) int64 {
	y, m, d := t.Date()
	return calDayNum(int64(y), int(m), d)
}

// calWeekdaysUpTo counts Monday-Friday days from a fixed origin up to and
// including day z; only differences between two calls mean anything.
func calWeekdaysUpTo(z int64) int64 {
	// Day 4 (1970-01-05) is a Monday.
	q, r := calFloorDiv(z-4, 7), calFloorMod(z-4, 7)
	return 5*q + min(r+1, 5)
}

// calHolidaysUpTo counts bank holidays from a fixed origin up to and
// including day z; only differences between two calls mean anything.
// Every year has calRuleCount holidays by rule, all inside the year, so
// whole years are counted without computing them.
func calHolidaysUpTo(z int64) int64 {
	y := calYearOf(z)
	n := calRuleCount*y + calAddedBefore(y)
	c := calHolidays(y)
	for _, h := range c.days[:c.n] {
		if h > z {
			break
		}
		n++
	}
	return n
}

// calWorkingBetween counts working days d with a < d <= b (a <= b).
// Every bank holiday is a Monday-Friday day, so no holiday is counted
// twice.
func calWorkingBetween(a, b int64) int64 {
	return (calWeekdaysUpTo(b) - calWeekdaysUpTo(a)) - (calHolidaysUpTo(b) - calHolidaysUpTo(a))
}

// IsBankHoliday reports whether d's calendar date, in d's own location, is
// an England & Wales bank holiday. Only the year, month and day of d
// matter. See [BankHolidays] for the rules.
func IsBankHoliday(d time.Time) bool {
	y, m, dd := d.Date()
	z := calDayNum(int64(y), int(m), dd)
	c := calHolidays(int64(y))
	for _, h := range c.days[:c.n] {
		if h == z {
			return true
		}
	}
	return false
}

// BankHolidays returns the England & Wales bank holidays of year, in date
// order, as midnight UTC dates; the slice is new on every call.
//
// The holidays are computed by the rules in force since 1978 for any
// year:
//
//  1. New Year's Day, 1 January, or the following Monday when it falls
//     on a weekend.
//  2. Good Friday and Easter Monday (Gregorian Easter).
//  3. Early May bank holiday, the first Monday of May.
//  4. Spring bank holiday, the last Monday of May.
//  5. Summer bank holiday, the last Monday of August.
//  6. Christmas Day and Boxing Day, each substituted by the next free
//     weekday when it falls on a weekend (25 December on a Saturday gives
//     27 and 28 December; on a Sunday, 26 and 27 December; 26 December
//     on a Saturday gives 28 December).
//
// On top of the rules come the one-off changes since 2010 (2011 royal
// wedding; 2012 Diamond Jubilee; 2020 VE Day; 2022 Platinum Jubilee and
// state funeral; 2023 coronation), from gov.uk's england-and-wales list.
// Years before 1978 follow the same rules, which is not historically
// accurate, and one-off changes before 2010 are not included.
func BankHolidays(year int) []time.Time {
	c := calHolidays(int64(year))
	jan1 := calDayNum(int64(year), 1, 1)
	out := make([]time.Time, c.n)
	for i, z := range c.days[:c.n] {
		out[i] = time.Date(year, time.January, 1+int(z-jan1), 0, 0, 0, 0, time.UTC)
	}
	return out
}

// IsWorkingDay reports whether d's calendar date, in d's own location, is
// an England & Wales working day: Monday to Friday and not a bank holiday
// (see [IsBankHoliday]).
func IsWorkingDay(d time.Time) bool {
	if calWeekday(calDay(d)) >= 5 {
		return false
	}
	return !IsBankHoliday(d)
}

// AddWorkingDays returns the date n England & Wales working days after t.
//
// The day the clock starts is day 0, whatever kind of day t is; day 1 is
// the first working day after t's calendar date, and so on:
//
//  1. n == 0 returns t unchanged.
//  2. n > 0 returns the n-th working day after t.
//  3. n < 0 returns the |n|-th working day before t.
//
// Dates are t's calendar dates in t's location. The result keeps t's
// location and wall-clock time: it is t.AddDate(0, 0, k) for the right k,
// so a daylight-saving change in between does not move the clock time
// (unless that time does not exist on the result's date, when
// [time.Date] normalizes it). For n != 0, [WorkingDaysBetween](t, result)
// == n.
//
// The work does not grow with n: whole weeks and whole years are
// counted, not stepped. |n| above 1,000,000,000 (about 3.8 million
// years) is treated as ±1,000,000,000; a result past the years
// [time.Time] can represent is unspecified. AddWorkingDays does not
// allocate and never panics.
func AddWorkingDays(t time.Time, n int) time.Time {
	if n == 0 {
		return t
	}
	rem := int64(n)
	rem = max(-calMaxN, min(rem, calMaxN))
	start := calDay(t)
	z := start
	if rem > 0 {
		// Jump rem weekdays, then as many more as the bank holidays
		// jumped over; stop when a jump passes no holiday.
		for rem > 0 {
			next := calAddWeekdays(z, rem)
			rem = calHolidaysUpTo(next) - calHolidaysUpTo(z)
			z = next
		}
	} else {
		rem = -rem
		for rem > 0 {
			prev := calSubWeekdays(z, rem)
			rem = calHolidaysUpTo(z-1) - calHolidaysUpTo(prev-1)
			z = prev
		}
	}
	return t.AddDate(0, 0, int(z-start))
}

// calAddWeekdays returns the k-th Monday-Friday day after day z (k >= 0).
func calAddWeekdays(z, k int64) int64 {
	w := calWeekday(z)
	if w >= 5 { // a weekend counts from the Friday before
		z -= w - 4
		w = 4
	}
	total := w + k
	return z - w + total/5*7 + total%5
}

// calSubWeekdays returns the k-th Monday-Friday day before day z (k >= 0).
func calSubWeekdays(z, k int64) int64 {
	w := calWeekday(z)
	if w >= 5 { // a weekend counts from the Monday after
		z += 7 - w
		w = 0
	}
	back := 4 - w // days from the Friday of z's week back to z
	total := back + k
	return z + back - total/5*7 - total%5
}

// WorkingDaysBetween returns the number of England & Wales working days
// between from and to, by calendar date (each value's date in its own
// location):
//
//  1. when to is on or after from, the working days d with
//     from < d <= to;
//  2. when to is before from, minus the working days d with
//     to <= d < from (the mirror image).
//
// So WorkingDaysBetween(t, [AddWorkingDays](t, n)) == n for every n.
func WorkingDaysBetween(from, to time.Time) int {
	a, b := calDay(from), calDay(to)
	if b >= a {
		return int(calWorkingBetween(a, b))
	}
	return -int(calWorkingBetween(b-1, a-1))
}
