package continuum

import (
	"iter"
	"strings"
)

// Tokens is the text encoding of an enum type whose valid values are 1 to n: each value
// has one stable token and a display label, the zero value encodes as empty text, and
// parsing ignores ASCII case. The enums of packages thresholds and referral encode this
// way, exactly as the enums of this package do, so that every enum of the module
// behaves alike.
//
// The zero Tokens knows no values (every Parse fails, every value is out of range); use
// [NewTokens]. A Tokens is immutable after NewTokens and safe for concurrent use.
type Tokens[T ~uint8] struct {
	e enumTokens
}

// Value is one value of an enum as [NewTokens] takes it: its wire token and its
// plain-English display label.
type Value struct {
	Token string
	Label string
}

// NewTokens returns the encoding of an enum named typ ("transition kind") whose value i
// has token and label values[i-1]; zero is how String shows the zero value. Parse
// errors list the tokens as the accepted forms. Tokens are an ASCII wire format:
// NewTokens panics if one is not ASCII.
func NewTokens[T ~uint8](typ, zero string, values ...Value) *Tokens[T] {
	e := enumTokens{typ: typ, zero: zero, tokens: []string{""}, labels: []string{""}}
	for _, v := range values {
		for i := 0; i < len(v.Token); i++ {
			if v.Token[i] >= 0x80 {
				panic("continuum: NewTokens: a token of " + typ + " is not ASCII")
			}
		}
		e.tokens = append(e.tokens, v.Token)
		e.labels = append(e.labels, v.Label)
	}
	e.want = strings.Join(e.tokens[1:], ", ")
	return &Tokens[T]{e}
}

// Valid reports whether v is one of the values 1 to n.
func (t *Tokens[T]) Valid(v T) bool { return v >= 1 && int(v) < len(t.e.tokens) }

// String returns v's token, the zero text for 0, and "typ(N)" when out of range.
func (t *Tokens[T]) String(v T) string { return t.e.name(uint8(v)) }

// Label returns v's display label, "" for the zero value and for a value out of range.
func (t *Tokens[T]) Label(v T) string { return t.e.label(uint8(v)) }

// All yields the valid values in ascending order.
func (t *Tokens[T]) All() iter.Seq[T] { return valuesOf[T](&t.e) }

// Parse finds s among the tokens, ignoring ASCII case; an error wraps
// [ErrUnknownToken] and does not repeat s.
func (t *Tokens[T]) Parse(s string) (T, error) {
	v, err := t.e.parse(s)
	return T(v), err
}

// AppendText appends v's token; zero appends nothing, and an out-of-range v is an error
// wrapping [ErrInvalidValue].
func (t *Tokens[T]) AppendText(b []byte, v T) ([]byte, error) { return t.e.appendText(b, uint8(v)) }

// UnmarshalText parses text into *v; empty text is the zero value. On error *v is
// unchanged.
func (t *Tokens[T]) UnmarshalText(text []byte, v *T) error {
	n, err := t.e.unmarshalText(text)
	if err == nil {
		*v = T(n)
	}
	return err
}
