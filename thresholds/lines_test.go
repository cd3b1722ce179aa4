package thresholds_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "ln".

// lnWant returns what SummariseLines must give for data: each non-blank line read by
// one CaseReader and its case summarised by SummariseAll, the errors under the line's
// path.
func lnWant(t testing.TB, fw *thresholds.Framework, data []byte) []thresholds.LineSummary {
	t.Helper()
	var want []thresholds.LineSummary
	cr := thresholds.NewCaseReader(bytes.NewReader(data))
	for {
		c, err := cr.Next()
		if err == io.EOF {
			return want
		}
		ls := thresholds.LineSummary{Line: cr.Line(), Err: err}
		if err == nil {
			ss, errs := fw.SummariseAll([]thresholds.Case{c})
			ls.Summary = ss[0]
			if errs != nil {
				var fs continuum.Findings
				require.ErrorAs(t, errs[0], &fs)
				ls.Err = fs.Within("lines[" + strconv.Itoa(cr.Line()) + "]").Err()
			}
		}
		want = append(want, ls)
	}
}

// lnEqual fails unless got is want: the same lines, summaries and errors (by text, and
// as findings by path and rule).
func lnEqual(t testing.TB, want, got []thresholds.LineSummary) {
	t.Helper()
	require.Equal(t, len(want), len(got))
	for i := range want {
		w, g := want[i], got[i]
		require.Equal(t, w.Line, g.Line, "entry %d", i)
		require.Equal(t, w.Summary, g.Summary, "line %d", w.Line)
		require.Equal(t, w.Err == nil, g.Err == nil, "line %d: %v, want %v", w.Line, g.Err, w.Err)
		if w.Err != nil {
			require.Equal(t, w.Err.Error(), g.Err.Error(), "line %d", w.Line)
			var wf, gf continuum.Findings
			require.ErrorAs(t, w.Err, &wf)
			require.ErrorAs(t, g.Err, &gf)
			require.Equal(t, jlRules(wf), jlRules(gf), "line %d", w.Line)
		}
	}
}

// lnCorpus returns lines of every kind: plain lines of the framework's codes (the fast
// path), lines with a code it does not know, lines near the plain shape (jlRandomLine),
// lines with a ref, blank lines and one line too long.
func lnCorpus(fw *thresholds.Framework, n int, seed uint64) []byte {
	var codes []string
	for ind := range fw.Indicators() {
		codes = append(codes, ind.Code.String())
	}
	r := rand.New(rand.NewPCG(seed, 15))
	var b bytes.Buffer
	for i := range n {
		switch k := r.IntN(10); {
		case i == n/2:
			b.WriteString(`{"indicators":["` + strings.Repeat("A", thresholds.MaxCaseLine) + `"]}`)
		case k < 5:
			var list []string
			for range r.IntN(13) {
				list = append(list, codes[r.IntN(len(codes))])
			}
			line, _ := json.Marshal(map[string][]string{"indicators": list})
			b.Write(line)
		case k == 5:
			b.WriteString(`{"indicators": ["HLT-2-01", "ZZ-99"]}`)
		case k == 6:
			b.WriteString(`{"indicators": ["SH-01"], "ref": "case-1"}`)
		case k == 7:
			b.WriteString("  ")
		default:
			b.Write(bytes.ReplaceAll(jlRandomLine(r), []byte("\n"), []byte(" ")))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// TestSummariseLines checks, for every framework, at GOMAXPROCS 1 and 4, that
// SummariseLines gives each line what reading it and SummariseAll give: the same
// summaries and the same errors, in line order.
func TestSummariseLines(t *testing.T) {
	for _, fw := range evAllFrameworks(t) {
		t.Run(fw.ID(), func(t *testing.T) {
			data := lnCorpus(fw, 6000, 1)
			want := lnWant(t, fw, data)
			decided, failed := 0, 0
			for _, w := range want {
				if w.Err == nil {
					decided++
				} else {
					failed++
				}
			}
			require.Greater(t, decided, 2000)
			require.Greater(t, failed, 1000)
			btProcs(t, func(t *testing.T) {
				got, err := fw.SummariseLines(bytes.NewReader(data))
				require.NoError(t, err)
				lnEqual(t, want, got)
			})
		})
	}
}

// TestSummariseLinesEdges: a failure to read keeps the lines before it, a nil framework
// is refused, an empty corpus has no lines, and no error repeats the input.
func TestSummariseLinesEdges(t *testing.T) {
	fw := thresholds.Default()
	btProcs(t, func(t *testing.T) {
		boom := errors.New("boom")
		good := jlCorpus(t, bsCases()[:3000])
		got, err := fw.SummariseLines(io.MultiReader(bytes.NewReader(good), iotest.ErrReader(boom)))
		assert.ErrorIs(t, err, boom)
		assert.Len(t, got, 3000)

		got, err = fw.SummariseLines(strings.NewReader("\n \n"))
		assert.NoError(t, err)
		assert.Empty(t, got)

		probe := `{"indicators": ["SAMPLEFREETEXT"], "ref": "Sample Free Text"}` + "\n" + `{"Sample Free Text": 1}`
		got, err = fw.SummariseLines(strings.NewReader(probe))
		require.NoError(t, err)
		require.Len(t, got, 2)
		for _, ls := range got {
			require.Error(t, ls.Err)
			assert.NotContains(t, strings.ToLower(ls.Err.Error()), "sample")
		}
	})
	var none *thresholds.Framework
	_, err := none.SummariseLines(strings.NewReader(`{"indicators":[]}`))
	assert.ErrorIs(t, err, thresholds.ErrNoFramework)
}

// TestSummariseLinesAllocations: plain lines of known codes make no case, so a corpus
// costs a few allocations a block of lines, not one a line.
func TestSummariseLinesAllocations(t *testing.T) {
	fw := thresholds.Default()
	data := jlCorpus(t, bsCases())
	btProcs(t, func(t *testing.T) {
		allocs := testing.AllocsPerRun(5, func() {
			if _, err := fw.SummariseLines(bytes.NewReader(data)); err != nil {
				panic(err)
			}
		})
		assert.Less(t, allocs, float64(bnNumCases)/50, "allocations for %d lines", bnNumCases)
	})
}

// FuzzSummariseLines checks that SummariseLines gives any input what reading it line
// by line and SummariseAll give, and never panics.
func FuzzSummariseLines(f *testing.F) {
	f.Add([]byte(`{"indicators":["HLT-2-01","EDU-2-01"]}` + "\n"))
	f.Add([]byte("{\"indicators\": [\"SH-01\", \"ZZ-99\"]}\n\n{\"indicators\":[]}"))
	f.Add([]byte(`{"indicators":["HLT-2-0\u0031"],"ref":"x"}` + "\n[1]\n{"))
	f.Add([]byte(`{"indicators":["HLT-2-01",]}`))
	kent, err := thresholds.Builtin("kent")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := kent.SummariseLines(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		lnEqual(t, lnWant(t, kent, data), got)
	})
}

// BenchmarkSummariseLines scores the 10,000 benchmark cases straight from JSON lines on
// every core; compare BenchmarkReadAndSummarise (ReadCases, then SummariseAll) and
// BenchmarkSummariseCases (SummariseAll alone, on cases decoded beforehand).
func BenchmarkSummariseLines(b *testing.B) {
	fw := thresholds.Default()
	data := jlCorpus(b, bsCases())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sums, err := fw.SummariseLines(bytes.NewReader(data))
		if err != nil || len(sums) != bnNumCases {
			b.Fatal("lines lost")
		}
	}
}

// BenchmarkSummariseCases is SummariseAll over the same 10,000 cases, decoded beforehand.
func BenchmarkSummariseCases(b *testing.B) {
	fw := thresholds.Default()
	cases := bsCases()
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := fw.SummariseAll(cases); errs != nil {
			b.Fatal("undecidable cases")
		}
	}
}

// TestLineSummaryJSON: a decided line marshals its number and gist, an undecided one its
// number and findings.
func TestLineSummaryJSON(t *testing.T) {
	fw := thresholds.Default()
	sums, err := fw.SummariseLines(strings.NewReader(`{"indicators":["SH-01"]}` + "\n" + `{"indicators":["ZZ-99"]}`))
	require.NoError(t, err)
	require.Len(t, sums, 2)
	got, err := json.Marshal(sums)
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"line":1,"level":"specialist","urgency":"same-day","rule":"significant-harm"},
		{"line":2,"errors":[{"path":"lines[2].indicators[0]","rule":"unknown-indicator","severity":"error","message":"the code is well-formed but not in the framework's catalogue"}]}
	]`, string(got))
}
