package document

import "errors"

// ErrTooLarge reports input past a limit of its format (an array tagged with a limit):
// Decode stops there, and [Stopped] reports true.
var ErrTooLarge = errors.New("document: input past a limit of its format")
