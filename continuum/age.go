package continuum

import (
	"encoding"
	"iter"
	"math/bits"
)

// AgeBand is a band of ages an indicator applies to. Its tokens are "unborn", "0-1",
// "1-4", "5-11", "12-17" and "18-25" (years; "0-1" is the first year of life).
//
// The zero AgeBand is not valid. An AgeBand is a plain value, safe for concurrent use.
type AgeBand uint8

// The age bands, youngest first.
const (
	Unborn     AgeBand = 1 + iota // pre-birth
	UnderOne                      // 0-1
	EarlyYears                    // 1-4
	SchoolAge                     // 5-11
	Adolescent                    // 12-17
	YoungAdult                    // 18-25: care leavers and young people with SEND
)

var ageEnum = enumTokens{
	typ:    "age band",
	tokens: []string{"", "unborn", "0-1", "1-4", "5-11", "12-17", "18-25"},
	zero:   "no-age-band",
	want:   "unborn, 0-1, 1-4, 5-11, 12-17 or 18-25",
	labels: []string{"", "Unborn", "Under 1 year", "1 to 4 years", "5 to 11 years", "12 to 17 years", "18 to 25 years"},
}

var (
	_ encoding.TextMarshaler   = AgeBand(0)
	_ encoding.TextUnmarshaler = (*AgeBand)(nil)
	_ encoding.TextAppender    = AgeBand(0)
	_ encoding.TextMarshaler   = AgeBands(0)
	_ encoding.TextUnmarshaler = (*AgeBands)(nil)
)

// ParseAgeBand parses an age-band token such as "5-11".
func ParseAgeBand(s string) (AgeBand, error) {
	v, err := ageEnum.parse(s)
	return AgeBand(v), err
}

// String returns the band's token, "no-age-band" for zero and "age band(N)" when out of
// range.
func (a AgeBand) String() string { return ageEnum.name(uint8(a)) }

// Label returns the band's display label ("5 to 11 years"), or "" when a is not valid.
func (a AgeBand) Label() string { return ageEnum.label(uint8(a)) }

// AllAgeBands returns the six age bands, youngest first. (The set type is [AgeBands].)
func AllAgeBands() iter.Seq[AgeBand] { return valuesOf[AgeBand](&ageEnum) }

// IsValid reports whether a is one of the six bands.
func (a AgeBand) IsValid() bool { return a >= Unborn && a <= YoungAdult }

// AppendText appends the band's token; zero appends nothing.
func (a AgeBand) AppendText(b []byte) ([]byte, error) { return ageEnum.appendText(b, uint8(a)) }

// MarshalText returns the band's token; zero encodes as empty text.
func (a AgeBand) MarshalText() ([]byte, error) { return a.AppendText(nil) }

// UnmarshalText parses a token as [ParseAgeBand] does; empty text is the zero AgeBand.
func (a *AgeBand) UnmarshalText(text []byte) error {
	v, err := ageEnum.unmarshalText(text)
	if err == nil {
		*a = AgeBand(v)
	}
	return err
}

// AgeBands is a set of age bands. The empty set (the zero value) means the indicator is
// not restricted by age: [AgeBands.Has] reports true for every band. An AgeBands is a
// plain value, comparable and safe for concurrent use.
type AgeBands uint8

// NewAgeBands returns the set of the given valid bands; invalid ones are ignored.
func NewAgeBands(bands ...AgeBand) AgeBands {
	var s AgeBands
	for _, b := range bands {
		if b.IsValid() {
			s |= 1 << b
		}
	}
	return s
}

// Has reports whether the set applies to band b: true for every valid band when the set
// is empty (every age).
func (s AgeBands) Has(b AgeBand) bool {
	if !b.IsValid() {
		return false
	}
	return s == 0 || s&(1<<b) != 0
}

// IsEvery reports whether the set places no restriction (it is empty).
func (s AgeBands) IsEvery() bool { return s == 0 }

// Len returns the number of bands in the set, 0 for the unrestricted set.
func (s AgeBands) Len() int { return bits.OnesCount8(uint8(s)) }

// All returns the bands in the set, youngest first; nothing for the unrestricted set.
func (s AgeBands) All() iter.Seq[AgeBand] {
	return func(yield func(AgeBand) bool) {
		for b := Unborn; b <= YoungAdult; b++ {
			if s&(1<<b) != 0 && !yield(b) {
				return
			}
		}
	}
}

// String returns the bands' tokens joined by commas ("0-1,1-4"), "every age" for the
// unrestricted set, and "age band set(0x…)" when the set holds bits of no band.
func (s AgeBands) String() string {
	if s == 0 {
		return "every age"
	}
	return ageEnum.setString(uint64(s))
}

// AppendText appends the bands' tokens joined by commas; the unrestricted set appends
// nothing.
func (s AgeBands) AppendText(b []byte) ([]byte, error) { return ageEnum.appendSet(b, uint64(s)) }

// MarshalText returns the bands' tokens joined by commas.
func (s AgeBands) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText parses comma-separated band tokens; empty text is the unrestricted set.
func (s *AgeBands) UnmarshalText(text []byte) error {
	v, err := ageEnum.parseSet(text)
	if err == nil {
		*s = AgeBands(v)
	}
	return err
}
