package thresholds_test

import (
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "bn".

// bnNumCases is the size of the benchmark corpus; bnMaxCodes bounds a case's codes.
const (
	bnNumCases = 10_000
	bnMaxCodes = 12
)

// bnCases returns 10,000 deterministic random cases of 0 to 12 codes drawn (with
// repetition, as practitioners repeat themselves) from the England catalogue. The seed is
// fixed, so every run measures the same cases.
var bnCases = sync.OnceValue(func() [][]string {
	var catalogue []string
	for ind := range thresholds.Default().Indicators() {
		catalogue = append(catalogue, ind.Code.String())
	}
	r := rand.New(rand.NewPCG(0x7e57_5eed, 2026))
	cases := make([][]string, bnNumCases)
	for i := range cases {
		c := make([]string, r.IntN(bnMaxCodes+1))
		for j := range c {
			c[j] = catalogue[r.IntN(len(catalogue))]
		}
		cases[i] = c
	}
	return cases
})

// bnResolved resolves every benchmark case against fw.
func bnResolved(tb testing.TB, fw *thresholds.Framework) []thresholds.Resolved {
	tb.Helper()
	cases := bnCases()
	rs := make([]thresholds.Resolved, len(cases))
	for i, codes := range cases {
		r, err := fw.Resolve(thresholds.Case{Indicators: evCodes(codes...)})
		require.NoError(tb, err)
		rs[i] = r
	}
	return rs
}

func TestBenchCorpus(t *testing.T) {
	cases := bnCases()
	require.Len(t, cases, bnNumCases)
	sizes := make(map[int]int)
	for _, c := range cases {
		sizes[len(c)]++
	}
	for n := 0; n <= bnMaxCodes; n++ {
		assert.Positive(t, sizes[n], "some case has %d codes", n)
	}
	assert.Len(t, sizes, bnMaxCodes+1, "no case has more than %d codes", bnMaxCodes)
	// The corpus reaches every rule, so the benchmarks measure a realistic mix.
	fw := thresholds.Default()
	rules := make(map[thresholds.DecisionRule]int)
	for _, r := range bnResolved(t, fw) {
		o, err := fw.Decide(r)
		require.NoError(t, err)
		rules[o.Rule]++
	}
	for rule := thresholds.ByImmediateDanger; rule <= thresholds.ByNoNeeds; rule++ {
		assert.Positive(t, rules[rule], "the corpus reaches %s", rule)
	}
}

// TestDecideAllocatesNothing pins the promise that deciding a resolved case allocates
// nothing, and that resolving a known-good case does not either.
func TestDecideAllocatesNothing(t *testing.T) {
	fw := thresholds.Default()
	rs := bnResolved(t, fw)[:1000]
	sink := 0
	allocs := testing.AllocsPerRun(100, func() {
		for _, r := range rs {
			o, err := fw.Decide(r)
			if err != nil {
				panic(err)
			}
			sink += int(o.Level)
		}
	})
	assert.Zero(t, allocs, "Decide allocates %.2f per 1000 decisions", allocs)

	cases := make([]thresholds.Case, 1000)
	for i, codes := range bnCases()[:len(cases)] {
		cases[i] = thresholds.Case{Indicators: evCodes(codes...)}
	}
	allocs = testing.AllocsPerRun(100, func() {
		for _, c := range cases {
			r, err := fw.Resolve(c)
			if err != nil {
				panic(err)
			}
			sink += r.Len()
		}
	})
	assert.Zero(t, allocs, "Resolve of known codes allocates %.2f per 1000 cases", allocs)
	assert.Positive(t, sink)
}

// BenchmarkEvaluateFromStrings measures the whole path from code strings to a Decision:
// parse every code into a reused buffer, then Evaluate. Target: <= 600 ns/decision.
func BenchmarkEvaluateFromStrings(b *testing.B) {
	fw := thresholds.Default()
	cases := bnCases()
	buf := make([]continuum.Code, 0, bnMaxCodes)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		buf = buf[:0]
		for _, s := range cases[i] {
			c, err := continuum.ParseCode(s)
			if err != nil {
				b.Fatal(err)
			}
			buf = append(buf, c)
		}
		if _, err := fw.Evaluate(thresholds.Case{Indicators: buf}); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}

// BenchmarkDecideResolved measures deciding a case resolved beforehand. Target: <= 150
// ns/decision and 0 allocs/op.
func BenchmarkDecideResolved(b *testing.B) {
	fw := thresholds.Default()
	rs := bnResolved(b, fw)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.Decide(rs[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(rs) {
			i = 0
		}
	}
}

// BenchmarkResolve measures resolving parsed codes into a set.
func BenchmarkResolve(b *testing.B) {
	fw := thresholds.Default()
	cases := make([]thresholds.Case, bnNumCases)
	for i, codes := range bnCases() {
		cases[i] = thresholds.Case{Indicators: evCodes(codes...)}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.Resolve(cases[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(cases) {
			i = 0
		}
	}
}

// BenchmarkParseEngland measures parsing and compiling the England document. Target:
// <= 1 ms.
func BenchmarkParseEngland(b *testing.B) {
	data := ptRead(b, "frameworks/england-2023.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := thresholds.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExplain measures the practitioner's paragraph for decisions made beforehand.
func BenchmarkExplain(b *testing.B) {
	fw := thresholds.Default()
	cases := bnCases()
	ds := make([]thresholds.Decision, len(cases))
	for i, codes := range cases {
		d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(codes...)})
		require.NoError(b, err)
		ds[i] = d
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.Explain(ds[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(ds) {
			i = 0
		}
	}
}
