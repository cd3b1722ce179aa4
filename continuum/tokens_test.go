package continuum_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/rightsupport/needs/continuum"
)

type tokenTestEnum uint8

// Tokens are an ASCII wire format, which parsing relies on (it folds ASCII case only);
// package document's tests cover the encoding itself, through document.Tokens.
func TestNewTokensRejectsNonASCII(t *testing.T) {
	assert.Panics(t, func() {
		continuum.NewTokens[tokenTestEnum]("test", "none", continuum.Value{Token: "ok"}, continuum.Value{Token: "caf\u00e9"})
	})
	assert.NotPanics(t, func() {
		continuum.NewTokens[tokenTestEnum]("test", "none", continuum.Value{Token: "ok"}, continuum.Value{Token: "Caf-1"})
	})
}

func TestZeroTokens(t *testing.T) {
	var z continuum.Tokens[tokenTestEnum]
	_, err := z.Parse("x")
	assert.ErrorIs(t, err, continuum.ErrUnknownToken)
	assert.False(t, z.Valid(1))
	_, err = z.AppendText(nil, 1)
	assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	assert.Empty(t, z.Label(1))
	for range z.All() {
		t.Fatal("the zero Tokens has no values")
	}
}
