package continuum

import (
	"fmt"
	"iter"
	"strconv"
	"strings"
)

// enumTokens is the token table of one enum type: tokens[0] is unused (the zero value has
// no token), tokens[i] is the wire token of value i.
type enumTokens struct {
	typ    string   // the type's name in messages, e.g. "level"
	tokens []string // index = value
	zero   string   // how String shows the zero value
	want   string   // the accepted forms, for error messages
	labels []string // index = value: the plain-English display label, in sentence case
}

// label returns the display label of v, or "" for zero and out-of-range values.
func (e *enumTokens) label(v uint8) string {
	if v == 0 || int(v) >= len(e.labels) {
		return ""
	}
	return e.labels[v]
}

// valuesOf yields the valid values of e, 1 to n, in ascending order, as T.
func valuesOf[T ~uint8](e *enumTokens) iter.Seq[T] {
	return func(yield func(T) bool) {
		for v := 1; v < len(e.tokens); v++ {
			if !yield(T(v)) {
				return
			}
		}
	}
}

// name returns the token of v, the zero text for 0, and Type(n) for out-of-range values.
func (e *enumTokens) name(v uint8) string {
	if v == 0 {
		return e.zero
	}
	if int(v) < len(e.tokens) {
		return e.tokens[v]
	}
	return e.typ + "(" + strconv.Itoa(int(v)) + ")"
}

// parse finds s among the tokens, ignoring case. It never echoes s in its error, so that
// whatever a caller passed (which may be anything) is not printed.
func (e *enumTokens) parse(s string) (uint8, error) {
	for i := 1; i < len(e.tokens); i++ {
		if equalFoldASCII(e.tokens[i], s) {
			return uint8(i), nil
		}
	}
	return 0, errorf(ErrUnknownToken, "continuum: %s: unknown token (want %s)", e.typ, e.want)
}

// appendText appends the token of v, or fails with ErrInvalidValue for an out-of-range v.
// The zero value appends nothing, so that "not set" round-trips through text as "".
func (e *enumTokens) appendText(b []byte, v uint8) ([]byte, error) {
	if v == 0 {
		return b, nil
	}
	if int(v) >= len(e.tokens) {
		return b, errorf(ErrInvalidValue, "continuum: %s(%d): invalid value", e.typ, v)
	}
	return append(b, e.tokens[v]...), nil
}

// unmarshalText parses text into a value; empty text is the zero value.
func (e *enumTokens) unmarshalText(text []byte) (uint8, error) {
	if len(text) == 0 {
		return 0, nil
	}
	return e.parse(string(text))
}

// appendSet appends the tokens of the values in a bit set (bit i = value i) joined by
// commas, in value order.
func (e *enumTokens) appendSet(b []byte, set uint64) ([]byte, error) {
	if set&1 != 0 || set>>len(e.tokens) != 0 {
		return b, errorf(ErrInvalidValue, "continuum: %s set %#x: invalid value", e.typ, set)
	}
	first := true
	for i := 1; i < len(e.tokens); i++ {
		if set&(1<<i) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, e.tokens[i]...)
	}
	return b, nil
}

// setString returns the tokens of a set joined by commas, or "typ set(0x…)" for a set
// with bits of no value, so that an invalid set never reads as the empty one.
func (e *enumTokens) setString(set uint64) string {
	b, err := e.appendSet(nil, set)
	if err != nil {
		return fmt.Sprintf("%s set(%#x)", e.typ, set)
	}
	return string(b)
}

// parseSet parses comma-separated tokens into a bit set; empty text is the empty set.
func (e *enumTokens) parseSet(text []byte) (uint64, error) {
	var set uint64
	if len(text) == 0 {
		return 0, nil
	}
	for tok := range strings.SplitSeq(string(text), ",") {
		v, err := e.parse(strings.TrimSpace(tok))
		if err != nil {
			return 0, err
		}
		set |= 1 << v
	}
	return set, nil
}

// equalFoldASCII reports whether a and b are equal ignoring ASCII case only, so that no
// Unicode folding (the long s, the Kelvin sign) lets other text pass as a token.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
