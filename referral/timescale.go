package referral

import (
	"encoding"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// Unit is the unit a timescale counts in.
//
// The zero Unit is not valid.
type Unit uint8

// The units.
const (
	// WorkingDays are Monday to Friday except England and Wales bank holidays.
	WorkingDays Unit = 1 + iota
	// Days are calendar days.
	Days
	// Weeks are calendar weeks.
	Weeks
	// Months are calendar months; a day past the end of a shorter month becomes its last day.
	Months
)

var unitTokens = continuum.NewTokens[Unit]("unit", "no-unit",
	continuum.Value{Token: "working-days", Label: "Working days"},
	continuum.Value{Token: "days", Label: "Calendar days"},
	continuum.Value{Token: "weeks", Label: "Weeks"},
	continuum.Value{Token: "months", Label: "Months"})

var (
	_ encoding.TextMarshaler   = Unit(0)
	_ encoding.TextUnmarshaler = (*Unit)(nil)
	_ encoding.TextAppender    = Unit(0)
)

// ParseUnit parses "working-days", "days", "weeks" or "months", ignoring case.
func ParseUnit(s string) (Unit, error) { return unitTokens.Parse(s) }

// String returns the unit's token ("working-days"), "no-unit" for zero and "unit(N)" when
// out of range.
func (u Unit) String() string { return unitTokens.String(u) }

// Label returns the unit's display label ("Working days"), or "" when u is not valid.
func (u Unit) Label() string { return unitTokens.Label(u) }

// Units returns the units: working days, calendar days, weeks, months.
func Units() iter.Seq[Unit] { return unitTokens.All() }

// AppendText appends the unit's token; zero appends nothing.
func (u Unit) AppendText(b []byte) ([]byte, error) { return unitTokens.AppendText(b, u) }

// IsValid reports whether u is one of the units.
func (u Unit) IsValid() bool { return unitTokens.Valid(u) }

// MarshalText returns the unit's token; zero encodes as empty text.
func (u Unit) MarshalText() ([]byte, error) { return unitTokens.AppendText(nil, u) }

// UnmarshalText parses a unit token; empty text is the zero Unit.
func (u *Unit) UnmarshalText(text []byte) error { return unitTokens.UnmarshalText(text, u) }

// Timescale is a statutory or local time limit: what must happen, from which event, in
// how long, on what basis, with its sources.
//
// The zero Timescale has no amount; its Deadline is the start itself.
type Timescale struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ClockStarts string `json:"clockStarts"`
	Amount      int    `json:"amount"`
	Unit        Unit   `json:"unit"`
	// Basis says whether the limit is statutory (set by statutory guidance or
	// regulations, cited) or a council's local standard.
	Basis     DeadlineBasis        `json:"basis"`
	Citations []continuum.Citation `json:"citations,omitempty"`
}

// Deadline returns when the timescale ends if its clock starts at start, in
// Europe/London.
//
// Days are London calendar days, whatever location start carries, and day 0 is the
// day the clock starts: a timescale of 1 working day from a Friday ends on the next
// working day, Monday (or Tuesday after a bank holiday Monday). The deadline keeps
// start's London clock time on the day it falls on (the package doc gives the
// convention and its sources); months are clamped to the end of a shorter month (31
// January plus 1 month is 28 or 29 February).
//
// A start or an end outside the supported calendar years ([InCalendar]) is an error
// wrapping [ErrDateOutOfRange]; the time is then zero.
func (t Timescale) Deadline(start time.Time) (time.Time, error) {
	return t.deadlineAt(londonOf(start))
}

// deadlineAt is Deadline for a start converted to London already. The end is
// start.AddDate on the day found (a [time.Date] of start's London date and clock); its
// London day is that day, as London's clocks never change within two hours of
// midnight, so the range check reads the day number, and only next to a bound of the
// supported years asks the end itself.
func (t *Timescale) deadlineAt(start londonTime) (time.Time, error) {
	if !calInRange(start.day) {
		return time.Time{}, errStartOutOfRange
	}
	var end time.Time
	switch t.Unit {
	case WorkingDays:
		if t.Amount == 0 {
			end = start.t
			break
		}
		z := calAddWorking(start.day, int64(t.Amount))
		end = start.t.AddDate(0, 0, int(z-start.day))
		if z > calFirstDay && z < calLastDay {
			return end, nil
		}
	case Days:
		end = start.t.AddDate(0, 0, t.Amount)
	case Weeks:
		end = start.t.AddDate(0, 0, 7*t.Amount)
	case Months:
		end = addMonths(start.t, t.Amount)
	default:
		end = start.t
	}
	if !InCalendar(end) {
		return time.Time{}, errEndOutOfRange
	}
	return end, nil
}

// The errors of Deadline: they say which date was out of range, never what it was.
var (
	errStartOutOfRange = fmt.Errorf("%w: the clock starts outside %d-%d", ErrDateOutOfRange, FirstCalendarYear, LastCalendarYear)
	errEndOutOfRange   = fmt.Errorf("%w: the deadline would fall outside %d-%d", ErrDateOutOfRange, FirstCalendarYear, LastCalendarYear)
)

// unitWording is how lengths in a unit are put into words: one of it, several, and the
// days a deadline in it counts (Explain's statutory deadline says which).
type unitWording struct{ one, many, counted string }

// unitWords are the words of each unit, by Unit; index 0 is for a unit that is not valid.
var unitWords = [...]unitWording{
	0:           {"day", "days", "London days"},
	WorkingDays: {"working day", "working days", "London working days"},
	Days:        {"calendar day", "calendar days", "London calendar days"},
	Weeks:       {"week", "weeks", "London calendar days"},
	Months:      {"month", "months", "London calendar months"},
}

// unitWordsOf returns the words of a unit; those of index 0 when it is not valid.
func unitWordsOf(u Unit) unitWording {
	if !u.IsValid() {
		u = 0
	}
	return unitWords[u]
}

// amountText says a timescale's length in words ("1 working day", "6 weeks", "3
// calendar days"): the one place a length is put into words, for Explain and for the
// findings that name a timescale.
func amountText(t Timescale) string {
	w := unitWordsOf(t.Unit)
	if t.Amount == 1 {
		return "1 " + w.one
	}
	return strconv.Itoa(t.Amount) + " " + w.many
}

// addMonths adds n calendar months, clamping the day to the target month's length.
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}
