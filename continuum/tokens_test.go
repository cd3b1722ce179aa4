package continuum_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// move is an enum built with NewTokens, as other packages build theirs.
type move uint8

var moveTokens = continuum.NewTokens[move]("move", "no-move", "step-up", "step-down", "closure")

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
	checkTextContract(t, textContract[move]{
		valid: []pair[move]{{1, "step-up"}, {2, "step-down"}, {3, "closure"}},
		aliases: []alias[move]{
			{"STEP-UP", 1, "case is ignored"},
		},
		invalid: []move{4, 255},
		bad:     withCommonBad(badText{"step up", "the hyphen is part of the token"}),
		badErr:  continuum.ErrUnknownToken,
		nonZero: 2,
	})
}
