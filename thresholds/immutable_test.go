package thresholds_test

import (
	"fmt"
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

// Helpers of this file are prefixed "im".

// imStrengthDoc extends england with a strength, so that decisions list strengths.
const imStrengthDoc = `{
  "id": "testshire-strengths",
  "title": "Testshire strengths (test fixture)",
  "publisher": "Testshire test partnership",
  "version": "1.0.0",
  "effectiveFrom": "2026-04-01",
  "extends": "england@1.0.0",
  "sources": [ { "id": "TST-S01", "title": "Testshire local guidance", "url": "https://example.org/testshire/local" } ],
  "indicators": [
    { "code": "TST-SCS-1-01", "level": "universal", "dimension": "SCS", "kind": "strength",
      "summary": "A trusted adult outside the home.", "sources": ["TST-S01", "S02"] }
  ],
  "notes": ["A test fixture; it describes no real council."]
}`

// imState is everything a framework's accessors show, collected into fresh memory.
type imState struct {
	ID, Title, Publisher, Version, Extends, Digest string
	Labels, Definitions, LabelNotes                [5]string
	StepUps                                        [5][3]any
	Indicators                                     []continuum.Indicator
	Lookups                                        []continuum.Indicator
	Sources                                        []continuum.Citation
	Notes                                          []string
}

func imSnapshot(fw *thresholds.Framework) imState {
	s := imState{
		ID: fw.ID(), Title: fw.Title(), Publisher: fw.Publisher(), Version: fw.Version(),
		Extends: fw.Extends(), Digest: fw.Digest(),
		Sources: slices.Collect(fw.Sources()), Notes: slices.Collect(fw.Notes()),
	}
	for l := range continuum.Levels() {
		s.Labels[l], s.Definitions[l], s.LabelNotes[l] = fw.Label(l), fw.Definition(l), fw.LabelNote(l)
		n, d, ok := fw.StepUp(l)
		s.StepUps[l] = [3]any{n, d, ok}
	}
	// Deep copies, so that the snapshot cannot change with the framework even if an
	// accessor did hand out shared memory.
	for ind := range fw.Indicators() {
		ind.Citations = slices.Clone(ind.Citations)
		s.Indicators = append(s.Indicators, ind)
		got, _ := fw.Indicator(ind.Code)
		got.Citations = slices.Clone(got.Citations)
		s.Lookups = append(s.Lookups, got)
	}
	return s
}

// imScribble overwrites every field of an indicator, its citations included.
func imScribble(ind *continuum.Indicator) {
	ind.Summary = "scribbled"
	ind.Level = continuum.Universal
	ind.Kind = continuum.Strength
	for j := range ind.Citations {
		ind.Citations[j] = continuum.Citation{Source: "X", Title: "scribbled", URL: "https://example.org/x"}
	}
	ind.Citations = append(ind.Citations[:cap(ind.Citations)], continuum.Citation{Source: "Y"})
	ind.Code = continuum.MustParseCode("ZZ-99")
}

// imFrameworks returns the builtins, England first, and a framework with a strength.
func imFrameworks(t *testing.T) []*thresholds.Framework {
	t.Helper()
	all := slices.Collect(thresholds.Builtins())
	require.Len(t, all, 3)
	return append(all, ptMustParse(t, []byte(imStrengthDoc)))
}

func TestImmutableAccessors(t *testing.T) {
	for _, fw := range imFrameworks(t) {
		t.Run(fw.ID(), func(t *testing.T) {
			want := imSnapshot(fw)

			t.Run("Indicator", func(t *testing.T) {
				for ind := range fw.Indicators() {
					got, ok := fw.Indicator(ind.Code)
					require.True(t, ok)
					imScribble(&got)
				}
			})
			t.Run("Indicators", func(t *testing.T) {
				all := slices.Collect(fw.Indicators())
				for i := range all {
					imScribble(&all[i])
				}
				// Mutate through the iterator's own value as well.
				for ind := range fw.Indicators() {
					imScribble(&ind)
				}
			})
			t.Run("Sources", func(t *testing.T) {
				srcs := slices.Collect(fw.Sources())
				for i := range srcs {
					srcs[i].Title, srcs[i].URL = "scribbled", "https://example.org/x"
				}
				for c := range fw.Sources() {
					c.Title = "scribbled"
					_ = c
				}
			})
			t.Run("Notes", func(t *testing.T) {
				notes := slices.Collect(fw.Notes())
				for i := range notes {
					notes[i] = "scribbled"
				}
			})

			got := imSnapshot(fw)
			if diff := cmp.Diff(want, got, ptCmp); diff != "" {
				t.Errorf("the framework changed after its accessors' results were mutated (-before +after):\n%s", diff)
			}
		})
	}
}

func TestImmutableDecision(t *testing.T) {
	fws := make(map[string]*thresholds.Framework)
	for _, fw := range imFrameworks(t) {
		fws[fw.ID()] = fw
	}
	code := continuum.MustParseCode
	tests := []struct {
		name   string
		reason string
		fw     *thresholds.Framework
		codes  []string
	}{
		{
			name:   "triggers_needs_and_strength",
			reason: "every reason kind, with citations and a strength",
			fw:     fws["testshire-strengths"],
			codes:  []string{"EM-01", "SH-02", "HLT-2-01", "EDU-2-01", "BCA-2-01", "TST-SCS-1-01"},
		},
		{
			name:   "multiple_needs_step_up",
			reason: "a step-up reason carries the parameters' citations",
			fw:     fws["england"],
			codes:  []string{"HLT-2-01", "EDU-2-01", "BCA-2-01"},
		},
		{
			name:   "kent_local_codes",
			reason: "an extension's own indicators and sources",
			fw:     fws["kent"],
			codes:  []string{"KENT-EDU-2-01", "KENT-HLT-2-01", "BCA-2-01", "SH-01"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := thresholds.Case{}
			for _, s := range tt.codes {
				c.Indicators = append(c.Indicators, code(s))
			}
			before := imSnapshot(tt.fw)
			want, err := tt.fw.Evaluate(c)
			require.NoError(t, err)
			wantText, err := tt.fw.Explain(want)
			require.NoError(t, err)
			require.NotEmpty(t, want.Reasons)

			d, err := tt.fw.Evaluate(c)
			require.NoError(t, err)
			imScribbleDecision(&d)

			r, err := tt.fw.Resolve(c)
			require.NoError(t, err)
			o, err := tt.fw.Decide(r)
			require.NoError(t, err)
			od := o.Decision()
			imScribbleDecision(&od)

			again, err := tt.fw.Evaluate(c)
			require.NoError(t, err)
			if diff := cmp.Diff(want, again, ptCmp); diff != "" {
				t.Errorf("%s: a fresh decision changed (-want +got):\n%s", tt.reason, diff)
			}
			if diff := cmp.Diff(want, o.Decision(), ptCmp); diff != "" {
				t.Errorf("%s: Outcome.Decision changed (-want +got):\n%s", tt.reason, diff)
			}
			text, err := tt.fw.Explain(again)
			require.NoError(t, err)
			assert.Equal(t, wantText, text)
			if diff := cmp.Diff(before, imSnapshot(tt.fw), ptCmp); diff != "" {
				t.Errorf("%s: the framework changed (-before +after):\n%s", tt.reason, diff)
			}
		})
	}
}

// imScribbleDecision overwrites everything a Decision holds by reference.
func imScribbleDecision(d *thresholds.Decision) {
	for i := range d.Reasons {
		r := &d.Reasons[i]
		for j := range r.Citations {
			r.Citations[j] = continuum.Citation{Source: "X", Title: "scribbled", URL: "https://example.org/x"}
		}
		r.Citations = append(r.Citations[:cap(r.Citations)], continuum.Citation{Source: "Y"})
		for j := range r.Indicators {
			r.Indicators[j] = continuum.MustParseCode("ZZ-99")
		}
		r.Indicators = append(r.Indicators[:cap(r.Indicators)], continuum.MustParseCode("ZZ-98"))
		r.Level = continuum.Universal
	}
	for j := range d.Strengths {
		d.Strengths[j] = continuum.MustParseCode("ZZ-97")
	}
	d.Strengths = append(d.Strengths[:cap(d.Strengths)], continuum.MustParseCode("ZZ-96"))
	d.Reasons = append(d.Reasons[:cap(d.Reasons)], thresholds.Reason{Rule: thresholds.ByNoNeeds})
	d.Label = "scribbled"
}

// TestImmutableInputBytes checks that a framework shares no memory with the document it
// was parsed from.
func TestImmutableInputBytes(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		file   string
	}{
		{name: "england", reason: "a large base document", file: "frameworks/england-2023.json"},
		{name: "kent", reason: "an extension merged onto the embedded base", file: "frameworks/kent-2018.json"},
		{name: "minimal_base", reason: "a small base of our own", file: "testdata/parse/minimal.json"},
		{name: "extension", reason: "an extension that relabels, replaces, adds and removes", file: "testdata/parse/extension.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pristine := ptRead(t, tt.file)
			data := slices.Clone(pristine)
			fw := ptMustParse(t, data)
			want := imSnapshot(ptMustParse(t, pristine))

			for i := range data {
				data[i] = 'x'
			}
			got := imSnapshot(fw)
			if diff := cmp.Diff(want, got, ptCmp); diff != "" {
				t.Errorf("%s: the framework changed with the caller's bytes (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

// TestImmutableConcurrentUse shares one builtin between goroutines; run it with -race.
func TestImmutableConcurrentUse(t *testing.T) {
	fw := thresholds.Default()
	cases := bnCases()[:500]

	type result struct {
		d    thresholds.Decision
		text string
	}
	want := make([]result, len(cases))
	for i, codes := range cases {
		d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(codes...)})
		require.NoError(t, err)
		text, err := fw.Explain(d)
		require.NoError(t, err)
		want[i] = result{d, text}
	}
	labels := map[continuum.Level]string{}
	for l := range continuum.Levels() {
		labels[l] = fw.Label(l)
	}
	catalogue := slices.Collect(fw.Indicators())

	workers := max(8, 2*runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			fail := func(format string, args ...any) { t.Errorf("worker %d: %s", w, fmt.Sprintf(format, args...)) }
			for k := range cases {
				i := (k + w*61) % len(cases)
				d, err := fw.Evaluate(thresholds.Case{Indicators: evCodes(cases[i]...)})
				if err != nil {
					fail("case %d: %v", i, err)
					return
				}
				if diff := cmp.Diff(want[i].d, d, ptCmp); diff != "" {
					fail("case %d: decision (-want +got):\n%s", i, diff)
					return
				}
				text, err := fw.Explain(d)
				if err != nil || text != want[i].text {
					fail("case %d: Explain = %q, %v", i, text, err)
					return
				}
				ind := catalogue[(i+w)%len(catalogue)]
				got, ok := fw.Indicator(ind.Code)
				if !ok || !cmp.Equal(ind, got, ptCmp) {
					fail("Indicator(%s) = %v, %v", ind.Code, got, ok)
					return
				}
				if l := continuum.Level(1 + i%4); fw.Label(l) != labels[l] {
					fail("Label(%s) = %q", l, fw.Label(l))
					return
				}
				if k%50 == 0 {
					n := 0
					for ind := range fw.Indicators() {
						if ind.Code != catalogue[n].Code {
							fail("Indicators()[%d] = %s", n, ind.Code)
							return
						}
						n++
					}
					if n != len(catalogue) {
						fail("Indicators() yielded %d", n)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}
