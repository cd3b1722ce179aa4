package document

import "github.com/rightsupport/needs/continuum"

// Tokens is the text encoding of an enum type whose valid values are 1 to n, one stable
// token and one display label each: [continuum.Tokens], under the name thresholds and
// referral know it by. Make one with [NewTokens].
type Tokens[T ~uint8] = continuum.Tokens[T]

// Value is one value of an enum as [NewTokens] takes it: its wire token and its
// plain-English display label ([continuum.Value]).
type Value = continuum.Value

// NewTokens returns the encoding of an enum named typ ("transition kind") whose value i
// has token and label values[i-1]; zero is how String shows the zero value. It is
// [continuum.NewTokens].
func NewTokens[T ~uint8](typ, zero string, values ...Value) *Tokens[T] {
	return continuum.NewTokens[T](typ, zero, values...)
}
