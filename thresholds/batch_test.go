package thresholds_test

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "bt".

// btCorpus returns n random cases of 0 to 12 codes from the England and Kent catalogues
// (so Kent's own codes are unknown to England and the other way round), and now and
// then a code no catalogue has.
func btCorpus(n int, seed uint64) []thresholds.Case {
	var pool []continuum.Code
	seen := make(map[continuum.Code]bool)
	for _, id := range []string{"england", "kent"} {
		fw, err := thresholds.Builtin(id)
		if err != nil {
			panic(err)
		}
		for ind := range fw.Indicators() {
			if !seen[ind.Code] {
				seen[ind.Code] = true
				pool = append(pool, ind.Code)
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 14))
	cases := make([]thresholds.Case, n)
	for i := range cases {
		codes := make([]continuum.Code, rng.IntN(13))
		for j := range codes {
			codes[j] = pool[rng.IntN(len(pool))]
			if rng.IntN(1000) == 0 {
				codes[j] = continuum.MustParseCode("ZZ-99")
			}
		}
		cases[i].Indicators = codes
	}
	return cases
}

// btProcs runs f with GOMAXPROCS at 1 and at 4, so that the batch functions run both on
// the calling goroutine and on several, whatever the machine.
func btProcs(t *testing.T, f func(t *testing.T)) {
	for _, procs := range []int{1, 4} {
		t.Run("procs"+string(rune('0'+procs)), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			f(t)
		})
	}
}

func TestEvaluateAll(t *testing.T) {
	fw := thresholds.Default()
	cases := btCorpus(5000, 1)
	btProcs(t, func(t *testing.T) {
		ds, errs := fw.EvaluateAll(cases)
		require.Len(t, ds, len(cases))
		require.Len(t, errs, len(cases), "the corpus has undecidable cases")
		failed := 0
		for i, c := range cases {
			want, wantErr := fw.Evaluate(c)
			if wantErr != nil {
				failed++
				require.Error(t, errs[i], "case %d", i)
				assert.Equal(t, wantErr.Error(), errs[i].Error(), "case %d", i)
				assert.Equal(t, thresholds.Decision{}, ds[i], "case %d", i)
				continue
			}
			assert.NoError(t, errs[i], "case %d", i)
			bfEqual(t, want, ds[i], "EvaluateAll differs from Evaluate")
		}
		assert.Positive(t, failed)
		assert.Less(t, failed, len(cases)/2)
	})
	ds, errs := fw.EvaluateAll(nil)
	assert.Empty(t, ds)
	assert.Nil(t, errs)
	ds, errs = fw.EvaluateAll(bsCases())
	assert.Len(t, ds, bnNumCases)
	assert.Nil(t, errs, "no error: errs is nil")
}

func TestSummariseAll(t *testing.T) {
	fw, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	cases := btCorpus(5000, 2)
	btProcs(t, func(t *testing.T) {
		ss, errs := fw.SummariseAll(cases)
		require.Len(t, ss, len(cases))
		require.Len(t, errs, len(cases))
		for i, c := range cases {
			d, err := fw.Evaluate(c)
			if err != nil {
				require.Error(t, errs[i], "case %d", i)
				assert.Equal(t, err.Error(), errs[i].Error(), "case %d", i)
				assert.Zero(t, ss[i])
				continue
			}
			assert.NoError(t, errs[i], "case %d", i)
			assert.Equal(t, thresholds.Summary{Level: d.Level, Urgency: d.Urgency, Rule: d.Rule()}, ss[i], "case %d", i)
		}
	})
}

func TestCompareCorpus(t *testing.T) {
	england := thresholds.Default()
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	lower, err := thresholds.Parse([]byte(lowerStepUp))
	require.NoError(t, err)
	cases := btCorpus(7000, 3)
	for _, pair := range [][2]*thresholds.Framework{{england, kent}, {england, lower}, {kent, england}} {
		want := thresholds.CompareFrameworks(pair[0], pair[1], slices.Values(cases))
		require.NotEmpty(t, want.Changes)
		btProcs(t, func(t *testing.T) {
			got := thresholds.CompareCorpus(pair[0], pair[1], cases)
			// Errors are compared by text: each call makes its own findings.
			if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool {
				return (a == nil) == (b == nil) && (a == nil || a.Error() == b.Error())
			})); diff != "" {
				t.Fatalf("CompareCorpus differs from CompareFrameworks (-want +got):\n%s", diff)
			}
		})
	}
	assert.Equal(t, thresholds.Impact{}, thresholds.CompareCorpus(england, kent, nil))
}

// btMillion returns a corpus of 1,000,000 cases: the benchmark corpus 100 times over.
var btMillion = sync.OnceValue(func() []thresholds.Case {
	base := bsCases()
	cases := make([]thresholds.Case, 0, 100*len(base))
	for range 100 {
		cases = append(cases, base...)
	}
	return cases
})

// BenchmarkEvaluateAll1M measures EvaluateAll on 1,000,000 cases; ns/op is per corpus.
func BenchmarkEvaluateAll1M(b *testing.B) {
	fw, cases := thresholds.Default(), btMillion()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := fw.EvaluateAll(cases); errs != nil {
			b.Fatal("undecidable cases")
		}
	}
}

// BenchmarkEvaluateLoop1M is BenchmarkEvaluateAll1M with a loop of Evaluate calls on
// one goroutine, for comparison.
func BenchmarkEvaluateLoop1M(b *testing.B) {
	fw, cases := thresholds.Default(), btMillion()
	b.ReportAllocs()
	for b.Loop() {
		ds := make([]thresholds.Decision, len(cases))
		for i, c := range cases {
			d, err := fw.Evaluate(c)
			if err != nil {
				b.Fatal(err)
			}
			ds[i] = d
		}
	}
}

// BenchmarkSummariseAll1M measures scoring 1,000,000 cases on every core.
func BenchmarkSummariseAll1M(b *testing.B) {
	fw, cases := thresholds.Default(), btMillion()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := fw.SummariseAll(cases); errs != nil {
			b.Fatal("undecidable cases")
		}
	}
}

// BenchmarkCompareCorpus1M measures comparing two frameworks over 1,000,000 cases on
// every core.
func BenchmarkCompareCorpus1M(b *testing.B) {
	before, cases := thresholds.Default(), btMillion()
	after, err := thresholds.Parse([]byte(lowerStepUp))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if im := thresholds.CompareCorpus(before, after, cases); im.Cases != len(cases) {
			b.Fatal("cases lost")
		}
	}
}

// BenchmarkCompareFrameworks1M is BenchmarkCompareCorpus1M on one goroutine.
func BenchmarkCompareFrameworks1M(b *testing.B) {
	before, cases := thresholds.Default(), btMillion()
	after, err := thresholds.Parse([]byte(lowerStepUp))
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		if im := thresholds.CompareFrameworks(before, after, slices.Values(cases)); im.Cases != len(cases) {
			b.Fatal("cases lost")
		}
	}
}
