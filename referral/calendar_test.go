package referral_test

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London etc. without relying on the host's zoneinfo

	"github.com/rightsupport/needs/referral"
)

// calOracleHolidays is an independent list of England & Wales bank
// holidays, written out by hand (month-day per year). 2010-2025 match
// gov.uk's england-and-wales list (2022-2025 also the DfE CIN validator
// list, domain notes §7.2); 2026-2036 follow the rules with no one-off
// changes. 2009 and 2036 are here so the day-by-day oracle can run 45
// working days past either end of 2010-2035.
var calOracleHolidays = map[int][]string{
	2009: {"01-01", "04-10", "04-13", "05-04", "05-25", "08-31", "12-25", "12-28"},
	2010: {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2011: {"01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27"},
	2012: {"01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26"},
	2013: {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"},
	2014: {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"},
	2015: {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"},
	2016: {"01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27"},
	2017: {"01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"},
	2018: {"01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"},
	2019: {"01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"},
	2020: {"01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"},
	2021: {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2022: {"01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"},
	2023: {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"},
	2024: {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"},
	2025: {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"},
	2026: {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"},
	2027: {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2028: {"01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26"},
	2029: {"01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26"},
	2030: {"01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"},
	2031: {"01-01", "04-11", "04-14", "05-05", "05-26", "08-25", "12-25", "12-26"},
	2032: {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"},
	2033: {"01-03", "04-15", "04-18", "05-02", "05-30", "08-29", "12-26", "12-27"},
	2034: {"01-02", "04-07", "04-10", "05-01", "05-29", "08-28", "12-25", "12-26"},
	2035: {"01-01", "03-23", "03-26", "05-07", "05-28", "08-27", "12-25", "12-26"},
	2036: {"01-01", "04-11", "04-14", "05-05", "05-26", "08-25", "12-25", "12-26"},
}

// calOracleDates returns year's oracle holidays as midnight London dates.
func calOracleDates(t *testing.T, year int) []time.Time {
	t.Helper()
	var out []time.Time
	for _, md := range calOracleHolidays[year] {
		d, err := time.ParseInLocation("2006-01-02", fmt.Sprintf("%d-%s", year, md), referral.London())
		if err != nil {
			t.Fatalf("oracle date %d-%s: %v", year, md, err)
		}
		out = append(out, d)
	}
	return out
}

// calDate is a shorthand for a date and clock time in loc.
func calDate(y int, m time.Month, d, hh, mm int, loc *time.Location) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, loc)
}

func calLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

func TestCalendarBankHolidaysOracle(t *testing.T) {
	for year := 2009; year <= 2036; year++ {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			want := calOracleDates(t, year)
			got := referral.BankHolidays(year)
			if !slices.EqualFunc(want, got, time.Time.Equal) {
				t.Fatalf("BankHolidays(%d)\nwant %v\n got %v", year, want, got)
			}
			for _, d := range got {
				if d.Location() != referral.London() || d.Hour() != 0 || d.Minute() != 0 {
					t.Errorf("BankHolidays(%d) has %v, want midnight in Europe/London", year, d)
				}
				if !referral.IsBankHoliday(d) {
					t.Errorf("IsBankHoliday(%v) = false", d)
				}
				if referral.IsWorkingDay(d) {
					t.Errorf("IsWorkingDay(%v) = true on a bank holiday", d)
				}
			}
		})
	}
}

func TestCalendarBankHolidaysFreshSlice(t *testing.T) {
	a := referral.BankHolidays(2024)
	a[0] = time.Time{}
	b := referral.BankHolidays(2024)
	if b[0].IsZero() {
		t.Fatal("BankHolidays returned shared state: a caller's write showed through")
	}
}

// TestCalendarBankHolidaysAnyYear checks the rule-computed years far from
// the known list: eight holidays, sorted, inside the year, on weekdays,
// with Good Friday a Friday three days before Easter Monday and Easter
// Sunday between 22 March and 25 April.
func TestCalendarBankHolidaysAnyYear(t *testing.T) {
	oneOff := map[int]bool{1981: true, 1995: true, 1999: true, 2002: true, 2011: true, 2012: true, 2020: true, 2022: true, 2023: true}
	var years []int
	for y := -2000; y <= 6000; y++ {
		years = append(years, y)
	}
	years = append(years, math.MinInt32, math.MaxInt32, 1<<36, -(1 << 36))
	for _, y := range years {
		got := referral.BankHolidays(y)
		if oneOff[y] {
			continue
		}
		if len(got) != 8 {
			t.Fatalf("BankHolidays(%d) has %d days, want 8: %v", y, len(got), got)
		}
		for i, d := range got {
			if d.Year() != y {
				t.Fatalf("BankHolidays(%d)[%d] = %v: outside the year", y, i, d)
			}
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Fatalf("BankHolidays(%d)[%d] = %v: a %v", y, i, d, wd)
			}
			if i > 0 && !got[i-1].Before(d) {
				t.Fatalf("BankHolidays(%d) not strictly sorted: %v", y, got)
			}
		}
		goodFriday, easterMonday := got[1], got[2]
		easter := goodFriday.AddDate(0, 0, 2)
		if goodFriday.Weekday() != time.Friday || !easterMonday.Equal(goodFriday.AddDate(0, 0, 3)) {
			t.Fatalf("BankHolidays(%d): Good Friday %v, Easter Monday %v", y, goodFriday, easterMonday)
		}
		if lo, hi := time.Date(y, 3, 22, 0, 0, 0, 0, referral.London()), time.Date(y, 4, 25, 0, 0, 0, 0, referral.London()); easter.Before(lo) || easter.After(hi) {
			t.Fatalf("BankHolidays(%d): Easter Sunday %v outside 22 Mar-25 Apr", y, easter)
		}
	}
}

func TestCalendarIsBankHolidayLondonDay(t *testing.T) {
	auckland := calLoad(t, "Pacific/Auckland")
	// 08:30 on 8 May 2023 in Auckland is still 7 May in London: the day that counts.
	d := calDate(2023, time.May, 8, 8, 30, auckland)
	tests := []struct {
		name string
		d    time.Time
		want bool
	}{
		{"CoronationInAucklandIsSundayInLondon", d, false},
		{"SameInstantInUTC", d.UTC(), false},
		{"CoronationMorningInAuckland", calDate(2023, time.May, 9, 8, 30, auckland), true},
		{"CoronationLateUTCIsTuesdayInLondon", calDate(2023, time.May, 8, 23, 59, time.UTC), false},
		{"CoronationFirstMinuteInLondon", calDate(2023, time.May, 7, 23, 0, time.UTC), true},
		{"OrdinaryTuesday", calDate(2023, time.May, 9, 0, 0, time.UTC), false},
		{"SpringHolidayFromIssue", calDate(2026, time.May, 24, 23, 30, time.UTC), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := referral.IsBankHoliday(tt.d); got != tt.want {
				t.Errorf("IsBankHoliday(%v) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

// calOracle is a day-by-day reference: working[i] says whether the day
// calOracleFirst+i is a working day, decided from time.Weekday and
// calOracleHolidays only.
type calOracle struct {
	first   time.Time
	working []bool
}

func calNewOracle(t *testing.T) *calOracle {
	t.Helper()
	o := &calOracle{first: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC)}
	hol := map[string]bool{}
	for y := range calOracleHolidays {
		for _, d := range calOracleDates(t, y) {
			hol[d.Format(time.DateOnly)] = true
		}
	}
	// The oracle steps through plain dates (midnight UTC, 24 hours apart); the
	// implementation is asked about the same dates in London.
	end := time.Date(2036, 12, 31, 0, 0, 0, 0, time.UTC)
	for d := o.first; !d.After(end); d = d.AddDate(0, 0, 1) {
		wd := d.Weekday()
		o.working = append(o.working, wd != time.Saturday && wd != time.Sunday && !hol[d.Format(time.DateOnly)])
	}
	return o
}

// index returns the day number of midnight-UTC date d from o.first.
func (o *calOracle) index(d time.Time) int { return int(d.Sub(o.first) / (24 * time.Hour)) }

// add steps one day at a time from index i until |n| working days are
// passed, forwards for n > 0 and backwards for n < 0.
func (o *calOracle) add(i, n int) int {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		i += step
		if o.working[i] {
			n--
		}
	}
	return i
}

// between counts working days d with i < d <= j, or minus those with
// j <= d < i when j < i.
func (o *calOracle) between(i, j int) int {
	n := 0
	if j >= i {
		for d := i + 1; d <= j; d++ {
			if o.working[d] {
				n++
			}
		}
		return n
	}
	for d := j; d < i; d++ {
		if o.working[d] {
			n--
		}
	}
	return n
}

func TestCalendarWorkingDaysOracle(t *testing.T) {
	o := calNewOracle(t)
	ns := []int{0, 1, 2, 5, 15, 45}
	spans := []int{0, 1, 3, 7, 30}
	for year := 2010; year <= 2035; year++ {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			end := time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
			for day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC); !day.After(end); day = day.AddDate(0, 0, 1) {
				i := o.index(day)
				lday := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, referral.London())
				if got, want := referral.IsWorkingDay(lday), o.working[i]; got != want {
					t.Fatalf("IsWorkingDay(%s) = %v, want %v", day.Format(time.DateOnly), got, want)
				}
				// A London clock time that must survive.
				start := time.Date(day.Year(), day.Month(), day.Day(), 10, 15, 0, 0, referral.London())
				for _, n := range ns {
					for _, n := range []int{n, -n} {
						want := start
						if n != 0 {
							want = start.AddDate(0, 0, o.add(i, n)-i)
						}
						got := referral.AddWorkingDays(start, n)
						if !got.Equal(want) {
							t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", start.Format(time.DateTime), n, got.Format(time.DateTime), want.Format(time.DateTime))
						}
						if back := referral.WorkingDaysBetween(start, got); back != n {
							t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(.., %d)) = %d", start.Format(time.DateOnly), n, back)
						}
					}
				}
				for _, k := range spans {
					for _, k := range []int{k, -k} {
						to := start.AddDate(0, 0, k)
						if got, want := referral.WorkingDaysBetween(start, to), o.between(i, i+k); got != want {
							t.Fatalf("WorkingDaysBetween(%s, %s) = %d, want %d", start.Format(time.DateOnly), to.Format(time.DateOnly), got, want)
						}
					}
				}
			}
		})
	}
}

func TestCalendarAddWorkingDaysEdges(t *testing.T) {
	london := calLoad(t, "Europe/London")
	newYork := calLoad(t, "America/New_York")
	utc := time.UTC
	tests := []struct {
		name   string
		start  time.Time
		n      int
		want   time.Time
		reason string
	}{
		{"FridayBeforeEaster", calDate(2025, 4, 18, 9, 0, utc), 1, calDate(2025, 4, 22, 9, 0, utc), "clock starts on Good Friday; Easter Monday is a holiday"},
		{"ThursdayBeforeEaster", calDate(2025, 4, 17, 9, 0, utc), 1, calDate(2025, 4, 22, 9, 0, utc), "Good Friday to Easter Monday skipped"},
		{"BackOverEaster", calDate(2025, 4, 22, 9, 0, utc), -1, calDate(2025, 4, 17, 9, 0, utc), "mirror image of ThursdayBeforeEaster"},
		{"ChristmasWeek2021Substitutes", calDate(2021, 12, 24, 12, 0, utc), 1, calDate(2021, 12, 29, 12, 0, utc), "25/26 Dec on Sat/Sun: Mon 27 and Tue 28 are substitutes"},
		{"ChristmasWeek2022Substitutes", calDate(2022, 12, 23, 12, 0, utc), 1, calDate(2022, 12, 28, 12, 0, utc), "25 Dec on Sunday: Mon 26 Boxing Day, Tue 27 substitute"},
		{"NewYear2022Substitute", calDate(2021, 12, 31, 12, 0, utc), 1, calDate(2022, 1, 4, 12, 0, utc), "1 Jan 2022 on Saturday: Mon 3 Jan substitute"},
		{"PlatinumJubilee2022", calDate(2022, 6, 1, 9, 0, utc), 1, calDate(2022, 6, 6, 9, 0, utc), "Thu 2 and Fri 3 June 2022 were bank holidays"},
		{"SpringBankHoliday2022Moved", calDate(2022, 5, 27, 9, 0, utc), 1, calDate(2022, 5, 30, 9, 0, utc), "Mon 30 May 2022 was a working day"},
		{"StateFuneral2022", calDate(2022, 9, 16, 9, 0, utc), 1, calDate(2022, 9, 20, 9, 0, utc), "Mon 19 Sep 2022 was added"},
		{"Coronation2023", calDate(2023, 5, 5, 16, 30, utc), 1, calDate(2023, 5, 9, 16, 30, utc), "Mon 8 May 2023 was added"},
		{"VEDay2020Moved", calDate(2020, 5, 7, 9, 0, utc), 1, calDate(2020, 5, 11, 9, 0, utc), "Fri 8 May 2020 replaced Mon 4 May"},
		{"VEDay2020OldDateWorking", calDate(2020, 5, 1, 9, 0, utc), 1, calDate(2020, 5, 4, 9, 0, utc), "Mon 4 May 2020 was a working day"},
		{"DiamondJubilee2012", calDate(2012, 6, 1, 9, 0, utc), 1, calDate(2012, 6, 6, 9, 0, utc), "Mon 4 and Tue 5 June 2012"},
		{"RoyalWedding2011", calDate(2011, 4, 28, 9, 0, utc), 1, calDate(2011, 5, 3, 9, 0, utc), "Fri 29 Apr added, Mon 2 May early May"},
		{"ClockAndLocationAcrossOctoberDST", calDate(2024, 10, 25, 9, 0, london), 1, calDate(2024, 10, 28, 9, 0, london), "BST ends Sun 27 Oct 2024; 09:00 stays 09:00"},
		{"ClockAndLocationAcrossMarchDST", calDate(2025, 4, 1, 23, 30, london), -5, calDate(2025, 3, 25, 23, 30, london), "BST starts Sun 30 Mar 2025; 23:30 stays 23:30 going back"},
		{"CFA45AcrossOctoberDST", calDate(2024, 9, 20, 9, 0, london), 45, calDate(2024, 11, 22, 9, 0, london), "45 working days, no bank holiday"},
		{"LondonDayNotOwnLocation", calDate(2024, 12, 24, 23, 30, newYork), 1, calDate(2024, 12, 27, 4, 30, london), "23:30 on 24 Dec in New York is 04:30 on Christmas Day in London: day 0 is 25 Dec"},
		{"SummerUTCIsNextLondonDay", calDate(2026, 6, 4, 23, 30, utc), 1, calDate(2026, 6, 8, 0, 30, london), "the issue's case: 23:30Z on Thursday is Friday 00:30 in London, decided Monday"},
		{"FixedOffsetInWinter", calDate(2026, 11, 7, 0, 30, time.FixedZone("", 3600)), 1, calDate(2026, 11, 9, 23, 30, london), "a +01:00 offset kept into winter: Saturday 00:30 +01:00 is Friday 23:30 in London, so Monday, never Sunday"},
		{"ZeroOnSaturday", calDate(2024, 6, 1, 7, 0, utc), 0, calDate(2024, 6, 1, 7, 0, utc), "n == 0 returns t, even on a weekend"},
		{"ZeroOnBankHoliday", calDate(2024, 12, 25, 7, 0, london), 0, calDate(2024, 12, 25, 7, 0, london), "n == 0 returns t, even on a holiday"},
		{"SaturdayForward", calDate(2024, 6, 1, 7, 0, utc), 1, calDate(2024, 6, 3, 7, 0, utc), "day 1 is the first working day after"},
		{"SaturdayBackward", calDate(2024, 6, 1, 7, 0, utc), -1, calDate(2024, 5, 31, 7, 0, utc), "day -1 is the first working day before"},
		{"FarFuture", calDate(2500, 12, 24, 0, 0, utc), 1, calDate(2500, 12, 29, 0, 0, utc), "rule years: 25 Dec 2500 is a Saturday, so Mon 27 and Tue 28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := referral.AddWorkingDays(tt.start, tt.n)
			lw := tt.want.In(referral.London())
			if !got.Equal(tt.want) || got.Location() != referral.London() || got.Hour() != lw.Hour() || got.Minute() != lw.Minute() {
				t.Fatalf("AddWorkingDays(%v, %d) = %v, want %v (%s)", tt.start, tt.n, got, tt.want, tt.reason)
			}
			if tt.n != 0 {
				if back := referral.WorkingDaysBetween(tt.start, got); back != tt.n {
					t.Errorf("WorkingDaysBetween round trip = %d, want %d", back, tt.n)
				}
			}
		})
	}
}

func TestCalendarWorkingDaysBetweenEdges(t *testing.T) {
	utc := time.UTC
	tests := []struct {
		name     string
		from, to time.Time
		want     int
	}{
		{"SameDay", calDate(2022, 6, 1, 9, 0, utc), calDate(2022, 6, 1, 17, 0, utc), 0},
		{"AcrossPlatinumJubilee", calDate(2022, 6, 1, 9, 0, utc), calDate(2022, 6, 6, 9, 0, utc), 1},
		{"MirrorAcrossPlatinumJubilee", calDate(2022, 6, 6, 9, 0, utc), calDate(2022, 6, 1, 9, 0, utc), -1},
		{"WeekendToWeekend", calDate(2024, 6, 1, 0, 0, utc), calDate(2024, 6, 8, 0, 0, utc), 5},
		{"MirrorWeekendToWeekend", calDate(2024, 6, 8, 0, 0, utc), calDate(2024, 6, 1, 0, 0, utc), -5},
		{"Year2024", calDate(2023, 12, 31, 0, 0, utc), calDate(2024, 12, 31, 0, 0, utc), 262 - 8},
		{"ClockTimeIgnored", calDate(2024, 6, 3, 22, 59, utc), calDate(2024, 6, 3, 23, 1, utc), 1},
		{"SameLondonDayAcrossUTCMidnight", calDate(2024, 6, 3, 23, 59, utc), calDate(2024, 6, 4, 0, 1, utc), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := referral.WorkingDaysBetween(tt.from, tt.to); got != tt.want {
				t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

// TestCalendarWorkingDaysHugeN checks that huge n neither hangs nor
// panics and still lands on a working day.
func TestCalendarWorkingDaysHugeN(t *testing.T) {
	start := calDate(2024, 6, 1, 9, 0, time.UTC)
	tests := []struct {
		name string
		n    int
	}{
		{"Million", 1_000_000},
		{"MinusMillion", -1_000_000},
		{"Billion", 1_000_000_000},
		{"MaxInt", math.MaxInt},
		{"MinInt", math.MinInt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := referral.AddWorkingDays(start, tt.n)
			if !referral.IsWorkingDay(got) {
				t.Errorf("AddWorkingDays(%v, %d) = %v: not a working day", start, tt.n, got)
			}
			if (tt.n > 0) != got.After(start) {
				t.Errorf("AddWorkingDays(%v, %d) = %v: wrong direction", start, tt.n, got)
			}
			if tt.n == 1_000_000 || tt.n == -1_000_000 {
				if back := referral.WorkingDaysBetween(start, got); back != tt.n {
					t.Errorf("WorkingDaysBetween round trip = %d, want %d", back, tt.n)
				}
			}
		})
	}
}

func TestCalendarWorkingDaysAllocs(t *testing.T) {
	start := calDate(2024, 10, 25, 9, 0, calLoad(t, "Europe/London"))
	allocs := testing.AllocsPerRun(100, func() {
		_ = referral.WorkingDaysBetween(start, referral.AddWorkingDays(start, 45))
		_ = referral.IsWorkingDay(start)
	})
	if allocs != 0 {
		t.Errorf("AddWorkingDays/WorkingDaysBetween/IsWorkingDay allocate %v times, want 0", allocs)
	}
}

func TestCalendarWorkingDaysConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			start := calDate(2022, 6, 1, 9, 0, time.UTC).AddDate(0, 0, g)
			for n := -50; n <= 50; n++ {
				if got := referral.WorkingDaysBetween(start, referral.AddWorkingDays(start, n)); got != n {
					t.Errorf("goroutine %d: round trip %d = %d", g, n, got)
					return
				}
			}
		})
	}
	wg.Wait()
}

// FuzzAddWorkingDays checks, for any start between 1900 and 2200 and any
// n, that AddWorkingDays does not panic, keeps the clock time and
// location, lands on a working day when n != 0, and round-trips through
// WorkingDaysBetween when |n| <= 400.
func FuzzAddWorkingDays(f *testing.F) {
	// Seed corpus: unix seconds of the start, n.
	f.Add(int64(1654074000), 1)     // Wed 2022-06-01 09:00 UTC: Platinum Jubilee, decided Mon 6 June
	f.Add(int64(1683304200), 1)     // Fri 2023-05-05 16:30 UTC: coronation, Tue 9 May
	f.Add(int64(1640347200), 1)     // Fri 2021-12-24 12:00 UTC: Christmas substitutes 27/28 Dec
	f.Add(int64(1671839999), 2)     // Fri 2022-12-23 23:59:59 UTC: Boxing Day Mon, Christmas substitute Tue
	f.Add(int64(1588842000), -3)    // Thu 2020-05-07 09:00 UTC: VE Day move, backwards
	f.Add(int64(1744970400), 45)    // Good Friday 2025-04-18 10:00 UTC: a CFA_MAX deadline
	f.Add(int64(1729843201), 1)     // Fri 2024-10-25 (odd second: Europe/London) across the October DST change
	f.Add(int64(0), 0)              // the Unix epoch, n == 0
	f.Add(int64(-2208988800), -400) // 1900-01-01, 400 working days back (wraps into range)
	f.Add(int64(7289654399), 400)   // 2200-12-31 23:59:59, 400 working days on
	f.Add(int64(math.MaxInt64), math.MinInt)
	f.Add(int64(math.MinInt64), math.MaxInt)

	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}
	const lo, hi = -2208988800, 7289654399 // 1900-01-01 .. 2200-12-31 UTC
	f.Fuzz(func(t *testing.T, sec int64, n int) {
		// Bound the start to 1900-2200: wrap rather than clamp, so every
		// input maps to a different start instead of piling up at the ends.
		sec = lo + ((sec-lo)%(hi-lo+1)+(hi-lo+1))%(hi-lo+1)
		loc := time.UTC
		if sec%2 != 0 {
			loc = london
		}
		start := time.Unix(sec, 0).In(loc)
		got := referral.AddWorkingDays(start, n)
		if got.Location() != referral.London() {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: not in Europe/London", start, n, got)
		}
		if n == 0 {
			if !got.Equal(start) {
				t.Fatalf("AddWorkingDays(%v, 0) = %v, want the same instant", start, got)
			}
			return
		}
		if !referral.IsWorkingDay(got) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: not a working day", start, n, got)
		}
		// Results are weekdays, never inside London's Sunday-morning
		// DST gap, so the London wall clock always survives.
		ls := start.In(london)
		if got.Hour() != ls.Hour() || got.Minute() != ls.Minute() || got.Second() != ls.Second() {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: clock time changed", start, n, got)
		}
		if (n > 0) != got.After(start) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: wrong direction", start, n, got)
		}
		if n >= -400 && n <= 400 {
			if back := referral.WorkingDaysBetween(start, got); back != n {
				t.Fatalf("WorkingDaysBetween(%v, %v) = %d, want %d", start, got, back, n)
			}
		}
	})
}

func BenchmarkAddWorkingDays(b *testing.B) {
	start := calDate(2024, 10, 25, 9, 0, calLoad(b, "Europe/London"))
	for _, n := range []int{1, 45, -45, 3000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				referral.AddWorkingDays(start, n)
			}
		})
	}
}
