package thresholds_test

import (
	"encoding/json"
	"math/bits"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "fl".
//
// flEngine is the floor that issue 14 measures the zero-allocation decision against: a
// hand-written bitset engine for one base framework, taking codes as strings. It is what
// a careful engineer would write for the England catalogue alone, with the standard
// library: a Go map from code text to position, fixed bit sets for the rule masks, each
// indicator's citations as a register bit set, and the decision's lists written into
// buffers it reuses. It does the same work as a full decision (level, urgency, every
// reason with its codes and citations, the strengths), and TestFloorAgrees checks that it
// decides every benchmark case as Evaluate does, so it is a real engine, not a toy. It
// checks no code's syntax (an unknown string is simply not in the map) and supports no
// extension.
type flEngine struct {
	index     map[string]int
	codes     []continuum.Code
	domains   []continuum.Domain
	cites     [][4]uint64 // per indicator, its sources as register bits
	sources   []continuum.Citation
	immediate [2]uint64
	harm      [2]uint64
	strengths [2]uint64
	needs     [5][2]uint64
	stepNeeds [5]int
	stepSides [5]int
	stepCites [5][4]uint64
	labels    [5]string
	ref       thresholds.Ref

	// The reused output buffers.
	reasons [3]thresholds.Reason
	outCode []continuum.Code
	outCite []continuum.Citation
}

// flNew builds the floor engine from a base framework and its document (for the step-up
// parameters' sources, which the Framework does not hand out).
func flNew(tb testing.TB, fw *thresholds.Framework, doc []byte) *flEngine {
	tb.Helper()
	require.LessOrEqual(tb, fw.Len(), 128, "the floor holds 128 indicators")
	e := &flEngine{index: make(map[string]int), ref: fw.Ref()}
	reg := make(map[string]int)
	for s := range fw.Sources() {
		reg[s.Source] = len(e.sources)
		e.sources = append(e.sources, s)
	}
	for ind := range fw.Indicators() {
		i := len(e.codes)
		e.index[ind.Code.String()] = i
		e.codes = append(e.codes, ind.Code)
		e.domains = append(e.domains, ind.Domain())
		var cs [4]uint64
		for _, c := range ind.Citations {
			j := reg[c.Source]
			cs[j>>6] |= 1 << (j & 63)
		}
		e.cites = append(e.cites, cs)
		bit, w := uint64(1)<<(i&63), i>>6
		switch ind.Kind {
		case continuum.ImmediateDanger:
			e.immediate[w] |= bit
		case continuum.SignificantHarm:
			e.harm[w] |= bit
		case continuum.Strength:
			e.strengths[w] |= bit
		case continuum.Need:
			e.needs[ind.Level][w] |= bit
		}
	}
	var d struct {
		Decision struct {
			StepUp []struct {
				Level   continuum.Level `json:"level"`
				Sources []string        `json:"sources"`
			} `json:"stepUp"`
		} `json:"decision"`
	}
	require.NoError(tb, json.Unmarshal(doc, &d))
	for _, s := range d.Decision.StepUp {
		for _, id := range s.Sources {
			j := reg[id]
			e.stepCites[s.Level][j>>6] |= 1 << (j & 63)
		}
	}
	for l := range continuum.Levels() {
		e.labels[l] = fw.Label(l)
		e.stepNeeds[l], e.stepSides[l], _ = fw.StepUp(l)
	}
	e.outCode = make([]continuum.Code, 0, len(e.codes))
	e.outCite = make([]continuum.Citation, 0, 3*len(e.sources))
	return e
}

// decide decides a case given as code strings; ok is false when a code is unknown. The
// Decision's lists alias the engine's buffers until the next call.
func (e *flEngine) decide(codes []string) (d thresholds.Decision, ok bool) {
	var obs [2]uint64
	for _, s := range codes {
		i, found := e.index[s]
		if !found {
			return thresholds.Decision{}, false
		}
		obs[i>>6] |= 1 << (i & 63)
	}
	and := func(m *[2]uint64) [2]uint64 { return [2]uint64{obs[0] & m[0], obs[1] & m[1]} }
	base := continuum.Level(0)
	for l := continuum.Specialist; l >= continuum.Universal; l-- {
		if at := and(&e.needs[l]); at != [2]uint64{} {
			base = l
			break
		}
	}
	e.outCode, e.outCite = e.outCode[:0], e.outCite[:0]
	n := 0
	add := func(rule thresholds.DecisionRule, level continuum.Level, inds [2]uint64, cites [4]uint64) {
		c0, k0 := len(e.outCode), len(e.outCite)
		for w, x := range inds {
			for ; x != 0; x &= x - 1 {
				i := w<<6 | bits.TrailingZeros64(x)
				e.outCode = append(e.outCode, e.codes[i])
				for j := range cites {
					cites[j] |= e.cites[i][j]
				}
			}
		}
		for w, x := range cites {
			for ; x != 0; x &= x - 1 {
				e.outCite = append(e.outCite, e.sources[w<<6|bits.TrailingZeros64(x)])
			}
		}
		e.reasons[n] = thresholds.Reason{Rule: rule, Level: level,
			Indicators: e.outCode[c0:len(e.outCode):len(e.outCode)],
			Citations:  e.outCite[k0:len(e.outCite):len(e.outCite)]}
		n++
	}
	if t := and(&e.immediate); t != [2]uint64{} {
		add(thresholds.ByImmediateDanger, continuum.Specialist, t, [4]uint64{})
	}
	if t := and(&e.harm); t != [2]uint64{} {
		add(thresholds.BySignificantHarm, continuum.Specialist, t, [4]uint64{})
	}
	level, rule := continuum.Universal, thresholds.ByNoNeeds
	var cites [4]uint64
	at := and(&e.needs[base])
	if base != 0 {
		level, rule = base, thresholds.ByHighestNeed
		if need := e.stepNeeds[base]; need > 0 && bits.OnesCount64(at[0])+bits.OnesCount64(at[1]) >= need {
			var sides [4]bool
			for w, x := range at {
				for ; x != 0; x &= x - 1 {
					sides[e.domains[w<<6|bits.TrailingZeros64(x)]] = true
				}
			}
			if cnt := btoi(sides[1]) + btoi(sides[2]) + btoi(sides[3]); cnt >= e.stepSides[base] {
				level, rule, cites = base+1, thresholds.ByMultipleNeeds, e.stepCites[base]
			}
		}
	}
	if base != 0 || n == 0 {
		add(rule, level, at, cites)
	}
	d = thresholds.Decision{Urgency: continuum.Routine, Reasons: e.reasons[:n:n], Framework: e.ref}
	switch d.Reasons[0].Rule {
	case thresholds.ByImmediateDanger:
		d.Level, d.Urgency = continuum.Specialist, continuum.Immediate
	case thresholds.BySignificantHarm:
		d.Level, d.Urgency = continuum.Specialist, continuum.SameDay
	default:
		d.Level = level
	}
	d.Label = e.labels[d.Level]
	if s := and(&e.strengths); s != [2]uint64{} {
		c0 := len(e.outCode)
		for w, x := range s {
			for ; x != 0; x &= x - 1 {
				e.outCode = append(e.outCode, e.codes[w<<6|bits.TrailingZeros64(x)])
			}
		}
		d.Strengths = e.outCode[c0:len(e.outCode):len(e.outCode)]
	}
	return d, true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestFloorAgrees checks that the floor decides every benchmark case as Evaluate does,
// so that the floor does the whole work of a decision.
func TestFloorAgrees(t *testing.T) {
	fw := thresholds.Default()
	e := flNew(t, fw, ptRead(t, "frameworks/england-2023.json"))
	for i, codes := range bnCases() {
		want, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(codes...)})
		require.NoError(t, err)
		got, ok := e.decide(codes)
		require.True(t, ok)
		if diff := cmp.Diff(want, got, evCodeCmp); diff != "" {
			t.Fatalf("case %d: floor differs from Evaluate (-want +got):\n%s", i, diff)
		}
	}
	_, ok := e.decide([]string{"NOT-A-CODE"})
	require.False(t, ok)
}

// BenchmarkFloor measures the hand-written floor on the benchmark cases, from strings.
func BenchmarkFloor(b *testing.B) {
	e := flNew(b, thresholds.Default(), ptRead(b, "frameworks/england-2023.json"))
	cases := bnCases()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, ok := e.decide(cases[i]); !ok {
			b.Fatal("unknown code")
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}
