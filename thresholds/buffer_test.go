package thresholds_test

import (
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// Helpers of this file are prefixed "bf".

// bfOther is the buffer bfSame decides outcomes into (the tests using it run one at a
// time).
var bfOther thresholds.DecisionBuffer

// bfSame checks that every way of making a full decision gives Evaluate's: EvaluateInto
// with the shared buffer, Outcome.Decision and Outcome.DecisionInto after Resolve and
// Decide, and Clone of the buffered decision; and that they fail alike.
func bfSame(t *testing.T, fw *thresholds.Framework, c thresholds.Case, buf *thresholds.DecisionBuffer, what string) {
	t.Helper()
	want, wantErr := fw.Evaluate(c)
	got, err := fw.EvaluateInto(c, buf)
	if wantErr != nil {
		require.Error(t, err, what)
		assert.Equal(t, wantErr.Error(), err.Error(), what)
		assert.Equal(t, thresholds.Decision{}, got, what)
		return
	}
	require.NoError(t, err, what)
	bfEqual(t, want, got, what+": EvaluateInto differs from Evaluate")
	bfEqual(t, want, got.Clone(), what+": Clone differs from Evaluate")
	r, err := fw.Resolve(c)
	require.NoError(t, err, what)
	o, err := fw.Decide(r)
	require.NoError(t, err, what)
	bfEqual(t, want, o.Decision(), what+": Outcome.Decision differs from Evaluate")
	bfEqual(t, want, o.DecisionInto(&bfOther), what+": Outcome.DecisionInto differs from Evaluate")
}

// TestEvaluateIntoConformance checks EvaluateInto against Evaluate on every shipped
// conformance case, with one buffer for them all.
func TestEvaluateIntoConformance(t *testing.T) {
	cases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	require.NotEmpty(t, cases)
	var buf thresholds.DecisionBuffer
	for _, c := range cases {
		// Every version of the case's framework, in turn with one buffer.
		for fw := range thresholds.BuiltinVersions() {
			if fw.DerivesFrom(c.Framework) {
				bfSame(t, fw, thresholds.Case{Indicators: c.Indicators}, &buf, c.Name)
			}
		}
	}
}

// TestEvaluateIntoRandom checks EvaluateInto against Evaluate on 100,000 random cases
// under every version of every builtin framework, one buffer shared by all of them (so
// a decision into a buffer last used by another framework, or by a larger decision, is
// covered): 0 to 20 codes drawn from all the builtin catalogues, repeats included, so
// that some codes are unknown to the framework, plus now and then a code no catalogue
// has.
func TestEvaluateIntoRandom(t *testing.T) {
	var fws []*thresholds.Framework
	seen := make(map[continuum.Code]bool)
	var pool []continuum.Code
	for fw := range thresholds.BuiltinVersions() {
		fws = append(fws, fw)
		for ind := range fw.Indicators() {
			if !seen[ind.Code] {
				seen[ind.Code] = true
				pool = append(pool, ind.Code)
			}
		}
	}
	stranger := continuum.MustParseCode("ZZ-99")
	rng := rand.New(rand.NewPCG(14, 2026))
	var buf thresholds.DecisionBuffer
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	for i := range n {
		codes := make([]continuum.Code, rng.IntN(21))
		for j := range codes {
			codes[j] = pool[rng.IntN(len(pool))]
			if rng.IntN(400) == 0 {
				codes[j] = stranger
			}
		}
		fw := fws[i%len(fws)]
		bfSame(t, fw, thresholds.Case{Indicators: codes}, &buf, fw.ID())
	}
}

// TestEvaluateIntoAllocatesNothing pins the promise of the zero-allocation decision:
// once the buffer has been used with the framework, a full decision allocates nothing.
func TestEvaluateIntoAllocatesNothing(t *testing.T) {
	fw := thresholds.Default()
	cases := bsCases()[:1000]
	var buf thresholds.DecisionBuffer
	_, err := fw.EvaluateInto(thresholds.Case{}, &buf) // the first use grows the buffer
	require.NoError(t, err)
	levels := 0
	allocs := testing.AllocsPerRun(50, func() {
		for _, c := range cases {
			d, err := fw.EvaluateInto(c, &buf)
			if err != nil {
				panic(err)
			}
			levels += int(d.Level)
		}
	})
	assert.Zero(t, allocs, "EvaluateInto allocates %.2f per 1000 decisions", allocs)
	assert.Positive(t, levels)

	r, err := fw.Resolve(cases[0])
	require.NoError(t, err)
	o, err := fw.Decide(r)
	require.NoError(t, err)
	allocs = testing.AllocsPerRun(100, func() { levels += int(o.DecisionInto(&buf).Level) })
	assert.Zero(t, allocs, "Outcome.DecisionInto allocates")
}

// TestEvaluateIntoAliasing pins the documented aliasing: a buffered decision is
// overwritten by the buffer's next use, a clone is not, an error leaves the buffer's
// decision alone, and appending to one window never writes into the next.
func TestEvaluateIntoAliasing(t *testing.T) {
	fw := thresholds.Default()
	mixed := thresholds.Case{Indicators: evCodes("SH-01", "HLT-2-01", "EDU-2-01", "FHF-2-01", "EM-01")}
	other := thresholds.Case{Indicators: evCodes("HLT-3-01")}
	var buf thresholds.DecisionBuffer
	d, err := fw.EvaluateInto(mixed, &buf)
	require.NoError(t, err)
	require.Len(t, d.Reasons, 3)
	kept := d.Clone()
	want, err := fw.Evaluate(mixed)
	require.NoError(t, err)

	// Appending to the first reason's lists leaves the second's alone.
	second := d.Reasons[1].Indicators[0]
	_ = append(d.Reasons[0].Indicators, continuum.MustParseCode("XX-01"))
	_ = append(d.Reasons[0].Citations, continuum.Citation{Source: "X"})
	assert.Equal(t, second, d.Reasons[1].Indicators[0])
	assert.Equal(t, want.Reasons[1].Citations, d.Reasons[1].Citations)

	_, err = fw.EvaluateInto(thresholds.Case{Indicators: evCodes("ZZ-99")}, &buf)
	require.Error(t, err)
	assert.Empty(t, cmp.Diff(want, d, evCodeCmp), "an error leaves the buffer's decision alone")

	_, err = fw.EvaluateInto(other, &buf)
	require.NoError(t, err)
	assert.NotEqual(t, want.Reasons[0].Indicators, d.Reasons[0].Indicators, "the next use overwrites the buffer")
	assert.Empty(t, cmp.Diff(want, kept, evCodeCmp), "a clone survives the buffer's next use")

	// Changing a clone changes neither the framework nor a later decision.
	kept.Reasons[0].Indicators[0] = continuum.MustParseCode("XX-01")
	kept.Reasons[0].Citations[0].Title = "changed"
	again, err := fw.Evaluate(mixed)
	require.NoError(t, err)
	assert.Empty(t, cmp.Diff(want, again, evCodeCmp))
}

// TestEvaluateDecisionsIndependent checks that decisions Evaluate makes one after the
// other, which may hold windows of one array, never see one another's changes.
func TestEvaluateDecisionsIndependent(t *testing.T) {
	fw := thresholds.Default()
	cases := bsCases()[:500]
	ds := make([]thresholds.Decision, len(cases))
	wants := make([]thresholds.Decision, len(cases))
	for i, c := range cases {
		d, err := fw.Evaluate(c)
		require.NoError(t, err)
		ds[i], wants[i] = d, d.Clone()
	}
	for i := range ds {
		if i%2 == 1 {
			continue
		}
		d := &ds[i]
		for j := range d.Reasons {
			d.Reasons[j].Indicators = append(d.Reasons[j].Indicators, continuum.MustParseCode("XX-01"))
			d.Reasons[j].Citations = append(d.Reasons[j].Citations, continuum.Citation{Source: "X"})
		}
		d.Strengths = append(d.Strengths, continuum.MustParseCode("XX-02"))
		d.Reasons = append(d.Reasons, thresholds.Reason{Rule: thresholds.ByNoNeeds})
	}
	for i := range ds {
		if i%2 == 1 {
			assert.Empty(t, cmp.Diff(wants[i], ds[i], evCodeCmp), "decision %d changed through its neighbour", i)
		}
	}
}

// bfEqual fails the test with a diff when got is not want: reflect.DeepEqual first,
// which tells nil from empty lists as cmp does, and cmp only for the message.
func bfEqual(t *testing.T, want, got thresholds.Decision, what string) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("%s (-want +got):\n%s", what, cmp.Diff(want, got, evCodeCmp))
	}
}

// TestEvaluateTextInto checks the decision from code text against EvaluateInto of the
// parsed codes on the benchmark corpus, and its findings for text that is not in the
// catalogue.
func TestEvaluateTextInto(t *testing.T) {
	fw := thresholds.Default()
	var buf thresholds.DecisionBuffer
	for i, codes := range bnCases() {
		want, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(codes...)})
		require.NoError(t, err)
		got, err := fw.EvaluateTextInto(codes, &buf)
		require.NoError(t, err)
		bfEqual(t, want, got, "case "+strconv.Itoa(i))
	}
	_, err := fw.EvaluateTextInto([]string{"HLT-2-01", "Sample Free Text", "ZZ-99", ""}, &buf)
	var fs continuum.Findings
	require.ErrorAs(t, err, &fs)
	require.Len(t, fs, 3)
	assert.ErrorIs(t, err, thresholds.ErrUnknownIndicator)
	assert.Equal(t, []string{"indicators[1]", "indicators[2]", "indicators[3]"}, []string{fs[0].Path, fs[1].Path, fs[2].Path})
	assert.Equal(t, []string{thresholds.RuleInvalidCode, thresholds.RuleUnknownIndicator, thresholds.RuleInvalidCode}, []string{fs[0].Rule, fs[1].Rule, fs[2].Rule})
	assert.NotContains(t, err.Error(), "Sample")
	assert.NotContains(t, err.Error(), "ZZ-99")
	texts := bnCases()[:1000]
	allocs := testing.AllocsPerRun(50, func() {
		for _, codes := range texts {
			if _, err := fw.EvaluateTextInto(codes, &buf); err != nil {
				panic(err)
			}
		}
	})
	assert.Zero(t, allocs, "EvaluateTextInto allocates %.2f per 1000 decisions", allocs)
	var nilFW *thresholds.Framework
	_, err = nilFW.EvaluateTextInto(nil, &buf)
	assert.ErrorIs(t, err, thresholds.ErrNoFramework)
}
