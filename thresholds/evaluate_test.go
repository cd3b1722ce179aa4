package thresholds_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// The helpers of this file carry an "ev" prefix so that they cannot collide with the
// helpers of the package's other test files.

// evCodeCmp compares the opaque codes by value.
var evCodeCmp = cmp.Comparer(func(a, b continuum.Code) bool { return a == b })

// evBuiltinIDs are the embedded frameworks the rule tests run on.
var evBuiltinIDs = []string{"england", "kent", "durham"}

// evFramework returns a builtin framework or stops the test.
func evFramework(t testing.TB, id string) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.Builtin(id)
	require.NoError(t, err, "builtin %s", id)
	require.NotNil(t, fw)
	return fw
}

// evSemantics parses testdata/semantics.json, the synthetic fixture that exercises
// strengths, both triggers and step-ups at two levels.
func evSemantics(t testing.TB) *thresholds.Framework {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "semantics.json"))
	require.NoError(t, err)
	fw, err := thresholds.Parse(data)
	require.NoError(t, err, "the semantics fixture must parse")
	return fw
}

// evAllFrameworks returns the three builtins and the semantics fixture.
func evAllFrameworks(t testing.TB) []*thresholds.Framework {
	t.Helper()
	fws := make([]*thresholds.Framework, 0, 4)
	for _, id := range evBuiltinIDs {
		fws = append(fws, evFramework(t, id))
	}
	return append(fws, evSemantics(t))
}

// evCodes parses literal codes.
func evCodes(ss ...string) []continuum.Code {
	codes := make([]continuum.Code, len(ss))
	for i, s := range ss {
		codes[i] = continuum.MustParseCode(s)
	}
	return codes
}

// evStrings returns codes as text, for readable diffs; nil for none.
func evStrings(codes []continuum.Code) []string {
	if len(codes) == 0 {
		return nil
	}
	ss := make([]string, len(codes))
	for i, c := range codes {
		ss[i] = c.String()
	}
	return ss
}

// evReason is a Reason without its citations, as a table states it.
type evReason struct {
	Rule       thresholds.DecisionRule
	Level      continuum.Level
	Indicators []string
}

func evReasons(d thresholds.Decision) []evReason {
	var rs []evReason
	for _, r := range d.Reasons {
		rs = append(rs, evReason{Rule: r.Rule, Level: r.Level, Indicators: evStrings(r.Indicators)})
	}
	return rs
}

// evDecision is the part of a Decision the rule tables and the oracle state.
type evDecision struct {
	Level     continuum.Level
	Urgency   continuum.Urgency
	Rule      thresholds.DecisionRule
	Reasons   []evReason
	Strengths []string
}

func evSummarise(d thresholds.Decision) evDecision {
	return evDecision{
		Level: d.Level, Urgency: d.Urgency, Rule: d.Rule(),
		Reasons: evReasons(d), Strengths: evStrings(d.Strengths),
	}
}

// checkDecisionInvariants checks what every decision of fw must hold whatever the case:
// the framework's ref and label, citations on every reason but no-needs, and reasons'
// indicators sorted by code.
func checkDecisionInvariants(t *testing.T, fw *thresholds.Framework, d thresholds.Decision) {
	t.Helper()
	assert.Equal(t, fw.Ref(), d.Framework, "Decision.Framework")
	assert.Equal(t, fw.ID(), d.Framework.ID)
	assert.Equal(t, fw.Version(), d.Framework.Version)
	assert.True(t, strings.HasPrefix(d.Framework.Digest, "sha256:"), "digest %q has no sha256: prefix", d.Framework.Digest)
	assert.Equal(t, fw.Label(d.Level), d.Label, "Decision.Label")
	assert.NotEmpty(t, d.Label)
	require.NotEmpty(t, d.Reasons, "a decision has at least one reason")
	for i, r := range d.Reasons {
		if r.Rule != thresholds.ByNoNeeds {
			assert.NotEmpty(t, r.Citations, "reasons[%d] (%s) has no citations", i, r.Rule)
		}
		assert.True(t, slices.IsSortedFunc(r.Indicators, continuum.Code.Compare),
			"reasons[%d] indicators not sorted: %v", i, evStrings(r.Indicators))
		for _, c := range r.Citations {
			assert.Contains(t, slices.Collect(fw.Sources()), c, "reasons[%d] cites a source outside the register", i)
		}
	}
	assert.True(t, slices.IsSortedFunc(d.Strengths, continuum.Code.Compare), "strengths not sorted: %v", evStrings(d.Strengths))
}

// TestEvaluateRules checks DESIGN §4 rule by rule on the real builtin catalogues. The
// codes are the England base's, which Kent and Durham inherit.
func TestEvaluateRules(t *testing.T) {
	const (
		U = continuum.Universal
		A = continuum.Additional
		I = continuum.Intensive
		S = continuum.Specialist
	)
	tests := []struct {
		name   string
		reason string
		codes  []string
		want   evDecision
	}{
		{
			name:   "empty_case",
			reason: "rule 4: with no needs the base level is Universal",
			codes:  nil,
			want: evDecision{Level: U, Urgency: continuum.Routine, Rule: thresholds.ByNoNeeds,
				Reasons: []evReason{{Rule: thresholds.ByNoNeeds, Level: U}}},
		},
		{
			name:   "only_universal_needs",
			reason: "rule 4: universal needs give Universal; Universal never steps up in the builtins, even over 3 domains",
			codes:  []string{"HLT-1-01", "HLT-1-02", "EDU-1-01", "BCA-1-01", "HSG-1-01"},
			want: evDecision{Level: U, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: U,
					Indicators: []string{"BCA-1-01", "EDU-1-01", "HLT-1-01", "HLT-1-02", "HSG-1-01"}}}},
		},
		{
			name:   "one_additional_need",
			reason: "rule 4: the highest observed need is Additional",
			codes:  []string{"HLT-2-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"HLT-2-01"}}}},
		},
		{
			name:   "repeated_code_counts_once",
			reason: "rule 1: the same code three times is one need, not three, so no step-up",
			codes:  []string{"HLT-2-01", "HLT-2-01", "HLT-2-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"HLT-2-01"}}}},
		},
		{
			name:   "repeats_across_domains_count_once",
			reason: "rule 1: two distinct needs repeated to four entries over 2 domains are still 2 needs",
			codes:  []string{"HLT-2-01", "BCA-2-01", "HLT-2-01", "BCA-2-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"BCA-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "highest_descriptor_wins",
			reason: "rule 4: an Additional and a Specialist need give Specialist, with Routine urgency (no trigger)",
			codes:  []string{"HLT-2-01", "HLT-4-01"},
			want: evDecision{Level: S, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: S, Indicators: []string{"HLT-4-01"}}}},
		},
		{
			name:   "step_up_three_needs_two_domains",
			reason: "rule 5: 3 Additional needs over CDN and PAR step up to Intensive",
			codes:  []string{"HLT-2-01", "EDU-2-01", "BCA-2-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons: []evReason{{Rule: thresholds.ByMultipleNeeds, Level: I,
					Indicators: []string{"BCA-2-01", "EDU-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "three_needs_one_domain",
			reason: "rule 5: 3 Additional needs all on the child's development side do not span 2 domains",
			codes:  []string{"HLT-2-01", "EDU-2-01", "EBD-2-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A,
					Indicators: []string{"EBD-2-01", "EDU-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "two_needs_two_domains",
			reason: "rule 5: 2 needs over 2 domains are fewer than 3",
			codes:  []string{"HLT-2-01", "BCA-2-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"BCA-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "four_needs_three_domains",
			reason: "rule 5: 4 Additional needs over 3 domains step up to Intensive",
			codes:  []string{"HSG-2-01", "HLT-2-01", "EDU-2-01", "BCA-2-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons: []evReason{{Rule: thresholds.ByMultipleNeeds, Level: I,
					Indicators: []string{"BCA-2-01", "EDU-2-01", "HLT-2-01", "HSG-2-01"}}}},
		},
		{
			name:   "universal_needs_do_not_count_towards_step_up",
			reason: "rule 5 counts needs at the base level only: 2 Additional needs plus universal ones on a third domain stay Additional",
			codes:  []string{"HLT-2-01", "BCA-2-01", "HSG-1-01", "INC-1-01"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"BCA-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "step_up_lists_only_base_level_needs",
			reason: "rule 5 and 8: the step-up reason lists the Additional needs, not the universal ones",
			codes:  []string{"HLT-1-01", "HLT-2-01", "EDU-2-01", "BCA-2-01", "COM-1-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons: []evReason{{Rule: thresholds.ByMultipleNeeds, Level: I,
					Indicators: []string{"BCA-2-01", "EDU-2-01", "HLT-2-01"}}}},
		},
		{
			name:   "intensive_base_ignores_additional_step_up",
			reason: "rule 5 looks at the base level only: one Intensive need with 3 Additional needs over 2 domains is Intensive by highest need",
			codes:  []string{"HLT-3-01", "HLT-2-01", "EDU-2-01", "BCA-2-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: I, Indicators: []string{"HLT-3-01"}}}},
		},
		{
			name:   "intensive_never_steps_up",
			reason: "rule 5: the builtins never step Intensive up to Specialist, however many needs over 3 domains",
			codes:  []string{"EDU-3-01", "HLT-3-01", "EBD-3-01", "BCA-3-01", "SAF-3-01", "FHF-3-01", "HSG-3-01", "INC-3-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: I,
					Indicators: []string{"BCA-3-01", "EBD-3-01", "EDU-3-01", "FHF-3-01", "HLT-3-01", "HSG-3-01", "INC-3-01", "SAF-3-01"}}}},
		},
		{
			name:   "significant_harm_alone",
			reason: "rule 3: a significant-harm trigger gives Specialist, SameDay",
			codes:  []string{"SH-02"},
			want: evDecision{Level: S, Urgency: continuum.SameDay, Rule: thresholds.BySignificantHarm,
				Reasons: []evReason{{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-02"}}}},
		},
		{
			name:   "immediate_danger_alone",
			reason: "rule 2: an immediate-danger trigger gives Specialist, Immediate",
			codes:  []string{"EM-01"},
			want: evDecision{Level: S, Urgency: continuum.Immediate, Rule: thresholds.ByImmediateDanger,
				Reasons: []evReason{{Rule: thresholds.ByImmediateDanger, Level: S, Indicators: []string{"EM-01"}}}},
		},
		{
			name:   "immediate_danger_and_significant_harm",
			reason: "rule 2 before 3: Immediate, reasons immediate-danger then significant-harm whatever the input order",
			codes:  []string{"SH-07", "SH-01", "EM-01"},
			want: evDecision{Level: S, Urgency: continuum.Immediate, Rule: thresholds.ByImmediateDanger,
				Reasons: []evReason{
					{Rule: thresholds.ByImmediateDanger, Level: S, Indicators: []string{"EM-01"}},
					{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-01", "SH-07"}},
				}},
		},
		{
			name:   "trigger_then_needs_reason",
			reason: "rule 8: the level the needs alone support follows the triggers' reasons",
			codes:  []string{"HLT-2-01", "SH-07", "EDU-2-01", "BCA-2-01"},
			want: evDecision{Level: S, Urgency: continuum.SameDay, Rule: thresholds.BySignificantHarm,
				Reasons: []evReason{
					{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-07"}},
					{Rule: thresholds.ByMultipleNeeds, Level: I, Indicators: []string{"BCA-2-01", "EDU-2-01", "HLT-2-01"}},
				}},
		},
		{
			name:   "all_rules_together",
			reason: "rules 2, 3, 4: immediate danger, significant harm, then the highest need",
			codes:  []string{"HLT-2-01", "SH-03", "HLT-4-01", "EM-02", "SH-01", "EM-01"},
			want: evDecision{Level: S, Urgency: continuum.Immediate, Rule: thresholds.ByImmediateDanger,
				Reasons: []evReason{
					{Rule: thresholds.ByImmediateDanger, Level: S, Indicators: []string{"EM-01", "EM-02"}},
					{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-01", "SH-03"}},
					{Rule: thresholds.ByHighestNeed, Level: S, Indicators: []string{"HLT-4-01"}},
				}},
		},
		{
			name:   "trigger_with_universal_need",
			reason: "rule 8: a universal need is still a need and gets its reason after the trigger",
			codes:  []string{"HLT-1-01", "SH-01"},
			want: evDecision{Level: S, Urgency: continuum.SameDay, Rule: thresholds.BySignificantHarm,
				Reasons: []evReason{
					{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-01"}},
					{Rule: thresholds.ByHighestNeed, Level: U, Indicators: []string{"HLT-1-01"}},
				}},
		},
	}
	for _, id := range evBuiltinIDs {
		fw := evFramework(t, id)
		for _, tt := range tests {
			t.Run(id+"/"+tt.name, func(t *testing.T) {
				d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(tt.codes...)})
				require.NoError(t, err, tt.reason)
				if diff := cmp.Diff(tt.want, evSummarise(d)); diff != "" {
					t.Errorf("%s\nEvaluate(%v) mismatch (-want +got):\n%s", tt.reason, tt.codes, diff)
				}
				checkDecisionInvariants(t, fw, d)
			})
		}
	}
}

// TestEvaluateStepUpCitesParameters checks that a multiple-needs reason cites the
// step-up parameter's sources as well as the needs' own (England: S04, S48).
func TestEvaluateStepUpCitesParameters(t *testing.T) {
	fw := evFramework(t, "england")
	d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes("HLT-2-01", "EDU-2-01", "BCA-2-01")})
	require.NoError(t, err)
	require.Equal(t, thresholds.ByMultipleNeeds, d.Rule())
	var ids []string
	for _, c := range d.Reasons[0].Citations {
		ids = append(ids, c.Source)
	}
	assert.Subset(t, ids, []string{"S04", "S48"}, "the step-up reason cites the parameter's sources")
}

// TestEvaluateUnknownCodes checks rule 1: every unknown code is a finding at its
// index, the known codes do not matter, and the decision is the zero Decision.
func TestEvaluateUnknownCodes(t *testing.T) {
	type finding struct{ Path, Rule string }
	tests := []struct {
		name   string
		reason string
		fw     string
		codes  []continuum.Code
		want   []finding
	}{
		{
			name:   "one_unknown",
			reason: "a well-formed code outside the catalogue fails",
			fw:     "england",
			codes:  evCodes("ZZZ-2-99"),
			want:   []finding{{"indicators[0]", thresholds.RuleUnknownIndicator}},
		},
		{
			name:   "several_unknown_among_known",
			reason: "each unknown code is reported at its own index; known codes, triggers included, do not stop or change that",
			fw:     "england",
			codes:  evCodes("HLT-2-01", "XX-01", "EM-01", "KENT-HLT-2-01", "SH-01", "YY-02"),
			want: []finding{
				{"indicators[1]", thresholds.RuleUnknownIndicator},
				{"indicators[3]", thresholds.RuleUnknownIndicator},
				{"indicators[5]", thresholds.RuleUnknownIndicator},
			},
		},
		{
			name:   "repeated_unknown",
			reason: "an unknown code given twice is reported at both indices",
			fw:     "kent",
			codes:  evCodes("QQ-01", "HLT-2-01", "QQ-01"),
			want: []finding{
				{"indicators[0]", thresholds.RuleUnknownIndicator},
				{"indicators[2]", thresholds.RuleUnknownIndicator},
			},
		},
		{
			name:   "zero_code",
			reason: "the zero Code is its own rule, invalid-code",
			fw:     "durham",
			codes:  []continuum.Code{{}},
			want:   []finding{{"indicators[0]", thresholds.RuleInvalidCode}},
		},
		{
			name:   "zero_and_unknown",
			reason: "both kinds are reported together",
			fw:     "england",
			codes:  []continuum.Code{continuum.MustParseCode("HLT-2-01"), {}, continuum.MustParseCode("NOPE-1")},
			want: []finding{
				{"indicators[1]", thresholds.RuleInvalidCode},
				{"indicators[2]", thresholds.RuleUnknownIndicator},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw := evFramework(t, tt.fw)
			d, err := fw.Evaluate(thresholds.Case{Indicators: tt.codes})
			require.Error(t, err, tt.reason)
			assert.ErrorIs(t, err, thresholds.ErrUnknownIndicator, tt.reason)
			assert.True(t, strings.HasPrefix(err.Error(), "indicators[") || strings.Contains(err.Error(), "findings:"), "error text %q", err)
			if diff := cmp.Diff(thresholds.Decision{}, d, evCodeCmp); diff != "" {
				t.Errorf("a failed Evaluate returns the zero Decision (-want +got):\n%s", diff)
			}
			var fs continuum.Findings
			require.True(t, errors.As(err, &fs), "the error is continuum.Findings: %T", err)
			var got []finding
			for _, f := range fs.Sorted() {
				got = append(got, finding{f.Path, f.Rule})
				assert.Equal(t, continuum.Error, f.Severity)
				assert.ErrorIs(t, f, thresholds.ErrUnknownIndicator, "each finding wraps the sentinel")
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s\nfindings mismatch (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestEvaluateLabels checks Decision.Label against the framework's label for each level
// and Kent's own labels.
func TestEvaluateLabels(t *testing.T) {
	byLevel := map[continuum.Level][]string{
		continuum.Universal:  nil,
		continuum.Additional: {"HLT-2-01"},
		continuum.Intensive:  {"HLT-3-01"},
		continuum.Specialist: {"HLT-4-01"},
	}
	kent := map[continuum.Level]string{
		continuum.Universal:  "Universal Support - Level 1",
		continuum.Additional: "Additional Support - Level 2",
		continuum.Intensive:  "Intensive Support - Level 3",
		continuum.Specialist: "Specialist Support - Level 4",
	}
	for _, id := range evBuiltinIDs {
		fw := evFramework(t, id)
		for l := range continuum.Levels() {
			t.Run(id+"/"+l.String(), func(t *testing.T) {
				d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(byLevel[l]...)})
				require.NoError(t, err)
				require.Equal(t, l, d.Level)
				assert.Equal(t, fw.Label(l), d.Label)
				if id == "kent" {
					assert.Equal(t, kent[l], d.Label, "Kent's own label")
				}
			})
		}
	}
}

// TestResolveDecideMatchesEvaluate checks that the allocation-free path gives the same
// Decision as Evaluate.
func TestResolveDecideMatchesEvaluate(t *testing.T) {
	for _, fw := range evAllFrameworks(t) {
		r := rand.New(rand.NewPCG(7, 11))
		gen := newEvCaseGen(fw)
		t.Run(fw.ID(), func(t *testing.T) {
			for i := range 500 {
				c := thresholds.Case{Indicators: gen.next(r)}
				want, err := fw.Evaluate(c)
				require.NoError(t, err)
				res, err := fw.Resolve(c)
				require.NoError(t, err)
				assert.Same(t, fw, res.Framework())
				o, err := fw.Decide(res)
				require.NoError(t, err)
				assert.Equal(t, want.Level, o.Level, "case %d", i)
				assert.Equal(t, want.Urgency, o.Urgency, "case %d", i)
				assert.Equal(t, want.Rule(), o.Rule, "case %d", i)
				if diff := cmp.Diff(want, o.Decision(), evCodeCmp); diff != "" {
					t.Fatalf("case %d %v: Outcome.Decision differs from Evaluate (-want +got):\n%s", i, evStrings(c.Indicators), diff)
				}
			}
		})
	}
}

// TestDecideForeignCase checks that a Resolved only decides under its own framework.
func TestDecideForeignCase(t *testing.T) {
	england, kent := evFramework(t, "england"), evFramework(t, "kent")
	res, err := kent.Resolve(thresholds.Case{Indicators: evCodes("HLT-2-01")})
	require.NoError(t, err)
	tests := []struct {
		name   string
		reason string
		fw     *thresholds.Framework
		res    thresholds.Resolved
	}{
		{"other_framework", "a case resolved by Kent cannot be decided by England", england, res},
		{"zero_resolved", "the zero Resolved belongs to no framework", kent, thresholds.Resolved{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := tt.fw.Decide(tt.res)
			assert.ErrorIs(t, err, thresholds.ErrForeignCase, tt.reason)
			assert.Equal(t, thresholds.Outcome{}, o)
			if diff := cmp.Diff(thresholds.Decision{}, o.Decision(), evCodeCmp); diff != "" {
				t.Errorf("the failed Outcome expands to the zero Decision (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEvaluateDeterministic checks that the same inputs give the same Decision, whatever
// the order of the codes.
func TestEvaluateDeterministic(t *testing.T) {
	cases := [][]string{
		nil,
		{"HLT-2-01", "EDU-2-01", "BCA-2-01", "HSG-1-01"},
		{"EM-02", "SH-03", "HLT-4-01", "SH-01", "HLT-2-01", "EM-01", "BCA-3-01"},
		{"EDU-3-01", "HLT-3-01", "EBD-3-01", "BCA-3-01", "SAF-3-01", "FHF-3-01", "HSG-3-01", "INC-3-01"},
	}
	for _, id := range evBuiltinIDs {
		fw := evFramework(t, id)
		for i, codes := range cases {
			t.Run(fmt.Sprintf("%s/case%d", id, i), func(t *testing.T) {
				c := thresholds.Case{Indicators: evCodes(codes...)}
				first, err := fw.Evaluate(c)
				require.NoError(t, err)
				second, err := fw.Evaluate(c)
				require.NoError(t, err)
				if diff := cmp.Diff(first, second, evCodeCmp); diff != "" {
					t.Errorf("same case twice (-first +second):\n%s", diff)
				}
				r := rand.New(rand.NewPCG(uint64(i), 99))
				for range 10 {
					shuffled := slices.Clone(c.Indicators)
					r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
					got, err := fw.Evaluate(thresholds.Case{Indicators: shuffled})
					require.NoError(t, err)
					if diff := cmp.Diff(first, got, evCodeCmp); diff != "" {
						t.Fatalf("shuffled %v (-want +got):\n%s", evStrings(shuffled), diff)
					}
				}
			})
		}
	}
}

// TestEvaluateDecisionSharesNoMemory checks that changing a Decision's slices changes
// no later Decision.
func TestEvaluateDecisionSharesNoMemory(t *testing.T) {
	fw := evSemantics(t)
	c := thresholds.Case{Indicators: evCodes("SH-01", "HLT-2-01", "ST-01")}
	d1, err := fw.Evaluate(c)
	require.NoError(t, err)
	want, err := fw.Evaluate(c)
	require.NoError(t, err)
	d1.Reasons[0].Indicators[0] = continuum.MustParseCode("XX-99")
	d1.Reasons[0].Citations[0].Title = "changed"
	d1.Strengths[0] = continuum.MustParseCode("XX-98")
	got, err := fw.Evaluate(c)
	require.NoError(t, err)
	if diff := cmp.Diff(want, got, evCodeCmp); diff != "" {
		t.Errorf("a changed Decision leaked into the framework (-want +got):\n%s", diff)
	}
}

// TestEvaluateSemanticsFixture checks the rules the builtins cannot show: strengths, a
// step-up configured at Intensive, and a level absent from stepUp.
func TestEvaluateSemanticsFixture(t *testing.T) {
	fw := evSemantics(t)
	n, d, ok := fw.StepUp(continuum.Intensive)
	require.True(t, ok)
	require.Equal(t, [2]int{2, 1}, [2]int{n, d}, "fixture's intensive step-up")
	_, _, ok = fw.StepUp(continuum.Universal)
	require.False(t, ok, "fixture leaves Universal out of stepUp")

	const (
		U = continuum.Universal
		A = continuum.Additional
		I = continuum.Intensive
		S = continuum.Specialist
	)
	tests := []struct {
		name   string
		reason string
		codes  []string
		want   evDecision
	}{
		{
			name:   "strengths_only",
			reason: "rule 6: strengths are not needs; the child is Universal with the strengths listed, sorted by code",
			codes:  []string{"ST-02", "ST-01"},
			want: evDecision{Level: U, Urgency: continuum.Routine, Rule: thresholds.ByNoNeeds,
				Reasons:   []evReason{{Rule: thresholds.ByNoNeeds, Level: U}},
				Strengths: []string{"ST-01", "ST-02"}},
		},
		{
			name:   "strengths_do_not_lower_additional",
			reason: "rule 6: strengths never lower a level",
			codes:  []string{"ST-02", "HLT-2-01", "ST-01", "ST-02"},
			want: evDecision{Level: A, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons:   []evReason{{Rule: thresholds.ByHighestNeed, Level: A, Indicators: []string{"HLT-2-01"}}},
				Strengths: []string{"ST-01", "ST-02"}},
		},
		{
			name:   "strengths_do_not_stop_step_up",
			reason: "rule 6: strengths do not count against a step-up",
			codes:  []string{"ST-01", "HLT-2-01", "EDU-2-01", "BCA-2-01", "ST-02"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons:   []evReason{{Rule: thresholds.ByMultipleNeeds, Level: I, Indicators: []string{"BCA-2-01", "EDU-2-01", "HLT-2-01"}}},
				Strengths: []string{"ST-01", "ST-02"}},
		},
		{
			name:   "strengths_do_not_lower_trigger",
			reason: "rule 6: strengths change nothing about a trigger and are still listed",
			codes:  []string{"ST-01", "EM-01"},
			want: evDecision{Level: S, Urgency: continuum.Immediate, Rule: thresholds.ByImmediateDanger,
				Reasons:   []evReason{{Rule: thresholds.ByImmediateDanger, Level: S, Indicators: []string{"EM-01"}}},
				Strengths: []string{"ST-01"}},
		},
		{
			name:   "intensive_step_up_reaches_specialist_routine",
			reason: "rule 5 with a stepUp at intensive: 2 Intensive needs in 1 domain give Specialist, Routine",
			codes:  []string{"HLT-3-01", "EDU-3-01"},
			want: evDecision{Level: S, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons: []evReason{{Rule: thresholds.ByMultipleNeeds, Level: S, Indicators: []string{"EDU-3-01", "HLT-3-01"}}}},
		},
		{
			name:   "one_intensive_need",
			reason: "rule 5: one Intensive need is fewer than the 2 the fixture asks",
			codes:  []string{"SAF-3-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: I, Indicators: []string{"SAF-3-01"}}}},
		},
		{
			name:   "steps_up_once_only",
			reason: "rule 5 applies once: 5 Additional needs over 3 domains give Intensive, not Specialist, though Intensive steps up too",
			codes:  []string{"HLT-2-01", "EDU-2-01", "EBD-2-01", "BCA-2-01", "HSG-2-01"},
			want: evDecision{Level: I, Urgency: continuum.Routine, Rule: thresholds.ByMultipleNeeds,
				Reasons: []evReason{{Rule: thresholds.ByMultipleNeeds, Level: I,
					Indicators: []string{"BCA-2-01", "EBD-2-01", "EDU-2-01", "HLT-2-01", "HSG-2-01"}}}},
		},
		{
			name:   "level_absent_from_step_up",
			reason: "rule 5: Universal is not in stepUp, so 4 universal needs over 3 domains stay Universal",
			codes:  []string{"HLT-1-01", "EDU-1-01", "BCA-1-01", "HSG-1-01"},
			want: evDecision{Level: U, Urgency: continuum.Routine, Rule: thresholds.ByHighestNeed,
				Reasons: []evReason{{Rule: thresholds.ByHighestNeed, Level: U,
					Indicators: []string{"BCA-1-01", "EDU-1-01", "HLT-1-01", "HSG-1-01"}}}},
		},
		{
			name:   "trigger_indicators_sorted",
			reason: "rule 8: a reason's indicators are sorted by code, not by catalogue or input order",
			codes:  []string{"SH-02", "SH-01"},
			want: evDecision{Level: S, Urgency: continuum.SameDay, Rule: thresholds.BySignificantHarm,
				Reasons: []evReason{{Rule: thresholds.BySignificantHarm, Level: S, Indicators: []string{"SH-01", "SH-02"}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(tt.codes...)})
			require.NoError(t, err, tt.reason)
			if diff := cmp.Diff(tt.want, evSummarise(d)); diff != "" {
				t.Errorf("%s\nEvaluate(%v) mismatch (-want +got):\n%s", tt.reason, tt.codes, diff)
			}
			checkDecisionInvariants(t, fw, d)
		})
	}

	t.Run("step_up_cites_parameter", func(t *testing.T) {
		d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes("HLT-3-01", "EDU-3-01")})
		require.NoError(t, err)
		var ids []string
		for _, c := range d.Reasons[0].Citations {
			ids = append(ids, c.Source)
		}
		assert.Equal(t, []string{"DESIGN", "TEST-STEP"}, ids, "needs' own source plus the intensive parameter's")
	})
}

// The oracle: a slow, obviously-right reading of DESIGN §4 over the catalogue as
// Indicators() and StepUp() report it, with plain maps and loops.

type evOracle struct {
	inds   map[continuum.Code]continuum.Indicator
	stepUp map[continuum.Level][2]int // needs, domains
}

func newEvOracle(fw *thresholds.Framework) evOracle {
	o := evOracle{inds: map[continuum.Code]continuum.Indicator{}, stepUp: map[continuum.Level][2]int{}}
	for ind := range fw.Indicators() {
		o.inds[ind.Code] = ind
	}
	for l := range continuum.Levels() {
		if n, d, ok := fw.StepUp(l); ok {
			o.stepUp[l] = [2]int{n, d}
		}
	}
	return o
}

// decide returns the oracle's decision, or false when a code is unknown.
func (o evOracle) decide(codes []continuum.Code) (evDecision, bool) {
	seen := map[continuum.Code]bool{}
	for _, c := range codes {
		if _, ok := o.inds[c]; !ok {
			return evDecision{}, false
		}
		seen[c] = true
	}
	var immediate, harm, strengths []string
	needsAt := map[continuum.Level][]string{}
	for c := range seen {
		ind := o.inds[c]
		switch ind.Kind {
		case continuum.ImmediateDanger:
			immediate = append(immediate, c.String())
		case continuum.SignificantHarm:
			harm = append(harm, c.String())
		case continuum.Strength:
			strengths = append(strengths, c.String())
		case continuum.Need:
			needsAt[ind.Level] = append(needsAt[ind.Level], c.String())
		}
	}
	slices.Sort(immediate)
	slices.Sort(harm)
	slices.Sort(strengths)
	var highest continuum.Level
	for _, l := range []continuum.Level{continuum.Universal, continuum.Additional, continuum.Intensive, continuum.Specialist} {
		slices.Sort(needsAt[l])
		if len(needsAt[l]) > 0 {
			highest = l
		}
	}

	var needs evReason
	if highest == 0 {
		needs = evReason{Rule: thresholds.ByNoNeeds, Level: continuum.Universal}
	} else {
		domains := map[continuum.Domain]bool{}
		for _, s := range needsAt[highest] {
			domains[o.inds[continuum.MustParseCode(s)].Dimension.Domain()] = true
		}
		p, steps := o.stepUp[highest]
		if steps && len(needsAt[highest]) >= p[0] && len(domains) >= p[1] {
			needs = evReason{Rule: thresholds.ByMultipleNeeds, Level: highest + 1, Indicators: needsAt[highest]}
		} else {
			needs = evReason{Rule: thresholds.ByHighestNeed, Level: highest, Indicators: needsAt[highest]}
		}
	}

	d := evDecision{Strengths: strengths}
	if len(strengths) == 0 {
		d.Strengths = nil
	}
	if len(immediate) > 0 {
		d.Reasons = append(d.Reasons, evReason{Rule: thresholds.ByImmediateDanger, Level: continuum.Specialist, Indicators: immediate})
	}
	if len(harm) > 0 {
		d.Reasons = append(d.Reasons, evReason{Rule: thresholds.BySignificantHarm, Level: continuum.Specialist, Indicators: harm})
	}
	if highest != 0 || len(d.Reasons) == 0 {
		d.Reasons = append(d.Reasons, needs)
	}
	switch {
	case len(immediate) > 0:
		d.Level, d.Urgency = continuum.Specialist, continuum.Immediate
	case len(harm) > 0:
		d.Level, d.Urgency = continuum.Specialist, continuum.SameDay
	default:
		d.Level, d.Urgency = needs.Level, continuum.Routine
	}
	d.Rule = d.Reasons[0].Rule
	return d, true
}

// evCaseGen draws pseudo-random cases from a catalogue: 0 to 12 codes, repeats allowed,
// from one of several pools so that every rule is reached often.
type evCaseGen struct {
	pools [][]continuum.Code
}

func newEvCaseGen(fw *thresholds.Framework) evCaseGen {
	var all, low, noDanger []continuum.Code
	byLevel := map[continuum.Level][]continuum.Code{}
	for ind := range fw.Indicators() {
		all = append(all, ind.Code)
		if ind.Kind != continuum.ImmediateDanger {
			noDanger = append(noDanger, ind.Code)
		}
		if !ind.Kind.IsTrigger() {
			byLevel[ind.Level] = append(byLevel[ind.Level], ind.Code)
			if ind.Level <= continuum.Additional || ind.Kind == continuum.Strength {
				low = append(low, ind.Code)
			}
		}
	}
	g := evCaseGen{pools: [][]continuum.Code{all, low, noDanger}}
	for l := range continuum.Levels() {
		if len(byLevel[l]) > 0 {
			g.pools = append(g.pools, byLevel[l])
		}
	}
	return g
}

func (g evCaseGen) next(r *rand.Rand) []continuum.Code {
	pool := g.pools[r.IntN(len(g.pools))]
	n := r.IntN(13)
	codes := make([]continuum.Code, n)
	for i := range codes {
		codes[i] = pool[r.IntN(len(pool))]
	}
	return codes
}

// TestEvaluateOracle compares Evaluate with the oracle on 20,000 pseudo-random cases per
// framework.
func TestEvaluateOracle(t *testing.T) {
	const n = 20000
	unknown := continuum.MustParseCode("ZZ-ORACLE-99")
	for fi, fw := range evAllFrameworks(t) {
		t.Run(fw.ID(), func(t *testing.T) {
			o := newEvOracle(fw)
			gen := newEvCaseGen(fw)
			r := rand.New(rand.NewPCG(20261122, uint64(fi)))
			rules := map[thresholds.DecisionRule]int{}
			failures := 0
			for i := range n {
				codes := gen.next(r)
				if r.IntN(50) == 0 {
					codes = slices.Insert(codes, r.IntN(len(codes)+1), unknown)
				}
				want, wantOK := o.decide(codes)
				got, err := fw.Evaluate(thresholds.Case{Indicators: codes})
				if !wantOK {
					if !errors.Is(err, thresholds.ErrUnknownIndicator) {
						t.Errorf("case %d %v: want ErrUnknownIndicator, got %v", i, evStrings(codes), err)
						failures++
					}
					continue
				}
				require.NoError(t, err, "case %d %v", i, evStrings(codes))
				rules[got.Rule()]++
				if sum := evSummarise(got); !reflect.DeepEqual(want, sum) { // both use nil for none
					t.Errorf("case %d %v: Evaluate disagrees with the oracle (-oracle +Evaluate):\n%s",
						i, evStrings(codes), cmp.Diff(want, sum, cmpopts.EquateEmpty()))
					failures++
				}
				if failures > 10 {
					t.Fatal("too many disagreements; stopping")
				}
			}
			t.Logf("%s: rules reached over %d cases: %v", fw.ID(), n, rules)
			for rule := thresholds.ByImmediateDanger; rule <= thresholds.ByNoNeeds; rule++ {
				assert.Greater(t, rules[rule], 100, "the generator reaches rule %s often enough to test it", rule)
			}
		})
	}
}

// TestEvaluateStrengthsNeverLower checks rule 6 on pseudo-random cases of the fixture:
// removing the strengths from a case changes neither level, urgency nor rule.
func TestEvaluateStrengthsNeverLower(t *testing.T) {
	fw := evSemantics(t)
	gen := newEvCaseGen(fw)
	r := rand.New(rand.NewPCG(6, 6))
	for i := range 2000 {
		codes := gen.next(r)
		without := slices.DeleteFunc(slices.Clone(codes), func(c continuum.Code) bool {
			ind, _ := fw.Indicator(c)
			return ind.Kind == continuum.Strength
		})
		with, err := fw.Evaluate(thresholds.Case{Indicators: codes})
		require.NoError(t, err)
		bare, err := fw.Evaluate(thresholds.Case{Indicators: without})
		require.NoError(t, err)
		require.Equal(t, bare.Level, with.Level, "case %d %v", i, evStrings(codes))
		require.Equal(t, bare.Urgency, with.Urgency, "case %d %v", i, evStrings(codes))
		require.Equal(t, bare.Rule(), with.Rule(), "case %d %v", i, evStrings(codes))
	}
}

// TestEvaluateConcurrent evaluates cases from 8 goroutines on one shared framework and
// compares with decisions made beforehand; CI runs it under -race.
func TestEvaluateConcurrent(t *testing.T) {
	const goroutines, perGoroutine = 8, 2000
	fw := thresholds.Default()
	gen := newEvCaseGen(fw)
	r := rand.New(rand.NewPCG(8, 2000))
	cases := make([]thresholds.Case, perGoroutine)
	want := make([]thresholds.Decision, perGoroutine)
	for i := range cases {
		cases[i] = thresholds.Case{Indicators: gen.next(r)}
		d, err := fw.Evaluate(cases[i])
		require.NoError(t, err)
		want[i] = d
	}
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for k := range perGoroutine {
				i := (k + g*perGoroutine/goroutines) % perGoroutine
				got, err := fw.Evaluate(cases[i])
				if err != nil {
					t.Errorf("goroutine %d case %d: %v", g, i, err)
					return
				}
				if !reflect.DeepEqual(want[i], got) {
					t.Errorf("goroutine %d case %d: decision differs (-want +got):\n%s", g, i, cmp.Diff(want[i], got, evCodeCmp))
					return
				}
			}
		})
	}
	wg.Wait()
}
