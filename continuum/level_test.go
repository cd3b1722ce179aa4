package continuum_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

func TestParseLevel(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   continuum.Level
		ok     bool
		reason string
	}{
		{"universal", "universal", continuum.Universal, true, "canonical token"},
		{"additional", "additional", continuum.Additional, true, "canonical token"},
		{"intensive", "intensive", continuum.Intensive, true, "canonical token"},
		{"specialist", "specialist", continuum.Specialist, true, "canonical token"},
		{"number_1", "1", continuum.Universal, true, "the level's number"},
		{"number_2", "2", continuum.Additional, true, "the level's number"},
		{"number_3", "3", continuum.Intensive, true, "the level's number"},
		{"number_4", "4", continuum.Specialist, true, "the level's number"},
		{"upper_case", "UNIVERSAL", continuum.Universal, true, "case is ignored"},
		{"title_case", "Additional", continuum.Additional, true, "case is ignored"},
		{"mixed_case", "InTeNsIvE", continuum.Intensive, true, "case is ignored"},
		{"mixed_case_specialist", "sPECIALIST", continuum.Specialist, true, "case is ignored"},

		{"empty", "", 0, false, "the empty string is not a level (only UnmarshalText maps it to zero)"},
		{"number_0", "0", 0, false, "zero is not a level"},
		{"number_5", "5", 0, false, "there are four levels"},
		{"number_10", "10", 0, false, "there are four levels"},
		{"leading_zero", "01", 0, false, "only the single digit"},
		{"plus_sign", "+1", 0, false, "only the single digit"},
		{"negative", "-1", 0, false, "only the single digit"},
		{"leading_space", " universal", 0, false, "white space is not trimmed"},
		{"trailing_space", "Universal ", 0, false, "white space is not trimmed"},
		{"trailing_newline", "intensive\n", 0, false, "white space is not trimmed"},
		{"space_number", " 1", 0, false, "white space is not trimmed"},
		{"zero_string", "not-assessed", 0, false, "the zero Level's String is not a token"},
		{"out_of_range_string", "level(9)", 0, false, "an out-of-range String is not a token"},
		{"local_label", "Level 2", 0, false, "local labels are a framework's business"},
		{"prefix", "univ", 0, false, "no abbreviations"},
		{"tier", "tier 2", 0, false, "not a token"},
		{"nul", "universal\x00", 0, false, "embedded NUL"},
		{"free_text", "Sample Free Text", 0, false, "free text a caller passed by mistake"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := continuum.ParseLevel(tt.in)
			if !tt.ok {
				require.Error(t, err, tt.reason)
				assert.ErrorIs(t, err, continuum.ErrUnknownToken, tt.reason)
				assert.Zero(t, got, "a failed parse returns the zero Level")
				_, ref := continuum.ParseLevel("\x00")
				require.Error(t, ref)
				assert.Equal(t, ref.Error(), err.Error(), "the error text does not depend on the input, so it never repeats it")
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, got, tt.reason)
			assert.True(t, got.IsValid())
		})
	}
}

func TestParseLevelErrorIsPrivate(t *testing.T) {
	// Synthetic placeholders for the kind of free text a caller might pass by mistake.
	for _, in := range []string{"Sample Free Text", "sample@example.invalid", "DOB 00/00/0000", "Sample Free Text\nuniversal"} {
		t.Run(ident(in), func(t *testing.T) {
			_, err := continuum.ParseLevel(in)
			require.Error(t, err)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken)
			assert.NotErrorIs(t, err, continuum.ErrSyntax)
			assert.NotContains(t, err.Error(), in)
			assert.NotContains(t, err.Error(), "Sample")
			assert.NotContains(t, strings.ToLower(err.Error()), "free text")
		})
	}
}

func TestLevelMethods(t *testing.T) {
	tests := []struct {
		name   string
		l      continuum.Level
		str    string
		valid  bool
		number int
		reason string
	}{
		{"zero", 0, "not-assessed", false, 0, "zero is not assessed and never reads as the lowest level"},
		{"universal", continuum.Universal, "universal", true, 1, ""},
		{"additional", continuum.Additional, "additional", true, 2, ""},
		{"intensive", continuum.Intensive, "intensive", true, 3, ""},
		{"specialist", continuum.Specialist, "specialist", true, 4, ""},
		{"five", 5, "level(5)", false, 0, "out of range: Number is 0"},
		{"nine", 9, "level(9)", false, 0, "out of range: String shows the number"},
		{"max", 255, "level(255)", false, 0, "the largest uint8 does not panic"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.l.String(), tt.reason)
			assert.Equal(t, tt.valid, tt.l.IsValid(), tt.reason)
			assert.Equal(t, tt.number, tt.l.Number(), tt.reason)
		})
	}
}

func TestLevelStringRoundTrip(t *testing.T) {
	for l := range continuum.Levels() {
		got, err := continuum.ParseLevel(l.String())
		require.NoError(t, err)
		assert.Equal(t, l, got)
		got, err = continuum.ParseLevel(string(rune('0' + l.Number())))
		require.NoError(t, err)
		assert.Equal(t, l, got)
	}
}

func TestLevels(t *testing.T) {
	t.Run("order", func(t *testing.T) {
		got := slices.Collect(continuum.Levels())
		want := []continuum.Level{continuum.Universal, continuum.Additional, continuum.Intensive, continuum.Specialist}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Levels() (-want +got):\n%s", diff)
		}
		assert.True(t, slices.IsSorted(got), "levels compare with <")
	})
	t.Run("early_break", func(t *testing.T) {
		var got []continuum.Level
		for l := range continuum.Levels() {
			got = append(got, l)
			if l == continuum.Additional {
				break
			}
		}
		assert.Equal(t, []continuum.Level{continuum.Universal, continuum.Additional}, got)
	})
	t.Run("break_at_once", func(t *testing.T) {
		n := 0
		for range continuum.Levels() {
			n++
			break
		}
		assert.Equal(t, 1, n)
	})
}

func TestLevelText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Level]{
		valid: []pair[continuum.Level]{
			{continuum.Universal, "universal"},
			{continuum.Additional, "additional"},
			{continuum.Intensive, "intensive"},
			{continuum.Specialist, "specialist"},
		},
		aliases: []alias[continuum.Level]{
			{"1", continuum.Universal, "numbers decode"},
			{"4", continuum.Specialist, "numbers decode"},
			{"INTENSIVE", continuum.Intensive, "case is ignored"},
		},
		invalid: []continuum.Level{5, 9, 255},
		bad: withCommonBad(
			badText{"5", "there are four levels"},
			badText{" universal", "white space is not trimmed"},
			badText{"Universal ", "white space is not trimmed"},
			badText{"not-assessed", "the zero String is not a token"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.Intensive,
	})
}

func TestLevelJSON(t *testing.T) {
	type record struct {
		Level continuum.Level `json:"level"`
	}
	t.Run("encode_is_a_word", func(t *testing.T) {
		for l := range continuum.Levels() {
			b, err := json.Marshal(record{l})
			require.NoError(t, err)
			assert.Equal(t, `{"level":"`+l.String()+`"}`, string(b))
		}
		b, err := json.Marshal(record{continuum.Intensive})
		require.NoError(t, err)
		assert.Equal(t, `{"level":"intensive"}`, string(b), "a word, never a number")
	})
	t.Run("zero_is_empty", func(t *testing.T) {
		b, err := json.Marshal(record{})
		require.NoError(t, err)
		assert.Equal(t, `{"level":""}`, string(b))
	})
	t.Run("out_of_range_fails", func(t *testing.T) {
		_, err := json.Marshal(record{9})
		require.Error(t, err)
		assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	})
	t.Run("decode", func(t *testing.T) {
		tests := []struct {
			name string
			in   string
			want continuum.Level
		}{
			{"word", `{"level":"intensive"}`, continuum.Intensive},
			{"number_text", `{"level":"3"}`, continuum.Intensive},
			{"upper", `{"level":"SPECIALIST"}`, continuum.Specialist},
			{"empty", `{"level":""}`, 0},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := record{Level: continuum.Universal}
				require.NoError(t, json.Unmarshal([]byte(tt.in), &r))
				assert.Equal(t, tt.want, r.Level)
			})
		}
	})
	t.Run("decode_errors", func(t *testing.T) {
		var r record
		err := json.Unmarshal([]byte(`{"level":"Sample Free Text"}`), &r)
		require.Error(t, err)
		assert.ErrorIs(t, err, continuum.ErrUnknownToken)
		assert.NotContains(t, err.Error(), "Sample Free Text")

		err = json.Unmarshal([]byte(`{"level":3}`), &r)
		require.Error(t, err, "a JSON number is not a level")
		var typeErr *json.UnmarshalTypeError
		assert.True(t, errors.As(err, &typeErr))
	})
}

func TestLevelOrder(t *testing.T) {
	assert.Less(t, continuum.Level(0), continuum.Universal)
	assert.Less(t, continuum.Universal, continuum.Additional)
	assert.Less(t, continuum.Additional, continuum.Intensive)
	assert.Less(t, continuum.Intensive, continuum.Specialist)
}

// Regression test (the bug is fixed): the enum parsers use strings.EqualFold, which folds Unicode: "ſ" (U+017F LATIN
// SMALL LETTER LONG S) matches "s", and "K" (U+212A KELVIN SIGN) matches "k". So
// ParseLevel("ſpecialiſt") returns Specialist and ParseDimension("ſCS") returns
// SelfCareSkills, although the tokens are an ASCII wire format: another system checking
// the same field (a JSON Schema enum, a database CHECK) would reject what this one
// accepts. Expected: an error wrapping ErrUnknownToken for any non-ASCII input.
// Source: enum.go, enumTokens.parse (strings.EqualFold).
func TestParseRejectsNonASCIICaseFolding(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) error
		in    string
	}{
		{"level_long_s", func(s string) error { _, err := continuum.ParseLevel(s); return err }, "\u017fpecialist"},
		{"urgency_long_s", func(s string) error { _, err := continuum.ParseUrgency(s); return err }, "\u017fame-day"},
		{"kind_long_s", func(s string) error { _, err := continuum.ParseKind(s); return err }, "\u017ftrength"},
		{"dimension_long_s", func(s string) error { _, err := continuum.ParseDimension(s); return err }, "\u017fCS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse(tt.in)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken, "a non-ASCII spelling of a token must not parse")
		})
	}
}
