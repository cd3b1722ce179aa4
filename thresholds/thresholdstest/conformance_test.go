package thresholdstest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// pinned returns how a synthetic overlay names the builtin it extends: its id and the
// version it was written against.
func pinned(id string) string {
	fw, err := thresholds.Builtin(id)
	if err != nil {
		panic(err)
	}
	return id + "@" + fw.Version()
}

// overlayDoc is a synthetic council overlay of the England base: it removes EDU-2-01,
// turns SH-01 into an immediate-danger trigger (replaced), steps Additional up at 4
// needs instead of 3, and adds a local need. extra is spliced into its indicators.
func overlayDoc(extends, extra string) string {
	return fmt.Sprintf(`{
  "id": "testshire", "title": "Testshire thresholds (synthetic)", "publisher": "rightsupport/needs tests",
  "version": "1.0.0", "effectiveFrom": "2024-01-01", "extends": %q,
  "sources": [ { "id": "TST-S01", "title": "Testshire guidance (synthetic)", "url": "https://example.org/testshire" } ],
  "indicators": [
    { "code": "SH-01", "level": "specialist", "dimension": "SAF", "kind": "immediate-danger",
      "summary": "A synthetic replacement of a national trigger.", "sources": ["TST-S01"] },
    { "code": "TST-EDU-2-01", "level": "additional", "dimension": "EDU", "kind": "need",
      "summary": "A synthetic local additional need about education.", "sources": ["TST-S01"] }%s
  ],
  "remove": ["EDU-2-01"],
  "decision": { "stepUp": [ { "level": "additional", "needs": 4, "domains": 2, "sources": ["TST-S01"] } ] }
}`, extends, extra)
}

func parseOverlay(t *testing.T, doc string) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.Parse([]byte(doc))
	require.NoError(t, err)
	return fw
}

func shippedCase(t *testing.T, name string) thresholdstest.Case {
	t.Helper()
	for _, c := range loadShipped(t) {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no shipped case %s", name)
	return thresholdstest.Case{}
}

func TestConformanceFS(t *testing.T) {
	cases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cases), 60, "the shipped cases are all embedded")
	again, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	assert.Len(t, again, len(cases), "the same cases on every call")
}

func TestApplies(t *testing.T) {
	overlay := parseOverlay(t, overlayDoc(pinned("england"), ""))
	tests := []struct {
		name    string
		reason  string
		applies bool
		skip    string // a fragment of the reason; "" when the case runs
	}{
		{"england/empty", "no indicators, nothing changed", true, ""},
		{"england/significant-harm-sh-02", "a trigger the overlay keeps", true, ""},
		{"england/unknown-code", "the overlay does not define ZZ-99 either", true, ""},
		{"england/one-additional-need", "EDU-2-01 is removed", true, "(removed)"},
		{"england/significant-harm-sh-01", "SH-01 has another kind", true, "(replaced)"},
		{"england/order-does-not-matter", "EDU-2-01 is removed: rule 2 before rule 3", true, "(removed)"},
		{"england/repeated-code-counts-once", "highest need additional, step-up parameters changed", true, "multiple-needs parameters"},
		{"kent/empty", "the overlay does not derive from kent", false, ""},
		{"durham/empty", "the overlay does not derive from durham", false, ""},
	}
	for _, tt := range tests {
		t.Run(strings.ReplaceAll(tt.name, "/", "_"), func(t *testing.T) {
			applies, skip := thresholdstest.Applies(overlay, shippedCase(t, tt.name))
			assert.Equal(t, tt.applies, applies, tt.reason)
			if tt.skip == "" {
				assert.Empty(t, skip, tt.reason)
			} else {
				assert.Contains(t, skip, tt.skip, tt.reason)
			}
		})
	}
}

func TestAppliesBuiltins(t *testing.T) {
	cases := loadShipped(t)
	for fw := range thresholds.BuiltinVersions() {
		for _, c := range cases {
			applies, skip := thresholdstest.Applies(fw, c)
			if c.Framework != fw.ID() {
				continue
			}
			assert.True(t, applies, "%s applies to its own framework", c.Name)
			if c.PinsVersion() && c.Want.Version != fw.Version() {
				assert.Contains(t, skip, "version "+c.Want.Version, "%s is about another version of %s", c.Name, fw.ID())
				continue
			}
			assert.Empty(t, skip, "a builtin is excused from none of its own cases: %s", c.Name)
		}
	}
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	applies, skip := thresholdstest.Applies(kent, shippedCase(t, "england/one-universal-need"))
	assert.True(t, applies, "kent derives from england")
	assert.Empty(t, skip, "kent rewords EDU-1-01 but keeps its level, kind and dimension")
	applies, skip = thresholdstest.Applies(kent, shippedCase(t, "england/kent-code-unknown"))
	assert.True(t, applies)
	assert.Contains(t, skip, "(added)", "kent defines the code England's case expects to be unknown")
	assert.NotContains(t, skip, "KENT-", "the reason names no code")
	applies, _ = thresholdstest.Applies(nil, shippedCase(t, "england/empty"))
	assert.False(t, applies, "a nil framework derives from nothing")
}

// TestRunConformanceOverlay runs the shipped cases against the synthetic overlay: the
// ones it changed are skipped subtests, the rest pass.
func TestRunConformanceOverlay(t *testing.T) {
	overlay := parseOverlay(t, overlayDoc(pinned("england"), ""))
	var cov thresholdstest.Coverage
	t.Run("cases", func(t *testing.T) { cov = thresholdstest.RunConformance(t, overlay) })
	assert.Positive(t, cov.Run)
	assert.Positive(t, cov.Skipped)
	other := 0
	for _, c := range loadShipped(t) {
		if c.Framework != "england" {
			other++
		}
	}
	assert.Positive(t, other)
	assert.Equal(t, other, cov.Other, "the kent and durham cases do not apply")
}

func TestRunConformanceBuiltins(t *testing.T) {
	for fw := range thresholds.Builtins() {
		t.Run(fw.ID(), func(t *testing.T) {
			cov := thresholdstest.RunConformance(t, fw)
			assert.Positive(t, cov.Run)
			if fw.ID() == "england" {
				// Only the cases about its other version (Working Together 2023) are
				// excused.
				other := 0
				for _, c := range loadShipped(t) {
					if c.Framework == "england" && c.PinsVersion() && c.Want.Version != fw.Version() {
						other++
					}
				}
				assert.Positive(t, other)
				assert.Equal(t, other, cov.Skipped, "the base is excused from none of its own version's cases")
			}
		})
	}
}

// logRecorder is a recorder that also keeps log lines.
type logRecorder struct {
	recorder
	logs []string
}

func (r *logRecorder) Logf(format string, args ...any) {
	r.logs = append(r.logs, fmt.Sprintf(format, args...))
}

// TestRunConformanceBroken: a run case that does not hold fails the run, with the
// diff; the excused cases are logged, one line each, and a summary closes the run.
func TestRunConformanceBroken(t *testing.T) {
	overlay := parseOverlay(t, overlayDoc(pinned("england"), ""))
	broken := fstest.MapFS{"a.json": {Data: []byte(`{"description": "d", "cases": [
	  {"name": "england/broken", "reason": "a decision the engine does not make", "framework": "england",
	   "indicators": ["HLT-1-01"], "want": {"level": "intensive", "urgency": "routine", "rules": ["highest-need"]}},
	  {"name": "england/removed", "reason": "EDU-2-01 is removed", "framework": "england",
	   "indicators": ["EDU-2-01"], "want": {"level": "intensive", "urgency": "routine", "rules": ["highest-need"]}},
	  {"name": "kent/other", "reason": "another framework's", "framework": "kent",
	   "indicators": ["EDU-2-01"], "want": {"level": "intensive", "urgency": "routine", "rules": ["highest-need"]}}
	]}`)}}
	r := &logRecorder{}
	cov := thresholdstest.RunConformanceOf(r, overlay, broken)
	assert.Equal(t, thresholdstest.Coverage{Run: 1, Skipped: 1, Other: 1}, cov)
	require.Len(t, r.errors, 1, "the case that runs and does not hold fails")
	assert.Contains(t, r.errors[0], "england/broken")
	assert.Contains(t, r.errors[0], "-want +got")
	require.Len(t, r.logs, 2)
	assert.Contains(t, r.logs[0], "england/removed skipped: ")
	assert.Contains(t, r.logs[0], "(removed)")
	assert.Contains(t, r.logs[1], "1 cases run, 1 skipped, 1 for other frameworks")

	r = &logRecorder{}
	thresholdstest.RunConformanceOf(r, overlay, fstest.MapFS{})
	require.Len(t, r.errors, 1, "cases that cannot be loaded fail the run")
}

func TestRunConformanceNothingApplies(t *testing.T) {
	r := &logRecorder{}
	thresholdstest.RunConformance(r, nil)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "nil")

	base := strings.Replace(overlayDoc("", ""), `"extends": "",`, "", 1)
	base = strings.Replace(base, `"remove": ["EDU-2-01"],`, "", 1)
	base = strings.Replace(base, `"sources": [ { "id": "TST-S01"`, `"levels": {"universal": {"label": "U"}, "additional": {"label": "A"}, "intensive": {"label": "I"}, "specialist": {"label": "S"}}, "sources": [ { "id": "TST-S01"`, 1)
	fw, err := thresholds.Parse([]byte(base))
	require.NoError(t, err, "a base framework of its own")
	r = &logRecorder{}
	cov := thresholdstest.RunConformance(r, fw)
	require.Len(t, r.errors, 1, "a framework that derives from no builtin has no cases to keep")
	assert.Contains(t, r.errors[0], "derives from no framework")
	assert.Zero(t, cov.Run)
	for _, e := range r.errors {
		assert.NotContains(t, e, "TST-", "no code of the document is echoed")
	}
}

func TestRunApplicable(t *testing.T) {
	// Cases 0 to 7: the odd ones do not apply, 4 is excused, 2 fails its check.
	cases := []int{0, 1, 2, 3, 4, 5, 6, 7}
	name := func(c int) string { return fmt.Sprint("case-", c) }
	applies := func(c int) (bool, string) {
		if c == 4 {
			return true, "excused for a reason"
		}
		return c%2 == 0, ""
	}
	var checked []int
	check := func(c int) error {
		checked = append(checked, c)
		if c == 2 {
			return errors.New("case 2 does not hold")
		}
		return nil
	}
	r := &logRecorder{}
	cov := thresholdstest.RunApplicable(r, cases, name, applies, check)
	assert.Equal(t, thresholdstest.Coverage{Run: 3, Skipped: 1, Other: 4}, cov)
	assert.Equal(t, []int{0, 2, 6}, checked, "only the cases that apply and are not excused are checked")
	assert.Equal(t, []string{"case 2 does not hold"}, r.errors)
	assert.Equal(t, []string{"case case-4 skipped: excused for a reason"}, r.logs)

	t.Run("subtests", func(t *testing.T) {
		ran := 0
		cov := thresholdstest.RunApplicable(t, cases[:5], name, applies, func(int) error { ran++; return nil })
		assert.Equal(t, thresholdstest.Coverage{Run: 2, Skipped: 1, Other: 2}, cov, "with a *testing.T, case-4 is a skipped subtest")
		assert.Equal(t, 2, ran)
	})
}
