package continuum_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

type tokenTestEnum uint8

// Tokens are an ASCII wire format, which parsing relies on (it folds ASCII case only).
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

// move is an enum built with NewTokens, as other packages build theirs.
type move uint8

var moveTokens = continuum.NewTokens[move]("move", "no-move",
	continuum.Value{Token: "step-up", Label: "Step up"},
	continuum.Value{Token: "step-down", Label: "Step down"},
	continuum.Value{Token: "closure", Label: "Closure"})

func (m move) MarshalText() ([]byte, error)        { return moveTokens.AppendText(nil, m) }
func (m move) AppendText(b []byte) ([]byte, error) { return moveTokens.AppendText(b, m) }
func (m *move) UnmarshalText(text []byte) error    { return moveTokens.UnmarshalText(text, m) }

func TestTokens(t *testing.T) {
	tests := []struct {
		name  string
		v     move
		str   string
		valid bool
	}{
		{"zero", 0, "no-move", false},
		{"first", 1, "step-up", true},
		{"last", 3, "closure", true},
		{"out_of_range", 4, "move(4)", false},
		{"max", 255, "move(255)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, moveTokens.String(tt.v))
			assert.Equal(t, tt.valid, moveTokens.Valid(tt.v))
			got, err := moveTokens.Parse(tt.str)
			if tt.valid {
				require.NoError(t, err)
				assert.Equal(t, tt.v, got)
			} else {
				assert.ErrorIs(t, err, continuum.ErrUnknownToken)
				assert.Zero(t, got)
			}
		})
	}

	_, err := moveTokens.Parse("Sample Free Text")
	require.Error(t, err)
	assert.Equal(t, "continuum: move: unknown token (want step-up, step-down, closure)", err.Error())
}

func TestTokensText(t *testing.T) {
	for v, tok := range map[move]string{1: "step-up", 2: "step-down", 3: "closure"} {
		b, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tok, string(b))
		b, err = v.AppendText([]byte("x"))
		require.NoError(t, err)
		assert.Equal(t, "x"+tok, string(b))
		var got move
		require.NoError(t, got.UnmarshalText([]byte(tok)))
		assert.Equal(t, v, got)
	}
	var got move = 2
	require.NoError(t, got.UnmarshalText([]byte("STEP-UP")), "case is ignored")
	assert.Equal(t, move(1), got)
	require.NoError(t, got.UnmarshalText(nil), "empty text is the zero value")
	assert.Zero(t, got)
	for _, bad := range []string{"step up", "ſtep-up", " closure", "closure\x00"} {
		got = 2
		assert.ErrorIs(t, got.UnmarshalText([]byte(bad)), continuum.ErrUnknownToken, bad)
		assert.Equal(t, move(2), got, "a failed decode leaves the value")
	}
	for _, v := range []move{4, 255} {
		_, err := v.MarshalText()
		assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	}
	b, err := move(0).MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b, "zero encodes as empty text")
}

func TestTokensLabelsAndAll(t *testing.T) {
	var all []move
	for v := range moveTokens.All() {
		all = append(all, v)
	}
	assert.Equal(t, []move{1, 2, 3}, all)
	assert.Equal(t, "Step down", moveTokens.Label(2))
	assert.Empty(t, moveTokens.Label(0))
	assert.Empty(t, moveTokens.Label(9))
}
