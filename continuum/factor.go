package continuum

import (
	"encoding"
	"iter"
	"math/bits"
)

// CINFactor is a DfE Children in Need census assessment-factor code ("factors identified
// at the end of assessment"), from the list valid from the 2022 to 2023 census onward:
// "1A" (alcohol misuse: child) to "24A" (child criminal exploitation). The legacy codes
// 18A and 19A and the pre-2018 privately-fostered code 8A are not accepted.
//
// The zero CINFactor is not valid. A CINFactor is a plain value, safe for concurrent use.
type CINFactor uint8

var factorEnum = enumTokens{
	typ: "CIN factor",
	tokens: []string{"",
		"1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C",
		"4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
		"7A", "8B", "8C", "8D", "8E", "8F", "9A",
		"10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
		"18B", "18C", "19B", "19C", "20", "21", "22A", "23A", "24A"},
	zero: "no-cin-factor",
	want: "a CIN census assessment-factor code valid from 2022, 1A to 24A",
	labels: sentence("",
		"alcohol misuse: child", "alcohol misuse: parent or carer", "alcohol misuse: other household member",
		"drug misuse: child", "drug misuse: parent or carer", "drug misuse: other household member",
		"domestic abuse: child subject", "domestic abuse: parent or carer subject", "domestic abuse: other household member subject",
		"mental health: child", "mental health: parent or carer", "mental health: other family or household member",
		"learning disability: child", "learning disability: parent or carer", "learning disability: other family or household member",
		"physical disability or illness: child", "physical disability or illness: parent or carer", "physical disability or illness: other family or household member",
		"young carer",
		"privately fostered: overseas child intending to return", "privately fostered: overseas child intending to stay",
		"privately fostered: UK child in educational placement", "privately fostered: UK child, alternative family arrangement",
		"privately fostered: other",
		"unaccompanied asylum-seeking child",
		"going or being missing", "child sexual exploitation", "trafficking", "gangs",
		"socially unacceptable behaviour", "self-harm", "neglect", "emotional abuse",
		"physical abuse: child on child", "physical abuse: adult on child",
		"sexual abuse: child on child", "sexual abuse: adult on child",
		"other", "no factors identified", "female genital mutilation", "abuse linked to faith or belief",
		"child criminal exploitation"),
}

var (
	_ encoding.TextMarshaler   = CINFactor(0)
	_ encoding.TextUnmarshaler = (*CINFactor)(nil)
	_ encoding.TextAppender    = CINFactor(0)
	_ encoding.TextMarshaler   = CINFactors(0)
	_ encoding.TextUnmarshaler = (*CINFactors)(nil)
)

// ParseCINFactor parses an assessment-factor code such as "16A", ignoring case.
func ParseCINFactor(s string) (CINFactor, error) {
	v, err := factorEnum.parse(s)
	return CINFactor(v), err
}

// String returns the factor's code ("16A"), "no-cin-factor" for zero and "CIN factor(N)"
// when out of range.
func (f CINFactor) String() string { return factorEnum.name(uint8(f)) }

// Label returns a short English label for the factor ("Neglect"), or "" when f is not
// valid.
func (f CINFactor) Label() string { return factorEnum.label(uint8(f)) }

// AllCINFactors returns the current factor codes in census order. (The set type is
// [CINFactors].)
func AllCINFactors() iter.Seq[CINFactor] { return convert[CINFactor](factorEnum.values()) }

// IsValid reports whether f is a current factor code.
func (f CINFactor) IsValid() bool { return f >= 1 && int(f) < len(factorEnum.tokens) }

// AppendText appends the factor's code; zero appends nothing.
func (f CINFactor) AppendText(b []byte) ([]byte, error) { return factorEnum.appendText(b, uint8(f)) }

// MarshalText returns the factor's code; zero encodes as empty text.
func (f CINFactor) MarshalText() ([]byte, error) { return f.AppendText(nil) }

// UnmarshalText parses a code as [ParseCINFactor] does; empty text is the zero CINFactor.
func (f *CINFactor) UnmarshalText(text []byte) error {
	v, err := factorEnum.unmarshalText(text)
	if err == nil {
		*f = CINFactor(v)
	}
	return err
}

// CINFactors is a set of CIN assessment factors. The zero value is the empty set. A
// CINFactors is a plain value, comparable and safe for concurrent use.
type CINFactors uint64

// NewCINFactors returns the set of the given valid factors; invalid ones are ignored.
func NewCINFactors(fs ...CINFactor) CINFactors {
	var s CINFactors
	for _, f := range fs {
		if f.IsValid() {
			s |= 1 << f
		}
	}
	return s
}

// Has reports whether f is in the set.
func (s CINFactors) Has(f CINFactor) bool { return f.IsValid() && s&(1<<f) != 0 }

// Len returns the number of factors in the set.
func (s CINFactors) Len() int { return bits.OnesCount64(uint64(s)) }

// All returns the factors in the set in census-list order.
func (s CINFactors) All() iter.Seq[CINFactor] {
	return func(yield func(CINFactor) bool) {
		for f := CINFactor(1); f.IsValid(); f++ {
			if s&(1<<f) != 0 && !yield(f) {
				return
			}
		}
	}
}

// String returns the codes joined by commas ("1A,2A"), "" for the empty set, and
// "CIN factor set(0x…)" when the set holds bits of no factor.
func (s CINFactors) String() string { return factorEnum.setString(uint64(s)) }

// AppendText appends the codes joined by commas.
func (s CINFactors) AppendText(b []byte) ([]byte, error) { return factorEnum.appendSet(b, uint64(s)) }

// MarshalText returns the codes joined by commas.
func (s CINFactors) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText parses comma-separated factor codes; empty text is the empty set.
func (s *CINFactors) UnmarshalText(text []byte) error {
	v, err := factorEnum.parseSet(text)
	if err == nil {
		*s = CINFactors(v)
	}
	return err
}
