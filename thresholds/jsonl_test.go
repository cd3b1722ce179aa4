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
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "jl".

// jlCorpus writes cases as JSON lines with encoding/json.
func jlCorpus(tb testing.TB, cases []thresholds.Case) []byte {
	tb.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, c := range cases {
		require.NoError(tb, enc.Encode(c))
	}
	return b.Bytes()
}

// jlStrict decodes one line with the strict document decoder.
func jlStrict(line []byte) (thresholds.Case, continuum.Findings) {
	var c thresholds.Case
	fs := document.Decode(line, &c)
	return c, fs
}

func TestReadCasesRoundTrip(t *testing.T) {
	cases := bsCases()
	got, err := thresholds.ReadCases(bytes.NewReader(jlCorpus(t, cases)))
	require.NoError(t, err)
	require.Len(t, got, len(cases))
	for i := range cases {
		if len(cases[i].Indicators) == 0 {
			assert.Empty(t, got[i].Indicators)
			continue
		}
		assert.Equal(t, cases[i], got[i], "line %d", i+1)
	}
}

func TestReadCasesLines(t *testing.T) {
	const probe = "Sample Free Text"
	input := strings.Join([]string{
		`{"indicators":["HLT-2-01","EDU-2-01"]}`, // 1: fast path
		``,                                       // 2: blank
		`  { "indicators" : [ "SH-01" ] }  `,     // 3: fast path with spaces
		`{"indicators":["HLT-2-01"],"ref":"` + probe + `"}`, // 4: strict path, with a ref
		`{"indicators":["HLT-2-0\u0031"]}`,                  // 5: strict path, an escape
		`{"indicators":["` + probe + `"]}`,                  // 6: a bad code
		`{"indicators":["HLT-2-01"]`,                        // 7: cut short
		`{"` + probe + `":1}`,                               // 8: an unknown field
		`{"indicators":[]}`,                                 // 9: no codes
		`[1,2]`,                                             // 10: not an object
		"{\"indicators\":[\"EDU-2-01\"]}\r",                 // 11: CRLF line end
		`{"indicators":["HLT-2-01","HLT-2-01"]} ` + probe,   // 12: trailing data
		`{"indicators":["EDU-2-01"]}`,                       // 13: last line, no newline
	}, "\n")
	got, err := thresholds.ReadCases(strings.NewReader(input))
	var fs continuum.Findings
	require.ErrorAs(t, err, &fs)
	type finding struct{ path, rule string }
	var found []finding
	for _, f := range fs {
		found = append(found, finding{f.Path, f.Rule})
		assert.NotContains(t, f.Msg, "Sample", "a finding never repeats the input")
		assert.NotContains(t, f.Path, "Sample")
	}
	assert.ElementsMatch(t, []finding{
		{"lines[6].indicators[0]", document.RuleInvalidValue},
		{"lines[7]", document.RuleJSONSyntax},
		{"lines[8].{0}", document.RuleUnknownField},
		{"lines[10]", document.RuleWrongType},
		{"lines[12]", document.RuleTrailingData},
	}, found)
	assert.NotContains(t, err.Error(), "Sample")
	want := [][]string{{"HLT-2-01", "EDU-2-01"}, {"SH-01"}, {"HLT-2-01"}, {"HLT-2-01"}, {}, {"EDU-2-01"}, {"EDU-2-01"}}
	require.Len(t, got, len(want))
	for i, codes := range want {
		assert.Equal(t, codes, jlStrings(got[i].Indicators), "case %d", i)
	}
	assert.Equal(t, probe, got[2].Ref, "the strict path keeps the ref")
	assert.NotNil(t, got[4].Indicators, "an empty list is empty, not missing")
}

func jlStrings(codes []continuum.Code) []string {
	out := []string{}
	for _, c := range codes {
		out = append(out, c.String())
	}
	return out
}

func TestCaseReaderNext(t *testing.T) {
	r := thresholds.NewCaseReader(strings.NewReader("\n{\"indicators\":[\"SH-01\"]}\nnot json\n\n{\"indicators\":[]}\n"))
	c, err := r.Next()
	require.NoError(t, err)
	assert.Equal(t, 2, r.Line())
	assert.Equal(t, []string{"SH-01"}, jlStrings(c.Indicators))
	_, err = r.Next()
	require.Error(t, err)
	assert.Equal(t, 3, r.Line())
	c, err = r.Next()
	require.NoError(t, err)
	assert.Equal(t, 5, r.Line())
	assert.Empty(t, c.Indicators)
	_, err = r.Next()
	assert.Equal(t, io.EOF, err)
	_, err = r.Next()
	assert.Equal(t, io.EOF, err)

	var zero thresholds.CaseReader
	_, err = zero.Next()
	assert.Equal(t, io.EOF, err)
}

func TestCaseReaderLongLine(t *testing.T) {
	long := `{"indicators":["` + strings.Repeat("A", thresholds.MaxCaseLine) + `"]}`
	input := long + "\n" + `{"indicators":["SH-01"]}` + "\n"
	got, err := thresholds.ReadCases(strings.NewReader(input))
	var fs continuum.Findings
	require.ErrorAs(t, err, &fs)
	require.Len(t, fs, 1)
	assert.Equal(t, "lines[1]", fs[0].Path)
	assert.Equal(t, thresholds.RuleLineTooLong, fs[0].Rule)
	require.Len(t, got, 1)
	assert.Equal(t, []string{"SH-01"}, jlStrings(got[0].Indicators))
}

func TestCaseReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader(`{"indicators":["SH-01"]}`+"\n"), iotest.ErrReader(boom))
	got, err := thresholds.ReadCases(r)
	assert.ErrorIs(t, err, boom)
	assert.Len(t, got, 1)
}

// TestCaseReaderKeepsCases checks that a case's codes are its own: reading on does not
// change the cases read before.
func TestCaseReaderKeepsCases(t *testing.T) {
	data := jlCorpus(t, bsCases()[:3000])
	r := thresholds.NewCaseReader(bytes.NewReader(data))
	var kept []thresholds.Case
	var copies [][]string
	for {
		c, err := r.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		kept = append(kept, c)
		copies = append(copies, jlStrings(c.Indicators))
		if len(c.Indicators) > 0 {
			_ = append(c.Indicators, continuum.MustParseCode("XX-01"))
		}
	}
	for i := range kept {
		assert.Equal(t, copies[i], jlStrings(kept[i].Indicators), "case %d", i)
	}
}

// FuzzCaseReader checks that reading a line gives what the strict decoder gives: the
// same case when it decodes, a finding when it does not; and never a panic.
func FuzzCaseReader(f *testing.F) {
	f.Add([]byte(`{"indicators":["HLT-2-01","EDU-2-01"]}`)) // the fast path
	f.Add([]byte(` { "indicators" : [ ] } `))               // spaces, no codes
	f.Add([]byte(`{"indicators":["HLT-2-01"],"ref":"x"}`))  // a ref: the strict path
	f.Add([]byte(`{"indicators":["HLT\u002d2-01"]}`))       // an escape
	f.Add([]byte(`{"indicators":["bad code"]}`))            // a bad code
	f.Add([]byte(`{"indicators":["SH-01"],}`))              // a trailing comma
	f.Add([]byte(`{"indicators":null}`))                    // null
	f.Add([]byte(`{"indicators":["SH-01"]}{}`))             // trailing data
	f.Fuzz(func(t *testing.T, line []byte) {
		if bytes.ContainsAny(line, "\n") || len(line) > thresholds.MaxCaseLine {
			t.Skip("one line at a time")
		}
		got, err := thresholds.ReadCases(bytes.NewReader(line))
		trimmed := bytes.TrimSpace(line)
		if len(trimmed) == 0 {
			require.NoError(t, err)
			require.Empty(t, got)
			return
		}
		want, fs := jlStrict(trimmed)
		if len(fs) > 0 {
			require.Error(t, err)
			require.Empty(t, got)
			return
		}
		require.NoError(t, err)
		require.Len(t, got, 1)
		require.Equal(t, want.Ref, got[0].Ref)
		require.Equal(t, want.Indicators == nil, got[0].Indicators == nil)
		require.Equal(t, jlStrings(want.Indicators), jlStrings(got[0].Indicators))
	})
}

// jlRandomLine returns a line near the plain shape: codes drawn from pieces the fast
// path must take or hand on (known codes, new codes of every length, escapes, non-ASCII,
// quotes), spaces anywhere, and now and then a byte changed, dropped or added.
func jlRandomLine(r *rand.Rand) []byte {
	codes := []string{
		"HLT-2-01", "EDU-2-01", "SH-01", "AB", "A1", "ABC", "AB-12", "ABCDEFG", "ABCDEFGH",
		"ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ", strings.Repeat("A", 24),
		strings.Repeat("B", 25), "", "A", `HLT\u002d2-01`, `SH\"01`, "SH-0é", "SH 01", "sh-01",
		"SH-\t1", "HLT-2-01\u0000",
	}
	sp := func() string { return []string{"", "", "", " ", "\t", "  "}[r.IntN(6)] }
	var b strings.Builder
	b.WriteString(sp() + "{" + sp() + `"indicators"` + sp() + ":" + sp() + "[")
	for i := range r.IntN(8) {
		if i > 0 {
			b.WriteString(sp() + ",")
		}
		b.WriteString(sp() + `"` + codes[r.IntN(len(codes))] + `"`)
	}
	b.WriteString(sp() + "]" + sp() + "}" + sp())
	line := []byte(b.String())
	for range r.IntN(3) * r.IntN(2) {
		i := r.IntN(len(line))
		switch c := `{}[],:" \ab-1`[r.IntN(13)]; r.IntN(3) {
		case 0:
			line[i] = c
		case 1:
			line = append(line[:i], line[i+1:]...)
		default:
			line = append(line[:i], append([]byte{c}, line[i:]...)...)
		}
	}
	return line
}

// TestCaseReaderAgreesWithStrict checks, over random lines near the plain shape read as
// one corpus (so that codes seen on earlier lines are found again), that every line
// gives what the strict decoder gives it alone: the same codes, or the same findings.
func TestCaseReaderAgreesWithStrict(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 4))
	var lines [][]byte
	for range 20000 {
		line := jlRandomLine(r)
		if bytes.ContainsAny(line, "\n\r") || len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		lines = append(lines, line)
	}
	cr := thresholds.NewCaseReader(bytes.NewReader(bytes.Join(lines, []byte("\n"))))
	good := 0
	for i, line := range lines {
		c, err := cr.Next()
		require.Equal(t, i+1, cr.Line())
		want, wantFs := jlStrict(bytes.TrimSpace(line))
		if len(wantFs) > 0 {
			var fs continuum.Findings
			require.ErrorAs(t, err, &fs, "line %d", i+1)
			require.Equal(t, jlRules(wantFs.Within("lines["+strconv.Itoa(i+1)+"]")), jlRules(fs), "line %d", i+1)
			continue
		}
		require.NoError(t, err, "line %d", i+1)
		require.Equal(t, jlStrings(want.Indicators), jlStrings(c.Indicators), "line %d", i+1)
		require.NotNil(t, c.Indicators, "line %d", i+1)
		if len(c.Indicators) > 0 {
			good++
		}
	}
	_, err := cr.Next()
	require.Equal(t, io.EOF, err)
	require.Greater(t, good, 2000, "many random lines decode, with codes")
}

// jlRules returns the paths and rules of findings.
func jlRules(fs continuum.Findings) []string {
	out := []string{}
	for _, f := range fs {
		out = append(out, f.Path+" "+f.Rule)
	}
	return out
}

// BenchmarkReadCases measures reading the 10,000 benchmark cases from JSON lines (most
// lines on the scanner's path); ns/op is per corpus.
func BenchmarkReadCases(b *testing.B) {
	data := jlCorpus(b, bsCases())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cases, err := thresholds.ReadCases(bytes.NewReader(data))
		if err != nil || len(cases) != bnNumCases {
			b.Fatal("cases lost")
		}
	}
}

// BenchmarkReadCasesStrict is BenchmarkReadCases with every line through the strict
// document decoder, as a reader without the scanner would do.
func BenchmarkReadCasesStrict(b *testing.B) {
	data := jlCorpus(b, bsCases())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cases := make([]thresholds.Case, 0, bnNumCases)
		for line := range bytes.Lines(data) {
			c, fs := jlStrict(bytes.TrimSpace(line))
			if len(fs) > 0 {
				b.Fatal(fs)
			}
			cases = append(cases, c)
		}
	}
}

// BenchmarkReadAndSummarise measures reading the 10,000 cases from JSON lines and
// scoring them on every core, so that the share of decoding shows.
func BenchmarkReadAndSummarise(b *testing.B) {
	fw := thresholds.Default()
	data := jlCorpus(b, bsCases())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cases, err := thresholds.ReadCases(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := fw.SummariseAll(cases); errs != nil {
			b.Fatal("undecidable cases")
		}
	}
}

// BenchmarkReadAndEvaluate measures reading the 10,000 cases from JSON lines and
// evaluating each on one goroutine, so that the share of decoding in a read-then-score
// pipeline shows; ns/op is per corpus.
func BenchmarkReadAndEvaluate(b *testing.B) {
	fw := thresholds.Default()
	data := jlCorpus(b, bsCases())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		cases, err := thresholds.ReadCases(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cases {
			if _, err := fw.Evaluate(c); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// TestReadCasesOnEveryCore checks that ReadCases, decoding blocks of lines on every core,
// gives what one CaseReader gives line by line: the same cases in the same order and the
// same findings (paths, rules and messages) in line order, over a corpus of good, bad,
// blank and overlong lines spanning many blocks; and that a failure to read keeps the
// cases before it.
func TestReadCasesOnEveryCore(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	var lines [][]byte
	for i := range 30000 {
		switch {
		case i == 4321:
			lines = append(lines, []byte(`{"indicators":["`+strings.Repeat("A", thresholds.MaxCaseLine)+`"]}`))
		case i%97 == 0:
			lines = append(lines, []byte("   "))
		default:
			lines = append(lines, bytes.ReplaceAll(jlRandomLine(r), []byte("\n"), []byte(" ")))
		}
	}
	data := bytes.Join(lines, []byte("\n"))

	var want []thresholds.Case
	var wantFs continuum.Findings
	cr := thresholds.NewCaseReader(bytes.NewReader(data))
	for {
		c, err := cr.Next()
		if err == io.EOF {
			break
		}
		var fs continuum.Findings
		if errors.As(err, &fs) {
			wantFs = append(wantFs, fs...)
			continue
		}
		require.NoError(t, err)
		want = append(want, c)
	}
	require.Greater(t, len(want), 3000)
	require.Greater(t, len(wantFs), 3000)

	btProcs(t, func(t *testing.T) {
		got, err := thresholds.ReadCases(bytes.NewReader(data))
		var fs continuum.Findings
		require.ErrorAs(t, err, &fs)
		require.Equal(t, len(wantFs), len(fs))
		for i := range fs {
			require.Equal(t, wantFs[i].Path, fs[i].Path, "finding %d", i)
			require.Equal(t, wantFs[i].Rule, fs[i].Rule, "finding %d", i)
			require.Equal(t, wantFs[i].Msg, fs[i].Msg, "finding %d", i)
		}
		require.Len(t, got, len(want))
		for i := range want {
			require.Equal(t, jlStrings(want[i].Indicators), jlStrings(got[i].Indicators), "case %d", i)
			require.Equal(t, want[i].Ref, got[i].Ref, "case %d", i)
			require.Equal(t, want[i].Indicators == nil, got[i].Indicators == nil, "case %d", i)
		}

		boom := errors.New("boom")
		good := jlCorpus(t, bsCases()[:5000])
		got, err = thresholds.ReadCases(io.MultiReader(bytes.NewReader(good), iotest.ErrReader(boom)))
		assert.ErrorIs(t, err, boom)
		assert.Len(t, got, 5000, "the cases before the failure")
	})
}

// TestCaseReaderLine checks that Line is the number of the line the last case or finding
// came from, blank lines skipped but counted, a line too long included.
func TestCaseReaderLine(t *testing.T) {
	long := `{"indicators":["` + strings.Repeat("A", thresholds.MaxCaseLine) + `"]}`
	input := "  {\"indicators\":[\"SH-01\"]}\t\n\n{\"indicators\":1}\n" + long + "\n{\"indicators\":[\"EM-01\"]}"
	cr := thresholds.NewCaseReader(strings.NewReader(input))
	type got struct {
		line int
		bad  bool
	}
	var seen []got
	for {
		_, err := cr.Next()
		if err == io.EOF {
			break
		}
		seen = append(seen, got{cr.Line(), err != nil})
	}
	assert.Equal(t, []got{{1, false}, {3, true}, {4, true}, {5, false}}, seen)
}
