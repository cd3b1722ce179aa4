package referral_test

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

	"github.com/rightsupport/needs/referral"
)

// Issue 13: schema and parser disagreed on 21 of 24 policy documents. Every shipped and
// test policy, and every probe, is checked by both: where the schema can decide, they
// agree; where it cannot (schemaCannot), the schema accepts and ParsePolicy refuses.
func TestSchemaAgreesWithParsePolicy(t *testing.T) {
	sch := schemaCompile(t, "policies/schema.json")
	files, err := filepath.Glob("policies/*.json")
	require.NoError(t, err)
	for _, name := range append(files, "testdata/minimal.json") {
		if strings.HasSuffix(name, "schema.json") {
			continue
		}
		t.Run(filepath.Base(name), func(t *testing.T) {
			data := polRead(t, name)
			ok, why := schemaValid(t, sch, data)
			_, perr := referral.ParsePolicy(data)
			assert.Equal(t, perr == nil, ok, "schema: %s\nparse: %v", why, perr)
		})
	}

	// Documents of a chain extend one another, so Parse cannot read one alone; each is
	// still a valid document, which the schema accepts.
	chain, err := filepath.Glob("testdata/chain/*.json")
	require.NoError(t, err)
	overlay, err := filepath.Glob("../examples/overlay/policies/*.json")
	require.NoError(t, err)
	chain = append(chain, overlay...)
	require.NotEmpty(t, chain)
	for _, name := range chain {
		ok, why := schemaValid(t, sch, polRead(t, name))
		assert.True(t, ok, "%s: %s", name, why)
	}

	item := func(key string, i int) func(d map[string]any) map[string]any {
		return func(d map[string]any) map[string]any { return polItem(d, key, i) }
	}
	set := func(get func(map[string]any) map[string]any, k string, v any) func(map[string]any) {
		return func(d map[string]any) { get(d)[k] = v }
	}
	top := func(d map[string]any) map[string]any { return d }
	add := func(key string, v any) func(map[string]any) { return func(d map[string]any) { polAppend(d, key, v) } }
	route, ts, tr := item("routes", 0), item("timescales", 0), item("transitions", 0)
	probes := []struct {
		name         string
		edit         func(d map[string]any)
		valid        bool
		schemaCannot bool
	}{
		{name: "valid", edit: func(map[string]any) {}, valid: true},
		{name: "blank_title", edit: set(top, "title", " ")},
		{name: "zero_width_publisher", edit: set(top, "publisher", "Tests\u200b")},
		{name: "impossible_date", edit: set(top, "effectiveFrom", "2024-02-30")},
		{name: "framework_upper", edit: set(top, "framework", "England")},
		{name: "routing_missing_universal", edit: func(d map[string]any) { polRemove(d, "routing", 0) }},
		{name: "routing_twice", edit: add("routing", map[string]any{"level": "universal", "urgency": "routine", "route": "door"})},
		{name: "routing_same_day_below_specialist", edit: add("routing", map[string]any{"level": "intensive", "urgency": "same-day", "route": "door"})},
		{name: "routing_urgency_capitalised", edit: set(item("routing", 0), "urgency", "Routine")},
		{name: "routing_empty_then", edit: set(item("routing", 0), "then", ""), valid: true},
		{name: "consent_early_help_not_required", edit: set(item("consent", 1), "rule", "not-applicable")},
		{name: "consent_specialist_required", edit: set(item("consent", 3), "rule", "required")},
		{name: "consent_missing_level", edit: func(d map[string]any) { polRemove(d, "consent", 0) }},
		{name: "consent_twice", edit: add("consent", map[string]any{"level": "universal", "rule": "not-applicable", "sources": []any{"T1"}})},
		{name: "transition_without_from", edit: func(d map[string]any) { delete(tr(d), "from") }},
		{name: "transition_null_from", edit: set(tr, "from", nil)},
		{name: "transition_from_capitalised", edit: set(tr, "from", "Universal")},
		{name: "transition_to_itself", edit: func(d map[string]any) { tr(d)["from"] = "specialist" }},
		{name: "transition_twice", edit: add("transitions", map[string]any{"from": "", "to": "specialist", "sources": []any{"T1"}})},
		{name: "transition_without_note", edit: func(d map[string]any) { delete(tr(d), "note") }, valid: true},
		{name: "transition_blank_note", edit: set(tr, "note", "  ")},
		{name: "amount_zero", edit: set(ts, "amount", 0)},
		{name: "amount_1001", edit: set(ts, "amount", 1001)},
		{name: "amount_written_2_0", edit: set(ts, "amount", 2.0), valid: true},
		{name: "unit_capitalised", edit: set(ts, "unit", "Days")},
		{name: "gate_universal", edit: set(top, "thresholdGates", []any{map[string]any{"route": "door", "minLevel": "universal", "sources": []any{"T1"}}})},
		{name: "route_blank_name", edit: set(route, "name", "\t")},
		{name: "route_empty_contact", edit: set(route, "contact", ""), valid: true},
		{name: "route_blank_contact", edit: set(route, "contact", " ")},
		{name: "route_service_twice", edit: set(route, "services", []any{"A service", "A service"})},
		{name: "route_empty_timescale", edit: set(route, "timescale", ""), valid: true},
		{name: "citation_twice", edit: set(route, "sources", []any{"T1", "T1"})},
		{name: "url_userinfo", edit: set(item("sources", 0), "url", "https://u@example.org/")},
		{name: "no_sources", edit: set(top, "sources", []any{})},
		{name: "too_many_sources", edit: func(d map[string]any) {
			srcs := make([]any, referral.MaxSources+1)
			for i := range srcs {
				srcs[i] = map[string]any{"id": fmt.Sprintf("T%d", i+1), "title": "t", "url": "https://example.org"}
			}
			d["sources"] = srcs
		}},
		{name: "unknown_field", edit: set(top, "colour", "blue")},

		{name: "unknown_route", schemaCannot: true, edit: set(item("routing", 0), "route", "nowhere")},
		{name: "unknown_timescale", schemaCannot: true, edit: set(route, "timescale", "nowhen")},
		{name: "then_same_route", schemaCannot: true, edit: set(item("routing", 5), "then", "door")},
		{name: "duplicate_route_id", schemaCannot: true, edit: func(d map[string]any) { polAppend(d, "routes", route(d)) }},
		{name: "unregistered_citation", schemaCannot: true, edit: set(route, "sources", []any{"NOPE"})},
	}
	for _, p := range probes {
		t.Run("probe_"+p.name, func(t *testing.T) {
			data := polEdit(t, p.edit)
			ok, why := schemaValid(t, sch, data)
			_, perr := referral.ParsePolicy(data)
			if p.schemaCannot {
				assert.True(t, ok, "the schema cannot state this rule, so it accepts: %s", why)
				assert.Error(t, perr, "ParsePolicy refuses")
				return
			}
			assert.Equal(t, p.valid, ok, "schema: %s", why)
			assert.Equal(t, p.valid, perr == nil, "parse: %v", perr)
		})
	}
}

// schemaCompile compiles the JSON Schema file at path (slash-separated) with a real validator
// (github.com/santhosh-tekuri/jsonschema/v6): draft 2020-12, Go's RE2 regexps, and format
// assertion on, so that "format": "date" is checked as the parsers check dates. It fails
// the test when the schema does not compile, for instance a look-ahead RE2 refuses. The
// thresholds schema test compiles its schema with the same settings, so that both schemas are
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
