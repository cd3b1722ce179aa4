package thresholds_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "pt" so that they cannot clash with other test files
// of the package.

// ptExtensionDoc is the smallest valid extension: it states only its header.
const ptExtensionDoc = `{
  "id": "testshire-local",
  "title": "Testshire local thresholds (test fixture)",
  "publisher": "Testshire test partnership",
  "version": "1.0.0",
  "effectiveFrom": "2026-04-01",
  "extends": "england@1.0.0"
}`

// ptCmp compares continuum values holding an opaque Code.
var ptCmp = cmp.Comparer(func(a, b continuum.Code) bool { return a == b })

// ptRead reads a file of the package directory.
func ptRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(name))
	require.NoError(t, err)
	return data
}

// ptMinimal returns testdata/parse/minimal.json, a valid base document, as a map to edit.
func ptMinimal(t testing.TB) map[string]any {
	t.Helper()
	return ptDecode(t, ptRead(t, "testdata/parse/minimal.json"))
}

// ptExtension returns ptExtensionDoc as a map to edit.
func ptExtension(t testing.TB) map[string]any {
	t.Helper()
	return ptDecode(t, []byte(ptExtensionDoc))
}

func ptDecode(t testing.TB, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	return m
}

func ptEncode(t testing.TB, m map[string]any) []byte {
	t.Helper()
	data, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	return data
}

// ptEdit applies edit to the minimal base document and encodes it.
func ptEdit(t testing.TB, edit func(m map[string]any)) []byte {
	t.Helper()
	m := ptMinimal(t)
	edit(m)
	return ptEncode(t, m)
}

// ptEditExt applies edit to the minimal extension document and encodes it.
func ptEditExt(t testing.TB, edit func(m map[string]any)) []byte {
	t.Helper()
	m := ptExtension(t)
	edit(m)
	return ptEncode(t, m)
}

// ptItem returns the i-th object of the array m[key].
func ptItem(m map[string]any, key string, i int) map[string]any {
	return m[key].([]any)[i].(map[string]any)
}

// ptStepUp returns the i-th step-up parameter of the decision.
func ptStepUp(m map[string]any, i int) map[string]any {
	return ptItem(m["decision"].(map[string]any), "stepUp", i)
}

// ptLevel returns the levels entry for a level token.
func ptLevel(m map[string]any, token string) map[string]any {
	return m["levels"].(map[string]any)[token].(map[string]any)
}

// ptIndicators returns n generated, valid need indicators citing source.
func ptIndicators(n int, source string) []any {
	inds := make([]any, n)
	for i := range inds {
		inds[i] = map[string]any{
			"code": fmt.Sprintf("GEN-%04d", i), "level": "additional", "dimension": "HLT",
			"kind": "need", "summary": "A generated test indicator.", "sources": []any{source},
		}
	}
	return inds
}

// ptKeys checks that err is a continuum.Findings of well-formed findings and returns
// them as sorted "path rule" strings (just "rule" for the whole document).
func ptKeys(t testing.TB, err error) []string {
	t.Helper()
	require.Error(t, err)
	var fs continuum.Findings
	require.True(t, errors.As(err, &fs), "error %T is not a continuum.Findings", err)
	require.NotEmpty(t, fs)
	keys := make([]string, 0, len(fs))
	for _, f := range fs {
		require.NotNil(t, f)
		assert.NotEmpty(t, f.Rule, "finding %q has no rule", f.Path)
		assert.Equal(t, continuum.Error, f.Severity, "finding %q", f.Path)
		assert.NotEmpty(t, f.Msg, "finding %q has no message", f.Path)
		keys = append(keys, strings.TrimSpace(f.Path+" "+f.Rule))
	}
	slices.Sort(keys)
	return keys
}

// ptMustParse parses a document that must be valid.
func ptMustParse(t testing.TB, data []byte) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.Parse(data)
	require.NoError(t, err)
	require.NotNil(t, fw)
	return fw
}

// ptEngland2023 returns the England version of Working Together 2023 (1.0.0), the one
// the local builtins and the test documents extend.
func ptEngland2023(t testing.TB) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.BuiltinOn("england", time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	require.Equal(t, "1.0.0", fw.Version())
	return fw
}

func ptBuiltin(t testing.TB, id string) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.Builtin(id)
	require.NoError(t, err)
	return fw
}

func TestParseReportsFindings(t *testing.T) {
	minimal := ptRead(t, "testdata/parse/minimal.json")
	deep := strings.Repeat("[", 100) + strings.Repeat("]", 100)

	tests := []struct {
		name   string
		reason string
		doc    []byte
		want   []string
		is     error // every finding wraps it, when set
	}{
		// Structural rules of document.Decode.
		{
			name:   "unknown_field_top_level",
			reason: "the format is strict: a key it does not define is an error",
			doc:    ptEdit(t, func(m map[string]any) { m["colour"] = "blue" }),
			want:   []string{"{1} unknown-field"},
		},
		{
			name:   "unknown_field_in_indicator",
			reason: "strictness applies at every depth, with the full path",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 1)["severity"] = "high" }),
			want:   []string{"indicators[1]{4} unknown-field"},
		},
		{
			name:   "duplicate_key",
			reason: "a key named twice in one object is ambiguous",
			doc:    bytes.Replace(minimal, []byte(`"title":`), []byte(`"title": "First title", "title":`), 1),
			want:   []string{"title duplicate-key"},
		},
		{
			name:   "wrong_type_number_for_string",
			reason: "version is a string",
			doc:    ptEdit(t, func(m map[string]any) { m["version"] = 1 }),
			want:   []string{"version wrong-type"},
		},
		{
			name:   "wrong_type_object_for_array",
			reason: "indicators is an array",
			doc:    ptEdit(t, func(m map[string]any) { m["indicators"] = map[string]any{} }),
			want:   []string{"indicators wrong-type"},
		},
		{
			name:   "wrong_type_string_for_number",
			reason: "needs is a whole number",
			doc:    ptEdit(t, func(m map[string]any) { ptStepUp(m, 0)["needs"] = "3" }),
			want:   []string{"decision.stepUp[0].needs wrong-type"},
		},
		{
			name:   "invalid_value_level_medium",
			reason: "medium is not a level token",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["level"] = "medium" }),
			want:   []string{"indicators[0].level invalid-value"},
			is:     continuum.ErrUnknownToken,
		},
		{
			name:   "invalid_value_malformed_code",
			reason: "a code breaks the code grammar",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["code"] = "hlt-2-01" }),
			want:   []string{"indicators[0].code invalid-value"},
			is:     continuum.ErrSyntax,
		},
		{
			name:   "invalid_value_dimension",
			reason: "XYZ is not one of the 20 dimensions",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["dimension"] = "XYZ" }),
			want:   []string{"indicators[0].dimension invalid-value"},
		},
		{
			name:   "several_structural_findings_at_once",
			reason: "decoding collects every structural problem, not the first",
			doc: ptEdit(t, func(m map[string]any) {
				m["colour"] = "blue"
				m["version"] = 1
				ptItem(m, "indicators", 0)["level"] = "medium"
				ptItem(m, "indicators", 1)["kind"] = "harm"
			}),
			want: []string{"indicators[0].level invalid-value", "indicators[1].kind invalid-value", "version wrong-type", "{1} unknown-field"},
		},
		{
			name:   "structural_and_rule_findings_together",
			reason: "decoding problems do not hide the rules of the format",
			doc: ptEdit(t, func(m map[string]any) {
				m["colour"] = "blue"
				m["effectiveFrom"] = "2026-13-01"
			}),
			want: []string{"effectiveFrom invalid-date", "{1} unknown-field"},
		},
		{
			name:   "structural_finding_not_reported_twice",
			reason: "a level of the wrong type is not also a missing level",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["level"] = 2 }),
			want:   []string{"indicators[0].level wrong-type"},
		},
		{
			name:   "trailing_data",
			reason: "a second value after the document is an error",
			doc:    append(slices.Clone(minimal), "\n{}"...),
			want:   []string{"trailing-data"},
		},
		{
			name:   "json_syntax_truncated",
			reason: "a document cut short is malformed",
			doc:    []byte(`{"id": "testshire", "title": `),
			want:   []string{"title json-syntax"},
			is:     continuum.ErrSyntax,
		},
		{
			name:   "json_syntax_bad_literal",
			reason: "a bare word is not JSON",
			doc:    []byte(`{"id": testshire}`),
			want:   []string{"id json-syntax"},
			is:     continuum.ErrSyntax,
		},
		{
			name:   "empty_document",
			reason: "no bytes at all is no document",
			doc:    []byte(""),
			want:   []string{"empty-document"},
			is:     continuum.ErrSyntax,
		},
		{
			name:   "whitespace_document",
			reason: "whitespace alone is no document",
			doc:    []byte(" \n\t "),
			want:   []string{"empty-document"},
			is:     continuum.ErrSyntax,
		},
		{
			name:   "too_deep",
			reason: "hostile nesting is cut off, not recursed into",
			doc:    ptEdit(t, func(m map[string]any) { m["notes"] = json.RawMessage(deep) }),
			want:   []string{"notes[0] too-deep", "notes[0] wrong-type"},
		},

		// missing-field.
		{
			name:   "missing_id",
			reason: "id is required",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "id") }),
			want:   []string{"id missing-field"},
			is:     thresholds.ErrInvalidDocument,
		},
		{
			name:   "missing_title",
			reason: "title is required",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "title") }),
			want:   []string{"title missing-field"},
			is:     thresholds.ErrInvalidDocument,
		},
		{
			name:   "blank_title",
			reason: "a title of spaces is as good as none",
			doc:    ptEdit(t, func(m map[string]any) { m["title"] = "   " }),
			want:   []string{"title missing-field"},
		},
		{
			name:   "missing_publisher",
			reason: "publisher is required",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "publisher") }),
			want:   []string{"publisher missing-field"},
		},
		{
			name:   "missing_version",
			reason: "version is required: every decision carries it",
			doc:    ptEdit(t, func(m map[string]any) { m["version"] = "" }),
			want:   []string{"version missing-field"},
		},
		{
			name:   "missing_effective_from",
			reason: "effectiveFrom is required",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "effectiveFrom") }),
			want:   []string{"effectiveFrom missing-field"},
		},
		{
			name:   "missing_sources",
			reason: "a base registers at least one source; every citation then names an unregistered one",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "sources") }),
			want: []string{
				"decision.stepUp[0].sources[0] unknown-source",
				"indicators[0].sources[0] unknown-source",
				"indicators[1].sources[0] unknown-source",
				"levels.universal.sources[0] unknown-source",
				"sources missing-field",
			},
		},
		{
			name:   "missing_source_title_and_url",
			reason: "a source has an id, a title and a URL",
			doc: ptEdit(t, func(m map[string]any) {
				delete(ptItem(m, "sources", 0), "title")
				delete(ptItem(m, "sources", 0), "url")
			}),
			want: []string{"sources[0].title missing-field", "sources[0].url missing-field"},
		},
		{
			name:   "missing_indicators",
			reason: "a base has at least one indicator",
			doc:    ptEdit(t, func(m map[string]any) { m["indicators"] = []any{} }),
			want:   []string{"indicators missing-field"},
		},
		{
			name:   "missing_levels",
			reason: "a base labels its levels",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "levels") }),
			want:   []string{"levels missing-field"},
		},
		{
			name:   "missing_decision",
			reason: "a base states its decision parameters",
			doc:    ptEdit(t, func(m map[string]any) { delete(m, "decision") }),
			want:   []string{"decision missing-field"},
		},
		{
			name:   "missing_indicator_code",
			reason: "an indicator has a code",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptItem(m, "indicators", 0), "code") }),
			want:   []string{"indicators[0].code missing-field"},
		},
		{
			name:   "missing_indicator_level",
			reason: "an indicator has a level; no code check without one",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptItem(m, "indicators", 0), "level") }),
			want:   []string{"indicators[0].level missing-field"},
		},
		{
			name:   "missing_indicator_dimension",
			reason: "an indicator is filed under a dimension",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptItem(m, "indicators", 0), "dimension") }),
			want:   []string{"indicators[0].dimension missing-field"},
		},
		{
			name:   "missing_indicator_kind",
			reason: "an indicator has a kind",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptItem(m, "indicators", 1), "kind") }),
			want:   []string{"indicators[1].kind missing-field"},
		},
		{
			name:   "missing_indicator_summary",
			reason: "an indicator has a summary",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["summary"] = "" }),
			want:   []string{"indicators[0].summary missing-field"},
		},
		{
			name:   "missing_step_up_level",
			reason: "a step-up parameter names its level",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptStepUp(m, 0), "level") }),
			want:   []string{"decision.stepUp[0].level missing-field"},
		},

		// Grammar of ids, dates and URLs.
		{
			name:   "invalid_id_upper_case",
			reason: "a framework id is lower-case",
			doc:    ptEdit(t, func(m map[string]any) { m["id"] = "Testshire" }),
			want:   []string{"id invalid-id"},
			is:     thresholds.ErrInvalidDocument,
		},
		{
			name:   "invalid_id_too_short",
			reason: "a framework id has at least two characters",
			doc:    ptEdit(t, func(m map[string]any) { m["id"] = "t" }),
			want:   []string{"id invalid-id"},
		},
		{
			name:   "invalid_source_id",
			reason: "a source id is letters, digits and hyphens",
			doc: ptEdit(t, func(m map[string]any) {
				m["sources"] = append(m["sources"].([]any), map[string]any{"id": "T 2", "title": "Second", "url": "https://example.org/second"})
			}),
			want: []string{"sources[1].id invalid-id"},
		},
		{
			name:   "invalid_date_month",
			reason: "there is no month 13",
			doc:    ptEdit(t, func(m map[string]any) { m["effectiveFrom"] = "2026-13-01" }),
			want:   []string{"effectiveFrom invalid-date"},
		},
		{
			name:   "invalid_date_format",
			reason: "a date is YYYY-MM-DD, not a local format",
			doc:    ptEdit(t, func(m map[string]any) { m["effectiveFrom"] = "01/04/2026" }),
			want:   []string{"effectiveFrom invalid-date"},
		},
		{
			name:   "invalid_url_http",
			reason: "a source URL is https",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "sources", 0)["url"] = "http://example.org/testshire" }),
			want:   []string{"sources[0].url invalid-url"},
		},
		{
			name:   "invalid_url_relative",
			reason: "a source URL is absolute",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "sources", 0)["url"] = "/testshire/thresholds" }),
			want:   []string{"sources[0].url invalid-url"},
		},

		// The source register and citations.
		{
			name:   "duplicate_source_in_document",
			reason: "a source id is registered once",
			doc: ptEdit(t, func(m map[string]any) {
				m["sources"] = append(m["sources"].([]any), map[string]any{"id": "T1", "title": "Again", "url": "https://example.org/again"})
			}),
			want: []string{"sources[1].id duplicate-source"},
		},
		{
			name:   "duplicate_source_of_base",
			reason: "an extension may not redefine a source of its base",
			doc: ptEditExt(t, func(m map[string]any) {
				m["sources"] = []any{map[string]any{"id": "S02", "title": "Redefined", "url": "https://example.org/s02"}}
			}),
			want: []string{"sources[0].id duplicate-source"},
		},
		{
			name:   "unknown_source",
			reason: "a citation names a registered source",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["sources"] = []any{"T1", "T9"} }),
			want:   []string{"indicators[0].sources[1] unknown-source"},
		},
		{
			name:   "missing_citation_indicator",
			reason: "every indicator cites a source",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 1)["sources"] = []any{} }),
			want:   []string{"indicators[1].sources missing-citation"},
		},
		{
			name:   "missing_citation_level_definition",
			reason: "a level definition cites a source",
			doc:    ptEdit(t, func(m map[string]any) { ptLevel(m, "additional")["definition"] = "Some extra help." }),
			want:   []string{"levels.additional.sources missing-citation"},
		},
		{
			name:   "missing_citation_step_up",
			reason: "decision parameters cite a source",
			doc:    ptEdit(t, func(m map[string]any) { delete(ptStepUp(m, 0), "sources") }),
			want:   []string{"decision.stepUp[0].sources missing-citation"},
		},

		// The catalogue.
		{
			name:   "duplicate_code",
			reason: "a code appears once in a document",
			doc: ptEdit(t, func(m map[string]any) {
				inds := m["indicators"].([]any)
				m["indicators"] = append(inds, inds[0])
			}),
			want: []string{"indicators[2].code duplicate-code"},
		},
		{
			name:   "trigger_not_specialist",
			reason: "a significant-harm trigger is at specialist",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 1)["level"] = "additional" }),
			want:   []string{"indicators[1].level trigger-not-specialist"},
		},
		{
			name:   "immediate_danger_not_specialist",
			reason: "an immediate-danger trigger is at specialist too",
			doc: ptEdit(t, func(m map[string]any) {
				ptItem(m, "indicators", 1)["kind"] = "immediate-danger"
				ptItem(m, "indicators", 1)["level"] = "intensive"
			}),
			want: []string{"indicators[1].level trigger-not-specialist"},
		},
		{
			name:   "code_mismatch_level",
			reason: "HLT-2-01 is a level-2 code, not intensive",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["level"] = "intensive" }),
			want:   []string{"indicators[0].code code-mismatch"},
		},
		{
			name:   "code_mismatch_dimension",
			reason: "HLT-2-01 is a health code, not education",
			doc:    ptEdit(t, func(m map[string]any) { ptItem(m, "indicators", 0)["dimension"] = "EDU" }),
			want:   []string{"indicators[0].code code-mismatch"},
		},
		{
			name:   "code_mismatch_local_prefix",
			reason: "a local prefix does not exempt the DIM-L-NN part",
			doc: ptEdit(t, func(m map[string]any) {
				ptItem(m, "indicators", 0)["code"] = "TST-EDU-2-01"
			}),
			want: []string{"indicators[0].code code-mismatch"},
		},

		// Decision parameters.
		{
			name:   "invalid_parameter_needs_one",
			reason: "one need is not multiple needs",
			doc:    ptEdit(t, func(m map[string]any) { ptStepUp(m, 0)["needs"] = 1 }),
			want:   []string{"decision.stepUp[0].needs invalid-parameter"},
		},
		{
			name:   "invalid_parameter_domains_zero",
			reason: "at least one side of the triangle",
			doc:    ptEdit(t, func(m map[string]any) { ptStepUp(m, 0)["domains"] = 0 }),
			want:   []string{"decision.stepUp[0].domains invalid-parameter"},
		},
		{
			name:   "invalid_parameter_domains_four",
			reason: "the triangle has three sides",
			doc:    ptEdit(t, func(m map[string]any) { ptStepUp(m, 0)["domains"] = 4 }),
			want:   []string{"decision.stepUp[0].domains invalid-parameter"},
		},
		{
			name:   "invalid_parameter_domains_exceed_needs",
			reason: "two needs cannot span three sides",
			doc: ptEdit(t, func(m map[string]any) {
				ptStepUp(m, 0)["needs"] = 2
				ptStepUp(m, 0)["domains"] = 3
			}),
			want: []string{"decision.stepUp[0].domains invalid-parameter"},
		},
		{
			name:   "invalid_parameter_step_up_at_specialist",
			reason: "specialist is the top: it cannot step up",
			doc:    ptEdit(t, func(m map[string]any) { ptStepUp(m, 0)["level"] = "specialist" }),
			want:   []string{"decision.stepUp[0].level invalid-parameter"},
		},
		{
			name:   "duplicate_parameter",
			reason: "a level has one step-up parameter",
			doc: ptEdit(t, func(m map[string]any) {
				d := m["decision"].(map[string]any)
				d["stepUp"] = append(d["stepUp"].([]any), map[string]any{"level": "additional", "needs": 4, "domains": 3, "sources": []any{"T1"}})
			}),
			want: []string{"decision.stepUp[1].level duplicate-parameter"},
		},

		// Levels.
		{
			name:   "missing_label_absent_level",
			reason: "a base labels all four levels",
			doc:    ptEdit(t, func(m map[string]any) { delete(m["levels"].(map[string]any), "intensive") }),
			want:   []string{"levels.intensive missing-label"},
		},
		{
			name:   "missing_label_empty",
			reason: "an empty label is no label",
			doc:    ptEdit(t, func(m map[string]any) { ptLevel(m, "specialist")["label"] = "" }),
			want:   []string{"levels.specialist.label missing-label"},
		},
		{
			name:   "missing_label_every_level",
			reason: "an empty levels object misses all four labels",
			doc:    ptEdit(t, func(m map[string]any) { m["levels"] = map[string]any{} }),
			want: []string{
				"levels.additional missing-label", "levels.intensive missing-label",
				"levels.specialist missing-label", "levels.universal missing-label",
			},
		},

		// Extension.
		{
			name:   "unknown_base",
			reason: "extends names a builtin framework",
			doc:    ptEditExt(t, func(m map[string]any) { m["extends"] = "atlantis@1.0.0" }),
			want:   []string{"extends unknown-base"},
		},
		{
			name:   "unknown_base_with_header_findings",
			reason: "header findings are still reported beside an unknown base",
			doc: ptEditExt(t, func(m map[string]any) {
				m["extends"] = "atlantis@1.0.0"
				m["effectiveFrom"] = "soon"
			}),
			want: []string{"effectiveFrom invalid-date", "extends unknown-base"},
		},
		{
			name:   "extends_itself",
			reason: "a framework cannot extend its own id",
			doc:    ptEditExt(t, func(m map[string]any) { m["extends"] = m["id"].(string) + "@" + m["version"].(string) }),
			want:   []string{"extends extends-cycle"},
		},
		{
			name:   "unpinned_base",
			reason: "extends names the version it was written against",
			doc:    ptEditExt(t, func(m map[string]any) { m["extends"] = "england" }),
			want:   []string{"extends unpinned-base"},
		},
		{
			name:   "unpinned_base_empty_version",
			reason: "a version after @ is required",
			doc:    ptEditExt(t, func(m map[string]any) { m["extends"] = "england@" }),
			want:   []string{"extends unpinned-base"},
		},
		{
			name:   "unknown_base_version",
			reason: "a builtin id at a version that is not shipped",
			doc:    ptEditExt(t, func(m map[string]any) { m["extends"] = "england@0.0.1" }),
			want:   []string{"extends unknown-base"},
		},
		{
			name:   "extends_itself_builtin_id",
			reason: "even when the id names a builtin",
			doc: ptEditExt(t, func(m map[string]any) {
				m["id"] = "england"
				m["extends"] = "england@" + m["version"].(string)
			}),
			want: []string{"extends extends-cycle"},
		},
		{
			name:   "remove_unknown",
			reason: "a removal names a code of the base",
			doc:    ptEditExt(t, func(m map[string]any) { m["remove"] = []any{"EDU-1-01", "HLT-2-99"} }),
			want:   []string{"remove[1] remove-unknown"},
		},
		{
			name:   "remove_without_base",
			reason: "a base has nothing to remove from",
			doc:    ptEdit(t, func(m map[string]any) { m["remove"] = []any{"HLT-2-01"} }),
			want:   []string{"remove remove-without-base"},
		},
		{
			name:   "remove_conflict",
			reason: "a code cannot be removed and defined at once",
			doc: ptEditExt(t, func(m map[string]any) {
				m["sources"] = []any{map[string]any{"id": "TST-S01", "title": "Local", "url": "https://example.org/local"}}
				m["indicators"] = []any{map[string]any{
					"code": "HLT-2-01", "level": "additional", "dimension": "HLT", "kind": "need",
					"summary": "Redefined.", "sources": []any{"TST-S01"},
				}}
				m["remove"] = []any{"HLT-2-01"}
			}),
			want: []string{"remove[0] remove-conflict"},
		},
		{
			name:   "too_many_indicators_base",
			reason: "a base catalogue holds at most MaxIndicators",
			doc: ptEdit(t, func(m map[string]any) {
				m["indicators"] = ptIndicators(thresholds.MaxIndicators+1, "T1")
			}),
			want: []string{"indicators too-many-indicators"},
		},
		{
			name:   "too_many_indicators_with_base",
			reason: "the bound counts the base's indicators too",
			doc: ptEditExt(t, func(m map[string]any) {
				m["indicators"] = ptIndicators(thresholds.MaxIndicators+1-ptEngland2023(t).Len(), "S02")
			}),
			want: []string{"indicators too-many-indicators"},
		},
		{
			name:   "too_many_sources",
			reason: "the register holds at most MaxSources",
			doc: ptEdit(t, func(m map[string]any) {
				srcs := []any{}
				for i := range thresholds.MaxSources + 1 {
					srcs = append(srcs, map[string]any{"id": fmt.Sprintf("T%d", i+1), "title": "A source", "url": "https://example.org/s"})
				}
				m["sources"] = srcs
			}),
			want: []string{"sources too-many-sources"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := thresholds.Parse(tt.doc)
			assert.Nil(t, fw, tt.reason)
			got := ptKeys(t, err)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: findings (-want +got):\n%s\n%v", tt.reason, diff, err)
			}
			if tt.is != nil {
				var fs continuum.Findings
				require.ErrorAs(t, err, &fs)
				for _, f := range fs {
					assert.ErrorIs(t, f, tt.is, "%s: %s", tt.reason, f)
				}
			}
		})
	}
}

// TestParseRuleFindingsWrapErrInvalidDocument checks that every finding of a rule of the
// format (not a structural one) wraps ErrInvalidDocument.
func TestParseRuleFindingsWrapErrInvalidDocument(t *testing.T) {
	_, err := thresholds.Parse(ptRead(t, "testdata/parse/many_errors.json"))
	var fs continuum.Findings
	require.ErrorAs(t, err, &fs)
	for _, f := range fs {
		assert.ErrorIs(t, f, thresholds.ErrInvalidDocument, f.Error())
	}
	assert.ErrorIs(t, err, thresholds.ErrInvalidDocument, "errors.Is looks into each finding")
}

// TestParseUnknownBaseWrapsErrUnknownFramework checks the promise of ErrUnknownFramework's
// documentation: it reports an id "named by a document's extends" as well as one asked of
// Builtin.
func TestParseUnknownBaseWrapsErrUnknownFramework(t *testing.T) {
	// Regression: the unknown-base finding once wrapped ErrInvalidDocument only.
	_, err := thresholds.Parse(ptEditExt(t, func(m map[string]any) { m["extends"] = "atlantis@1.0.0" }))
	require.Error(t, err)
	assert.ErrorIs(t, err, thresholds.ErrUnknownFramework)
}

func TestParseReportsEveryFindingAtOnce(t *testing.T) {
	fw, err := thresholds.Parse(ptRead(t, "testdata/parse/many_errors.json"))
	assert.Nil(t, fw)
	want := []string{
		"decision.stepUp[0].needs invalid-parameter",
		"effectiveFrom invalid-date",
		"id invalid-id",
		"indicators[0].code code-mismatch",
		"indicators[1].level trigger-not-specialist",
		"indicators[3].code duplicate-code",
		"indicators[4].sources[0] unknown-source",
		"indicators[5].sources missing-citation",
		"levels.specialist missing-label",
		"remove remove-without-base",
		"sources[1].url invalid-url",
		"sources[2].id duplicate-source",
		"title missing-field",
	}
	if diff := cmp.Diff(want, ptKeys(t, err)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}

	// Findings.Sorted orders paths numerically; Error lists them all after a count.
	var fs continuum.Findings
	require.ErrorAs(t, err, &fs)
	assert.True(t, strings.HasPrefix(err.Error(), fmt.Sprintf("%d findings:", len(want))), err.Error())
}

// TestParseFindingsDoNotEchoInput checks that free text a caller put in the wrong place is
// not repeated by a finding (no personal data in any error).
func TestParseFindingsDoNotEchoInput(t *testing.T) {
	const marker = "MARKER-7F3A9C"
	doc := ptEdit(t, func(m map[string]any) {
		m[marker+" key"] = "x"
		m["version"] = map[string]any{"v": marker}
		ptItem(m, "indicators", 0)["level"] = marker
		ptItem(m, "indicators", 1)["kind"] = "x" + marker
		ptItem(m, "sources", 0)["url"] = []any{marker}
	})
	_, err := thresholds.Parse(doc)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), marker)
	assert.NotContains(t, err.Error(), strings.ToLower(marker))
}

func TestParseMinimalBase(t *testing.T) {
	fw := ptMustParse(t, ptRead(t, "testdata/parse/minimal.json"))

	assert.Equal(t, "testshire", fw.ID())
	assert.Equal(t, "Testshire continuum of need (test fixture)", fw.Title())
	assert.Equal(t, "Testshire test partnership", fw.Publisher())
	assert.Equal(t, "1.0.0", fw.Version())
	assert.Equal(t, "", fw.Extends())
	assert.True(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Equal(fw.EffectiveFrom()), "midnight in London, which is UTC in winter")
	assert.Equal(t, "Europe/London", fw.EffectiveFrom().Location().String())
	assert.True(t, fw.EffectiveTo().IsZero(), "open-ended")
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, fw.Digest())
	assert.Equal(t, thresholds.Ref{ID: "testshire", Version: "1.0.0", Digest: fw.Digest()}, fw.Ref())
	assert.Equal(t, 2, fw.Len())
	for l, want := range map[continuum.Level]string{
		continuum.Universal: "Level 1", continuum.Additional: "Level 2",
		continuum.Intensive: "Level 3", continuum.Specialist: "Level 4",
	} {
		assert.Equal(t, want, fw.Label(l), l.String())
	}
	assert.Equal(t, "Needs met by universal services.", fw.Definition(continuum.Universal))

	needs, domains, ok := fw.StepUp(continuum.Additional)
	assert.True(t, ok)
	assert.Equal(t, [2]int{3, 2}, [2]int{needs, domains})
	_, _, ok = fw.StepUp(continuum.Intensive)
	assert.False(t, ok, "a level absent from stepUp never steps up")

	cite := continuum.Citation{Source: "T1", Title: "Testshire threshold guidance", URL: "https://example.org/testshire/thresholds"}
	assert.Equal(t, []continuum.Citation{cite}, slices.Collect(fw.Sources()))
	assert.Empty(t, slices.Collect(fw.Notes()))

	ind, ok := fw.Indicator(continuum.MustParseCode("SH-01"))
	require.True(t, ok)
	want := continuum.Indicator{
		Code: continuum.MustParseCode("SH-01"), Level: continuum.Specialist, Dimension: continuum.EnsuringSafety,
		Kind: continuum.SignificantHarm, Summary: "Reasonable cause to suspect significant harm.",
		Citations: []continuum.Citation{cite},
	}
	if diff := cmp.Diff(want, ind, ptCmp); diff != "" {
		t.Errorf("Indicator(SH-01) (-want +got):\n%s", diff)
	}

	d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("SH-01")}})
	require.NoError(t, err)
	assert.Equal(t, continuum.Specialist, d.Level)
	assert.Equal(t, continuum.SameDay, d.Urgency)
	assert.Equal(t, "Level 4", d.Label)
	assert.Equal(t, fw.Ref(), d.Framework)
}

func TestParseMinimalExtension(t *testing.T) {
	eng := ptEngland2023(t)
	fw := ptMustParse(t, []byte(ptExtensionDoc))

	assert.Equal(t, "england", fw.Extends())
	assert.Equal(t, eng.Len(), fw.Len())
	assert.NotEqual(t, eng.Digest(), fw.Digest())
	if diff := cmp.Diff(slices.Collect(eng.Indicators()), slices.Collect(fw.Indicators()), ptCmp); diff != "" {
		t.Errorf("an extension stating nothing keeps the base catalogue (-base +got):\n%s", diff)
	}
	for l := range continuum.Levels() {
		assert.Equal(t, eng.Label(l), fw.Label(l), l.String())
		assert.Equal(t, eng.Definition(l), fw.Definition(l), l.String())
	}
}

func TestParseExtension(t *testing.T) {
	eng := ptEngland2023(t)
	data := ptRead(t, "testdata/parse/extension.json")
	fw := ptMustParse(t, data)
	code := continuum.MustParseCode

	t.Run("header", func(t *testing.T) {
		assert.Equal(t, "testshire-local", fw.ID())
		assert.Equal(t, "2.1.0", fw.Version())
		assert.Equal(t, "england", fw.Extends(), "Extends returns the base id")
		assert.Equal(t, "2026-04-01 00:00:00 +0100 BST", fw.EffectiveFrom().String(), "midnight in London")
		assert.NotEqual(t, eng.Digest(), fw.Digest())
	})

	t.Run("relabel_one_level", func(t *testing.T) {
		assert.Equal(t, "Testshire Targeted - Level 3", fw.Label(continuum.Intensive))
		for _, l := range []continuum.Level{continuum.Universal, continuum.Additional, continuum.Specialist} {
			assert.Equal(t, eng.Label(l), fw.Label(l), "%s is inherited", l)
		}
		for l := range continuum.Levels() {
			assert.Equal(t, eng.Definition(l), fw.Definition(l), "definition of %s is inherited", l)
		}
	})

	local := continuum.Citation{Source: "TST-S01", Title: "Testshire local guidance", URL: "https://example.org/testshire/local"}

	t.Run("sources_merged_base_first", func(t *testing.T) {
		want := append(slices.Collect(eng.Sources()), local)
		assert.Equal(t, want, slices.Collect(fw.Sources()))
	})

	t.Run("notes_merged_base_first", func(t *testing.T) {
		want := append(slices.Collect(eng.Notes()), "A test fixture; it describes no real council.")
		assert.Equal(t, want, slices.Collect(fw.Notes()))
	})

	t.Run("replace_indicator", func(t *testing.T) {
		got, ok := fw.Indicator(code("HLT-2-01"))
		require.True(t, ok)
		old, _ := eng.Indicator(code("HLT-2-01"))
		assert.Equal(t, "Testshire wording: a health need that one service can meet.", got.Summary)
		assert.NotEqual(t, old.Summary, got.Summary)
		assert.Equal(t, []continuum.Citation{local}, got.Citations, "a replacement cites its own sources")
		assert.Equal(t, continuum.AgeBands(0), got.Ages, "a replacement keeps nothing of the base record")
	})

	t.Run("add_indicator", func(t *testing.T) {
		got, ok := fw.Indicator(code("TST-EDU-2-01"))
		require.True(t, ok)
		assert.Equal(t, continuum.Additional, got.Level)
		assert.Equal(t, continuum.Education, got.Dimension)
		s03 := slices.Collect(eng.Sources())[slices.IndexFunc(slices.Collect(eng.Sources()), func(c continuum.Citation) bool { return c.Source == "S03" })]
		assert.Equal(t, []continuum.Citation{s03, local}, got.Citations, "citations in register order, base first")
		_, ok = eng.Indicator(code("TST-EDU-2-01"))
		assert.False(t, ok, "the base is not changed")
	})

	t.Run("remove_indicators", func(t *testing.T) {
		for _, c := range []string{"EDU-1-01", "COM-1-01"} {
			_, ok := fw.Indicator(code(c))
			assert.False(t, ok, "%s is removed", c)
			_, ok = eng.Indicator(code(c))
			assert.True(t, ok, "%s stays in the base", c)
		}
		assert.Equal(t, eng.Len()-2+1, fw.Len())
		_, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("EDU-1-01")}})
		assert.ErrorIs(t, err, thresholds.ErrUnknownIndicator)
	})

	t.Run("catalogue_order", func(t *testing.T) {
		var want []string
		for ind := range eng.Indicators() {
			if c := ind.Code.String(); c != "EDU-1-01" && c != "COM-1-01" {
				want = append(want, c)
			}
		}
		want = append(want, "TST-EDU-2-01")
		slices.Sort(want)
		var got []string
		for ind := range fw.Indicators() {
			got = append(got, ind.Code.String())
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("the base minus removals plus additions, sorted by code (-want +got):\n%s", diff)
		}
	})

	t.Run("decision_inherited", func(t *testing.T) {
		for l := range continuum.Levels() {
			n1, d1, ok1 := eng.StepUp(l)
			n2, d2, ok2 := fw.StepUp(l)
			assert.Equal(t, []any{n1, d1, ok1}, []any{n2, d2, ok2}, l.String())
		}
		// Three additional needs across two sides step up, under the inherited parameters.
		d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("HLT-2-01"), code("TST-EDU-2-01"), code("BCA-2-01")}})
		require.NoError(t, err)
		assert.Equal(t, continuum.Intensive, d.Level)
		assert.Equal(t, thresholds.ByMultipleNeeds, d.Rule())
		assert.Equal(t, "Testshire Targeted - Level 3", d.Label)
	})

	t.Run("decision_replaced_whole", func(t *testing.T) {
		m := ptDecode(t, data)
		m["decision"] = map[string]any{"stepUp": []any{map[string]any{"level": "intensive", "needs": 2, "domains": 1, "sources": []any{"TST-S01"}}}}
		fw := ptMustParse(t, ptEncode(t, m))
		_, _, ok := fw.StepUp(continuum.Additional)
		assert.False(t, ok, "the base's additional step-up is replaced, not merged")
		needs, domains, ok := fw.StepUp(continuum.Intensive)
		assert.True(t, ok)
		assert.Equal(t, [2]int{2, 1}, [2]int{needs, domains})

		d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("HLT-2-01"), code("TST-EDU-2-01"), code("BCA-2-01")}})
		require.NoError(t, err)
		assert.Equal(t, continuum.Additional, d.Level)
		assert.Equal(t, thresholds.ByHighestNeed, d.Rule())
	})

	t.Run("empty_decision_never_steps_up", func(t *testing.T) {
		m := ptDecode(t, data)
		m["decision"] = map[string]any{"stepUp": []any{}}
		fw := ptMustParse(t, ptEncode(t, m))
		for l := range continuum.Levels() {
			_, _, ok := fw.StepUp(l)
			assert.False(t, ok, l.String())
		}
	})
}

func TestParseIndicatorBound(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		doc    []byte
		want   int
	}{
		{
			name:   "base_at_bound",
			reason: "exactly MaxIndicators fit",
			doc:    ptEdit(t, func(m map[string]any) { m["indicators"] = ptIndicators(thresholds.MaxIndicators, "T1") }),
			want:   thresholds.MaxIndicators,
		},
		{
			name:   "extension_at_bound",
			reason: "base plus additions may reach MaxIndicators",
			doc: ptEditExt(t, func(m map[string]any) {
				m["indicators"] = ptIndicators(thresholds.MaxIndicators-ptEngland2023(t).Len(), "S02")
			}),
			want: thresholds.MaxIndicators,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := thresholds.Parse(tt.doc)
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, fw.Len(), tt.reason)
			// Every indicator is usable, the one in the last bit of the set included, and
			// decides at its own level.
			for ind := range fw.Indicators() {
				if ind.Kind != continuum.Need {
					continue
				}
				d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{ind.Code}})
				require.NoError(t, err)
				require.Equal(t, ind.Level, d.Level, ind.Code.String())
			}
		})
	}
}

func TestParseBuiltinDocuments(t *testing.T) {
	tests := []struct {
		id     string
		reason string
	}{
		{id: "england", reason: "the national base parses on its own"},
		{id: "kent", reason: "an extension parsed by a caller merges onto the embedded base"},
		{id: "durham", reason: "an extension with no indicators of its own"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			fw := ptMustParse(t, ptRead(t, ptFile(t, tt.id)))
			b := ptBuiltin(t, tt.id)
			assert.Equal(t, b.Digest(), fw.Digest(), tt.reason)
			assert.Equal(t, b.Ref(), fw.Ref(), tt.reason)
			assert.NotSame(t, b, fw, "Parse returns a new framework")
			if diff := cmp.Diff(slices.Collect(b.Indicators()), slices.Collect(fw.Indicators()), ptCmp); diff != "" {
				t.Errorf("%s: catalogue (-builtin +parsed):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestParseDigest(t *testing.T) {
	minimal := ptRead(t, "testdata/parse/minimal.json")
	base := ptMustParse(t, minimal).Digest()

	t.Run("deterministic", func(t *testing.T) {
		assert.Equal(t, base, ptMustParse(t, slices.Clone(minimal)).Digest(), "the same bytes give the same digest")
	})

	tests := []struct {
		name   string
		reason string
		doc    []byte
	}{
		{
			name:   "version_byte",
			reason: "1.0.0 to 1.0.1 is a different document",
			doc:    bytes.Replace(minimal, []byte(`"1.0.0"`), []byte(`"1.0.1"`), 1),
		},
		{
			name:   "summary_byte",
			reason: "one letter of a summary changes the content",
			doc:    bytes.Replace(minimal, []byte("A health need"), []byte("A health neet"), 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Len(t, tt.doc, len(minimal), "one byte changed")
			require.NotEqual(t, minimal, tt.doc)
			fw := ptMustParse(t, tt.doc)
			assert.NotEqual(t, base, fw.Digest(), tt.reason)
		})
	}
}
