package document

import (
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// Tokens is the text encoding of an enum type whose valid values are 1 to n: each value
// has one stable token and a display label, the zero value encodes as empty text, and
// parsing ignores ASCII case. The enums of packages thresholds and referral encode this
// way, exactly as the enums of package continuum do, so that every enum of the module
// behaves alike.
//
// The zero Tokens knows no values (every Parse fails, every value is out of range); use
// [NewTokens]. A Tokens is immutable after NewTokens and safe for concurrent use.
type Tokens[T ~uint8] struct {
	typ    string   // the type's name in messages, e.g. "transition kind"
	zero   string   // how String shows the zero value
	tokens []string // index = value; [0] unused
	labels []string // index = value; [0] unused
	want   string   // the accepted forms, for error messages
}

// Value is one value of an enum as [NewTokens] takes it: its wire token and its
// plain-English display label.
type Value struct {
	Token string
	Label string
}

// NewTokens returns the encoding of an enum named typ ("transition kind") whose value i
// has token and label values[i-1]; zero is how String shows the zero value. Parse
// errors list the tokens as the accepted forms.
func NewTokens[T ~uint8](typ, zero string, values ...Value) *Tokens[T] {
	t := &Tokens[T]{typ: typ, zero: zero, tokens: []string{""}, labels: []string{""}}
	for _, v := range values {
		t.tokens = append(t.tokens, v.Token)
		t.labels = append(t.labels, v.Label)
	}
	t.want = strings.Join(t.tokens[1:], ", ")
	return t
}

// Valid reports whether v is one of the values 1 to n.
func (t *Tokens[T]) Valid(v T) bool { return v >= 1 && int(v) < len(t.tokens) }

// String returns v's token, the zero text for 0, and "typ(N)" when out of range.
func (t *Tokens[T]) String(v T) string {
	switch {
	case v == 0:
		return t.zero
	case t.Valid(v):
		return t.tokens[v]
	}
	return t.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// Label returns v's display label, "" for the zero value and for a value out of range.
func (t *Tokens[T]) Label(v T) string {
	if !t.Valid(v) {
		return ""
	}
	return t.labels[v]
}

// All yields the valid values in ascending order.
func (t *Tokens[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := 1; i < len(t.tokens); i++ {
			if !yield(T(i)) {
				return
			}
		}
	}
}

// Parse finds s among the tokens, ignoring ASCII case; an error wraps
// [continuum.ErrUnknownToken] and does not repeat s.
func (t *Tokens[T]) Parse(s string) (T, error) {
	if isASCII(s) { // tokens are ASCII; no Unicode folding lets other text pass as one
		for i := 1; i < len(t.tokens); i++ {
			if strings.EqualFold(t.tokens[i], s) {
				return T(i), nil
			}
		}
	}
	return 0, &wrapped{"continuum: " + t.typ + ": unknown token (want " + t.want + ")", continuum.ErrUnknownToken}
}

// AppendText appends v's token; zero appends nothing, and an out-of-range v is an error
// wrapping [continuum.ErrInvalidValue].
func (t *Tokens[T]) AppendText(b []byte, v T) ([]byte, error) {
	switch {
	case v == 0:
		return b, nil
	case t.Valid(v):
		return append(b, t.tokens[v]...), nil
	}
	return b, &wrapped{fmt.Sprintf("continuum: %s(%d): invalid value", t.typ, v), continuum.ErrInvalidValue}
}

// UnmarshalText parses text into *v; empty text is the zero value. On error *v is
// unchanged.
func (t *Tokens[T]) UnmarshalText(text []byte, v *T) error {
	if len(text) == 0 {
		*v = 0
		return nil
	}
	n, err := t.Parse(string(text))
	if err == nil {
		*v = n
	}
	return err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wrapped is an error with a message of its own that wraps a sentinel, so that the
// sentinel's text is not repeated inside the message.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }
