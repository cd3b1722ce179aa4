package referral

import (
	"slices"
	"testing"
)

// TestClosureDocForms checks the document forms that a policy written back out (extends,
// canonical digests) needs: each closure rule and the step-up window read back as written.
func TestClosureDocForms(t *testing.T) {
	p := DefaultPolicy()
	rules := 0
	for _, tr := range p.transitions {
		d := tr.Closure.doc()
		if len(tr.Closure.Reasons) == 0 {
			if d != nil {
				t.Errorf("%s: a move with no closure rule has a document form", tr.Transition)
			}
			continue
		}
		rules++
		if d == nil || !slices.Equal(d.Reasons, tr.Closure.Reasons) || !slices.Equal(d.Sources, []string{"S111"}) {
			t.Errorf("%s: document form %+v of %+v", tr.Transition, d, tr.Closure)
		}
	}
	if rules != 3 {
		t.Errorf("%d closure rules in the England policy, want 3 (specialist to intensive, additional, universal)", rules)
	}
	if id := p.stepUpWindowID(); id != "" {
		t.Errorf("the England policy names step-up window %q; no source names one", id)
	}
	p2 := *p
	p2.stepUpWindow = 1
	if id := p2.stepUpWindowID(); id != p.timescales[0].ID {
		t.Errorf("stepUpWindowID = %q, want the first timescale's id", id)
	}
}
