package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/rightsupport/needs/referral"
)

// The years the calendar supports (referral.FirstCalendarYear to LastCalendarYear): before
// 1978 there was no May Day holiday, and later than the last year the rules are only a
// forecast that Route and Deadline refuse.
const firstYear, lastYear = referral.FirstCalendarYear, referral.LastCalendarYear

// runHolidays lists the England and Wales bank holidays of a year.
func runHolidays(e env, args []string) (int, error) {
	fs := flags(e, "holidays")
	if err := parseFlags(e, fs, args, 1, 1); err != nil {
		return 0, err
	}
	year, err := strconv.Atoi(fs.Arg(0))
	if err != nil || year < firstYear || year > lastYear {
		fmt.Fprintf(e.stderr, "needs holidays: YEAR must be a year from %d to %d\n", firstYear, lastYear)
		return exitUsage, nil
	}
	for _, d := range referral.BankHolidays(year) {
		fmt.Fprintf(e.stdout, "%s %s\n", d.Format(time.DateOnly), d.Weekday().String()[:3])
	}
	return exitOK, nil
}
