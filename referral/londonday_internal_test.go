package referral

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/thresholds"
)

// The day arithmetic Route uses in place of converting times again: each is checked
// against the time package's own conversion.

// TestLondonOf checks londonOf's day and clock against t.In(London()): instants every 3
// hours 17 minutes 11 seconds across 1977 to 2101, and every minute from midnight to
// 05:00 UTC of each day the clocks change, in several locations.
func TestLondonOf(t *testing.T) {
	locs := []*time.Location{time.UTC, London(), time.FixedZone("plus-13", 13*3600), time.FixedZone("minus-11", -11*3600)}
	check := func(at time.Time) {
		for _, loc := range locs {
			in := at.In(loc)
			got := londonOf(in)
			lt := in.In(London())
			h, m, s := lt.Clock()
			if got.day != calDay(in) || got.sec != int64(h*3600+m*60+s) || !got.t.Equal(lt) || got.t.Location() != London() {
				t.Fatalf("londonOf(%s) = day %d sec %d, want day %d sec %d", in, got.day, got.sec, calDay(in), h*3600+m*60+s)
			}
		}
	}
	end := time.Date(2101, 1, 2, 0, 0, 0, 0, time.UTC)
	for at := time.Date(1977, 12, 30, 0, 0, 0, 0, time.UTC); at.Before(end); at = at.Add(3*time.Hour + 17*time.Minute + 11*time.Second + 1) {
		check(at)
	}
	changes := 0
	for day := time.Date(1978, 1, 1, 0, 0, 0, 0, time.UTC); day.Before(end); day = day.AddDate(0, 0, 1) {
		_, before := day.In(London()).Zone()
		_, after := day.Add(24 * time.Hour).In(London()).Zone()
		if before == after {
			continue
		}
		changes++
		for m := range 5 * 60 {
			check(day.Add(time.Duration(m) * time.Minute))
		}
	}
	require.Greater(t, changes, 240, "the clock changes of 1978 to 2100 are walked")
}

// TestCalDate checks calDate against calDayNum and the time package from 1600 to 2500.
func TestCalDate(t *testing.T) {
	for z := calDayNum(1600, 1, 1); z <= calDayNum(2500, 12, 31); z++ {
		y, m, d := calDate(z)
		want := time.Unix(z*86400, 0).UTC()
		if calDayNum(y, int(m), d) != z || int(y) != want.Year() || m != want.Month() || d != want.Day() {
			t.Fatalf("calDate(%d) = %d-%d-%d, want %s", z, y, m, d, want.Format(time.DateOnly))
		}
	}
}

// TestPeriodBound checks that every London midnight from 1900 to 2200 gives its own day.
func TestPeriodBound(t *testing.T) {
	for z := calDayNum(1900, 1, 1); z <= calDayNum(2200, 12, 31); z++ {
		y, m, d := calDate(z)
		midnight := time.Date(int(y), m, d, 0, 0, 0, 0, London())
		if got := periodBound(midnight); got != z || calDay(midnight) != z {
			t.Fatalf("periodBound(%s) = %d, want %d", midnight, got, z)
		}
	}
}

// TestInPeriod checks inPeriod against Period.Contains and InForce for every builtin
// framework and policy version, on the days around each bound and at several clock
// times.
func TestInPeriod(t *testing.T) {
	var periods []document.Period
	for fw := range thresholds.BuiltinVersions() {
		periods = append(periods, document.Period{From: fw.EffectiveFrom(), To: fw.EffectiveTo()})
	}
	for p := range BuiltinPolicyVersions() {
		periods = append(periods, p.period)
	}
	periods = append(periods, document.Period{}, document.Period{From: document.Day(time.Date(2024, 3, 31, 12, 0, 0, 0, London()))})
	require.Greater(t, len(periods), 4)
	for _, p := range periods {
		for _, bound := range []time.Time{p.From, p.To, time.Date(2024, 10, 27, 0, 0, 0, 0, London())} {
			if bound.IsZero() {
				continue
			}
			for _, clock := range []time.Duration{-90 * time.Minute, -time.Nanosecond, 0, time.Hour, 23*time.Hour + 59*time.Minute} {
				for days := -2; days <= 2; days++ {
					at := bound.AddDate(0, 0, days).Add(clock)
					require.Equal(t, p.Contains(at), inPeriod(londonOf(at).day, p), "%s in %v", at, p)
				}
			}
		}
	}
}

// TestCalAddWorkingFast checks the table of working days against counting, from every
// day of the supported years.
func TestCalAddWorkingFast(t *testing.T) {
	ns := []int64{1, 2, 3, 5, 10, 20, 45, 260, 1000, 40_000, calMaxN}
	for z := calFirstDay - 3; z <= calLastDay+3; z++ {
		for _, n := range ns {
			got, ok := calAddWorkingFast(z, n)
			want := calAddWorkingSlow(z, n)
			if ok && got != want {
				t.Fatalf("%d working days after day %d: %d, want %d", n, z, got, want)
			}
			if ok != (calInRange(z) && calInRange(want)) {
				t.Fatalf("%d working days after day %d: table used %v", n, z, ok)
			}
		}
	}
}

// TestDeadlineAt checks deadlineAt against the deadline worked out as the package did
// before it: the range check of start, AddWorkingDays (or AddDate, addMonths) from
// start in London, and the range check of the end; random instants of 1976 to 2102,
// every unit, amounts 0 to 400.
func TestDeadlineAt(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 2026))
	lo := time.Date(1976, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	hi := time.Date(2102, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for range 200_000 {
		start := time.Unix(lo+r.Int64N(hi-lo), r.Int64N(1e9))
		ts := Timescale{Amount: r.IntN(401), Unit: Unit(r.IntN(5))}
		if r.IntN(10) == 0 {
			ts.Amount = r.IntN(5)
		}
		got, gotErr := ts.deadlineAt(londonOf(start))
		want, wantErr := deadlineBefore(ts, start)
		require.Equal(t, wantErr, gotErr, "%v from %s", ts, start)
		require.True(t, want == got, "%v from %s: %s, want %s", ts, start, got, want)
	}
}

// deadlineBefore is Timescale.Deadline as the package wrote it before deadlineAt.
func deadlineBefore(t Timescale, start time.Time) (time.Time, error) {
	if !InCalendar(start) {
		return time.Time{}, errStartOutOfRange
	}
	start = start.In(London())
	var end time.Time
	switch t.Unit {
	case WorkingDays:
		end = AddWorkingDays(start, t.Amount)
	case Days:
		end = start.AddDate(0, 0, t.Amount)
	case Weeks:
		end = start.AddDate(0, 0, 7*t.Amount)
	case Months:
		end = addMonths(start, t.Amount)
	default:
		end = start
	}
	if !InCalendar(end) {
		return time.Time{}, errEndOutOfRange
	}
	return end, nil
}

// TestCalIsWorking checks the table's working days against the weekday and the year's
// bank holidays, on every day of the supported years and a week either side.
func TestCalIsWorking(t *testing.T) {
	for z := calFirstDay - 7; z <= calLastDay+7; z++ {
		if calIsWorking(z) != calIsWorkingSlow(z) {
			t.Fatalf("day %d: working %v, want %v", z, calIsWorking(z), calIsWorkingSlow(z))
		}
	}
}
