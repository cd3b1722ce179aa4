package continuum

import (
	"encoding"
	"strings"
)

// Code is an indicator code such as "HLT-2-01" (a need: dimension, level, number),
// "SH-02" (a significant-harm trigger), "EM-01" (immediate danger) or a local addition
// such as "KENT-EDU-2-01". It is an opaque, comparable value: a Code can only come from
// [ParseCode] (or text decoding), so holding one means holding a well-formed code.
//
// The grammar: 2 to 24 characters of upper-case ASCII letters, digits and single hyphens,
// starting with a letter and not ending with a hyphen.
//
// Codes are case-sensitive, unlike every enum token of this module: a code is an
// identifier that frameworks define (local additions such as "KENT-EDU-2-01" included), not
// a word of a closed list, so [ParseCode] rejects "hlt-2-01" rather than guess that it means
// "HLT-2-01". Systems that take codes from people should upper-case them first, as the
// example service does not: it reports them as malformed.
//
// The zero Code is not valid (IsValid reports false, String returns ""). A Code is safe
// for concurrent use and may be a map key.
type Code struct{ s string }

// Code length bounds.
const (
	MinCodeLen = 2
	MaxCodeLen = 24
)

var (
	_ encoding.TextMarshaler   = Code{}
	_ encoding.TextUnmarshaler = (*Code)(nil)
	_ encoding.TextAppender    = Code{}
)

// ParseCode parses an indicator code. A malformed code is an error wrapping [ErrSyntax]
// that says what is wrong and where, without repeating the input.
func ParseCode(s string) (Code, error) {
	if err := checkCode(s); err != nil {
		return Code{}, err
	}
	return Code{s}, nil
}

// MustParseCode is like [ParseCode] but panics on a malformed code. Use it only in tests
// and package initialisation, with literal codes.
func MustParseCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

func checkCode(s string) error {
	if len(s) < MinCodeLen || len(s) > MaxCodeLen {
		return errorf(ErrSyntax, "continuum: code: syntax error: length %d, want %d to %d characters", len(s), MinCodeLen, MaxCodeLen)
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return errorf(ErrSyntax, "continuum: code: syntax error: must start with an upper-case letter")
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '-':
			if s[i-1] == '-' {
				return errorf(ErrSyntax, "continuum: code: syntax error: two hyphens together at position %d", i+1)
			}
			if i == len(s)-1 {
				return errorf(ErrSyntax, "continuum: code: syntax error: must not end with a hyphen")
			}
		default:
			return errorf(ErrSyntax, "continuum: code: syntax error: character at position %d is not an upper-case letter, digit or hyphen", i+1)
		}
	}
	return nil
}

// String returns the code as text ("HLT-2-01"), or "" for the zero Code.
func (c Code) String() string { return c.s }

// IsValid reports whether c is a parsed code, not the zero Code.
func (c Code) IsValid() bool { return c.s != "" }

// Compare returns -1, 0 or +1 as c sorts before, equal to or after d. Codes sort by their
// text; the zero Code sorts first.
func (c Code) Compare(d Code) int { return strings.Compare(c.s, d.s) }

// AppendText appends the code's text to b; the zero Code appends nothing.
func (c Code) AppendText(b []byte) ([]byte, error) { return append(b, c.s...), nil }

// MarshalText returns the code's text; the zero Code encodes as empty text.
func (c Code) MarshalText() ([]byte, error) { return []byte(c.s), nil }

// UnmarshalText parses text as [ParseCode] does; empty text is the zero Code.
func (c *Code) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = Code{}
		return nil
	}
	v, err := ParseCode(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
