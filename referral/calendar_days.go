package referral

// This file holds the day-number arithmetic of the calendar: a date is a day
// number, days since 1970-01-01 in the proleptic Gregorian calendar. Every
// function here is pure, defined for every int64 year, and safe for concurrent
// use. Which day an instant falls on is London's (calDay); the bank holidays
// are in bankholidays.go and the exported functions in calendar.go.

import "time"

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

// calDate returns the Gregorian year, month and day of day number z (the inverse of
// calDayNum).
func calDate(z int64) (y int64, m time.Month, d int) {
	z += 719468
	era := calFloorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = time.Month(mp + 3)
	} else {
		m = time.Month(mp - 9)
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// calYearOf returns the Gregorian year of day number z.
func calYearOf(z int64) int64 {
	y, _, _ := calDate(z)
	return y
}

// calWeekday returns the weekday of day number z, Monday = 0 … Sunday = 6.
func calWeekday(z int64) int64 { return calFloorMod(z+3, 7) }

// calDay returns the day number of the London calendar day t falls on,
// whatever location t carries.
func calDay(t time.Time) int64 {
	y, m, d := t.In(London()).Date()
	return calDayNum(int64(y), int(m), d)
}

// calWeekdaysUpTo counts Monday-Friday days from a fixed origin up to and
// including day z; only differences between two calls mean anything.
func calWeekdaysUpTo(z int64) int64 {
	// Day 4 (1970-01-05) is a Monday.
	q, r := calFloorDiv(z-4, 7), calFloorMod(z-4, 7)
	return 5*q + min(r+1, 5)
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
