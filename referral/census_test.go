package referral_test

import (
	"strings"
	"testing"
	"time"

	"github.com/rightsupport/needs/referral"
)

// censusHolidays is the England holiday list hard-coded in the DfE CIN census validator
// (data-to-insight/csc-validator-be-cin, cin_validator/england_holidates.py), copied as
// it stands: the census's own calendar, independent of this package's rules.
const censusHolidays = "2022-01-03 2022-04-15 2022-04-18 2022-05-02 2022-06-02 2022-06-03 2022-08-29 2022-09-19 2022-12-26 2022-12-27 " +
	"2023-01-02 2023-04-07 2023-04-10 2023-05-01 2023-05-08 2023-05-29 2023-08-28 2023-12-25 2023-12-26 " +
	"2024-01-01 2024-03-29 2024-04-01 2024-05-06 2024-05-27 2024-08-26 2024-12-25 2024-12-26 " +
	"2025-01-01 2025-04-18 2025-04-21 2025-05-05 2025-05-26 2025-08-25 2025-12-25 2025-12-26 " +
	"2026-01-01 2026-04-03 2026-04-06 2026-05-04 2026-05-25 2026-08-31 2026-12-25 2026-12-28 " +
	"2027-01-01 2027-03-26 2027-03-29 2027-05-03 2027-05-31 2027-08-30 2027-12-27 2027-12-28"

// censusBusinessDay reports whether a plain date is a business day of the validator's
// calendar (numpy busdaycalendar: Monday to Friday, less the list).
func censusBusinessDay(d time.Time) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !strings.Contains(censusHolidays, d.Format(time.DateOnly))
}

// censusMinus is reference - CustomBusinessDay(k) as pandas computes it for k >= 1
// (numpy busday_offset with roll "forward"): a reference date that is not a business day
// first rolls forward to the next business day, then k business days are counted back.
func censusMinus(ref time.Time, k int) time.Time {
	d := censusRoll(ref)
	for k > 0 {
		d = d.AddDate(0, 0, -1)
		if censusBusinessDay(d) {
			k--
		}
	}
	return d
}

// censusRoll returns the first business day on or after d.
func censusRoll(d time.Time) time.Time {
	for !censusBusinessDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// TestCensusValidatorAgrees checks the day-0 convention against the census validator's
// timescale queries (rules 8670Q, 45 working days, and 8675Q, 15): the validator flags a
// start date S on reference date R when S < R - CustomBusinessDay(n-1) (utils.
// england_working_days). This package's deadline AddWorkingDays(S, n) falls on or before
// the reference date exactly then, once a reference date that is not a business day is
// read as the next business day, as the validator reads it. So both call the same day
// late on a working day; on a weekend or bank holiday reference date the validator flags
// one working day sooner (31 March, the census reference date, was a Sunday in 2024).
func TestCensusValidatorAgrees(t *testing.T) {
	sooner := 0
	for _, n := range []int{15, 45} {
		for ref := time.Date(2022, 9, 1, 0, 0, 0, 0, time.UTC); ref.Year() < 2028; ref = ref.AddDate(0, 0, 1) {
			latest := censusMinus(ref, n-1)
			rolled := censusRoll(ref).Format(time.DateOnly)
			for s := ref.AddDate(0, 0, -100); !s.After(ref); s = s.AddDate(0, 0, 1) {
				if s.Year() < 2022 {
					continue
				}
				flagged := s.Before(latest)
				start := time.Date(s.Year(), s.Month(), s.Day(), 9, 0, 0, 0, referral.London())
				due := referral.AddWorkingDays(start, n).Format(time.DateOnly)
				if late := due <= rolled; flagged != late {
					t.Fatalf("n=%d start %s reference %s: validator flags %v, deadline %s late %v",
						n, s.Format(time.DateOnly), ref.Format(time.DateOnly), flagged, due, late)
				}
				if flagged && due > ref.Format(time.DateOnly) {
					sooner++
				}
			}
		}
	}
	if sooner == 0 {
		t.Error("the validator never flags sooner on a weekend reference date: the documented difference is gone")
	}
}
