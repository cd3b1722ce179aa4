package thresholds_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Issue 13: nil *Framework panicked in Evaluate, Explain and CompareFrameworks, and the
// zero Framework "decided" Universal with an empty label. Both are ErrNoFramework.
func TestNilAndZeroFramework(t *testing.T) {
	kent := ptBuiltin(t, "kent")
	d, err := kent.Evaluate(thresholds.Case{})
	require.NoError(t, err)
	for name, fw := range map[string]*thresholds.Framework{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			got, err := fw.Evaluate(thresholds.Case{})
			assert.ErrorIs(t, err, thresholds.ErrNoFramework)
			assert.Zero(t, got, "no decision")
			_, err = fw.Resolve(thresholds.Case{})
			assert.ErrorIs(t, err, thresholds.ErrNoFramework)
			o, err := fw.Decide(thresholds.Resolved{})
			assert.ErrorIs(t, err, thresholds.ErrNoFramework)
			assert.Zero(t, o)
			text, err := fw.Explain(d)
			assert.ErrorIs(t, err, thresholds.ErrNoFramework)
			assert.Empty(t, text)
			ind, ok := fw.Indicator(continuum.MustParseCode("HLT-2-01"))
			assert.False(t, ok, "no catalogue")
			assert.Zero(t, ind)
			assert.Empty(t, fw.AgeQueries(thresholds.Case{
				Indicators: []continuum.Code{continuum.MustParseCode("HLT-2-01")}, Age: continuum.Unborn,
			}))
			cases := slices.Values([]thresholds.Case{{}, {}})
			for _, im := range []thresholds.Impact{
				thresholds.CompareFrameworks(fw, kent, cases),
				thresholds.CompareFrameworks(kent, fw, cases),
			} {
				assert.Equal(t, 2, im.Undecidable)
				require.Len(t, im.Changes, 2)
				assert.ErrorIs(t, errorsOf(im.Changes[0]), thresholds.ErrNoFramework)
			}
		})
	}
}

func errorsOf(c thresholds.Change) error {
	if c.BeforeErr != nil {
		return c.BeforeErr
	}
	return c.AfterErr
}

// Issue 13: Explain rendered forged decisions ("Rule rule(9) applied"). It now refuses
// any decision the framework would not make for the indicators it cites.
func TestExplainRejectsForgedDecisions(t *testing.T) {
	fw := ptBuiltin(t, "kent")
	code := func(s string) continuum.Code { return continuum.MustParseCode(s) }
	d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("HLT-2-01")}})
	require.NoError(t, err)
	_, err = fw.Explain(d)
	require.NoError(t, err, "a real decision is explained")

	forge := map[string]func(d *thresholds.Decision){
		"rule_out_of_range": func(d *thresholds.Decision) { d.Reasons[0].Rule = 9 },
		"zero_rule":         func(d *thresholds.Decision) { d.Reasons[0].Rule = 0 },
		"trigger_rule":      func(d *thresholds.Decision) { d.Reasons[0].Rule = thresholds.ByImmediateDanger },
		"level_raised":      func(d *thresholds.Decision) { d.Level, d.Reasons[0].Level = continuum.Specialist, continuum.Specialist },
		"urgency":           func(d *thresholds.Decision) { d.Urgency = continuum.Immediate },
		"label":             func(d *thresholds.Decision) { d.Label = "Level 4" },
		"unknown_code":      func(d *thresholds.Decision) { d.Reasons[0].Indicators = []continuum.Code{code("ZZZ-2-99")} },
		"no_reasons":        func(d *thresholds.Decision) { d.Reasons = nil },
		"extra_reason": func(d *thresholds.Decision) {
			d.Reasons = append(d.Reasons, thresholds.Reason{Rule: thresholds.ByNoNeeds, Level: continuum.Universal})
		},
		"strength_added":   func(d *thresholds.Decision) { d.Strengths = []continuum.Code{code("HLT-2-01")} },
		"citation_dropped": func(d *thresholds.Decision) { d.Reasons[0].Citations = nil },
	}
	for name, f := range forge {
		t.Run(name, func(t *testing.T) {
			forged := d
			forged.Reasons = slices.Clone(d.Reasons)
			f(&forged)
			text, err := fw.Explain(forged)
			require.ErrorIs(t, err, thresholds.ErrInvalidDecision)
			assert.Empty(t, text)
			assert.NotContains(t, err.Error(), "rule(9)")
		})
	}
}

// Issue 13: a 300k-indicator framework was decoded whole before too-many-indicators.
// Decoding stops at the indicator past MaxIndicators: nothing after it is read, so the
// malformed records that follow bring no findings.
func TestParseStopsPastMaxIndicators(t *testing.T) {
	doc := ptMinimal(t)
	inds := ptIndicators(thresholds.MaxIndicators+1, "T1")
	for range 20000 {
		inds = append(inds, map[string]any{"code": "bad code", "level": "nowhere"})
	}
	doc["indicators"] = inds
	_, err := thresholds.Parse(ptEncode(t, doc))
	assert.Equal(t, []string{"indicators too-many-indicators"}, ptKeys(t, err))

	doc["indicators"] = ptIndicators(thresholds.MaxIndicators, "T1")
	_, err = thresholds.Parse(ptEncode(t, doc))
	assert.NoError(t, err, "MaxIndicators itself is allowed")

	doc = ptMinimal(t)
	srcs := make([]any, thresholds.MaxSources+1)
	for i := range srcs {
		srcs[i] = map[string]any{"id": "T" + strings.Repeat("1", 1) + string(rune('A'+i%26)) + strings.Repeat("x", i/26), "title": "t", "url": "https://example.org"}
	}
	doc["sources"] = srcs
	_, err = thresholds.Parse(ptEncode(t, doc))
	assert.Equal(t, []string{"sources too-many-sources"}, ptKeys(t, err))
}

// Issue 13: no cap on findings (10^6 findings, an 85 MB Error()). Parse and Resolve
// report at most continuum.MaxFindings, the rest counted in one too-many-findings.
func TestFindingsAreCapped(t *testing.T) {
	doc := ptMinimal(t)
	inds := ptIndicators(400, "T1")
	for _, ind := range inds {
		ind.(map[string]any)["summary"] = ""
		ind.(map[string]any)["sources"] = []any{"NOPE"}
	}
	doc["indicators"] = inds
	_, err := thresholds.Parse(ptEncode(t, doc))
	keys := ptKeys(t, err)
	require.Len(t, keys, continuum.MaxFindings)
	assert.Contains(t, keys, continuum.RuleTooManyFindings)
	assert.Contains(t, err.Error(), "701 more findings", "800 findings, 99 shown")

	fw := ptBuiltin(t, "kent")
	_, err = fw.Evaluate(thresholds.Case{Indicators: make([]continuum.Code, 21825)})
	keys = ptKeys(t, err)
	require.Len(t, keys, continuum.MaxFindings)
	assert.Contains(t, err.Error(), "21726 more findings")
	assert.Less(t, len(err.Error()), 10000)
}

// Issue 13: required text took control and zero-width characters; an extension's level
// label could be blank; a source URL could carry a user name and password.
func TestParseRejectsJunkText(t *testing.T) {
	tests := []struct {
		name string
		edit func(m map[string]any)
		ext  bool
		want []string
	}{
		{"control_in_title", func(m map[string]any) { m["title"] = "Test\x07shire" }, false, []string{"title invalid-text"}},
		{"newline_in_publisher", func(m map[string]any) { m["publisher"] = "Test\nshire" }, false, []string{"publisher invalid-text"}},
		{"zero_width_in_summary", func(m map[string]any) { ptItem(m, "indicators", 0)["summary"] = "A need\u200b." }, false, []string{"indicators[0].summary invalid-text"}},
		{"bom_in_label", func(m map[string]any) { ptLevel(m, "additional")["label"] = "\ufeffLevel 2" }, false, []string{"levels.additional.label invalid-text"}},
		{"bidi_override_in_source_title", func(m map[string]any) { ptItem(m, "sources", 0)["title"] = "Guide\u202e" }, false, []string{"sources[0].title invalid-text"}},
		{"blank_definition", func(m map[string]any) { ptLevel(m, "universal")["definition"] = "   " }, false, []string{"levels.universal.definition missing-field"}},
		{"blank_note", func(m map[string]any) { m["notes"] = []any{" "} }, false, []string{"notes[0] missing-field"}},
		{"url_with_userinfo", func(m map[string]any) { ptItem(m, "sources", 0)["url"] = "https://user:pass@example.org/x" }, false, []string{"sources[0].url invalid-url"}},
		{"url_with_user", func(m map[string]any) { ptItem(m, "sources", 0)["url"] = "https://user@example.org/x" }, false, []string{"sources[0].url invalid-url"}},
		{"extension_blank_label", func(m map[string]any) { m["levels"] = map[string]any{"intensive": map[string]any{"label": "  "}} }, true, []string{"levels.intensive.label missing-field"}},
		{"noncanonical_level", func(m map[string]any) { ptItem(m, "indicators", 0)["level"] = "Additional" }, false, []string{"indicators[0].level non-canonical"}},
		{"level_as_number", func(m map[string]any) { ptItem(m, "indicators", 0)["level"] = "2" }, false, []string{"indicators[0].level non-canonical"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if tt.ext {
				data = ptEditExt(t, tt.edit)
			} else {
				data = ptEdit(t, tt.edit)
			}
			_, err := thresholds.Parse(data)
			assert.Equal(t, tt.want, ptKeys(t, err))
		})
	}
}
