package document_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

var errTestDocument = errors.New("test: bad document")

func validHeader() document.Header {
	return document.Header{
		Schema:        "./schema.json",
		ID:            "england",
		Title:         "England",
		Publisher:     "A publisher",
		Version:       "1.0.0",
		EffectiveFrom: "2024-04-01",
	}
}

func TestHeaderCheck(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*document.Header)
		want   []finding
		reason string
	}{
		{"valid", func(*document.Header) {}, nil, ""},
		{"no_schema", func(h *document.Header) { h.Schema = "" }, nil, "$schema is optional"},
		{"missing_id", func(h *document.Header) { h.ID = "" }, []finding{{"id", document.RuleMissingField}}, ""},
		{"upper_id", func(h *document.Header) { h.ID = "England" }, []finding{{"id", document.RuleInvalidID}}, "lower case only"},
		{"short_id", func(h *document.Header) { h.ID = "e" }, []finding{{"id", document.RuleInvalidID}}, "2 to 32 characters"},
		{"long_id", func(h *document.Header) { h.ID = "e" + strings.Repeat("x", 32) }, []finding{{"id", document.RuleInvalidID}}, "2 to 32 characters"},
		{"blank_title", func(h *document.Header) { h.Title = "  " }, []finding{{"title", document.RuleMissingField}}, "white space is no title"},
		{"missing_publisher", func(h *document.Header) { h.Publisher = "" }, []finding{{"publisher", document.RuleMissingField}}, ""},
		{"missing_version", func(h *document.Header) { h.Version = "" }, []finding{{"version", document.RuleMissingField}}, ""},
		{"missing_date", func(h *document.Header) { h.EffectiveFrom = "" }, []finding{{"effectiveFrom", document.RuleMissingField}}, ""},
		{"bad_date", func(h *document.Header) { h.EffectiveFrom = "01/04/2024" }, []finding{{"effectiveFrom", document.RuleInvalidDate}}, ""},
		{"impossible_date", func(h *document.Header) { h.EffectiveFrom = "2024-02-30" }, []finding{{"effectiveFrom", document.RuleInvalidDate}}, ""},
		{"all_missing", func(h *document.Header) { *h = document.Header{} }, []finding{
			{"effectiveFrom", document.RuleMissingField},
			{"id", document.RuleMissingField},
			{"publisher", document.RuleMissingField},
			{"title", document.RuleMissingField},
			{"version", document.RuleMissingField},
		}, "every problem is reported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := validHeader()
			tt.edit(&h)
			fs, eff := h.Check(errTestDocument)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("%s: findings (-want +got):\n%s", tt.reason, diff)
			}
			for _, f := range fs {
				assert.ErrorIs(t, f, errTestDocument)
			}
			if tt.want == nil {
				assert.Equal(t, time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), eff)
			}
			if h.EffectiveFrom == "" || containsPath(fs, "effectiveFrom") {
				assert.True(t, eff.IsZero(), "no date when it is missing or malformed")
			}
		})
	}
}

func containsPath(fs continuum.Findings, path string) bool {
	for _, f := range fs {
		if f.Path == path {
			return true
		}
	}
	return false
}

func TestHeaderDecodesEmbedded(t *testing.T) {
	type doc struct {
		document.Header
		Sources []document.Source `json:"sources"`
	}
	in := `{"$schema": "s", "id": "kent", "title": "Kent", "publisher": "p", "version": "2", "effectiveFrom": "2025-01-01",
		"sources": [{"id": "S01", "title": "T", "url": "https://example.org/a"}]}`
	var got doc
	fs := document.Decode([]byte(in), &got)
	require.Empty(t, fs)
	assert.Equal(t, "kent", got.ID)
	assert.Equal(t, "s", got.Schema)
	require.Len(t, got.Sources, 1)
	assert.Equal(t, continuum.Citation{Source: "S01", Title: "T", URL: "https://example.org/a"}, got.Sources[0].Citation())
}

func TestCheckSources(t *testing.T) {
	good := func(id string) document.Source {
		return document.Source{ID: id, Title: "A title", URL: "https://example.org/" + id}
	}
	tests := []struct {
		name  string
		srcs  []document.Source
		taken func(string) bool
		want  []finding
	}{
		{"none", nil, nil, nil},
		{"valid", []document.Source{good("S01"), good("S02")}, nil, nil},
		{"missing_id", []document.Source{{Title: "t", URL: "https://example.org"}}, nil,
			[]finding{{"sources[0].id", document.RuleMissingField}}},
		{"bad_id", []document.Source{good("S 01")}, nil,
			[]finding{{"sources[0].id", document.RuleInvalidID}}},
		{"duplicate_id", []document.Source{good("S01"), good("S02"), good("S01")}, nil,
			[]finding{{"sources[2].id", document.RuleDuplicateSource}}},
		{"taken_by_base", []document.Source{good("S01")}, func(id string) bool { return id == "S01" },
			[]finding{{"sources[0].id", document.RuleDuplicateSource}}},
		{"missing_title_and_url", []document.Source{{ID: "S01"}}, nil,
			[]finding{{"sources[0].title", document.RuleMissingField}, {"sources[0].url", document.RuleMissingField}}},
		{"http_url", []document.Source{{ID: "S01", Title: "t", URL: "http://example.org"}}, nil,
			[]finding{{"sources[0].url", document.RuleInvalidURL}}},
		{"relative_url", []document.Source{{ID: "S01", Title: "t", URL: "/a/b"}}, nil,
			[]finding{{"sources[0].url", document.RuleInvalidURL}}},
		{"no_host", []document.Source{{ID: "S01", Title: "t", URL: "https:///path"}}, nil,
			[]finding{{"sources[0].url", document.RuleInvalidURL}}},
		{"unparseable_url", []document.Source{{ID: "S01", Title: "t", URL: "https://exa mple.org/%zz"}}, nil,
			[]finding{{"sources[0].url", document.RuleInvalidURL}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := document.CheckSources(tt.srcs, tt.taken, errTestDocument)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				assert.ErrorIs(t, f, errTestDocument)
			}
		})
	}
}

func TestCheckCitations(t *testing.T) {
	known := func(id string) bool { return id == "S01" || id == "S02" }
	tests := []struct {
		name string
		ids  []string
		want []finding
	}{
		{"valid", []string{"S01", "S02"}, nil},
		{"none", nil, []finding{{"indicators[4].citations", document.RuleMissingCitation}}},
		{"unknown", []string{"S01", "S09", "S10"}, []finding{
			{"indicators[4].citations[1]", document.RuleUnknownSource},
			{"indicators[4].citations[2]", document.RuleUnknownSource},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := document.CheckCitations("indicators[4].citations", tt.ids, known, errTestDocument)
			if diff := cmp.Diff(tt.want, summarize(fs)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
			for _, f := range fs {
				assert.ErrorIs(t, f, errTestDocument)
			}
		})
	}
	t.Run("id_not_echoed", func(t *testing.T) {
		fs := document.CheckCitations("c", []string{"ZQXMARK"}, known, errTestDocument)
		require.Len(t, fs, 1)
		assert.NotContains(t, fs[0].Msg, "ZQX")
		assert.NotContains(t, fs[0].Path, "ZQX")
	})
}

func TestCheckText(t *testing.T) {
	for in, want := range map[string]string{
		"Early help":             "",
		"caf\u00e9 au\u00a0lait": "",
		"":                       document.RuleMissingField,
		"   ":                    document.RuleMissingField,
		"a\tb":                   document.RuleInvalidText,
		"a\u200bb":               document.RuleInvalidText,
		"\ufeffBOM":              document.RuleInvalidText,
		"a\u202eb":               document.RuleInvalidText,
		"\xff":                   document.RuleInvalidText,
	} {
		rule, msg := document.CheckText(in)
		assert.Equal(t, want, rule, "%q", in)
		if want == "" {
			assert.Empty(t, msg, "%q", in)
			continue
		}
		assert.NotEmpty(t, msg, "%q", in)
		if strings.TrimSpace(in) != "" {
			assert.NotContains(t, msg, in, "the message does not repeat the text")
		}
		var c document.Checker
		c.Required("p", in)
		require.Len(t, c.Findings, 1, "%q", in)
		assert.Equal(t, want, c.Findings[0].Rule, "Checker.Required agrees with CheckText")
	}
}
