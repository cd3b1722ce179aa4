package continuum

import (
	"encoding"
	"iter"
)

// Urgency is how fast a concern must be acted on. It is kept apart from [Level]: a
// Specialist level may be routine (a step-down review) or immediate (a child in danger).
//
// The zero Urgency means "not decided"; it is not valid. An Urgency is a plain value,
// safe for concurrent use.
type Urgency uint8

// The urgencies, least to most urgent.
const (
	// Routine: the ordinary timescales of the route apply.
	Routine Urgency = 1 + iota
	// SameDay: refer to children's social care the same day (significant harm).
	SameDay
	// Immediate: the child is in immediate danger; call the police on 999 first.
	Immediate
)

var urgencyEnum = enumTokens{
	typ:    "urgency",
	tokens: []string{"", "routine", "same-day", "immediate"},
	zero:   "not-decided",
	want:   "routine, same-day or immediate",
	labels: []string{"", "Routine", "Same day", "Immediate"},
}

var (
	_ encoding.TextMarshaler   = Urgency(0)
	_ encoding.TextUnmarshaler = (*Urgency)(nil)
	_ encoding.TextAppender    = Urgency(0)
)

// ParseUrgency parses "routine", "same-day" or "immediate", ignoring case.
func ParseUrgency(s string) (Urgency, error) {
	v, err := urgencyEnum.parse(s)
	return Urgency(v), err
}

// String returns the urgency's token, "not-decided" for zero and "urgency(N)" when out of
// range.
func (u Urgency) String() string { return urgencyEnum.name(uint8(u)) }

// Label returns the urgency's display label ("Same day"), or "" when u is not valid.
func (u Urgency) Label() string { return urgencyEnum.label(uint8(u)) }

// Urgencies returns the three urgencies, least to most urgent.
func Urgencies() iter.Seq[Urgency] { return valuesOf[Urgency](&urgencyEnum) }

// IsValid reports whether u is Routine, SameDay or Immediate.
func (u Urgency) IsValid() bool { return u >= Routine && u <= Immediate }

// AppendText appends the urgency's token; zero appends nothing.
func (u Urgency) AppendText(b []byte) ([]byte, error) { return urgencyEnum.appendText(b, uint8(u)) }

// MarshalText returns the urgency's token; zero encodes as empty text.
func (u Urgency) MarshalText() ([]byte, error) { return u.AppendText(nil) }

// UnmarshalText parses a token as [ParseUrgency] does; empty text is the zero Urgency.
func (u *Urgency) UnmarshalText(text []byte) error {
	v, err := urgencyEnum.unmarshalText(text)
	if err == nil {
		*u = Urgency(v)
	}
	return err
}
