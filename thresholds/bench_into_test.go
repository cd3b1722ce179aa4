package thresholds_test

import (
	"testing"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// BenchmarkEvaluateInto measures the zero-allocation full decision on parsed cases, the
// same cases BenchmarkFloor decides from strings (target: at most 1.0x the floor).
func BenchmarkEvaluateInto(b *testing.B) {
	fw := thresholds.Default()
	cases := bsCases()
	var buf thresholds.DecisionBuffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.EvaluateInto(cases[i], &buf); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}

// BenchmarkEvaluateIntoFromStrings is BenchmarkEvaluateInto from the code strings, each
// parsed with continuum.ParseCode into a reused case, as BenchmarkEvaluateFromStrings
// does for Evaluate.
func BenchmarkEvaluateIntoFromStrings(b *testing.B) {
	fw := thresholds.Default()
	cases := bnCases()
	codes := make([]continuum.Code, 0, bnMaxCodes)
	var buf thresholds.DecisionBuffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		codes = codes[:0]
		for _, s := range cases[i] {
			c, err := continuum.ParseCode(s)
			if err != nil {
				b.Fatal(err)
			}
			codes = append(codes, c)
		}
		if _, err := fw.EvaluateInto(thresholds.Case{Indicators: codes}, &buf); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}

// BenchmarkEvaluateTextInto measures the zero-allocation full decision from the code
// strings, the floor's very input (target: at most 1.0x BenchmarkFloor).
func BenchmarkEvaluateTextInto(b *testing.B) {
	fw := thresholds.Default()
	cases := bnCases()
	var buf thresholds.DecisionBuffer
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.EvaluateTextInto(cases[i], &buf); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}
