package continuum_test

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// Every type with a text encoding implements both halves of it.
var (
	_ encoding.TextMarshaler   = continuum.Level(0)
	_ encoding.TextUnmarshaler = (*continuum.Level)(nil)
	_ encoding.TextMarshaler   = continuum.Urgency(0)
	_ encoding.TextUnmarshaler = (*continuum.Urgency)(nil)
	_ encoding.TextMarshaler   = continuum.Domain(0)
	_ encoding.TextUnmarshaler = (*continuum.Domain)(nil)
	_ encoding.TextMarshaler   = continuum.Dimension(0)
	_ encoding.TextUnmarshaler = (*continuum.Dimension)(nil)
	_ encoding.TextMarshaler   = continuum.Kind(0)
	_ encoding.TextUnmarshaler = (*continuum.Kind)(nil)
	_ encoding.TextMarshaler   = continuum.Severity(0)
	_ encoding.TextUnmarshaler = (*continuum.Severity)(nil)
	_ encoding.TextMarshaler   = continuum.AgeBand(0)
	_ encoding.TextUnmarshaler = (*continuum.AgeBand)(nil)
	_ encoding.TextMarshaler   = continuum.AgeBands(0)
	_ encoding.TextUnmarshaler = (*continuum.AgeBands)(nil)
	_ encoding.TextMarshaler   = continuum.CINFactor(0)
	_ encoding.TextUnmarshaler = (*continuum.CINFactor)(nil)
	_ encoding.TextMarshaler   = continuum.CINFactors(0)
	_ encoding.TextUnmarshaler = (*continuum.CINFactors)(nil)
	_ encoding.TextMarshaler   = continuum.Code{}
	_ encoding.TextUnmarshaler = (*continuum.Code)(nil)

	_ encoding.TextAppender = continuum.Level(0)
	_ encoding.TextAppender = continuum.Urgency(0)
	_ encoding.TextAppender = continuum.Domain(0)
	_ encoding.TextAppender = continuum.Dimension(0)
	_ encoding.TextAppender = continuum.Kind(0)
	_ encoding.TextAppender = continuum.Severity(0)
	_ encoding.TextAppender = continuum.AgeBand(0)
	_ encoding.TextAppender = continuum.AgeBands(0)
	_ encoding.TextAppender = continuum.CINFactor(0)
	_ encoding.TextAppender = continuum.CINFactors(0)
	_ encoding.TextAppender = continuum.Code{}
)

// textValue is a value type with a text encoding.
type textValue interface {
	comparable
	encoding.TextMarshaler
	encoding.TextAppender
}

// textPtr is the pointer type that decodes a T.
type textPtr[T any] interface {
	*T
	encoding.TextUnmarshaler
}

// pair is a value and its canonical text.
type pair[T any] struct {
	v    T
	text string
}

// alias is a text other than the canonical one that decodes to a value.
type alias[T any] struct {
	text   string
	v      T
	reason string
}

// badText is a text that must not decode.
type badText struct {
	text   string
	reason string
}

// textContract describes one type's text encoding: the canonical pairs, the other
// accepted spellings, the values that must not encode, the texts that must not decode
// and the sentinel their errors wrap.
type textContract[T any] struct {
	valid    []pair[T]
	aliases  []alias[T]
	invalid  []T
	bad      []badText
	badErr   error
	nonZero  T // any valid value, to check that "" resets a variable to zero
	typeName string
}

// checkTextContract runs the text-encoding contract of a type:
//  1. every valid value marshals and appends to its token and decodes back to itself;
//  2. every alias decodes to its value;
//  3. the zero value encodes as "" and "" decodes to zero;
//  4. out-of-range values fail to encode with ErrInvalidValue and append nothing;
//  5. bad text fails with the type's sentinel, leaves the target unchanged and does not
//     repeat the input.
func checkTextContract[T textValue, P textPtr[T]](t *testing.T, c textContract[T]) {
	t.Helper()
	var zero T
	prefix := []byte("prefix:")

	for _, p := range c.valid {
		t.Run("valid_"+ident(p.text), func(t *testing.T) {
			got, err := p.v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, p.text, string(got), "MarshalText")

			appended, err := p.v.AppendText(append([]byte(nil), prefix...))
			require.NoError(t, err)
			assert.Equal(t, string(prefix)+p.text, string(appended), "AppendText")

			var back T
			require.NoError(t, P(&back).UnmarshalText(got))
			assert.Equal(t, p.v, back, "round trip")
		})
	}

	for _, a := range c.aliases {
		t.Run("alias_"+ident(a.text), func(t *testing.T) {
			var got T
			require.NoError(t, P(&got).UnmarshalText([]byte(a.text)), a.reason)
			assert.Equal(t, a.v, got, a.reason)
		})
	}

	t.Run("zero", func(t *testing.T) {
		got, err := zero.MarshalText()
		require.NoError(t, err)
		assert.Empty(t, got, "the zero value encodes as empty text")

		appended, err := zero.AppendText(append([]byte(nil), prefix...))
		require.NoError(t, err)
		assert.Equal(t, string(prefix), string(appended), "the zero value appends nothing")

		v := c.nonZero
		require.NotEqual(t, zero, v, "nonZero must not be the zero value")
		require.NoError(t, P(&v).UnmarshalText(nil))
		assert.Equal(t, zero, v, "empty text decodes as the zero value")
		v = c.nonZero
		require.NoError(t, P(&v).UnmarshalText([]byte{}))
		assert.Equal(t, zero, v, "empty text decodes as the zero value")
	})

	for _, v := range c.invalid {
		t.Run("invalid_value", func(t *testing.T) {
			_, err := v.MarshalText()
			require.Error(t, err)
			assert.ErrorIs(t, err, continuum.ErrInvalidValue)
			assert.True(t, strings.HasPrefix(err.Error(), "continuum: "), "error %q has the package prefix", err)

			appended, err := v.AppendText(append([]byte(nil), prefix...))
			assert.ErrorIs(t, err, continuum.ErrInvalidValue)
			assert.Equal(t, string(prefix), string(appended), "a failed AppendText appends nothing")
		})
	}

	for _, b := range c.bad {
		t.Run("bad_"+ident(b.text), func(t *testing.T) {
			v := c.nonZero
			err := P(&v).UnmarshalText([]byte(b.text))
			require.Error(t, err, b.reason)
			assert.ErrorIs(t, err, c.badErr, b.reason)
			assert.Equal(t, c.nonZero, v, "a failed UnmarshalText leaves the value unchanged")
			if len(b.text) >= 3 && strings.TrimSpace(b.text) == b.text {
				assert.NotContains(t, err.Error(), b.text, "errors do not repeat the input")
			}
		})
	}
}

// ident turns a token into a subtest-name fragment: letters and digits, "_" for the rest.
func ident(s string) string {
	if s == "" {
		return "empty"
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}

// commonBad are texts no enum accepts.
var commonBad = []badText{
	{" ", "white space is not a token"},
	{"Sample Free Text", "a synthetic name: must not be echoed"},
	{"0", "zero has no token"},
	{"\x00", "a NUL byte"},
	{"é", "non-ASCII"},
	{strings.Repeat("x", 300), "a long input"},
}

func withCommonBad(bad ...badText) []badText { return append(bad, commonBad...) }

func TestUrgencyText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Urgency]{
		valid: []pair[continuum.Urgency]{
			{continuum.Routine, "routine"},
			{continuum.SameDay, "same-day"},
			{continuum.Immediate, "immediate"},
		},
		aliases: []alias[continuum.Urgency]{
			{"ROUTINE", continuum.Routine, "case is ignored"},
			{"Same-Day", continuum.SameDay, "case is ignored"},
		},
		invalid: []continuum.Urgency{4, 255},
		bad: withCommonBad(
			badText{"same day", "the token has a hyphen"},
			badText{"sameday", "the token has a hyphen"},
			badText{"1", "urgencies have no numbers"},
			badText{" routine", "leading space"},
			badText{"routine ", "trailing space"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.SameDay,
	})
}

func TestUrgencyValues(t *testing.T) {
	tests := []struct {
		name   string
		u      continuum.Urgency
		str    string
		valid  bool
		reason string
	}{
		{"zero", 0, "not-decided", false, "zero means not decided"},
		{"routine", continuum.Routine, "routine", true, ""},
		{"same_day", continuum.SameDay, "same-day", true, ""},
		{"immediate", continuum.Immediate, "immediate", true, ""},
		{"four", 4, "urgency(4)", false, "out of range shows its number"},
		{"max", 255, "urgency(255)", false, "out of range shows its number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.u.String(), tt.reason)
			assert.Equal(t, tt.valid, tt.u.IsValid(), tt.reason)
			if tt.valid {
				got, err := continuum.ParseUrgency(strings.ToUpper(tt.str))
				require.NoError(t, err)
				assert.Equal(t, tt.u, got)
			}
		})
	}
	assert.Less(t, continuum.Routine, continuum.SameDay, "urgencies are ordered")
	assert.Less(t, continuum.SameDay, continuum.Immediate, "urgencies are ordered")
}

func TestParseUrgencyErrors(t *testing.T) {
	for _, in := range []string{"", "not-decided", "urgency(4)", "Sample Free Text"} {
		t.Run(ident(in), func(t *testing.T) {
			got, err := continuum.ParseUrgency(in)
			require.Error(t, err)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken)
			assert.Zero(t, got)
			if in != "" {
				assert.NotContains(t, err.Error(), in)
			}
		})
	}
}

func TestKindText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Kind]{
		valid: []pair[continuum.Kind]{
			{continuum.Need, "need"},
			{continuum.Strength, "strength"},
			{continuum.SignificantHarm, "significant-harm"},
			{continuum.ImmediateDanger, "immediate-danger"},
		},
		aliases: []alias[continuum.Kind]{
			{"NEED", continuum.Need, "case is ignored"},
			{"Significant-Harm", continuum.SignificantHarm, "case is ignored"},
		},
		invalid: []continuum.Kind{5, 200},
		bad: withCommonBad(
			badText{"significant harm", "the token has a hyphen"},
			badText{"needs", "plural is not a token"},
			badText{"1", "kinds have no numbers"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.Strength,
	})
}

func TestKindValues(t *testing.T) {
	tests := []struct {
		name    string
		k       continuum.Kind
		str     string
		valid   bool
		trigger bool
	}{
		{"zero", 0, "no-kind", false, false},
		{"need", continuum.Need, "need", true, false},
		{"strength", continuum.Strength, "strength", true, false},
		{"significant_harm", continuum.SignificantHarm, "significant-harm", true, true},
		{"immediate_danger", continuum.ImmediateDanger, "immediate-danger", true, true},
		{"out_of_range", 5, "kind(5)", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.k.String())
			assert.Equal(t, tt.valid, tt.k.IsValid())
			assert.Equal(t, tt.trigger, tt.k.IsTrigger())
			if tt.valid {
				got, err := continuum.ParseKind(tt.str)
				require.NoError(t, err)
				assert.Equal(t, tt.k, got)
			} else {
				_, err := continuum.ParseKind(tt.str)
				assert.ErrorIs(t, err, continuum.ErrUnknownToken, "String of an invalid kind does not parse")
			}
		})
	}
}

func TestSeverityText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Severity]{
		valid: []pair[continuum.Severity]{
			{continuum.Error, "error"},
			{continuum.Query, "query"},
		},
		aliases: []alias[continuum.Severity]{
			{"ERROR", continuum.Error, "case is ignored"},
			{"Query", continuum.Query, "case is ignored"},
		},
		invalid: []continuum.Severity{3, 255},
		bad: withCommonBad(
			badText{"warning", "not a severity of this module"},
			badText{"errors", "plural is not a token"},
		),
		badErr:  continuum.ErrUnknownToken,
		nonZero: continuum.Query,
	})
}

func TestSeverityValues(t *testing.T) {
	tests := []struct {
		name  string
		s     continuum.Severity
		str   string
		valid bool
	}{
		{"zero", 0, "no-severity", false},
		{"error", continuum.Error, "error", true},
		{"query", continuum.Query, "query", true},
		{"out_of_range", 3, "severity(3)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.str, tt.s.String())
			assert.Equal(t, tt.valid, tt.s.IsValid())
			got, err := continuum.ParseSeverity(tt.str)
			if tt.valid {
				require.NoError(t, err)
				assert.Equal(t, tt.s, got)
			} else {
				assert.ErrorIs(t, err, continuum.ErrUnknownToken)
			}
		})
	}
}

// TestEnumErrorsArePackagePrefixed checks the error-message convention of every parser.
func TestEnumErrorsArePackagePrefixed(t *testing.T) {
	parsers := map[string]func(string) error{
		"level":      func(s string) error { _, err := continuum.ParseLevel(s); return err },
		"urgency":    func(s string) error { _, err := continuum.ParseUrgency(s); return err },
		"domain":     func(s string) error { _, err := continuum.ParseDomain(s); return err },
		"dimension":  func(s string) error { _, err := continuum.ParseDimension(s); return err },
		"kind":       func(s string) error { _, err := continuum.ParseKind(s); return err },
		"severity":   func(s string) error { _, err := continuum.ParseSeverity(s); return err },
		"age_band":   func(s string) error { _, err := continuum.ParseAgeBand(s); return err },
		"cin_factor": func(s string) error { _, err := continuum.ParseCINFactor(s); return err },
		"code":       func(s string) error { _, err := continuum.ParseCode(s); return err },
	}
	for name, parse := range parsers {
		t.Run(name, func(t *testing.T) {
			err := parse("Sample Free Text")
			require.Error(t, err)
			msg := err.Error()
			assert.True(t, strings.HasPrefix(msg, "continuum: "), "error %q has the package prefix", msg)
			assert.Equal(t, strings.ToLower(msg[:1]), msg[:1], "errors start in lower case")
			assert.NotContains(t, msg, "Sample")
			assert.NotContains(t, msg, "Free Text")
			assert.True(t, errors.Is(err, continuum.ErrUnknownToken) || errors.Is(err, continuum.ErrSyntax))
		})
	}
}
