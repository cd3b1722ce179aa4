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

// validCodeOracle is the code grammar written the slow, obvious way, as the reference for
// ParseCode: 2 to 24 bytes; the first an upper-case ASCII letter; each later byte an
// upper-case letter, a digit, or a hyphen that follows a non-hyphen and is not last. It
// is equivalent to len in [2,24] && ^[A-Z](?:[A-Z0-9]|-[A-Z0-9])+$.
func validCodeOracle(s string) bool {
	if len(s) < 2 || len(s) > 24 {
		return false
	}
	isUpper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	isDigit := func(c byte) bool { return '0' <= c && c <= '9' }
	if !isUpper(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case isUpper(c), isDigit(c):
			// fine anywhere after the first byte
		case c == '-':
			if s[i-1] == '-' || i == len(s)-1 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

func TestParseCode(t *testing.T) {
	const code24 = "ABCDEFGHIJ-KLMNOPQRS-123"
	require.Len(t, code24, 24)
	tests := []struct {
		name   string
		in     string
		ok     bool
		reason string
	}{
		{"need", "HLT-2-01", true, "a need: dimension, level, number"},
		{"significant_harm", "SH-02", true, "a significant-harm trigger"},
		{"immediate_danger", "EM-01", true, "an immediate-danger trigger"},
		{"local", "KENT-EDU-2-01", true, "a local addition"},
		{"shortest", "AB", true, "two characters"},
		{"letter_digit", "A1", true, "a digit after the first letter"},
		{"one_hyphen", "A-1", true, "a hyphen between two characters"},
		{"longest", code24, true, "24 characters"},
		{"longest_letters", strings.Repeat("Z", 24), true, "24 characters"},

		{"empty", "", false, "too short"},
		{"one_char", "A", false, "too short"},
		{"too_long", strings.Repeat("A", 25), false, "25 characters"},
		{"too_long_hyphens", code24 + "4", false, "25 characters"},
		{"lower_case", "hlt-2-01", false, "upper case only"},
		{"lower_case_inside", "HLt-2-01", false, "upper case only"},
		{"digit_first", "1ABC", false, "must start with a letter"},
		{"hyphen_first", "-AB", false, "must start with a letter"},
		{"hyphen_last", "AB-", false, "must not end with a hyphen"},
		{"hyphen_last_short", "A-", false, "must not end with a hyphen"},
		{"double_hyphen", "A--B", false, "single hyphens only"},
		{"space", "A B", false, "no spaces"},
		{"leading_space", " AB", false, "no spaces"},
		{"trailing_space", "AB ", false, "no spaces"},
		{"underscore", "AB_1", false, "no underscores"},
		{"dot", "HLT.2", false, "no dots"},
		{"unicode_first", "\u00c5B", false, "ASCII only"},
		{"unicode_inside", "A\u00c5B", false, "ASCII only"},
		{"fullwidth", "\uff21\uff22", false, "full-width letters are not ASCII"},
		{"nul", "AB\x00", false, "no control characters"},
		{"person", "Sample Free Text", false, "a synthetic name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.ok, validCodeOracle(tt.in), "the oracle agrees with the table: %s", tt.reason)
			got, err := continuum.ParseCode(tt.in)
			if tt.ok {
				require.NoError(t, err, tt.reason)
				assert.Equal(t, tt.in, got.String())
				assert.True(t, got.IsValid())
				return
			}
			require.Error(t, err, tt.reason)
			assert.ErrorIs(t, err, continuum.ErrSyntax, tt.reason)
			assert.NotErrorIs(t, err, continuum.ErrUnknownToken)
			assert.Equal(t, continuum.Code{}, got, "a failed parse returns the zero Code")
			assert.True(t, strings.HasPrefix(err.Error(), "continuum: code: "), "error %q", err)
			if tt.in != "" {
				assert.NotContains(t, err.Error(), tt.in, "errors never repeat the input")
			}
		})
	}
}

// TestParseCodeExhaustive compares ParseCode with the oracle on every string of up to
// four bytes over an alphabet that has each interesting class of byte.
func TestParseCodeExhaustive(t *testing.T) {
	alphabet := []byte{'A', 'Z', '0', '9', '-', 'a', '_', ' ', 0xC3}
	var walk func(prefix []byte, n int)
	count := 0
	walk = func(prefix []byte, n int) {
		s := string(prefix)
		_, err := continuum.ParseCode(s)
		if (err == nil) != validCodeOracle(s) {
			t.Errorf("ParseCode(%q): err = %v, oracle says valid = %v", s, err, validCodeOracle(s))
		}
		count++
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			walk(append(prefix, c), n-1)
		}
	}
	walk(nil, 4)
	assert.Greater(t, count, 7000)
}

func TestParseCodeErrorIsPrivate(t *testing.T) {
	for _, in := range []string{"Sample Free Text", "JANE DOE", "JANEDOE-BORN-2015-01-02X9"} {
		_, err := continuum.ParseCode(in)
		require.Error(t, err)
		assert.ErrorIs(t, err, continuum.ErrSyntax)
		assert.NotContains(t, err.Error(), in)
		assert.NotContains(t, strings.ToUpper(err.Error()), "JANE")
	}
}

func TestMustParseCode(t *testing.T) {
	t.Run("valid", func(t *testing.T) {
		var c continuum.Code
		assert.NotPanics(t, func() { c = continuum.MustParseCode("HLT-2-01") })
		assert.Equal(t, "HLT-2-01", c.String())
	})
	for _, in := range []string{"", "hlt-2-01", "A--B", strings.Repeat("A", 25)} {
		t.Run("panics_"+ident(in), func(t *testing.T) {
			defer func() {
				r := recover()
				require.NotNil(t, r, "MustParseCode(%q) must panic", in)
				err, ok := r.(error)
				require.True(t, ok, "the panic value is an error, got %T", r)
				assert.ErrorIs(t, err, continuum.ErrSyntax)
			}()
			continuum.MustParseCode(in)
		})
	}
}

func TestCodeZero(t *testing.T) {
	var c continuum.Code
	assert.False(t, c.IsValid())
	assert.Equal(t, "", c.String())
	assert.Equal(t, 0, c.Compare(continuum.Code{}))
}

func TestCodeIsComparable(t *testing.T) {
	a := continuum.MustParseCode("HLT-2-01")
	b := continuum.MustParseCode("HLT-2-01")
	c := continuum.MustParseCode("HLT-2-02")
	assert.True(t, a == b)
	assert.False(t, a == c)
	m := map[continuum.Code]int{a: 1}
	m[b]++
	assert.Equal(t, 2, m[a], "equal codes are the same map key")
}

func TestCodeCompare(t *testing.T) {
	tests := []struct {
		name string
		a, b continuum.Code
		want int
	}{
		{"equal", continuum.MustParseCode("AB"), continuum.MustParseCode("AB"), 0},
		{"less", continuum.MustParseCode("AB"), continuum.MustParseCode("AC"), -1},
		{"greater", continuum.MustParseCode("HLT-2-02"), continuum.MustParseCode("HLT-2-01"), +1},
		{"prefix_first", continuum.MustParseCode("HLT"), continuum.MustParseCode("HLT-2"), -1},
		{"digits_before_letters", continuum.MustParseCode("A1"), continuum.MustParseCode("AA"), -1},
		{"hyphen_before_digits", continuum.MustParseCode("A-1"), continuum.MustParseCode("A1"), -1},
		{"text_order_not_numeric", continuum.MustParseCode("A10"), continuum.MustParseCode("A9"), -1},
		{"zero_first", continuum.Code{}, continuum.MustParseCode("AB"), -1},
		{"zero_last_arg", continuum.MustParseCode("AB"), continuum.Code{}, +1},
		{"zero_zero", continuum.Code{}, continuum.Code{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.a.Compare(tt.b))
			assert.Equal(t, -tt.want, tt.b.Compare(tt.a), "antisymmetric")
		})
	}

	t.Run("sort", func(t *testing.T) {
		codes := []continuum.Code{
			continuum.MustParseCode("SH-02"),
			continuum.MustParseCode("EM-01"),
			continuum.MustParseCode("HLT-2-01"),
			{},
			continuum.MustParseCode("EDU-3-01"),
		}
		slices.SortFunc(codes, continuum.Code.Compare)
		got := make([]string, len(codes))
		for i, c := range codes {
			got[i] = c.String()
		}
		want := []string{"", "EDU-3-01", "EM-01", "HLT-2-01", "SH-02"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sorted codes (-want +got):\n%s", diff)
		}
	})
}

func TestCodeText(t *testing.T) {
	checkTextContract(t, textContract[continuum.Code]{
		valid: []pair[continuum.Code]{
			{continuum.MustParseCode("HLT-2-01"), "HLT-2-01"},
			{continuum.MustParseCode("SH-02"), "SH-02"},
			{continuum.MustParseCode("KENT-EDU-2-01"), "KENT-EDU-2-01"},
			{continuum.MustParseCode("AB"), "AB"},
		},
		// A Code cannot hold an invalid value: there are no out-of-range Codes.
		bad: []badText{
			{"hlt-2-01", "codes are upper case; no case folding"},
			{"A", "too short"},
			{"A--B", "double hyphen"},
			{"AB-", "trailing hyphen"},
			{" AB", "leading space"},
			{"Sample Free Text", "a synthetic name"},
			{strings.Repeat("A", 25), "too long"},
		},
		badErr:  continuum.ErrSyntax,
		nonZero: continuum.MustParseCode("EM-01"),
	})
}

func TestCodeJSON(t *testing.T) {
	type record struct {
		Code  continuum.Code         `json:"code"`
		Seen  map[continuum.Code]int `json:"seen"`
		Codes []continuum.Code       `json:"codes"`
	}
	in := record{
		Code:  continuum.MustParseCode("HLT-2-01"),
		Seen:  map[continuum.Code]int{continuum.MustParseCode("SH-02"): 2},
		Codes: []continuum.Code{continuum.MustParseCode("EM-01"), {}},
	}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"code":"HLT-2-01","seen":{"SH-02":2},"codes":["EM-01",""]}`, string(b))

	var out record
	require.NoError(t, json.Unmarshal(b, &out))
	if diff := cmp.Diff(in, out, cmp.Comparer(func(a, b continuum.Code) bool { return a == b })); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}

	err = json.Unmarshal([]byte(`{"seen":{"sh-02":1}}`), &out)
	require.Error(t, err, "a malformed map key is an error")
	assert.True(t, errors.Is(err, continuum.ErrSyntax))
}
