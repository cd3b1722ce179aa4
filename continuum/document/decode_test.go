package document_test

import (
	"encoding/json"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// testDoc is a small document with one field of each kind Decode walks. Slices,
// maps and pointers are omitempty so that json.Marshal output (which writes nil slices
// and maps as null, which Decode rejects for non-pointers) decodes again.
type testDoc struct {
	Schema    string                    `json:"$schema"`
	Name      string                    `json:"name"`
	Count     int                       `json:"count"`
	Small     int8                      `json:"small"`
	Enabled   bool                      `json:"enabled"`
	Levels    []continuum.Level         `json:"levels,omitempty"`
	Codes     map[string]continuum.Code `json:"codes,omitempty"`
	A         *testInner                `json:"a,omitempty"`
	Dimension continuum.Dimension       `json:"dimension"`
	Items     []testItem                `json:"items,omitempty"`
	Ignored   string                    `json:"-"`
	hidden    string                    // unexported: never decoded
}

type testInner struct {
	Level continuum.Level `json:"level"`
	Note  string          `json:"note"`
}

type testItem struct {
	Code  continuum.Code  `json:"code"`
	Level continuum.Level `json:"level"`
}

// docCmp compares decoded documents: Codes by value, empty and nil slices and maps alike.
var docCmp = []cmp.Option{
	cmp.Comparer(func(a, b continuum.Code) bool { return a == b }),
	cmpopts.EquateEmpty(),
	cmpopts.IgnoreUnexported(testDoc{}),
}

// finding is the part of a Finding a test pins.
type finding struct {
	Path string
	Rule string
}

func summarize(fs continuum.Findings) []finding {
	var out []finding
	for _, f := range fs.Sorted() {
		out = append(out, finding{f.Path, f.Rule})
	}
	return out
}

func TestDecodeValid(t *testing.T) {
	in := `{
		"$schema": "https://example.org/doc.schema.json",
		"name": "fixture",
		"count": -42,
		"small": 127,
		"enabled": true,
		"levels": ["universal", "intensive", "specialist", ""],
		"codes": {"first": "HLT-2-01", "second": "SH-02", "none": ""},
		"a": {"level": "additional", "note": "n"},
		"dimension": "HSG",
		"items": [{"code": "EM-01", "level": "specialist"}, {}]
	}`
	var got testDoc
	fs := document.Decode([]byte(in), &got)
	require.Empty(t, fs, "findings: %v", fs)
	want := testDoc{
		Schema:    "https://example.org/doc.schema.json",
		Name:      "fixture",
		Count:     -42,
		Small:     127,
		Enabled:   true,
		Levels:    []continuum.Level{continuum.Universal, continuum.Intensive, continuum.Specialist, 0},
		Codes:     map[string]continuum.Code{"first": continuum.MustParseCode("HLT-2-01"), "second": continuum.MustParseCode("SH-02"), "none": {}},
		A:         &testInner{Level: continuum.Additional, Note: "n"},
		Dimension: continuum.Housing,
		Items:     []testItem{{Code: continuum.MustParseCode("EM-01"), Level: continuum.Specialist}, {}},
	}
	if diff := cmp.Diff(want, got, docCmp...); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	assert.NoError(t, fs.Err())
}

func TestDecodeValidSmall(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want testDoc
	}{
		{"empty_object", `{}`, testDoc{}},
		{"white_space", " \n\t{ } \n", testDoc{}},
		{"null_pointer", `{"a": null}`, testDoc{}},
		{"empty_array", `{"levels": []}`, testDoc{Levels: []continuum.Level{}}},
		{"escaped_key", `{"n\u0061me": "x"}`, testDoc{Name: "x"}},
		{"min_int8", `{"small": -128}`, testDoc{Small: -128}},
		{"unicode_string", `{"name": "caf\u00e9 \ud83d\ude00"}`, testDoc{Name: "café 😀"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			fs := document.Decode([]byte(tt.in), &got)
			require.Empty(t, fs, "findings: %v", fs)
			if diff := cmp.Diff(tt.want, got, docCmp...); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeFindings(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   []finding
		is     error // a sentinel every finding wraps, if any
		reason string
	}{
		{"unknown_field_nested", `{"a": {"b": 1}}`,
			[]finding{{"a{0}", document.RuleUnknownField}}, nil, "an unknown field in a nested object"},
		{"unknown_field_top", `{"nope": [1, {"x": 2}]}`,
			[]finding{{"{0}", document.RuleUnknownField}}, nil, "its value is skipped whole"},
		{"case_sensitive", `{"Name": "x"}`,
			[]finding{{"{0}", document.RuleUnknownField}}, nil, "names match tags exactly, not ignoring case"},
		{"dash_field", `{"Ignored": "x"}`,
			[]finding{{"{0}", document.RuleUnknownField}}, nil, `a json:"-" field is not a field`},
		{"unexported_field", `{"hidden": "x"}`,
			[]finding{{"{0}", document.RuleUnknownField}}, nil, "unexported fields are not fields"},
		{"duplicate_key", `{"name": "a", "name": "b"}`,
			[]finding{{"name", document.RuleDuplicateKey}}, nil, ""},
		{"duplicate_in_array_element", `{"items": [{}, {}, {}, {"code": "AB", "code": "CD"}]}`,
			[]finding{{"items[3].code", document.RuleDuplicateKey}}, nil, "the path names the element"},
		{"duplicate_map_key", `{"codes": {"k": "AB", "k": "CD"}}`,
			[]finding{{"codes{1}", document.RuleDuplicateKey}}, nil, "maps too"},
		{"duplicate_unknown", `{"x": 1, "x": 2}`,
			[]finding{{"{0}", document.RuleUnknownField}, {"{1}", document.RuleDuplicateKey}}, nil, "both problems are reported"},
		{"wrong_type_int", `{"count": "3"}`,
			[]finding{{"count", document.RuleWrongType}}, nil, "a string for a number"},
		{"wrong_type_string", `{"name": 1}`,
			[]finding{{"name", document.RuleWrongType}}, nil, "a number for a string"},
		{"wrong_type_bool", `{"enabled": "true"}`,
			[]finding{{"enabled", document.RuleWrongType}}, nil, "a string for a bool"},
		{"wrong_type_slice", `{"levels": "intensive"}`,
			[]finding{{"levels", document.RuleWrongType}}, nil, "a string for an array"},
		{"wrong_type_map", `{"codes": ["AB"]}`,
			[]finding{{"codes", document.RuleWrongType}}, nil, "an array for an object"},
		{"wrong_type_struct", `{"a": "x"}`,
			[]finding{{"a", document.RuleWrongType}}, nil, "a string for an object"},
		{"wrong_type_text", `{"dimension": 3}`,
			[]finding{{"dimension", document.RuleWrongType}}, nil, "a number for a text value"},
		{"wrong_type_text_object", `{"dimension": {"x": [1]}}`,
			[]finding{{"dimension", document.RuleWrongType}}, nil, "an object for a text value, skipped whole"},
		{"wrong_type_top", `[1, 2]`,
			[]finding{{"", document.RuleWrongType}}, nil, "an array for the document"},
		{"null_int", `{"count": null}`,
			[]finding{{"count", document.RuleWrongType}}, nil, "null for a non-pointer"},
		{"null_level", `{"levels": [null]}`,
			[]finding{{"levels[0]", document.RuleWrongType}}, nil, "null for a non-pointer element"},
		{"null_document", `null`,
			[]finding{{"", document.RuleWrongType}}, nil, "null for the document"},
		{"bad_level", `{"levels": ["intensive", "extreme"]}`,
			[]finding{{"levels[1]", document.RuleInvalidValue}}, continuum.ErrUnknownToken, "a bad token"},
		{"bad_nested_level", `{"a": {"level": "0"}}`,
			[]finding{{"a.level", document.RuleInvalidValue}}, continuum.ErrUnknownToken, ""},
		{"bad_dimension", `{"dimension": "XYZ"}`,
			[]finding{{"dimension", document.RuleInvalidValue}}, continuum.ErrUnknownToken, ""},
		{"bad_code", `{"codes": {"x": "hlt-2-01"}}`,
			[]finding{{"codes{0}", document.RuleInvalidValue}}, continuum.ErrSyntax, "a malformed code"},
		{"int8_overflow", `{"small": 128}`,
			[]finding{{"small", document.RuleInvalidValue}}, nil, "out of range for int8"},
		{"int8_underflow", `{"small": -129}`,
			[]finding{{"small", document.RuleInvalidValue}}, nil, "out of range for int8"},
		{"int_overflow", `{"count": 99999999999999999999999}`,
			[]finding{{"count", document.RuleInvalidValue}}, nil, "out of range for int"},
		{"int_fraction", `{"count": 1.5}`,
			[]finding{{"count", document.RuleInvalidValue}}, nil, "not a whole number"},
		{"int_exponent", `{"count": 1e2.5}`,
			[]finding{{"", document.RuleJSONSyntax}}, continuum.ErrSyntax, "not a number"},
		{"int_huge_exponent", `{"count": 1e999999999}`,
			[]finding{{"count", document.RuleInvalidValue}}, nil, "out of range, and never expanded"},
		{"int_fraction_exponent", `{"count": 1.25e1}`,
			[]finding{{"count", document.RuleInvalidValue}}, nil, "12.5 is not a whole number"},
		{"trailing_object", `{}{}`,
			[]finding{{"", document.RuleTrailingData}}, nil, "two documents"},
		{"trailing_word", `{} x`,
			[]finding{{"", document.RuleTrailingData}}, nil, "garbage after the document"},
		{"trailing_bracket", `{}]`,
			[]finding{{"", document.RuleTrailingData}}, nil, "a stray bracket"},
		{"trailing_after_findings", `{"x": 1} 2`,
			[]finding{{"", document.RuleTrailingData}, {"{0}", document.RuleUnknownField}}, nil, "collected with the other findings"},
		{"syntax_missing_value", `{"name": }`,
			[]finding{{"name", document.RuleJSONSyntax}}, continuum.ErrSyntax, ""},
		{"syntax_missing_colon", `{"name" "x"}`,
			[]finding{{"name", document.RuleJSONSyntax}}, continuum.ErrSyntax, "the path is where the decoder was"},
		{"syntax_trailing_comma", `{"name": "x",}`,
			[]finding{{"", document.RuleJSONSyntax}}, continuum.ErrSyntax, ""},
		{"syntax_truncated", `{"name": "x"`,
			[]finding{{"", document.RuleJSONSyntax}}, continuum.ErrSyntax, "the document ends too soon"},
		{"syntax_truncated_string", `{"name": "x`,
			[]finding{{"name", document.RuleJSONSyntax}}, continuum.ErrSyntax, "the document ends too soon"},
		{"syntax_bare_word", `nope`,
			[]finding{{"", document.RuleJSONSyntax}}, continuum.ErrSyntax, "not JSON"},
		{"syntax_single_quotes", `{'name': 'x'}`,
			[]finding{{"", document.RuleJSONSyntax}}, continuum.ErrSyntax, "not JSON"},
		{"syntax_stops_collecting", `{"x": 1, "y": }`,
			[]finding{{"{0}", document.RuleUnknownField}, {"{1}", document.RuleJSONSyntax}, {"{1}", document.RuleUnknownField}}, nil, "findings before the syntax error are kept"},
		{"empty", ``,
			[]finding{{"", document.RuleEmptyDocument}}, continuum.ErrSyntax, "no input"},
		{"blank", " \n\t\r ",
			[]finding{{"", document.RuleEmptyDocument}}, continuum.ErrSyntax, "only white space"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			fs := document.Decode([]byte(tt.in), &got)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("%s: findings (-want +got):\n%s\nall: %v", tt.reason, diff, fs)
			}
			require.Error(t, fs.Err())
			assert.True(t, fs.HasErrors(), "decoding findings block")
			for _, f := range fs {
				assert.Equal(t, continuum.Error, f.Severity)
				assert.NotEmpty(t, f.Msg, "every finding explains itself")
				if tt.is != nil {
					assert.ErrorIs(t, f, tt.is, "finding %v", f)
				}
			}
			if tt.is != nil {
				assert.ErrorIs(t, fs.Err(), tt.is)
			}
		})
	}
}

func TestDecodeBadLevelUnwraps(t *testing.T) {
	var got testDoc
	fs := document.Decode([]byte(`{"levels": ["Sample Free Text"]}`), &got)
	require.Len(t, fs, 1)
	assert.Equal(t, document.RuleInvalidValue, fs[0].Rule)
	assert.Equal(t, "levels[0]", fs[0].Path)
	assert.ErrorIs(t, fs.Err(), continuum.ErrUnknownToken)
	assert.NotContains(t, fs.Error(), "Sample Free Text", "the bad value is not repeated")
	assert.NotContains(t, fs.Error(), "continuum: level: continuum:", "the message drops the package prefix")
}

func TestDecodeCollectsAll(t *testing.T) {
	in := `{"x": 1, "name": "ok", "y": [true], "a": {"z": null, "level": "bogus"}, "count": 7}`
	var got testDoc
	fs := document.Decode([]byte(in), &got)
	want := []finding{
		{"a.level", document.RuleInvalidValue},
		{"a{0}", document.RuleUnknownField},
		{"{0}", document.RuleUnknownField},
		{"{2}", document.RuleUnknownField},
	}
	if diff := cmp.Diff(want, summarize(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	assert.Equal(t, 4, len(fs))
	assert.Equal(t, "ok", got.Name, "values around the problems still decode")
	assert.Equal(t, 7, got.Count, "values after the problems still decode")
	require.NotNil(t, got.A)
	assert.Zero(t, got.A.Level)

	t.Run("many_kinds", func(t *testing.T) {
		in := `{"count": "1", "small": 300, "levels": ["x", 2, null], "items": [{"code": "a"}, {"q": 1}], "dimension": "HLT", "dimension": "EDU"}`
		var got testDoc
		fs := document.Decode([]byte(in), &got)
		want := []finding{
			{"count", document.RuleWrongType},
			{"dimension", document.RuleDuplicateKey},
			{"items[0].code", document.RuleInvalidValue},
			{"items[1]{0}", document.RuleUnknownField},
			{"levels[0]", document.RuleInvalidValue},
			{"levels[1]", document.RuleWrongType},
			{"levels[2]", document.RuleWrongType},
			{"small", document.RuleInvalidValue},
		}
		if diff := cmp.Diff(want, summarize(fs)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
		assert.Equal(t, continuum.Health, got.Dimension, "the first of duplicate keys is kept")
	})
}

func TestDecodePrivateKeys(t *testing.T) {
	const name = "Sample Free Text"
	tests := []struct {
		name string
		in   string
		want []finding
	}{
		{"top", `{"Sample Free Text": 1}`, []finding{{"{0}", document.RuleUnknownField}}},
		{"nested", `{"a": {"Sample Free Text": "x"}}`, []finding{{"a{0}", document.RuleUnknownField}}},
		{"map_key", `{"codes": {"Sample Free Text": "bad code"}}`, []finding{{"codes{0}", document.RuleInvalidValue}}},
		{"duplicate", `{"Sample Free Text": 1, "Sample Free Text": 2}`, []finding{{"{0}", document.RuleUnknownField}, {"{1}", document.RuleDuplicateKey}}},
		{"empty_key", `{"": 1}`, []finding{{"{0}", document.RuleUnknownField}}},
		{"dotted_key", `{"a.b": 1}`, []finding{{"{0}", document.RuleUnknownField}}},
		{"long_key", `{"` + strings.Repeat("k", 41) + `": 1}`, []finding{{"{0}", document.RuleUnknownField}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			fs := document.Decode([]byte(tt.in), &got)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				assert.NotContains(t, f.Error(), name)
				assert.NotContains(t, f.Path, "Sample")
				assert.NotContains(t, f.Msg, "Sample")
			}
			assert.NotContains(t, fs.Error(), "Sample")
		})
	}
	t.Run("map_value_kept", func(t *testing.T) {
		var got testDoc
		fs := document.Decode([]byte(`{"codes": {"Sample Free Text": "AB"}}`), &got)
		require.Empty(t, fs)
		assert.Equal(t, continuum.MustParseCode("AB"), got.Codes[name], "a non-plain key is a fine key; only its path is hidden")
	})
}

func TestDecodeTarget(t *testing.T) {
	tests := []struct {
		name   string
		target any
	}{
		{"struct_value", testDoc{}},
		{"nil_pointer", (*testDoc)(nil)},
		{"nil_interface", nil},
		{"int_value", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs continuum.Findings
			require.NotPanics(t, func() { fs = document.Decode([]byte(`{}`), tt.target) })
			require.Len(t, fs, 1)
			assert.Equal(t, document.RuleWrongType, fs[0].Rule)
			assert.Equal(t, "", fs[0].Path)
			assert.ErrorIs(t, fs.Err(), continuum.ErrInvalidValue)
		})
	}
	t.Run("map_target", func(t *testing.T) {
		got := map[string]continuum.Level{}
		fs := document.Decode([]byte(`{"a": "universal", "b": "intensive"}`), &got)
		require.Empty(t, fs)
		assert.Equal(t, map[string]continuum.Level{"a": continuum.Universal, "b": continuum.Intensive}, got)
	})
	t.Run("nil_map_target", func(t *testing.T) {
		var got map[string]int
		fs := document.Decode([]byte(`{"a": 1}`), &got)
		require.Empty(t, fs)
		assert.Equal(t, map[string]int{"a": 1}, got)
	})
	t.Run("slice_target", func(t *testing.T) {
		var got []continuum.Urgency
		fs := document.Decode([]byte(`["routine", "same-day", "oops"]`), &got)
		assert.Equal(t, []finding{{"[2]", document.RuleInvalidValue}}, summarize(fs))
		assert.Equal(t, []continuum.Urgency{continuum.Routine, continuum.SameDay, 0}, got)
	})
	t.Run("array_target", func(t *testing.T) {
		var got [2]continuum.Level
		fs := document.Decode([]byte(`["universal", "additional", "intensive", "specialist"]`), &got)
		assert.Equal(t, []finding{{"[2]", document.RuleInvalidValue}, {"[3]", document.RuleInvalidValue}}, summarize(fs))
		assert.Equal(t, [2]continuum.Level{continuum.Universal, continuum.Additional}, got)
	})
	t.Run("pointer_to_pointer", func(t *testing.T) {
		var got *testDoc
		fs := document.Decode([]byte(`{"name": "n"}`), &got)
		require.Empty(t, fs)
		require.NotNil(t, got)
		assert.Equal(t, "n", got.Name)
	})
}

// deep returns n opening brackets of open then n of close.
func deep(open, close string, n int) string {
	return strings.Repeat(open, n) + strings.Repeat(close, n)
}

// tree is recursive, so that a deep document is deep in known fields.
type tree struct {
	Kids []tree `json:"kids,omitempty"`
}

func TestDecodeDeep(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		target func() any
	}{
		{"arrays_for_document", deep("[", "]", 1000), func() any { return new(testDoc) }},
		{"objects_in_unknown_field", `{"x":` + deep(`{"x":`, `}`, 1000) + `1}`, func() any { return new(testDoc) }},
		{"arrays_in_level_list", `{"levels":` + deep("[", "]", 1000) + `}`, func() any { return new(testDoc) }},
		{"objects_in_map", `{"codes":` + deep(`{"k":`, `}`, 1000) + `"AB"}`, func() any { return new(testDoc) }},
		{"known_fields", strings.Repeat(`{"kids":[`, 1000) + strings.Repeat(`]}`, 1000), func() any { return new(tree) }},
		{"unclosed", strings.Repeat("[", 100000), func() any { return new(testDoc) }},
		{"unclosed_known", strings.Repeat(`{"kids":[`, 100000), func() any { return new(tree) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs continuum.Findings
			require.NotPanics(t, func() { fs = document.Decode([]byte(tt.in), tt.target()) })
			require.NotEmpty(t, fs)
			rules := fs.Rules()
			assert.True(t, containsAny(rules, document.RuleTooDeep, document.RuleJSONSyntax),
				"deep nesting is too-deep or json-syntax; got %v", rules)
			assert.Less(t, len(fs), 5, "one problem, not one per level")
		})
	}
	t.Run("shallow_tree_is_fine", func(t *testing.T) {
		var got tree
		fs := document.Decode([]byte(strings.Repeat(`{"kids":[`, 20)+strings.Repeat(`]}`, 20)), &got)
		assert.Empty(t, fs)
	})
}

func containsAny(list []string, want ...string) bool {
	for _, s := range list {
		for _, w := range want {
			if s == w {
				return true
			}
		}
	}
	return false
}

func TestDecodeSyntaxOffset(t *testing.T) {
	var got testDoc
	fs := document.Decode([]byte(`{"name": "x", "count": ]`), &got)
	require.Len(t, fs, 1)
	assert.Equal(t, document.RuleJSONSyntax, fs[0].Rule)
	assert.Contains(t, fs[0].Msg, "byte ", "a syntax error gives its byte offset")
}

func TestDecodeRoundTrip(t *testing.T) {
	want := testDoc{
		Schema:    "s",
		Name:      "<tag> & \"quote\"",
		Count:     1 << 40,
		Small:     -7,
		Enabled:   true,
		Levels:    []continuum.Level{continuum.Specialist, 0},
		Codes:     map[string]continuum.Code{"": continuum.MustParseCode("AB"), "Sample Free Text": {}},
		A:         &testInner{Level: continuum.Intensive},
		Dimension: continuum.CommunityResources,
		Items:     []testItem{{}},
	}
	b, err := json.Marshal(want)
	require.NoError(t, err)
	var got testDoc
	fs := document.Decode(b, &got)
	require.Empty(t, fs, "findings: %v", fs)
	if diff := cmp.Diff(want, got, docCmp...); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

// Types from outside this package that Decode also has to handle.
type foreignDoc struct {
	When  time.Time  `json:"when"`
	Maybe *time.Time `json:"maybe"`
	Addr  netip.Addr `json:"addr"`
	Any   any        `json:"any"`
	Raw   json.RawMessage
	Name  string `json:"name"`
}

func TestDecodeForeignTypes(t *testing.T) {
	in := `{"when": "2024-01-02T03:04:05Z", "maybe": "2024-01-02T03:04:05Z", "addr": "192.0.2.1",
		"any": {"k": [1, "two"]}, "Raw": [1, 2], "name": "n"}`
	var got foreignDoc
	fs := document.Decode([]byte(in), &got)
	require.Empty(t, fs, "findings: %v", fs)
	assert.Equal(t, 2024, got.When.Year())
	require.NotNil(t, got.Maybe)
	assert.Equal(t, 2024, got.Maybe.Year())
	assert.Equal(t, netip.MustParseAddr("192.0.2.1"), got.Addr)
	assert.Equal(t, map[string]any{"k": []any{json.Number("1"), "two"}}, got.Any)
	assert.JSONEq(t, `[1, 2]`, string(got.Raw))
	assert.Equal(t, "n", got.Name)
}

// Regression test (the bug is fixed): a value that a json.Unmarshaler rejects (time.Time here) stops decoding: value()
// in decode.go returns false after the d.dec.Decode error, so nothing after it is
// decoded or checked. Decode's contract is that only malformed JSON stops decoding
// and every other problem is collected. Input: {"when": "not a time", "x": 1, "name":
// "n"}. Expected: findings at "when" (invalid-value) and "x" (unknown-field), and Name
// decoded; got only the "when" finding and Name empty.
// Source: decode.go, decoder.value, the branch that hands a value to encoding/json.
func TestDecodeUnmarshalerErrorDoesNotStop(t *testing.T) {
	var got foreignDoc
	fs := document.Decode([]byte(`{"when": "not a time", "x": 1, "name": "n"}`), &got)
	want := []finding{{"when", document.RuleInvalidValue}, {"{1}", document.RuleUnknownField}}
	if diff := cmp.Diff(want, summarize(fs)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	assert.Equal(t, "n", got.Name)
}

// Regression test (the bug is fixed): malformed JSON inside a value handed to encoding/json (an interface or
// json.RawMessage field) is reported as invalid-value with the message "the value
// cannot be decoded", not as json-syntax with its byte offset, and the finding does not
// wrap ErrSyntax. Input: {"any": [1,}. Expected: rule json-syntax; got invalid-value.
// Source: decode.go, decoder.value, the d.dec.Decode branch.
func TestDecodeSyntaxErrorInOpaqueValue(t *testing.T) {
	for _, in := range []string{`{"any": [1,}`, `{"Raw": {"a" 1}}`, `{"any": [1, 2`} {
		t.Run(in, func(t *testing.T) {
			var got foreignDoc
			fs := document.Decode([]byte(in), &got)
			require.Len(t, fs, 1)
			assert.Equal(t, document.RuleJSONSyntax, fs[0].Rule)
			assert.ErrorIs(t, fs[0], continuum.ErrSyntax)
		})
	}
}

// Regression test (the bug is fixed): for a field whose type implements encoding.TextUnmarshaler but is not one of
// this package's (netip.Addr, *time.Time), the finding's Msg is the type's own error
// text, which repeats the input: "ParseAddr(\"Sample Free Text\"): unable to parse IP" and
// "parsing time \"Sample Free Text\" as ...". Decode documents "Messages repeat no string
// values from the input". Input: {"addr": "Sample Free Text"}. Expected: a message without
// "Sample Free Text"; got one that contains it.
// Source: decode.go, decoder.valueFrom, d.add(path, RuleInvalidValue, err, errorText(err)).
func TestDecodeForeignTextErrorIsPrivate(t *testing.T) {
	for _, in := range []string{`{"addr": "Sample Free Text"}`, `{"maybe": "Sample Free Text"}`} {
		t.Run(in, func(t *testing.T) {
			var got foreignDoc
			fs := document.Decode([]byte(in), &got)
			require.Len(t, fs, 1)
			assert.Equal(t, document.RuleInvalidValue, fs[0].Rule)
			assert.NotContains(t, fs.Error(), "Sample Free Text", "the message repeats the input")
		})
	}
}

// embeddedDoc embeds a struct, whose fields encoding/json promotes.
type embeddedDoc struct {
	testInner
	Name string `json:"name"`
}

func TestDecodeEmbeddedStruct(t *testing.T) {
	want := embeddedDoc{testInner{Level: continuum.Intensive, Note: "x"}, "n"}
	b, err := json.Marshal(want)
	require.NoError(t, err)
	var got embeddedDoc
	fs := document.Decode(b, &got)
	assert.Empty(t, fs, "json.Marshal output decodes: %v", fs)
	assert.Equal(t, want, got)

	fs = document.Decode([]byte(`{"testInner": {}}`), &got)
	assert.Equal(t, []finding{{"{0}", document.RuleUnknownField}}, summarize(fs), "an embedded struct is not a field of its own")
}

type namedInner struct {
	Name string `json:"name"`
}

// shadowDoc has a field that shadows a field of the struct it embeds; for
// encoding/json the shallower field wins, wherever it is declared.
type shadowDoc struct {
	Name string `json:"name"`
	namedInner
}

// Regression test (the bug is fixed): when an outer field and a field of an embedded struct have the same JSON name,
// Decode writes the embedded one if the embedding comes after the outer field in the
// struct, because fieldsOf (decode.go) fills its map in declaration order and the
// embedded struct's entries overwrite the outer field's. encoding/json (and Go's own
// selector rules) give the shallower field precedence, so json.Marshal writes the outer
// field and Decode reads it into the other one. Input: {"name":"outer"} into
// shadowDoc. Expected: shadowDoc.Name == "outer"; got shadowDoc.namedInner.Name ==
// "outer" and shadowDoc.Name == "".
// Source: decode.go, fieldsOf, the f.Anonymous branch.
func TestDecodeShadowedEmbeddedField(t *testing.T) {
	want := shadowDoc{Name: "outer"}
	b, err := json.Marshal(want)
	require.NoError(t, err)
	require.JSONEq(t, `{"name":"outer"}`, string(b))
	var got shadowDoc
	fs := document.Decode(b, &got)
	require.Empty(t, fs)
	assert.Equal(t, want, got, "the shallower field wins, as in encoding/json")
}

func TestFindingsStopped(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		stopped bool
	}{
		{"valid", `{}`, false},
		{"unknown_field", `{"x": 1}`, false},
		{"bad_value", `{"levels": ["x"]}`, false},
		{"trailing", `{} x`, false},
		{"syntax", `{"name": }`, true},
		{"empty", ``, true},
		{"too_deep", deep("[", "]", 200), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			assert.Equal(t, tt.stopped, document.Stopped(document.Decode([]byte(tt.in), &got)))
		})
	}
	assert.False(t, document.Stopped(nil))
}

func TestDecodeErrorsIs(t *testing.T) {
	var got testDoc
	fs := document.Decode([]byte(`{"levels": ["bad"], "codes": {"k": "bad"}}`), &got)
	err := fs.Err()
	require.Error(t, err)
	assert.True(t, errors.Is(err, continuum.ErrUnknownToken))
	assert.True(t, errors.Is(err, continuum.ErrSyntax))
	assert.False(t, errors.Is(err, continuum.ErrInvalidValue))
}

// numbers has a field of each numeric kind and some kinds Decode cannot fill.
type numbers struct {
	U8   uint8             `json:"u8"`
	U    uint              `json:"u"`
	F32  float32           `json:"f32"`
	F64  float64           `json:"f64"`
	Arr  [2]int            `json:"arr"`
	Ch   chan int          `json:"ch"`
	P    *int              `json:"p"`
	Urg  continuum.Urgency `json:"urg"`
	Bool bool              `json:"bool"`
}

func TestDecodeNumbers(t *testing.T) {
	var got numbers
	fs := document.Decode([]byte(`{"u8": 255, "u": 7, "f32": 1.5, "f64": -2e-3, "arr": [1, 2], "p": 4}`), &got)
	require.Empty(t, fs)
	require.NotNil(t, got.P)
	assert.Equal(t, numbers{U8: 255, U: 7, F32: 1.5, F64: -2e-3, Arr: [2]int{1, 2}, P: got.P}, got)
	assert.Equal(t, 4, *got.P)

	tests := []struct {
		name string
		in   string
		want []finding
		msg  string // a fragment of the message
	}{
		{"uint_negative", `{"u8": -1}`, []finding{{"u8", document.RuleInvalidValue}}, "out of range"},
		{"uint_overflow", `{"u8": 256}`, []finding{{"u8", document.RuleInvalidValue}}, "out of range"},
		{"float_overflow", `{"f32": 1e39}`, []finding{{"f32", document.RuleInvalidValue}}, "out of range"},
		{"float_string", `{"f64": "1"}`, []finding{{"f64", document.RuleWrongType}}, "want a number, got a string"},
		{"uint_bool", `{"u": true}`, []finding{{"u", document.RuleWrongType}}, "want a whole number, got true or false"},
		{"array_object", `{"arr": {}}`, []finding{{"arr", document.RuleWrongType}}, "want an array, got an object"},
		{"bool_array", `{"bool": []}`, []finding{{"bool", document.RuleWrongType}}, "want true or false, got an array"},
		{"text_number", `{"urg": 1}`, []finding{{"urg", document.RuleWrongType}}, "want a string, got a number"},
		{"pointer_string", `{"p": "4"}`, []finding{{"p", document.RuleWrongType}}, "want a whole number, got a string"},
		{"null_uint", `{"u": null}`, []finding{{"u", document.RuleWrongType}}, "null is not allowed here"},
		{"channel", `{"ch": 1}`, []finding{{"ch", document.RuleWrongType}}, "cannot be decoded"},
		{"channel_object", `{"ch": {"a": [1]}, "u": 1}`, []finding{{"ch", document.RuleWrongType}}, "cannot be decoded"},
		{"map_for_struct", `{"urg": {}}`, []finding{{"urg", document.RuleWrongType}}, "want a string, got an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got numbers
			fs := document.Decode([]byte(tt.in), &got)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			if len(fs) > 0 {
				assert.Contains(t, fs[0].Msg, tt.msg)
			}
		})
	}
}

func TestDecodeWrongTypeMessages(t *testing.T) {
	tests := []struct {
		name string
		in   string
		msg  string
	}{
		{"object_for_string", `{"name": {}}`, "want a string, got an object"},
		{"array_for_int", `{"count": [1]}`, "want a whole number, got an array"},
		{"null_for_bool", `{"enabled": null}`, "null is not allowed here; want true or false"},
		{"string_for_object", `{"a": "x"}`, "want an object, got a string"},
		{"number_for_map", `{"codes": 1}`, "want an object, got a number"},
		{"bool_for_slice", `{"levels": false}`, "want an array, got true or false"},
		{"null_for_slice", `{"items": null}`, "null is not allowed here; want an array"},
		{"null_for_map", `{"codes": null}`, "null is not allowed here; want an object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got testDoc
			fs := document.Decode([]byte(tt.in), &got)
			require.Len(t, fs, 1)
			assert.Equal(t, document.RuleWrongType, fs[0].Rule)
			assert.Equal(t, tt.msg, fs[0].Msg)
		})
	}
}
