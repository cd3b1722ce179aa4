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
	labels: []string{"",
		"Alcohol misuse: child", "Alcohol misuse: parent or carer", "Alcohol misuse: other household member",
		"Drug misuse: child", "Drug misuse: parent or carer", "Drug misuse: other household member",
		"Domestic abuse: child subject", "Domestic abuse: parent or carer subject", "Domestic abuse: other household member subject",
		"Mental health: child", "Mental health: parent or carer", "Mental health: other family or household member",
		"Learning disability: child", "Learning disability: parent or carer", "Learning disability: other family or household member",
		"Physical disability or illness: child", "Physical disability or illness: parent or carer", "Physical disability or illness: other family or household member",
		"Young carer",
		"Privately fostered: overseas child intending to return", "Privately fostered: overseas child intending to stay",
		"Privately fostered: UK child in educational placement", "Privately fostered: UK child, alternative family arrangement",
		"Privately fostered: other",
		"Unaccompanied asylum-seeking child",
		"Going or being missing", "Child sexual exploitation", "Trafficking", "Gangs",
		"Socially unacceptable behaviour", "Self-harm", "Neglect", "Emotional abuse",
		"Physical abuse: child on child", "Physical abuse: adult on child",
		"Sexual abuse: child on child", "Sexual abuse: adult on child",
		"Other", "No factors identified", "Female genital mutilation", "Abuse linked to faith or belief",
		"Child criminal exploitation"},
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
func AllCINFactors() iter.Seq[CINFactor] { return valuesOf[CINFactor](&factorEnum) }

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
