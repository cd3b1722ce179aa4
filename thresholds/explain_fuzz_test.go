package thresholds_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// FuzzExplain explains arbitrary decisions, read from JSON leniently (encoding/json) so
// that the fuzzer reaches forged rules, levels, urgencies, codes and references. Beyond
// not panicking: Explain either fails without repeating the seeds' marker, or the
// decision is exactly one Evaluate gives for its indicators and the text is bounded and
// holds no marker either.
func FuzzExplain(f *testing.F) {
	kent, err := thresholds.Builtin("kent")
	if err != nil {
		f.Fatal(err)
	}
	for _, codes := range [][]string{{"HLT-2-01"}, {"HLT-2-01", "EMW-2-01", "HSG-2-01"}, {"SH-02"}, {"EM-01", "HLT-3-01"}, {}} {
		c := thresholds.Case{}
		for _, s := range codes {
			c.Indicators = append(c.Indicators, continuum.MustParseCode(s))
		}
		d, err := kent.Evaluate(c)
		if err != nil {
			f.Fatal(err)
		}
		b, _ := json.Marshal(d)
		f.Add(b) // real decisions
	}
	f.Add([]byte(`{"level":"specialist","label":"zqx","urgency":"routine","reasons":[{"rule":"highest-need","level":"specialist","indicators":["ZQXMARK"]}]}`)) // forged, unknown code
	f.Add([]byte(`{"level":"additional","reasons":[{"rule":"rule(9)"}],"framework":{"id":"zqx","version":"zqx"}}`))                                             // foreign, rule out of range
	f.Add([]byte(`{"level":"universal","strengths":["ZQX-1-01"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var d thresholds.Decision
		if json.Unmarshal(data, &d) != nil {
			return
		}
		text, err := kent.Explain(d)
		if err != nil {
			if text != "" {
				t.Fatal("text with an error")
			}
			if strings.Contains(strings.ToLower(err.Error()), "zqx") {
				t.Fatalf("the error repeats the decision: %v", err)
			}
			return
		}
		c := thresholds.Case{Indicators: d.Strengths}
		for _, r := range d.Reasons {
			c.Indicators = append(c.Indicators, r.Indicators...)
		}
		want, werr := kent.Evaluate(c)
		if werr != nil {
			t.Fatalf("explained a decision whose indicators Evaluate refuses: %v", werr)
		}
		if diff := cmp.Diff(want, d, evCodeCmp, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("explained a decision Evaluate does not make (-Evaluate +explained):\n%s", diff)
		}
		if len(text) > 64<<10 || strings.Contains(strings.ToLower(text), "zqx") {
			t.Fatalf("explanation of %d bytes or with the caller's text", len(text))
		}
		if n := thresholds.ExplainLen(kent, d); n != len(text) {
			t.Fatalf("Explain reckoned %d bytes and wrote %d", n, len(text))
		}
	})
}
