package thresholdstest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// loadShipped loads the module's own conformance cases.
func loadShipped(t *testing.T) []thresholdstest.Case {
	t.Helper()
	cases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	return cases
}

const oneCase = `{"description": "d", "cases": [
  {"name": "england/a", "reason": "r", "framework": "england", "indicators": ["EDU-2-01"],
   "want": {"level": "additional", "urgency": "routine", "rules": ["highest-need"]}}
]}`

const otherCase = `{"description": "d", "cases": [
  {"name": "england/b", "framework": "england", "indicators": [],
   "want": {"level": "universal", "urgency": "routine", "rules": ["no-needs"]}}
]}`

func TestLoadCases(t *testing.T) {
	fsys := fstest.MapFS{
		"conformance/b.json": {Data: []byte(otherCase)},
		"conformance/a.json": {Data: []byte(oneCase)},
		"conformance/x.txt":  {Data: []byte("not a case file")},
	}
	cases, err := thresholdstest.LoadCases(fsys, "conformance/*.json", "conformance/a.json")
	require.NoError(t, err)
	require.Len(t, cases, 2, "a file matched by two patterns is read once")
	assert.Equal(t, "england/a", cases[0].Name, "files are read in sorted order")
	assert.Equal(t, "england/b", cases[1].Name)
	want := thresholdstest.Case{
		Name: "england/a", Reason: "r", Framework: "england",
		Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01")},
		Want: thresholdstest.Want{
			Level: continuum.Additional, Urgency: continuum.Routine,
			Rules: []thresholds.DecisionRule{thresholds.ByHighestNeed},
		},
	}
	if diff := cmp.Diff(want, cases[0], thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("decoded case (-want +got):\n%s", diff)
	}
}

func TestLoadCasesErrors(t *testing.T) {
	tests := []struct {
		name     string
		reason   string
		files    fstest.MapFS
		pattern  string
		contains string
	}{
		{"no_match", "a pattern that matches nothing is an error, not zero cases",
			fstest.MapFS{"other/a.json": {Data: []byte(oneCase)}}, "conformance/*.json", "no file matches"},
		{"bad_pattern", "a malformed glob is an error",
			fstest.MapFS{"conformance/a.json": {Data: []byte(oneCase)}}, "conformance/[", "pattern"},
		{"duplicate_across_files", "a name used in two files",
			fstest.MapFS{"conformance/a.json": {Data: []byte(oneCase)}, "conformance/b.json": {Data: []byte(oneCase)}},
			"conformance/*.json", `"england/a" is also in conformance/a.json`},
		{"duplicate_in_file", "a name used twice in one file",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
				{"name": "x", "framework": "england", "indicators": [], "want": {}},
				{"name": "x", "framework": "england", "indicators": [], "want": {}}]}`)}},
			"conformance/*.json", `"x"`},
		{"malformed_json", "a file that is not JSON",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"cases": [`)}}, "conformance/*.json", "conformance/a.json"},
		{"unknown_field", "files are read strictly",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
				{"name": "x", "framework": "england", "indicators": [], "want": {}, "extra": 1}]}`)}},
			"conformance/*.json", "conformance/a.json"},
		{"bad_code", "an indicator code that is malformed",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
				{"name": "x", "framework": "england", "indicators": ["hlt-2-01"], "want": {}}]}`)}},
			"conformance/*.json", "conformance/a.json"},
		{"empty_cases", "a file with no cases",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": []}`)}},
			"conformance/*.json", "no cases"},
		{"missing_cases", "a file without a cases array",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d"}`)}},
			"conformance/*.json", "no cases"},
		{"unnamed_case", "every case needs a name",
			fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
				{"framework": "england", "indicators": [], "want": {}}]}`)}},
			"conformance/*.json", "no name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cases, err := thresholdstest.LoadCases(tt.files, tt.pattern)
			require.Error(t, err, tt.reason)
			assert.Nil(t, cases)
			assert.Contains(t, err.Error(), tt.contains, tt.reason)
			assert.True(t, strings.HasPrefix(err.Error(), "thresholdstest: "), "errors are package-prefixed: %v", err)
		})
	}
}

func TestFindingsOf(t *testing.T) {
	assert.Nil(t, thresholdstest.FindingsOf(nil))
	assert.Equal(t, []thresholdstest.WantFinding{{Rule: "error"}}, thresholdstest.FindingsOf(errors.New("plain")),
		"an error that is not Findings is one entry with rule error")

	var fs continuum.Findings
	fs = fs.Add("indicators[10]", "unknown-indicator", continuum.Error, nil, "m")
	fs = fs.Add("indicators[2]", "unknown-indicator", continuum.Error, nil, "m")
	want := []thresholdstest.WantFinding{
		{Path: "indicators[2]", Rule: "unknown-indicator"},
		{Path: "indicators[10]", Rule: "unknown-indicator"},
	}
	assert.Equal(t, want, thresholdstest.FindingsOf(fmt.Errorf("wrapped: %w", fs.Err())), "sorted by path numerically, through wrapping")
}

func TestGot(t *testing.T) {
	fw, err := thresholds.Builtin("england")
	require.NoError(t, err)
	code := continuum.MustParseCode

	d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("SH-01"), code("HLT-2-01")}})
	require.NoError(t, err)
	want := thresholdstest.Want{
		Level: continuum.Specialist, Urgency: continuum.SameDay,
		Rules: []thresholds.DecisionRule{thresholds.BySignificantHarm, thresholds.ByHighestNeed},
	}
	if diff := cmp.Diff(want, thresholdstest.Got(d, nil), thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("Got of a decision (-want +got):\n%s", diff)
	}

	_, err = fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code("ZZ-99")}})
	require.Error(t, err)
	wantErr := thresholdstest.Want{Errors: []thresholdstest.WantFinding{{Path: "indicators[0]", Rule: "unknown-indicator"}}}
	if diff := cmp.Diff(wantErr, thresholdstest.Got(thresholds.Decision{}, err), thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("Got of an error (-want +got):\n%s", diff)
	}
}

// recorder is a testing.TB that records failures instead of failing, so that RunCases
// can be tested. Only the methods RunCases uses are implemented; the embedded nil TB
// panics on any other.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestRunCasesReportsMismatch(t *testing.T) {
	c := thresholdstest.Case{
		Name: "england/wrong", Reason: "a deliberately wrong expectation", Framework: "england",
		Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01")},
		Want: thresholdstest.Want{
			Level: continuum.Intensive, Urgency: continuum.Routine,
			Rules: []thresholds.DecisionRule{thresholds.ByMultipleNeeds},
		},
	}
	r := &recorder{}
	thresholdstest.RunCases(r, []thresholdstest.Case{c}, thresholds.Builtin)
	require.Len(t, r.errors, 1)
	msg := r.errors[0]
	assert.Contains(t, msg, "-want +got")
	assert.Contains(t, msg, "england/wrong")
	assert.Contains(t, msg, "a deliberately wrong expectation")
	assert.Contains(t, msg, "intensive", "the diff shows the wanted level")
	assert.Contains(t, msg, "additional", "the diff shows the decided level")
}

func TestRunCasesPassesAndUnknownFramework(t *testing.T) {
	good := thresholdstest.Case{
		Name: "england/ok", Framework: "england",
		Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01")},
		Want: thresholdstest.Want{
			Level: continuum.Additional, Urgency: continuum.Routine,
			Rules: []thresholds.DecisionRule{thresholds.ByHighestNeed},
		},
	}
	r := &recorder{}
	thresholdstest.RunCases(r, []thresholdstest.Case{good}, thresholds.Builtin)
	assert.Empty(t, r.errors, "a matching case reports nothing")

	bad := good
	bad.Name, bad.Framework = "nowhere/ok", "nowhere"
	thresholdstest.RunCases(r, []thresholdstest.Case{bad}, thresholds.Builtin)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], `framework "nowhere"`)
}

func TestCheckCase(t *testing.T) {
	fw, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	c := thresholdstest.Case{
		Name: "kent/step-up", Framework: "kent",
		Indicators: []continuum.Code{
			continuum.MustParseCode("KENT-HLT-2-01"), continuum.MustParseCode("KENT-EBD-2-01"), continuum.MustParseCode("BCA-2-01"),
		},
		Want: thresholdstest.Want{
			Level: continuum.Intensive, Urgency: continuum.Routine,
			Rules: []thresholds.DecisionRule{thresholds.ByMultipleNeeds},
		},
	}
	assert.NoError(t, thresholdstest.CheckCase(fw, c))
	c.Want.Errors = []thresholdstest.WantFinding{{Path: "indicators[0]", Rule: "unknown-indicator"}}
	err = thresholdstest.CheckCase(fw, c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-want +got")
}

func TestShippedCasesPass(t *testing.T) {
	thresholdstest.RunCasesOn(t, loadShipped(t), thresholdstest.BuiltinOn)
}
