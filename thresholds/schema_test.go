package thresholds_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
)

// Issue 13: schema and parser disagreed on 29 of 35 small framework documents, and the
// code pattern's look-ahead broke RE2 validators. Every shipped and test document, and
// every probe, is checked by both: where the schema can decide, they agree; where it
// cannot (schemaCannot), the schema accepts and Parse refuses.
func TestSchemaAgreesWithParse(t *testing.T) {
	sch := schemaCompile(t, "frameworks/schema.json")
	files, err := filepath.Glob("frameworks/*.json")
	require.NoError(t, err)
	more, err := filepath.Glob("testdata/parse/*.json")
	require.NoError(t, err)
	for _, name := range append(files, more...) {
		if strings.HasSuffix(name, "schema.json") {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			data := ptRead(t, name)
			ok, why := schemaValid(t, sch, data)
			_, perr := thresholds.Parse(data)
			assert.Equal(t, perr == nil, ok, "schema: %s\nparse: %v", why, perr)
		})
	}

	// Documents of a chain extend one another, so Parse cannot read one alone; each is
	// still a valid document, which the schema accepts.
	chain, err := filepath.Glob("testdata/chain/*.json")
	require.NoError(t, err)
	overlay, err := filepath.Glob("../examples/overlay/frameworks/*.json")
	require.NoError(t, err)
	chain = append(chain, overlay...)
	require.NotEmpty(t, chain)
	for _, name := range chain {
		ok, why := schemaValid(t, sch, ptRead(t, name))
		assert.True(t, ok, "%s: %s", name, why)
	}

	type probe struct {
		name         string
		ext          bool // edit the extension fixture, not the base
		edit         func(m map[string]any)
		valid        bool // the document is valid (both say so)
		schemaCannot bool // a rule JSON Schema cannot state: the schema accepts, Parse refuses
	}
	ind := func(m map[string]any) map[string]any { return ptItem(m, "indicators", 0) }
	src := func(m map[string]any) map[string]any { return ptItem(m, "sources", 0) }
	step := func(m map[string]any) map[string]any { return ptStepUp(m, 0) }
	set := func(get func(map[string]any) map[string]any, k string, v any) func(map[string]any) {
		return func(m map[string]any) { get(m)[k] = v }
	}
	top := func(m map[string]any) map[string]any { return m }
	many := func(n int, f func(i int) any) []any {
		out := make([]any, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	probes := []probe{
		{name: "valid", edit: func(map[string]any) {}, valid: true},
		{name: "missing_title", edit: func(m map[string]any) { delete(m, "title") }},
		{name: "blank_title", edit: set(top, "title", "   ")},
		{name: "nbsp_title", edit: set(top, "title", "\u00a0")},
		{name: "zero_width_title", edit: set(top, "title", "Test\u200bshire")},
		{name: "control_title", edit: set(top, "title", "Test\x07shire")},
		{name: "tab_publisher", edit: set(top, "publisher", "a\tb")},
		{name: "bom_summary", edit: set(ind, "summary", "\ufeffA need.")},
		{name: "bidi_summary", edit: set(ind, "summary", "A need\u202e.")},
		{name: "line_separator_summary", edit: set(ind, "summary", "A\u2028need.")},
		{name: "accented_summary", edit: set(ind, "summary", "A need – café, £5 and “quotes”."), valid: true},
		{name: "empty_version", edit: set(top, "version", "")},
		{name: "short_date", edit: set(top, "effectiveFrom", "2026-1-01")},
		{name: "impossible_date", edit: set(top, "effectiveFrom", "2026-02-30")},
		{name: "upper_id", edit: set(top, "id", "Testshire")},
		{name: "empty_extends", edit: set(top, "extends", ""), valid: true},
		{name: "level_capitalised", edit: set(ind, "level", "Additional")},
		{name: "level_number", edit: set(ind, "level", "2")},
		{name: "dimension_lower", edit: set(ind, "dimension", "hlt")},
		{name: "kind_capitalised", edit: set(ind, "kind", "Need")},
		{name: "code_lower", edit: set(ind, "code", "hlt-2-01")},
		{name: "code_double_hyphen", edit: set(ind, "code", "HLT--2")},
		{name: "code_trailing_hyphen", edit: set(ind, "code", "HLT-")},
		{name: "code_too_long", edit: set(ind, "code", "ABCDEFGHIJKLMNOPQRSTUVWXY")},
		{name: "code_local", edit: set(ind, "code", "TST-HLT-2-01"), valid: true},
		{name: "code_dimension_mismatch", edit: set(ind, "dimension", "EDU")},
		{name: "code_level_mismatch", edit: set(ind, "code", "HLT-3-01")},
		{name: "trigger_not_specialist", edit: func(m map[string]any) { ind(m)["kind"], ind(m)["code"] = "significant-harm", "SH-09" }},
		{name: "null_levels", edit: set(top, "levels", nil)},
		{name: "null_decision", edit: set(top, "decision", nil)},
		{name: "null_level", edit: func(m map[string]any) { m["levels"].(map[string]any)["universal"] = nil }},
		{name: "needs_written_3_0", edit: set(step, "needs", 3.0), valid: true},
		{name: "needs_65", edit: set(step, "needs", 65)},
		{name: "needs_1", edit: set(step, "needs", 1)},
		{name: "needs_fraction", edit: set(step, "needs", 2.5)},
		{name: "needs_string", edit: set(step, "needs", "3")},
		{name: "domains_4", edit: set(step, "domains", 4)},
		{name: "domains_over_needs", edit: func(m map[string]any) { step(m)["needs"], step(m)["domains"] = 2, 3 }},
		{name: "stepup_specialist", edit: set(step, "level", "specialist")},
		{name: "stepup_twice", edit: func(m map[string]any) {
			d := m["decision"].(map[string]any)
			d["stepUp"] = append(d["stepUp"].([]any), map[string]any{"level": "additional", "needs": 4, "domains": 2, "sources": []any{"T1"}})
		}},
		{name: "no_sources", edit: set(top, "sources", []any{})},
		{name: "citation_twice", edit: set(ind, "sources", []any{"T1", "T1"})},
		{name: "no_citation", edit: set(ind, "sources", []any{})},
		{name: "age_twice", edit: set(ind, "ages", []any{"5-11", "5-11"})},
		{name: "cin_factor_twice", edit: set(ind, "cinFactors", []any{"1A", "1A"})},
		{name: "url_userinfo", edit: set(src, "url", "https://user:pass@example.org/x")},
		{name: "url_http", edit: set(src, "url", "http://example.org/x")},
		{name: "url_upper_scheme", edit: set(src, "url", "HTTPS://example.org/x")},
		{name: "url_no_host", edit: set(src, "url", "https:///x")},
		{name: "url_query", edit: set(src, "url", "https://example.org/x?a=b#c"), valid: true},
		{name: "blank_source_title", edit: set(src, "title", " ")},
		{name: "base_without_level", edit: func(m map[string]any) { delete(m["levels"].(map[string]any), "additional") }},
		{name: "base_without_label", edit: func(m map[string]any) { delete(ptLevel(m, "additional"), "label") }},
		{name: "base_empty_label", edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "additional") }, "label", "")},
		{name: "base_without_indicators", edit: set(top, "indicators", []any{})},
		{name: "base_without_decision", edit: func(m map[string]any) { delete(m, "decision") }},
		{name: "base_removes", edit: set(top, "remove", []any{"HLT-2-01"})},
		{name: "base_removes_nothing", edit: set(top, "remove", []any{}), valid: true},
		{name: "definition_without_sources", edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "additional") }, "definition", "Some needs.")},
		{name: "empty_label_note", edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "additional") }, "labelNote", ""), valid: true},
		{name: "blank_label_note", edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "additional") }, "labelNote", " ")},
		{name: "blank_note", edit: set(top, "notes", []any{" "})},
		{name: "unknown_field", edit: set(top, "colour", "blue")},
		{name: "too_many_indicators", edit: set(top, "indicators", ptIndicators(thresholds.MaxIndicators+1, "T1"))},
		{name: "too_many_sources", edit: set(top, "sources", many(thresholds.MaxSources+1, func(i int) any {
			return map[string]any{"id": fmt.Sprintf("T%d", i+1), "title": "t", "url": "https://example.org"}
		}))},
		{name: "max_indicators", edit: set(top, "indicators", ptIndicators(thresholds.MaxIndicators, "T1")), valid: true},

		{name: "duplicate_code", schemaCannot: true, edit: func(m map[string]any) {
			m["indicators"] = append(m["indicators"].([]any), ind(m))
		}},
		{name: "unregistered_citation", schemaCannot: true, edit: set(ind, "sources", []any{"NOPE"})},
		{name: "duplicate_source", schemaCannot: true, edit: func(m map[string]any) { m["sources"] = append(m["sources"].([]any), src(m)) }},
		{name: "unknown_base", schemaCannot: true, edit: set(top, "extends", "atlantis@1.0.0")},
		{name: "unpinned_base", edit: set(top, "extends", "england")},
		{name: "private_use_title", schemaCannot: true, edit: set(top, "title", "Test\ue000shire")},

		{name: "extension_valid", ext: true, edit: func(map[string]any) {}, valid: true},
		{name: "extension_without_sources", ext: true, valid: true, edit: func(m map[string]any) {
			clear(m)
			for k, v := range ptDecode(t, []byte(ptExtensionDoc)) {
				m[k] = v // the smallest extension: no sources, levels, indicators or decision
			}
		}},
		{name: "extension_empty_label", ext: true, edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "intensive") }, "label", ""), valid: true},
		{name: "extension_blank_label", ext: true, edit: set(func(m map[string]any) map[string]any { return ptLevel(m, "intensive") }, "label", "  ")},
		{name: "extension_null_decision", ext: true, edit: set(top, "decision", nil)},
		{name: "extension_remove_twice", ext: true, edit: set(top, "remove", []any{"EDU-1-01", "EDU-1-01"})},
		{name: "extension_remove_unknown", ext: true, schemaCannot: true, edit: set(top, "remove", []any{"ZZZ-1-01"})},
	}
	for _, p := range probes {
		t.Run("probe_"+p.name, func(t *testing.T) {
			var data []byte
			if p.ext {
				m := ptDecode(t, ptRead(t, "testdata/parse/extension.json"))
				p.edit(m)
				data = ptEncode(t, m)
			} else {
				data = ptEdit(t, p.edit)
			}
			ok, why := schemaValid(t, sch, data)
			_, perr := thresholds.Parse(data)
			switch {
			case p.schemaCannot:
				assert.True(t, ok, "the schema cannot state this rule, so it accepts: %s", why)
				assert.Error(t, perr, "Parse refuses")
			default:
				assert.Equal(t, p.valid, ok, "schema: %s", why)
				assert.Equal(t, p.valid, perr == nil, "parse: %v", perr)
			}
		})
	}
}

// schemaCompile compiles the JSON Schema file at path (slash-separated) with a real validator
// (github.com/santhosh-tekuri/jsonschema/v6): draft 2020-12, Go's RE2 regexps, and format
// assertion on, so that "format": "date" is checked as the parsers check dates. It fails
// the test when the schema does not compile, for instance a look-ahead RE2 refuses. The
// referral schema test compiles its schema with the same settings, so that both schemas are
// judged alike.
func schemaCompile(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	require.NoError(t, err)
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.DefaultDraft(jsonschema.Draft2020)
	require.NoError(t, c.AddResource("schema.json", doc))
	sch, err := c.Compile("schema.json")
	require.NoError(t, err, "the schema does not compile with RE2 regexps (no look-ahead)")
	return sch
}

// schemaValid reports whether data is valid under sch, and the validator's reason when not. It
// fails the test when data is not JSON.
func schemaValid(t testing.TB, sch *jsonschema.Schema, data []byte) (bool, string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	require.NoError(t, err)
	if err := sch.Validate(inst); err != nil {
		return false, err.Error()
	}
	return true, ""
}
