package thresholds_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
)

// Benchmarks of issue 14 that use only the API every version of the package has, so
// that the same file measures the old code and the new side by side. Helpers of this
// file are prefixed "bs".

// bsCases returns the benchmark corpus as parsed cases.
var bsCases = sync.OnceValue(func() []thresholds.Case {
	cases := make([]thresholds.Case, bnNumCases)
	for i, codes := range bnCases() {
		cases[i] = thresholds.Case{Indicators: evCodes(codes...)}
	}
	return cases
})

// BenchmarkEvaluate measures Evaluate on parsed cases: the package benchmark of issue 14
// (target: at most 0.75x the time of the code before it).
func BenchmarkEvaluate(b *testing.B) {
	fw := thresholds.Default()
	cases := bsCases()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.Evaluate(cases[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}

// BenchmarkCompareFrameworks measures comparing England with a lower step-up over the
// 10,000 benchmark cases on one goroutine; ns/op is per corpus.
func BenchmarkCompareFrameworks(b *testing.B) {
	before := thresholds.Default()
	after, err := thresholds.Parse([]byte(lowerStepUp))
	require.NoError(b, err)
	cases := bsCases()
	b.ReportAllocs()
	for b.Loop() {
		im := thresholds.CompareFrameworks(before, after, slices.Values(cases))
		if im.Cases != len(cases) {
			b.Fatal("cases lost")
		}
	}
}
