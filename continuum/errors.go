package continuum

import "errors"

// ErrSyntax reports input that is malformed for its type: an indicator code that breaks
// the code grammar, for example. Parse errors of that kind wrap it, so errors.Is works.
var ErrSyntax = errors.New("continuum: syntax error")

// ErrUnknownToken reports a well-formed input that names no value of its type: a level
// token other than universal, additional, intensive, specialist or 1 to 4, for example.
var ErrUnknownToken = errors.New("continuum: unknown token")

// ErrInvalidValue reports an attempt to encode a value that is out of range for its type,
// such as Level(9).
var ErrInvalidValue = errors.New("continuum: invalid value")
