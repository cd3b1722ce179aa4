package continuum

import "strings"

// Tokens is the text encoding of an enum type whose valid values are 1 to n: each value
// has one stable token, the zero value encodes as empty text, and parsing ignores case.
// Every enum of this module encodes this way; other packages build theirs with
// [NewTokens] so that all of them behave alike.
//
// The zero Tokens knows no values (every Parse fails, every value is out of range); use
// NewTokens. A Tokens is immutable after NewTokens and safe for concurrent use.
type Tokens[T ~uint8] struct{ e enumTokens }

// NewTokens returns the encoding of an enum named typ ("transition kind") whose value i
// has token tokens[i-1]; zero is how String shows the zero value. Parse errors list the
// tokens as the accepted forms.
func NewTokens[T ~uint8](typ, zero string, tokens ...string) *Tokens[T] {
	return &Tokens[T]{enumTokens{
		typ:    typ,
		tokens: append([]string{""}, tokens...),
		zero:   zero,
		want:   strings.Join(tokens, ", "),
	}}
}

// Valid reports whether v is one of the values 1 to n.
func (t *Tokens[T]) Valid(v T) bool { return v >= 1 && int(v) < len(t.e.tokens) }

// String returns v's token, the zero text for 0, and "typ(N)" when out of range.
func (t *Tokens[T]) String(v T) string { return t.e.name(uint8(v)) }

// Parse finds s among the tokens, ignoring case; an error wraps [ErrUnknownToken] and
// does not repeat s.
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
