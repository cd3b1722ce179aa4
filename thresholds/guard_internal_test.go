package thresholds

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// issue13Check is the check Explain made before issue 14 part 3: resolve every code the
// decision cites, decide, and compare code by code (Outcome.matches).
func issue13Check(f *Framework, d Decision) bool {
	if !d.Level.IsValid() || d.Framework != f.Ref() {
		return false
	}
	o := Outcome{fw: f}
	known := f.resolveInto(&o.obs, d.Strengths)
	for _, r := range d.Reasons {
		known = known && f.resolveInto(&o.obs, r.Indicators)
	}
	if !known {
		return false
	}
	f.decide(&o)
	return o.matches(d)
}

// Issue 14 part 3: Explain's check compares sets of catalogue positions instead of codes.
// It must accept and refuse exactly the decisions the issue 13 check did: real decisions
// and their mutations (codes reordered, repeated, moved between lists or dropped, rules,
// levels, labels, citations and references changed, reasons added or dropped).
func TestCheckDecisionAsStrictAsIssue13(t *testing.T) {
	for _, id := range []string{"england", "kent", "durham", "wide"} {
		t.Run(id, func(t *testing.T) {
			var f *Framework
			var err error
			if id == "wide" {
				f = wideRegister(t)
			} else {
				f, err = Builtin(id)
				require.NoError(t, err)
			}
			rng := rand.New(rand.NewPCG(14, 3))
			accepted, refused := 0, 0
			for i := range 4000 {
				c := Case{}
				for range rng.IntN(8) {
					c.Indicators = append(c.Indicators, f.codes[rng.IntN(len(f.codes))])
				}
				d, err := f.Evaluate(c)
				require.NoError(t, err)
				d = d.Clone()
				if i%5 != 0 {
					mutate(rng, f, &d)
				}
				if i%3 == 0 {
					freshCodes(&d) // the codes' text not the framework's own: looked up by hash
				}
				want := issue13Check(f, d)
				var o Outcome
				var ps [3]part
				got := f.checkDecision(&d, &o, &ps) == nil
				require.Equal(t, want, got, "case %d: %+v", i, d)
				if got {
					accepted++
				} else {
					refused++
				}
			}
			assert.Positive(t, accepted)
			assert.Positive(t, refused)
		})
	}
}

// wideRegister is the England framework with 80 more sources, each indicator citing one
// of them too, so that its register needs two words of a source set: the check's path
// for registers of more than 64 sources.
func wideRegister(t *testing.T) *Framework {
	data, err := os.ReadFile("frameworks/england-2023.json")
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	doc["id"] = "wide"
	sources := doc["sources"].([]any)
	for i := range 80 {
		sources = append(sources, map[string]any{"id": "W" + strconv.Itoa(i+1), "title": "A synthetic source", "url": "https://example.org/w"})
	}
	doc["sources"] = sources
	for i, ind := range doc["indicators"].([]any) {
		m := ind.(map[string]any)
		m["sources"] = append(m["sources"].([]any), "W"+strconv.Itoa(i%80+1))
	}
	data, err = json.Marshal(doc)
	require.NoError(t, err)
	f, err := Parse(data)
	require.NoError(t, err)
	require.Greater(t, f.srcLive, 1)
	return f
}

// mutate changes one thing of d, or nothing when the change it picks does not apply.
// freshCodes gives every code of d text of its own, equal to what it was.
func freshCodes(d *Decision) {
	fresh := func(codes []continuum.Code) {
		for i, c := range codes {
			codes[i] = continuum.MustParseCode(strings.Clone(c.String()))
		}
	}
	for k := range d.Reasons {
		fresh(d.Reasons[k].Indicators)
	}
	fresh(d.Strengths)
}

// TestOwnCode checks that a framework finds its own codes by where their text is, and
// nothing else: not equal text elsewhere, nor part of a code's text, nor the empty code.
func TestOwnCode(t *testing.T) {
	for _, id := range []string{"england", "kent", "durham"} {
		f, err := Builtin(id)
		require.NoError(t, err)
		for pos, c := range f.codes {
			s := c.String()
			assert.Equal(t, pos, f.own(s), "%s: its own text", id)
			assert.Equal(t, -1, f.own(strings.Clone(s)), "%s: equal text elsewhere", id)
			assert.Equal(t, -1, f.own(s[:len(s)-1]), "%s: a prefix", id)
			assert.Equal(t, -1, f.own(s[1:]), "%s: a suffix", id)
			assert.Equal(t, pos, f.table.find(s), "%s: the hash table agrees", id)
		}
		assert.Equal(t, -1, f.own(""))
		assert.Equal(t, -1, f.own(f.arena), "the whole arena is no code")
	}
}

func mutate(rng *rand.Rand, f *Framework, d *Decision) {
	pick := func(n int) int { return rng.IntN(max(n, 1)) }
	var r *Reason
	if len(d.Reasons) > 0 {
		r = &d.Reasons[pick(len(d.Reasons))]
	}
	switch rng.IntN(16) {
	case 0: // swap two codes of a list
		if r != nil && len(r.Indicators) > 1 {
			i := pick(len(r.Indicators) - 1)
			r.Indicators[i], r.Indicators[i+1] = r.Indicators[i+1], r.Indicators[i]
		}
	case 1: // repeat a code
		if r != nil && len(r.Indicators) > 0 {
			i := pick(len(r.Indicators))
			r.Indicators = slices.Insert(r.Indicators, i, r.Indicators[i])
		}
	case 2: // drop a code
		if r != nil && len(r.Indicators) > 0 {
			r.Indicators = slices.Delete(r.Indicators, 0, 1)
		}
	case 3: // move a reason's codes into the strengths
		if r != nil {
			d.Strengths = append(d.Strengths, r.Indicators...)
			r.Indicators = nil
		}
	case 4: // add any code to a reason
		if r != nil {
			r.Indicators = append(r.Indicators, f.codes[pick(len(f.codes))])
			slices.SortFunc(r.Indicators, continuum.Code.Compare)
		}
	case 5: // add any code to the strengths
		d.Strengths = append(d.Strengths, f.codes[pick(len(f.codes))])
		slices.SortFunc(d.Strengths, continuum.Code.Compare)
	case 6:
		if r != nil {
			r.Rule = DecisionRule(pick(7))
		}
	case 7:
		if r != nil {
			r.Level = continuum.Level(pick(6))
		}
	case 8:
		d.Level = continuum.Level(pick(6))
	case 9:
		d.Urgency = continuum.Urgency(pick(4))
	case 10:
		d.Label += "."
	case 11: // drop, repeat or change a citation
		if r != nil && len(r.Citations) > 0 {
			k := pick(len(r.Citations))
			switch rng.IntN(4) {
			case 0:
				r.Citations = slices.Delete(r.Citations, k, k+1)
			case 1:
				r.Citations = slices.Insert(r.Citations, k, r.Citations[k])
			case 2:
				r.Citations[k].Title += " "
			default:
				r.Citations[k].URL = ""
			}
		}
	case 12: // add, drop or repeat a reason
		switch rng.IntN(3) {
		case 0:
			d.Reasons = append(d.Reasons, Reason{Rule: ByNoNeeds, Level: continuum.Universal})
		case 1:
			if len(d.Reasons) > 0 {
				d.Reasons = d.Reasons[1:]
			}
		default:
			if r != nil {
				d.Reasons = append(d.Reasons, *r)
			}
		}
	case 13: // the same reference in fresh strings, or another one
		fresh := func(s string) string { return string([]byte(s)) }
		d.Framework = Ref{ID: fresh(d.Framework.ID), Version: fresh(d.Framework.Version), Digest: fresh(d.Framework.Digest)}
		if rng.IntN(2) == 0 {
			d.Framework.Digest = d.Framework.Digest[:len(d.Framework.Digest)-1] + strconv.Itoa(rng.IntN(10))
		}
	case 14: // an unknown code
		if r != nil {
			r.Indicators = append(r.Indicators, continuum.MustParseCode("ZZZ-9-99"))
		}
	default: // reasons' order
		slices.Reverse(d.Reasons)
	}
}
