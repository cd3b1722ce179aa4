package thresholds_test

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// TestAppendExplainIsExplain checks that AppendExplain appends exactly Explain's text,
// after whatever the buffer held, on random decisions of every framework: as made by
// Evaluate, and read back from JSON (whose codes are not the framework's own strings).
func TestAppendExplainIsExplain(t *testing.T) {
	for _, fw := range evAllFrameworks(t) {
		t.Run(fw.ID(), func(t *testing.T) {
			var codes []continuum.Code
			for ind := range fw.Indicators() {
				codes = append(codes, ind.Code)
			}
			rng := rand.New(rand.NewPCG(14, 9))
			buf := make([]byte, 0, 64)
			for i := range 2000 {
				c := thresholds.Case{}
				for range rng.IntN(10) {
					c.Indicators = append(c.Indicators, codes[rng.IntN(len(codes))])
				}
				d, err := fw.Evaluate(c)
				require.NoError(t, err)
				if i%2 == 1 {
					data, err := json.Marshal(d)
					require.NoError(t, err)
					d = thresholds.Decision{}
					require.NoError(t, json.Unmarshal(data, &d))
				}
				want, err := fw.Explain(d)
				require.NoError(t, err)
				buf = append(buf[:0], "prefix|"...)
				got, err := fw.AppendExplain(buf, d)
				require.NoError(t, err)
				require.Equal(t, "prefix|"+want, string(got), "case %d", i)
				buf = got
			}
		})
	}
}

// TestAppendExplainErrors checks that AppendExplain refuses what Explain refuses, with
// the same error, and returns the buffer unchanged.
func TestAppendExplainErrors(t *testing.T) {
	england, kent := thresholds.Default(), evFramework(t, "kent")
	good := exEvaluate(t, england, "HLT-2-01", "EDU-2-01", "BCA-2-01")
	forgedLevel := good.Clone()
	forgedLevel.Level = continuum.Additional
	forgedCode := good.Clone()
	forgedCode.Reasons[0].Indicators[1] = continuum.MustParseCode("EDU-2-02")
	forgedCite := good.Clone()
	forgedCite.Reasons[0].Citations[0].Title = "another title"
	for name, tc := range map[string]struct {
		fw *thresholds.Framework
		d  thresholds.Decision
	}{
		"foreign":      {kent, good},
		"zero":         {england, thresholds.Decision{}},
		"forged-level": {england, forgedLevel},
		"forged-code":  {england, forgedCode},
		"forged-cite":  {england, forgedCite},
		"no-framework": {nil, good},
	} {
		t.Run(name, func(t *testing.T) {
			_, want := tc.fw.Explain(tc.d)
			require.Error(t, want)
			buf := append(make([]byte, 0, 4096), "prefix"...)
			got, err := tc.fw.AppendExplain(buf, tc.d)
			require.Error(t, err)
			assert.Equal(t, want.Error(), err.Error())
			assert.Equal(t, "prefix", string(got))
			assert.Equal(t, cap(buf), cap(got), "the same buffer comes back")
		})
	}
}

// TestExplainAllocations pins Explain at one allocation (its text) and AppendExplain at
// none when the buffer has room.
func TestExplainAllocations(t *testing.T) {
	fw := thresholds.Default()
	var ds []thresholds.Decision
	for _, codes := range bnCases()[:200] {
		ds = append(ds, exEvaluate(t, fw, codes...))
	}
	buf := make([]byte, 0, 16<<10)
	allocs := testing.AllocsPerRun(20, func() {
		for _, d := range ds {
			var err error
			if buf, err = fw.AppendExplain(buf[:0], d); err != nil {
				panic(err)
			}
		}
	})
	assert.Zero(t, allocs, "AppendExplain allocates %.2f per 200 paragraphs", allocs)
	allocs = testing.AllocsPerRun(20, func() {
		for _, d := range ds {
			if _, err := fw.Explain(d); err != nil {
				panic(err)
			}
		}
	})
	assert.Equal(t, 200.0, allocs, "Explain allocates %.2f per 200 paragraphs", allocs)
}

// BenchmarkAppendExplain is BenchmarkExplain writing into one reused buffer.
func BenchmarkAppendExplain(b *testing.B) {
	fw := thresholds.Default()
	cases := bnCases()
	ds := make([]thresholds.Decision, len(cases))
	for i, codes := range cases {
		ds[i] = exEvaluate(b, fw, codes...)
	}
	buf := make([]byte, 0, 16<<10)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		var err error
		if buf, err = fw.AppendExplain(buf[:0], ds[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(ds) {
			i = 0
		}
	}
}
