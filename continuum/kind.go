package continuum

import (
	"encoding"
	"iter"
)

// Kind says how an indicator counts in a decision.
//
// The zero Kind is not valid. A Kind is a plain value, safe for concurrent use.
type Kind uint8

// The kinds of indicator.
const (
	// Need places the child at the indicator's level; the highest observed need wins.
	Need Kind = 1 + iota
	// Strength is a protective factor. It never lowers a level; decisions list it as
	// context.
	Strength
	// SignificantHarm is a trigger: reasonable cause to suspect significant harm. The
	// child is Specialist and children's social care must hear the same day.
	SignificantHarm
	// ImmediateDanger is a trigger: the child is in immediate danger. Call the police on
	// 999 first, then refer.
	ImmediateDanger
)

var kindEnum = enumTokens{
	typ:    "kind",
	tokens: []string{"", "need", "strength", "significant-harm", "immediate-danger"},
	zero:   "no-kind",
	want:   "need, strength, significant-harm or immediate-danger",
	labels: []string{"", "Need", "Strength", "Significant harm", "Immediate danger"},
}

var (
	_ encoding.TextMarshaler   = Kind(0)
	_ encoding.TextUnmarshaler = (*Kind)(nil)
	_ encoding.TextAppender    = Kind(0)
)

// ParseKind parses "need", "strength", "significant-harm" or "immediate-danger", ignoring
// case.
func ParseKind(s string) (Kind, error) {
	v, err := kindEnum.parse(s)
	return Kind(v), err
}

// String returns the kind's token, "no-kind" for zero and "kind(N)" when out of range.
func (k Kind) String() string { return kindEnum.name(uint8(k)) }

// Label returns the kind's display label ("Significant harm"), or "" when k is not valid.
func (k Kind) Label() string { return kindEnum.label(uint8(k)) }

// Kinds returns the four kinds in order: need, strength, significant harm, immediate
// danger.
func Kinds() iter.Seq[Kind] { return valuesOf[Kind](&kindEnum) }

// IsValid reports whether k is one of the four kinds.
func (k Kind) IsValid() bool { return k >= Need && k <= ImmediateDanger }

// IsTrigger reports whether k is SignificantHarm or ImmediateDanger: an indicator that
// makes the child Specialist whatever else is observed.
func (k Kind) IsTrigger() bool { return k == SignificantHarm || k == ImmediateDanger }

// AppendText appends the kind's token; zero appends nothing.
func (k Kind) AppendText(b []byte) ([]byte, error) { return kindEnum.appendText(b, uint8(k)) }

// MarshalText returns the kind's token; zero encodes as empty text.
func (k Kind) MarshalText() ([]byte, error) { return k.AppendText(nil) }

// UnmarshalText parses a token as [ParseKind] does; empty text is the zero Kind.
func (k *Kind) UnmarshalText(text []byte) error {
	v, err := kindEnum.unmarshalText(text)
	if err == nil {
		*k = Kind(v)
	}
	return err
}
