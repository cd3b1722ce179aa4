package document_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// Issue 13: tokens in documents are canonical only; "Intensive", "3" and "INTENSIVE"
// name the level but are not its token.
func TestDecodeNonCanonical(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []finding
	}{
		{"capitalised", `{"levels": ["Intensive"]}`, []finding{{"levels[0]", document.RuleNonCanonical}}},
		{"number", `{"levels": ["3"]}`, []finding{{"levels[0]", document.RuleNonCanonical}}},
		{"upper", `{"a": {"level": "INTENSIVE"}}`, []finding{{"a.level", document.RuleNonCanonical}}},
		{"dimension_lower", `{"dimension": "hsg"}`, []finding{{"dimension", document.RuleNonCanonical}}},
		{"canonical", `{"levels": ["intensive", ""], "dimension": "HSG"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			fs := document.Decode([]byte(tt.in), &got)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// Issue 13: map keys that name the same value ("1", "universal", "UNIVERSAL") silently
// overwrote one another; each is now a duplicate-key finding, and the key is not echoed.
func TestDecodeMapKeyAliases(t *testing.T) {
	var got map[continuum.Level]string
	fs := document.Decode([]byte(`{"universal": "a", "1": "b", "UNIVERSAL": "c", "intensive": "d"}`), &got)
	want := []finding{
		{"universal", document.RuleDuplicateKey}, {"universal", document.RuleDuplicateKey},
		{"{1}", document.RuleNonCanonical}, {"{2}", document.RuleNonCanonical},
	}
	if diff := cmp.Diff(want, summarize(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	assert.Equal(t, map[continuum.Level]string{continuum.Universal: "a", continuum.Intensive: "d"}, got, "the first key is kept")
}

type limitedDoc struct {
	Items []int    `json:"items" limit:"3,too-many-items"`
	After []string `json:"after"`
}

// Issue 13: a 300k-indicator framework was decoded whole before too-many-indicators.
// A field tagged with a limit stops decoding at the first item past it.
func TestDecodeLimitTag(t *testing.T) {
	in := `{"items": [1, 2, 3, 4, ` + strings.Repeat(`"junk", `, 1000) + `5], "after": ["x"]}`
	var got limitedDoc
	fs := document.Decode([]byte(in), &got)
	assert.Equal(t, []finding{{"items", "too-many-items"}}, summarize(fs), "nothing past the limit is read, junk included")
	assert.True(t, document.Stopped(fs))
	assert.ErrorIs(t, fs.Err(), document.ErrTooLarge)

	fs = document.Decode([]byte(`{"items": [1, 2, 3], "after": ["x"]}`), &got)
	assert.Empty(t, fs)
	assert.Panics(t, func() {
		var bad struct {
			X []int `json:"x" limit:"many"`
		}
		document.Decode([]byte(`{}`), &bad)
	}, "a malformed tag is a programming error")
}

// Issue 13: 4 MB of bad values gave 10^6 findings and an 85 MB Error(). Decode keeps at
// most continuum.MaxFindings and counts the rest in one final finding.
func TestDecodeCapsFindings(t *testing.T) {
	in := `{"levels": [` + strings.Repeat(`"bogus", `, 5000) + `"bogus"]}`
	var got testDoc
	fs := document.Decode([]byte(in), &got)
	require.Len(t, fs, continuum.MaxFindings)
	last := fs.Sorted()[len(fs)-1]
	var tail *continuum.Finding
	for _, f := range fs {
		if f.Rule == continuum.RuleTooManyFindings {
			tail = f
		}
	}
	require.NotNil(t, tail, "the rest are counted: %v", last)
	assert.Contains(t, tail.Msg, "4902 more findings", "5001 findings, 99 shown")
	assert.ErrorIs(t, fs.Err(), continuum.ErrTooManyFindings)
	assert.Less(t, len(fs.Error()), 20000)
}

// Issue 13: a time.Time field's finding wrapped encoding/json's or time's error, which
// quotes the input. Foreign errors are not wrapped; continuum.ErrInvalidValue is.
func TestDecodeForeignErrorsNotWrapped(t *testing.T) {
	const marker = "QQMARKERQQ"
	var got foreignDoc
	fs := document.Decode([]byte(`{"when": "`+marker+`", "maybe": "`+marker+`", "addr": "`+marker+`", "any": 1}`), &got)
	require.NotEmpty(t, fs)
	for _, f := range fs {
		for err := error(f); err != nil; err = errors.Unwrap(err) {
			assert.NotContains(t, err.Error(), marker)
		}
		assert.ErrorIs(t, f, continuum.ErrInvalidValue)
	}
}

type nullDoc struct {
	A *testInner `json:"a" null:"reject"`
	B *testInner `json:"b"`
}

// Issue 13: null was read as absent for pointer fields, which JSON Schema calls a type
// error; documents tag such fields null:"reject".
func TestDecodeNullRejected(t *testing.T) {
	var got nullDoc
	fs := document.Decode([]byte(`{"a": null, "b": null}`), &got)
	assert.Equal(t, []finding{{"a", document.RuleWrongType}}, summarize(fs))
}

// Issue 13: 3.0 was not a whole number to the decoder, though JSON Schema's "integer"
// takes it; whole numbers written with a fraction or an exponent now decode.
func TestDecodeIntegralNumbers(t *testing.T) {
	for in, want := range map[string]int{`3.0`: 3, `1e2`: 100, `2.50e1`: 25, `-4.000`: -4, `0.0`: 0, `2e2`: 200, `-1.5e2`: -150} {
		var got testDoc
		fs := document.Decode([]byte(`{"count": `+in+`, "small": `+in+`}`), &got)
		if want > 127 || want < -128 { // whole, but past int8: small's finding only
			assert.Equal(t, []finding{{"small", document.RuleInvalidValue}}, summarize(fs), in)
		} else {
			assert.Empty(t, fs, in)
			assert.Equal(t, int8(want), got.Small, in)
		}
		assert.Equal(t, want, got.Count, in)
	}
	// Not whole, however written: 1e-999999999 is past big.Float's exponent, which
	// rounds it to zero, and must not decode as the integer 0.
	for _, in := range []string{`0.5`, `1e-1`, `2.5e0`, `1e-999999999`, `-3e-999999999`} {
		var got testDoc
		fs := document.Decode([]byte(`{"count": `+in+`}`), &got)
		require.Len(t, fs, 1, in)
		assert.Equal(t, "count", fs[0].Path, in)
	}
	var got testDoc
	assert.Empty(t, document.Decode([]byte(`{"count": 0.0e-999999999}`), &got), "zero is whole")
}
