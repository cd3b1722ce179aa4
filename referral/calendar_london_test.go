package referral_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// ukOffset is an oracle for London's UTC offset that does not use the zone database:
// since 1996 British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00
// UTC on the last Sunday of October (the EU rule the UK follows).
func ukOffset(u time.Time) time.Duration {
	u = u.UTC()
	lastSunday := func(m time.Month) time.Time {
		d := time.Date(u.Year(), m+1, 1, 1, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	if !u.Before(lastSunday(time.March)) && u.Before(lastSunday(time.October)) {
		return time.Hour
	}
	return 0
}

// ukDate returns the London civil date of an instant as a plain midnight-UTC date, by the
// offset oracle, and the London clock time in seconds after midnight.
func ukDate(t time.Time) (time.Time, int) {
	w := t.UTC().Add(ukOffset(t))
	day := time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
	return day, int(w.Sub(day) / time.Second)
}

// ukWorking is the oracle's working day: a plain date, weekday from the civil calendar,
// holidays from the hand-written list of calendar_test.go.
func ukWorking(tb testing.TB, day time.Time) bool {
	tb.Helper()
	hols, ok := calOracleHolidays[day.Year()]
	require.True(tb, ok, "the oracle has no holidays for %d", day.Year())
	if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	md := day.Format("01-02")
	for _, h := range hols {
		if h == md {
			return false
		}
	}
	return true
}

// ukAdd steps day by day from a plain date until n working days have passed.
func ukAdd(tb testing.TB, day time.Time, n int) time.Time {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		day = day.AddDate(0, 0, step)
		if ukWorking(tb, day) {
			n--
		}
	}
	return day
}

// calZones are the locations instants are written in: London's own, UTC, zones on both
// sides of it, half-hour and fixed offsets (a +01:00 offset kept into winter).
func calZones(tb testing.TB) []*time.Location {
	return []*time.Location{
		referral.London(), time.UTC, calLoad(tb, "America/New_York"), calLoad(tb, "Pacific/Auckland"),
		calLoad(tb, "Asia/Kolkata"), time.FixedZone("+01:00", 3600), time.FixedZone("-11:00", -11*3600),
	}
}

// checkLondon checks every calendar function on the instant t against the oracle.
func checkLondon(t *testing.T, at time.Time) {
	t.Helper()
	day, clock := ukDate(at)
	if got, want := referral.IsWorkingDay(at), ukWorking(t, day); got != want {
		t.Fatalf("IsWorkingDay(%v) = %v, want %v (London day %s)", at, got, want, day.Format(time.DateOnly))
	}
	if got, want := referral.IsBankHoliday(at), day.Weekday() != time.Saturday && day.Weekday() != time.Sunday && !ukWorking(t, day); got != want {
		t.Fatalf("IsBankHoliday(%v) = %v, want %v", at, got, want)
	}
	for _, n := range []int{1, 2, 5, -1, -3} {
		got := referral.AddWorkingDays(at, n)
		if got.Location() != referral.London() {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: not in Europe/London", at, n, got)
		}
		gotDay, gotClock := ukDate(got)
		if want := ukAdd(t, day, n); !gotDay.Equal(want) {
			t.Fatalf("AddWorkingDays(%v, %d) is on London day %s, want %s", at, n, gotDay.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		if gotClock != clock {
			t.Fatalf("AddWorkingDays(%v, %d) = %v: London clock %ds, want %ds", at, n, got, gotClock, clock)
		}
		if back := referral.WorkingDaysBetween(at, got); back != n {
			t.Fatalf("WorkingDaysBetween(%v, AddWorkingDays(.., %d)) = %d", at, n, back)
		}
	}
}

// TestCalendarLondonClockChanges checks every clock change from 2009 to 2035, at the
// change and either side of it, written in every zone of calZones.
func TestCalendarLondonClockChanges(t *testing.T) {
	zones := calZones(t)
	offsets := []time.Duration{-2 * time.Hour, -time.Hour - time.Second, -time.Hour, -time.Second, 0, time.Second, 30 * time.Minute, time.Hour, 23 * time.Hour, 23*time.Hour + 59*time.Minute}
	for year := 2009; year <= 2035; year++ {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			for _, m := range []time.Month{time.March, time.October} {
				d := time.Date(year, m+1, 1, 1, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
				change := d.AddDate(0, 0, -int(d.Weekday())) // 01:00 UTC, last Sunday
				for _, off := range offsets {
					for _, z := range zones {
						checkLondon(t, change.Add(off).In(z))
					}
				}
			}
		})
	}
}

// TestCalendarLondonMidnights checks every London midnight from 2024 to 2026, a second
// either side and exactly, written in every zone of calZones.
func TestCalendarLondonMidnights(t *testing.T) {
	zones := calZones(t)
	for day := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() <= 2026; day = day.AddDate(0, 0, 1) {
		// London midnight of the plain date day, by the oracle: midnight UTC less the
		// offset in force just before it.
		midnight := day.Add(-ukOffset(day.Add(-time.Hour)))
		for _, off := range []time.Duration{-time.Second, 0, time.Second} {
			for _, z := range zones {
				checkLondon(t, midnight.Add(off).In(z))
			}
		}
	}
}

// TestCalendarLondonQuarterHours reproduces the measurement: across 2026 at
// 15-minute steps, written in UTC, every instant counts on its London day.
func TestCalendarLondonQuarterHours(t *testing.T) {
	wrong := 0
	for at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC); at.Year() == 2026; at = at.Add(15 * time.Minute) {
		day, _ := ukDate(at)
		got, _ := ukDate(referral.AddWorkingDays(at, 1))
		if !got.Equal(ukAdd(t, day, 1)) {
			wrong++
		}
	}
	assert.Zero(t, wrong, "instants whose deadline is not counted from their London day")
}

func TestCalendarOneOffsBefore2010(t *testing.T) {
	// Written out by hand from the rules and the sources of calOneOffs.
	want := map[int][]string{
		1978: {"01-02", "03-24", "03-27", "05-01", "05-29", "08-28", "12-25", "12-26"},
		1981: {"01-01", "04-17", "04-20", "05-04", "05-25", "07-29", "08-31", "12-25", "12-28"},
		1995: {"01-02", "04-14", "04-17", "05-08", "05-29", "08-28", "12-25", "12-26"},
		1999: {"01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28", "12-31"},
		2000: {"01-03", "04-21", "04-24", "05-01", "05-29", "08-28", "12-25", "12-26"},
		2002: {"01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25", "12-26"},
	}
	for year, days := range want {
		t.Run(fmt.Sprint(year), func(t *testing.T) {
			var got []string
			for _, d := range referral.BankHolidays(year) {
				got = append(got, d.Format("01-02"))
			}
			assert.Equal(t, days, got)
		})
	}
	for _, tt := range []struct {
		day  string
		want bool
	}{
		{"1981-07-29", false}, {"1995-05-01", true}, {"1995-05-08", false}, {"1999-12-31", false},
		{"2002-05-27", true}, {"2002-06-03", false}, {"2002-06-04", false},
	} {
		d, err := time.ParseInLocation(time.DateOnly, tt.day, referral.London())
		require.NoError(t, err)
		assert.Equal(t, tt.want, referral.IsWorkingDay(d.Add(12*time.Hour)), tt.day)
	}
}

func TestCalendarRange(t *testing.T) {
	tests := []struct {
		name string
		at   time.Time
		want bool
	}{
		{"first_london_day", time.Date(1978, 1, 1, 0, 0, 0, 0, referral.London()), true},
		{"last_second_of_1977_utc", time.Date(1977, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"new_york_evening_is_1978_in_london", time.Date(1977, 12, 31, 20, 0, 0, 0, calLoad(t, "America/New_York")), true},
		{"last_london_second", time.Date(2100, 12, 31, 23, 59, 59, 0, referral.London()), true},
		{"auckland_2101_is_2100_in_london", time.Date(2101, 1, 1, 9, 0, 0, 0, calLoad(t, "Pacific/Auckland")), true},
		{"2101", time.Date(2101, 1, 1, 0, 0, 0, 0, referral.London()), false},
		{"year_9999", time.Date(9999, 12, 31, 12, 0, 0, 0, time.UTC), false},
		{"zero_time", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, referral.InCalendar(tt.at))
		})
	}
	assert.Equal(t, 1978, referral.FirstCalendarYear)
	assert.Equal(t, 2100, referral.LastCalendarYear)
}

// FuzzRouteLondonDeadline drives Route with received instants in random zones: every
// routed deadline is in Europe/London, on a London working day, at the London clock time
// received, 1 working day after the London day received; an instant outside the supported
// years is a date-out-of-range error.
func FuzzRouteLondonDeadline(f *testing.F) {
	// Seeds: unix seconds, zone offset in minutes, which case.
	f.Add(int64(1780615800), int16(0), uint8(0))     // 2026-06-04 23:30 UTC, the Friday
	f.Add(int64(1779665400), int16(0), uint8(1))     // 2026-05-24 23:30 UTC: the spring holiday in London
	f.Add(int64(1766597400), int16(60), uint8(2))    // Christmas Eve 2025 17:30 GMT, written with a +01:00 offset
	f.Add(int64(1711846800), int16(-300), uint8(3))  // the March 2024 clock change, seen from New York
	f.Add(int64(1729990800), int16(780), uint8(0))   // the October 2024 clock change, seen from Auckland
	f.Add(int64(253402300799), int16(0), uint8(0))   // 9999-12-31: out of range
	f.Add(int64(4133980800), int16(0), uint8(1))     // 2101-01-01: out of range
	f.Add(int64(-2208988800), int16(-720), uint8(2)) // 1900: out of range
	cases := []continuum.Code{continuum.MustParseCode("HLT-4-01"), continuum.MustParseCode("SH-01"), continuum.MustParseCode("EM-01"), continuum.MustParseCode("EDU-2-01")}
	newestPolicy, newestFW := referral.DefaultPolicy(), thresholds.Default()
	f.Fuzz(func(t *testing.T, sec int64, offMin int16, which uint8) {
		const lo, hi = -2208988800, 253402300799 // 1900 .. 9999
		sec = lo + ((sec-lo)%(hi-lo+1)+(hi-lo+1))%(hi-lo+1)
		off := int(offMin) % (14 * 60)
		at := time.Unix(sec, 0).In(time.FixedZone("", off*60))
		code := cases[int(which)%len(cases)]
		r := referral.Referral{To: continuum.Specialist, Case: rtCase(code.String()), Consent: referral.NotSought, Received: at}
		// The England versions in force on the day; the newest where none is (Route then
		// reports not-in-force too).
		p, perr := referral.BuiltinPolicyOn("england", at)
		fw, ferr := thresholds.BuiltinOn("england", at)
		if perr != nil || ferr != nil {
			p, fw = newestPolicy, newestFW
		}
		got, err := p.Route(fw, r)
		if !referral.InCalendar(at) || !referral.InCalendar(referral.AddWorkingDays(at, 1)) {
			if err == nil {
				t.Fatalf("received %v outside the calendar was routed", at)
			}
			// Besides, the framework and the policy may not be in force then.
			fs := rtFindings(t, err)
			rules := rtPathRules(fs)
			if !slices.Contains(rules, "received date-out-of-range") {
				t.Fatalf("received %v: findings %v, want date-out-of-range", at, rules)
			}
			for _, r := range rules {
				if r != "received date-out-of-range" && r != "received not-in-force" {
					t.Fatalf("received %v: finding %s besides date-out-of-range", at, r)
				}
			}
			return
		}
		if perr != nil || ferr != nil {
			// Before England 2023 came into force: refused, as not-in-force.
			if !errors.Is(err, referral.ErrNotInForce) {
				t.Fatalf("received %v before any England version: %v", at, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("received %v: %v", at, err)
		}
		d := got.DecideBy
		if d.Location() != referral.London() {
			t.Fatalf("DecideBy %v is not in Europe/London", d)
		}
		if !referral.IsWorkingDay(d) {
			t.Fatalf("received %v: DecideBy %v is not a London working day", at, d)
		}
		if n := referral.WorkingDaysBetween(at, d); n != 1 {
			t.Fatalf("received %v: DecideBy %v is %d London working days on", at, d, n)
		}
		la := at.In(referral.London())
		if d.Hour() != la.Hour() || d.Minute() != la.Minute() || d.Second() != la.Second() {
			t.Fatalf("received %v (%v in London): DecideBy %v keeps another clock time", at, la, d)
		}
		if !d.After(at) {
			t.Fatalf("received %v: DecideBy %v is not after it", at, d)
		}
	})
}
