package continuum

import (
	"errors"
	"fmt"
)

// ErrSyntax reports input that is malformed for its type: an indicator code that breaks
// the code grammar, for example. Parse errors of that kind wrap it, so errors.Is works.
var ErrSyntax = errors.New("continuum: syntax error")

// ErrUnknownToken reports a well-formed input that names no value of its type: a level
// token other than universal, additional, intensive, specialist or 1 to 4, for example.
var ErrUnknownToken = errors.New("continuum: unknown token")

// ErrInvalidValue reports an attempt to encode a value that is out of range for its type,
// such as Level(9).
var ErrInvalidValue = errors.New("continuum: invalid value")

// wrapped is an error with a message of its own that wraps a sentinel, so that the
// sentinel's text ("continuum: syntax error") is not repeated inside the message.
type wrapped struct {
	msg string
	err error
}

func (e *wrapped) Error() string { return e.msg }
func (e *wrapped) Unwrap() error { return e.err }

// errorf formats a message and wraps sentinel without repeating its text.
func errorf(sentinel error, format string, args ...any) error {
	return &wrapped{msg: fmt.Sprintf(format, args...), err: sentinel}
}

// ErrTooManyFindings reports that a validator stopped listing findings at
// [MaxFindings]; the finding that counts the rest wraps it.
var ErrTooManyFindings = errors.New("continuum: too many findings")
