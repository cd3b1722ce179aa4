package referral

import (
	"time"
	_ "time/tzdata" // Europe/London without a system tz database

	"github.com/rightsupport/needs/continuum/document"
)

// This file holds the exported England & Wales working-day calendar. Every
// function counts the London calendar day an instant falls on, whatever
// location the caller's time.Time carries, and returns Europe/London times.
// The day arithmetic is in calendar_days.go, the bank holidays in
// bankholidays.go. Unexported names carry the prefix "cal".

// The years the calendar supports: the rules of [BankHolidays] have been in
// force since 1978 (the first early May holiday), and LastCalendarYear is
// where the forecast by rule stops. A date outside these years is an error
// from [Policy.Route], [Timescale.Deadline] and [Policy.Deadline] (rule
// date-out-of-range, [ErrDateOutOfRange]).
const (
	FirstCalendarYear = 1978
	LastCalendarYear  = 2100
)

// London returns the Europe/London location the calendar counts days in,
// from the zone data embedded in the binary (time/tzdata).
func London() *time.Location { return document.London() }

// InCalendar reports whether the London calendar day t falls on is in a
// supported year, [FirstCalendarYear] to [LastCalendarYear].
func InCalendar(t time.Time) bool { return calInRange(calDay(t)) }

// IsWorkingDay reports whether the London calendar day d falls on (whatever
// location d carries) is an England & Wales working day: Monday to Friday
// and not a bank holiday (see [IsBankHoliday]).
func IsWorkingDay(d time.Time) bool { return calIsWorking(calDay(d)) }

// AddWorkingDays returns the instant n England & Wales working days after t,
// in Europe/London.
//
// Days are London calendar days: t counts on the day it falls on in London,
// whatever location it carries (23:30 UTC on a summer Friday is Saturday).
// The day the clock starts is day 0, whatever kind of day it is; day 1 is
// the first working day after it, and so on:
//
//  1. n == 0 returns t in Europe/London.
//  2. n > 0 returns the n-th working day after t's London day.
//  3. n < 0 returns the |n|-th working day before it.
//
// The result keeps t's London wall-clock time on the day found (the
// deadline convention of the package doc): it is t.In(London()).AddDate(0,
// 0, k) for the right k, so a clock change in between does not move the
// clock time (unless that time does not exist on the result's day, when
// [time.Date] normalizes it; the UK changes clocks on Sundays, which are
// never working days). For n != 0, [WorkingDaysBetween](t, result) == n.
//
// The work does not grow with n: whole weeks and whole years are counted,
// not stepped. |n| above 1,000,000,000 (about 3.8 million years) is treated
// as ±1,000,000,000. Outside the supported years ([InCalendar]) the days
// are counted by the rules alone and a result past the years [time.Time]
// can represent is unspecified: check the start and the result with
// InCalendar, as Route and Deadline do. AddWorkingDays does not allocate
// (the first call in a process builds, once, the table of the supported
// years' working days it counts with) and never panics.
func AddWorkingDays(t time.Time, n int) time.Time {
	t = t.In(London())
	if n == 0 {
		return t
	}
	start := calDay(t)
	return t.AddDate(0, 0, int(calAddWorking(start, int64(n))-start))
}

// calAddWorking returns the day number n working days after day z (before it for a
// negative n; z itself for 0), |n| capped at calMaxN. The work does not grow with n:
// forward within the supported years it reads calWorkTable, otherwise it counts.
func calAddWorking(z, n int64) int64 {
	n = max(-calMaxN, min(n, calMaxN))
	if n > 0 {
		if end, ok := calAddWorkingFast(z, n); ok {
			return end
		}
	}
	return calAddWorkingSlow(z, n)
}

// calAddWorkingSlow is calAddWorking by counting weekdays and bank holidays (|n| <=
// calMaxN).
func calAddWorkingSlow(z, rem int64) int64 {
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
	return z
}

// WorkingDaysBetween returns the number of England & Wales working days
// between from and to, by London calendar day (each instant's day in
// Europe/London, whatever location it carries):
//
//  1. when to's day is on or after from's, the working days d with
//     from < d <= to;
//  2. when it is before, minus the working days d with to <= d < from
//     (the mirror image).
//
// So WorkingDaysBetween(t, [AddWorkingDays](t, n)) == n for every n.
func WorkingDaysBetween(from, to time.Time) int {
	a, b := calDay(from), calDay(to)
	if b >= a {
		return int(calWorkingBetween(a, b))
	}
	return -int(calWorkingBetween(b-1, a-1))
}
