package document

import (
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// lexer reads the tokens of JSON text from a byte slice, as json.Decoder.Token does and
// with the same token types (json.Delim, string, json.Number, bool, nil for null), but
// without Token's per-value reflection, which made decoding several times slower. It
// checks the grammar between tokens (commas, colons, nesting) as it goes.
type lexer struct {
	data  []byte
	pos   int
	stack []byte // the open '{' and '[', innermost last
	state lexState
}

type lexState uint8

const (
	lexValue       lexState = iota // a value: at the top level, after ':' or after ',' in an array
	lexArrayStart                  // just after '[': a value or ']'
	lexArrayComma                  // after an array element: ',' or ']'
	lexObjectStart                 // just after '{': a key or '}'
	lexObjectKey                   // after ',' in an object: a key
	lexObjectColon                 // after a key: ':'
	lexObjectComma                 // after an object member: ',' or '}'
)

// lexError is a syntax error at a byte offset.
type lexError struct {
	msg    string
	offset int
}

func (e *lexError) Error() string { return e.msg }

func (l *lexer) fail(format string, args ...any) error {
	return &lexError{msg: fmt.Sprintf(format, args...), offset: l.pos}
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.data) {
		switch l.data[l.pos] {
		case ' ', '\t', '\n', '\r':
			l.pos++
		default:
			return
		}
	}
}

// offset returns the offset of the next unread byte.
func (l *lexer) offset() int64 { return int64(l.pos) }

// more reports whether another element follows in the current array or object.
func (l *lexer) more() bool {
	l.skipSpace()
	return l.pos < len(l.data) && l.data[l.pos] != ']' && l.data[l.pos] != '}'
}

// separator consumes the ',' or ':' the state expects before the next value or key.
func (l *lexer) separator() error {
	l.skipSpace()
	switch l.state {
	case lexArrayComma, lexObjectComma, lexObjectColon:
		if l.pos >= len(l.data) {
			return io.ErrUnexpectedEOF
		}
		want, next := byte(','), lexValue
		switch l.state {
		case lexObjectComma:
			next = lexObjectKey
		case lexObjectColon:
			want = ':'
		}
		if c := l.data[l.pos]; c != want {
			if c == ']' || c == '}' {
				return nil // a close, handled by token
			}
			return l.fail("unexpected character, want %q", want)
		}
		l.pos++
		l.state = next
		l.skipSpace()
	}
	return nil
}

// token returns the next token, or io.EOF at the end of the input between top-level
// values, or an error.
func (l *lexer) token() (json.Token, error) {
	if err := l.separator(); err != nil {
		return nil, err
	}
	if l.pos >= len(l.data) {
		if len(l.stack) == 0 && l.state == lexValue {
			return nil, io.EOF
		}
		return nil, io.ErrUnexpectedEOF
	}
	c := l.data[l.pos]
	switch l.state {
	case lexArrayComma, lexArrayStart:
		if c == ']' {
			return l.close('[')
		}
		if l.state == lexArrayComma {
			return nil, l.fail("invalid character after an array element")
		}
	case lexObjectComma, lexObjectStart:
		if c == '}' {
			return l.close('{')
		}
		if l.state == lexObjectComma {
			return nil, l.fail("invalid character after an object member")
		}
		fallthrough
	case lexObjectKey:
		if c != '"' {
			return nil, l.fail("invalid character, want an object key")
		}
		s, err := l.str()
		if err != nil {
			return nil, err
		}
		l.state = lexObjectColon
		return s, nil
	}
	switch {
	case c == '{' || c == '[':
		l.pos++
		l.stack = append(l.stack, c)
		l.state = lexObjectStart
		if c == '[' {
			l.state = lexArrayStart
		}
		return json.Delim(c), nil
	case c == '"':
		s, err := l.str()
		if err != nil {
			return nil, err
		}
		l.afterValue()
		return s, nil
	case c == '-' || c >= '0' && c <= '9':
		n, err := l.number()
		if err != nil {
			return nil, err
		}
		l.afterValue()
		return n, nil
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]string{"true", "false", "null"} {
			if len(l.data)-l.pos >= len(lit) && string(l.data[l.pos:l.pos+len(lit)]) == lit {
				l.pos += len(lit)
				l.afterValue()
				if lit == "null" {
					return nil, nil
				}
				return lit == "true", nil
			}
		}
	}
	return nil, l.fail("invalid character looking for the beginning of a value")
}

// close consumes a ']' or '}' closing open.
func (l *lexer) close(open byte) (json.Token, error) {
	l.pos++
	l.stack = l.stack[:len(l.stack)-1]
	l.afterValue()
	if open == '[' {
		return json.Delim(']'), nil
	}
	return json.Delim('}'), nil
}

// afterValue sets the state that follows a complete value.
func (l *lexer) afterValue() {
	switch {
	case len(l.stack) == 0:
		l.state = lexValue
	case l.stack[len(l.stack)-1] == '[':
		l.state = lexArrayComma
	default:
		l.state = lexObjectComma
	}
}

// str reads a string starting at the opening quote and returns its decoded value.
func (l *lexer) str() (string, error) {
	start := l.pos
	l.pos++ // the opening quote
	plain := true
	for l.pos < len(l.data) {
		c := l.data[l.pos]
		switch {
		case c == '"':
			l.pos++
			raw := l.data[start:l.pos]
			if plain && utf8.Valid(raw) {
				return string(raw[1 : len(raw)-1]), nil
			}
			// Escapes or invalid UTF-8: let encoding/json decode it exactly as it would.
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return "", &lexError{msg: "invalid string: " + err.Error(), offset: start}
			}
			return s, nil
		case c == '\\':
			plain = false
			if l.pos+1 >= len(l.data) {
				return "", io.ErrUnexpectedEOF
			}
			switch e := l.data[l.pos+1]; e {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				l.pos += 2
			case 'u':
				if l.pos+6 > len(l.data) {
					return "", io.ErrUnexpectedEOF
				}
				for _, h := range l.data[l.pos+2 : l.pos+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return "", l.fail("invalid character in a \\u escape")
					}
				}
				l.pos += 6
			default:
				return "", l.fail("invalid escape character in a string")
			}
		case c < 0x20:
			return "", l.fail("invalid control character in a string")
		default: // UTF-8 is validated once the whole string is read
			l.pos++
		}
	}
	return "", io.ErrUnexpectedEOF
}

// number reads a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (l *lexer) number() (json.Number, error) {
	start := l.pos
	d := l.data
	digits := func() int {
		n := 0
		for l.pos < len(d) && d[l.pos] >= '0' && d[l.pos] <= '9' {
			l.pos++
			n++
		}
		return n
	}
	if d[l.pos] == '-' {
		l.pos++
	}
	switch {
	case l.pos >= len(d):
		return "", io.ErrUnexpectedEOF
	case d[l.pos] == '0':
		l.pos++
	case d[l.pos] >= '1' && d[l.pos] <= '9':
		digits()
	default:
		return "", l.fail("invalid character in a number")
	}
	if l.pos < len(d) && d[l.pos] == '.' {
		l.pos++
		if digits() == 0 {
			return "", l.numberEnd()
		}
	}
	if l.pos < len(d) && (d[l.pos] == 'e' || d[l.pos] == 'E') {
		l.pos++
		if l.pos < len(d) && (d[l.pos] == '+' || d[l.pos] == '-') {
			l.pos++
		}
		if digits() == 0 {
			return "", l.numberEnd()
		}
	}
	return json.Number(d[start:l.pos]), nil
}

func (l *lexer) numberEnd() error {
	if l.pos >= len(l.data) {
		return io.ErrUnexpectedEOF
	}
	return l.fail("invalid character in a number")
}

// rawValue consumes one whole value and returns its text, for a value decoded by
// encoding/json.
func (l *lexer) rawValue() ([]byte, error) {
	if err := l.separator(); err != nil {
		return nil, err
	}
	start := l.pos
	depth := 0
	for {
		tok, err := l.token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
		if depth <= 0 {
			return l.data[start:l.pos], nil
		}
		if depth > maxDepth {
			return nil, l.fail("nesting is deeper than %d", maxDepth)
		}
	}
}
