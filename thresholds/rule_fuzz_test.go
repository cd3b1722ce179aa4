package thresholds_test

import (
	"testing"

	"github.com/rightsupport/needs/thresholds"
)

// FuzzParseDecisionRule fuzzes the decision-rule token parser: never a panic; a success
// is a valid rule whose text parses back to it.
func FuzzParseDecisionRule(f *testing.F) {
	for _, seed := range []string{
		"immediate-danger", "significant-harm", "multiple-needs", "highest-need", "no-needs", // every token
		"Multiple-Needs", "", "no-needs\n", "rule(3)", // case, empty, trailing newline, String of out-of-range
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := thresholds.ParseDecisionRule(s)
		if err != nil {
			return
		}
		if !r.IsValid() {
			t.Fatalf("ParseDecisionRule(%q) = %v, not valid", s, r)
		}
		b, err := r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back thresholds.DecisionRule
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Fatalf("round trip of %v gave %v, %v", r, back, err)
		}
	})
}
