package referral

import (
	"sync"
	"time"
)

// This file holds the England & Wales bank holidays (domain notes §7.2): the
// rules in force since 1978, documented on BankHolidays, and the one-off
// changes in calOneOffs. Dates are day numbers (calendar_days.go).

// calOneOff is a one-off change to the England & Wales bank holidays.
type calOneOff struct {
	year, month, day int // the bank holiday
	// replaces is the month and day (same year) of the rule date it
	// replaces, or zero when the day was added.
	replacesMonth, replacesDay int
	what                       string
}

// calOneOffs lists every one-off change to the England & Wales bank holidays
// since 1978, in date order, each with where it was read:
//
//   - 1981, 1995, 1999, 2002: before gov.uk's list begins; each has two sources. The
//     Wikipedia "Bank holiday" text, as quoted in a search page of enow.com, gives the
//     1981 royal wedding holiday, the 31 December 1999 millennium holiday and the 2002
//     Golden Jubilee holiday on Monday 3 June with the spring holiday moved; when.com
//     quotes the same text for the 1995 move of the early May holiday to Monday 8 May.
//     Second sources: for 1981 (Wednesday 29 July), doyouremember.co.uk ("Charles and
//     Diana's Royal Wedding": declared a national holiday) and calendarz.com; for 1995,
//     LBC (2019: the early May holiday had moved "only once before", for VE Day's 50th
//     anniversary in 1995); for 1999, the Sunday Times of 17 April 1998 as mirrored by
//     Gary North's Y2K links (Friday 31 December 1999 declared a bank holiday); for 2002,
//     BBC News of 24 November 2000 ("'Extra holiday' for Queen's jubilee": the extra
//     holiday on Monday 3 June, the spring holiday moved from 27 May to Tuesday 4 June).
//     The same Sunday Times piece calls 1999's the first extra holiday since the Duke of
//     York's wedding in 1986; no other source read gives a 1986 holiday, so none is
//     added.
//   - 2010 on: gov.uk bank holidays (https://www.gov.uk/bank-holidays.json,
//     england-and-wales division) and the list hard-coded in the DfE CIN
//     validator, domain notes §7.2 [S110] [S112].
var calOneOffs = [...]calOneOff{
	{1981, 7, 29, 0, 0, "wedding of the Prince of Wales and Lady Diana Spencer (added)"},
	{1995, 5, 8, 5, 1, "early May bank holiday moved from 1 May (VE Day 50)"},
	{1999, 12, 31, 0, 0, "millennium (added)"},
	{2002, 6, 3, 0, 0, "Queen's Golden Jubilee (added)"},
	{2002, 6, 4, 5, 27, "spring bank holiday moved from 27 May (Golden Jubilee)"},
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
	calFirstYear = FirstCalendarYear
	calLastYear  = LastCalendarYear
	// calMaxN bounds |n| in AddWorkingDays: about 3.8 million years of
	// working days, small enough that the day offset fits an int on
	// 32-bit platforms.
	calMaxN = 1_000_000_000
)

// calTable holds the bank holidays of the supported years, built once.
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

// IsBankHoliday reports whether the London calendar day d falls on (whatever
// location d carries) is an England & Wales bank holiday. See [BankHolidays]
// for the rules; a day outside the supported years ([InCalendar]) is
// judged by the rules alone.
func IsBankHoliday(d time.Time) bool { return calIsHoliday(calDay(d)) }

// BankHolidays returns the England & Wales bank holidays of year, in date
// order, as midnight in Europe/London; the slice is new on every call.
//
// The holidays follow the rules in force since 1978, when the early May
// holiday was first proclaimed:
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
// On top of the rules come every one-off change since 1978: the 1981 royal
// wedding; the 1995 VE Day move; the 1999 millennium holiday; the 2002
// Golden Jubilee and moved spring holiday; the 2011 royal wedding; the 2012
// Diamond Jubilee; the 2020 VE Day move; the 2022 Platinum Jubilee and
// state funeral; the 2023 coronation. Years from [FirstCalendarYear] to
// [LastCalendarYear] are supported; for later years than gov.uk has
// published, the rules are a forecast that a future one-off change would
// correct. Years outside that range follow the same rules, which is not
// historically accurate.
func BankHolidays(year int) []time.Time {
	c := calHolidays(int64(year))
	jan1 := calDayNum(int64(year), 1, 1)
	out := make([]time.Time, c.n)
	for i, z := range c.days[:c.n] {
		out[i] = time.Date(year, time.January, 1+int(z-jan1), 0, 0, 0, 0, London())
	}
	return out
}
