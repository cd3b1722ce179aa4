package thresholds_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exCase is a named synthetic case for the golden explanations: codes only, no personal
// data.
type exCase struct {
	name   string
	reason string
	codes  []string
	rule   thresholds.DecisionRule // the deciding rule, to show the set covers every rule
}

// exBuiltinCases hold England base codes, which Kent and Durham inherit.
var exBuiltinCases = []exCase{
	{"no-needs", "nothing observed", nil, thresholds.ByNoNeeds},
	{"highest-need", "a universal and an additional need", []string{"HLT-1-01", "HLT-2-01"}, thresholds.ByHighestNeed},
	{"specialist-need", "a Specialist need without a trigger: Specialist, routine", []string{"HLT-4-01", "EDU-2-01"}, thresholds.ByHighestNeed},
	{"multiple-needs", "3 additional needs over 2 sides step up", []string{"HLT-2-01", "EDU-2-01", "BCA-2-01"}, thresholds.ByMultipleNeeds},
	{"significant-harm", "a significant-harm trigger", []string{"SH-02"}, thresholds.BySignificantHarm},
	{"immediate-danger", "an immediate-danger trigger", []string{"EM-01"}, thresholds.ByImmediateDanger},
	{"mixed-triggers", "both triggers and needs that step up", []string{"SH-01", "EM-01", "HLT-2-01", "EDU-2-01", "BCA-2-01"}, thresholds.ByImmediateDanger},
}

// exCases returns the golden cases of a framework.
func exCases(id string) []exCase {
	switch id {
	case "kent":
		return append(exBuiltinCases[:len(exBuiltinCases):len(exBuiltinCases)],
			exCase{"local-indicators", "Kent's own additional needs step up", []string{"KENT-HLT-2-01", "KENT-EBD-2-01", "BCA-2-01"}, thresholds.ByMultipleNeeds})
	case "semantics":
		return []exCase{
			{"strengths", "strengths listed beside a need", []string{"ST-02", "HLT-2-01", "ST-01"}, thresholds.ByHighestNeed},
			{"strengths-only", "strengths and no need", []string{"ST-01", "ST-02"}, thresholds.ByNoNeeds},
			{"intensive-step-up", "a step-up configured at intensive reaches specialist", []string{"HLT-3-01", "EDU-3-01"}, thresholds.ByMultipleNeeds},
			{"mixed-triggers-strengths", "both triggers, two harm indicators, needs and a strength", []string{"SH-02", "EM-01", "SH-01", "HLT-2-01", "ST-01"}, thresholds.ByImmediateDanger},
		}
	}
	return exBuiltinCases
}

func TestExplainGolden(t *testing.T) {
	for _, fw := range evAllFrameworks(t) {
		rules := map[thresholds.DecisionRule]bool{}
		for _, tc := range exCases(fw.ID()) {
			t.Run(fw.ID()+"/"+tc.name, func(t *testing.T) {
				d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(tc.codes...)})
				require.NoError(t, err, tc.reason)
				require.Equal(t, tc.rule, d.Rule(), tc.reason)
				for _, r := range d.Reasons {
					rules[r.Rule] = true
				}
				got, err := fw.Explain(d)
				require.NoError(t, err)
				got += "\n"

				path := filepath.Join("testdata", "golden", fw.ID()+"-"+tc.name+".txt")
				if *update {
					require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
					require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
				}
				want, err := os.ReadFile(path)
				require.NoError(t, err, "missing golden file; run go test -run TestExplainGolden -update")
				if diff := cmp.Diff(string(want), got); diff != "" {
					t.Errorf("%s: Explain mismatch (-want +got):\n%s\nrun go test -run TestExplainGolden -update if the change is intended", tc.reason, diff)
				}
			})
		}
		if fw.ID() != "semantics" {
			for rule := thresholds.ByImmediateDanger; rule <= thresholds.ByNoNeeds; rule++ {
				assert.True(t, rules[rule], "%s golden cases do not cover rule %s", fw.ID(), rule)
			}
		}
	}
}

// TestExplainContent checks what every explanation says, over every golden case.
func TestExplainContent(t *testing.T) {
	for _, fw := range evAllFrameworks(t) {
		for _, tc := range exCases(fw.ID()) {
			t.Run(fw.ID()+"/"+tc.name, func(t *testing.T) {
				const ref = "Case-REF-7731 Sample Text"
				d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(tc.codes...), Ref: ref})
				require.NoError(t, err)
				text, err := fw.Explain(d)
				require.NoError(t, err)

				assert.Contains(t, text, fw.Label(d.Level), "the framework's label for the level")
				assert.Contains(t, text, "professional judgement")
				assert.Equal(t, d.Urgency == continuum.Immediate, strings.Contains(text, "999"),
					"999 appears exactly when the urgency is immediate (urgency %s)", d.Urgency)
				assert.NotContains(t, text, ref, "Explain holds no caller reference")
				assert.NotContains(t, text, "Sample")
				assert.Contains(t, text, fw.Version())
				for _, r := range d.Reasons {
					for _, code := range r.Indicators {
						ind, ok := fw.Indicator(code)
						require.True(t, ok)
						assert.Contains(t, text, code.String())
						assert.Contains(t, text, strings.TrimSuffix(ind.Summary, "."), "the summary of %s", code)
					}
				}
				for _, code := range d.Strengths {
					assert.Contains(t, text, code.String(), "strength %s", code)
				}
				if len(d.Strengths) > 0 {
					assert.Contains(t, text, "do not lower the level")
				}
				again, err := fw.Explain(d)
				require.NoError(t, err)
				assert.Equal(t, text, again, "Explain is deterministic")
			})
		}
	}
}

func TestExplainErrors(t *testing.T) {
	england, kent := thresholds.Default(), evFramework(t, "kent")
	kentDecision, err := kent.Evaluate(thresholds.Case{Indicators: evCodes("HLT-2-01")})
	require.NoError(t, err)
	semantics := evSemantics(t)
	semDecision, err := semantics.Evaluate(thresholds.Case{Indicators: evCodes("HLT-2-01")})
	require.NoError(t, err)
	forged := kentDecision
	forged.Framework.Digest = "sha256:0000"

	tests := []struct {
		name    string
		reason  string
		fw      *thresholds.Framework
		d       thresholds.Decision
		wantErr error
	}{
		{"other_builtin", "a Kent decision explained by England", england, kentDecision, thresholds.ErrForeignDecision},
		{"base_of_extension", "an England-made decision explained by Kent", kent, exEvaluate(t, england, "HLT-2-01"), thresholds.ErrForeignDecision},
		{"parsed_framework", "a fixture decision explained by a builtin", kent, semDecision, thresholds.ErrForeignDecision},
		{"other_digest", "same id and version but another content digest", kent, forged, thresholds.ErrForeignDecision},
		{"zero_decision", "the zero Decision was made by no framework", england, thresholds.Decision{}, nil},
		{"no_level", "a Decision with the framework's ref but no level", england, thresholds.Decision{Framework: england.Ref()}, continuum.ErrInvalidValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := tt.fw.Explain(tt.d)
			require.Error(t, err, tt.reason)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr, tt.reason)
			}
			assert.Empty(t, text)
			assert.True(t, strings.HasPrefix(err.Error(), "thresholds: "), "error %q is package-prefixed", err)
			assert.False(t, errors.Is(err, thresholds.ErrUnknownIndicator))
		})
	}
}

// exEvaluate evaluates literal codes or stops the test.
func exEvaluate(t testing.TB, fw *thresholds.Framework, codes ...string) thresholds.Decision {
	t.Helper()
	d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(codes...)})
	require.NoError(t, err)
	return d
}
