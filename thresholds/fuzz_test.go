package thresholds_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "fz".

func FuzzParse(f *testing.F) {
	england := ptRead(f, "frameworks/england-2023.json")
	kent := ptRead(f, "frameworks/kent-2018.json")
	minimal := ptRead(f, "testdata/parse/minimal.json")

	// Every builtin document: a base and two extensions, as shipped.
	for _, id := range []string{"england", "kent", "durham"} {
		f.Add(ptRead(f, ptFile(f, id)))
	}
	// Every parse fixture: a valid base, a valid extension, a document with 13 findings.
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.json"))
	require.NoError(f, err)
	require.NotEmpty(f, files)
	for _, name := range files {
		f.Add(ptRead(f, filepath.ToSlash(name)))
	}
	// The smallest valid extension, and ones whose base is unknown or itself.
	f.Add([]byte(ptExtensionDoc))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"england@1.0.0"`, `"atlantis@1.0.0"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"england@1.0.0"`, `"testshire-local@1.0.0"`, 1)))
	// Unpinned, half-pinned and over-pinned references, and a bounded period.
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"england@1.0.0"`, `"england"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"england@1.0.0"`, `"england@"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"england@1.0.0"`, `"england@1.0.0@2"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"extends"`, `"effectiveTo": "2027-03-31", "extends"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"extends"`, `"effectiveTo": "2020-01-01", "extends"`, 1)))
	// An extension removing a base code and redefining another.
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"extends": "england@1.0.0"`,
		`"extends": "england@1.0.0", "remove": ["EDU-1-01"], "sources": [{"id": "L1", "title": "t", "url": "https://example.org"}],
		"indicators": [{"code": "HLT-2-01", "level": "additional", "dimension": "HLT", "kind": "need", "summary": "s", "sources": ["L1"]}]`, 1)))
	// The fictional county and district chain (the district's base is not a builtin).
	f.Add(ptRead(f, "testdata/chain/wyvernshire.json"))
	f.Add(ptRead(f, "testdata/chain/lowmere.json"))
	// A new version of a builtin, and a document taking a builtin's id.
	f.Add([]byte(strings.Replace(strings.Replace(ptExtensionDoc, `"testshire-local"`, `"england"`, 1), `"1.0.0"`, `"2.0.0"`, 1)))
	f.Add([]byte(strings.Replace(ptExtensionDoc, `"testshire-local"`, `"kent"`, 1)))
	// Truncated documents: cut mid-way, cut after the header, cut by one byte.
	f.Add(england[:len(england)/2])
	f.Add(kent[:200])
	f.Add(minimal[:len(minimal)-1])
	// Trailing data after a valid document.
	f.Add(append(slices.Clone(minimal), "{}"...))
	// JSON that is not a document: empty, null, an array, a string, an empty object.
	f.Add([]byte(""))
	f.Add([]byte("null"))
	f.Add([]byte("[]"))
	f.Add([]byte(`"england"`))
	f.Add([]byte("{}"))
	// Garbage bytes, invalid UTF-8 and a lone brace.
	f.Add([]byte("\x00\xff\xfe{"))
	f.Add([]byte("{"))
	f.Add([]byte(`{"id": "\udc00", "title": "\xff"}`))
	// Hostile nesting and a huge number.
	f.Add([]byte(`{"notes": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`))
	f.Add([]byte(`{"decision": {"stepUp": [{"level": "additional", "needs": 1e400, "domains": -1}]}}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := thresholds.Parse(data)
		if err != nil {
			if fw != nil {
				t.Fatalf("Parse returned a framework and an error: %v", err)
			}
			fs, ok := err.(continuum.Findings)
			if !ok {
				t.Fatalf("Parse error %T is not a continuum.Findings: %v", err, err)
			}
			if len(fs) == 0 {
				t.Fatal("Parse failed with no findings")
			}
			for _, f := range fs {
				if f == nil || f.Rule == "" {
					t.Fatalf("a finding without a rule: %#v", f)
				}
			}
			return
		}
		if fw == nil {
			t.Fatal("Parse returned neither a framework nor an error")
		}
		var all []continuum.Code
		for ind := range fw.Indicators() {
			all = append(all, ind.Code)
			d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{ind.Code}})
			if err != nil {
				t.Fatalf("the framework cannot evaluate its own code %s: %v", ind.Code, err)
			}
			fzCheckDecision(t, fw, []continuum.Code{ind.Code}, d)
		}
		if len(all) != fw.Len() {
			t.Fatalf("Indicators yielded %d, Len is %d", len(all), fw.Len())
		}
		d, err := fw.Evaluate(thresholds.Case{Indicators: all})
		if err != nil {
			t.Fatalf("the framework cannot evaluate its whole catalogue: %v", err)
		}
		fzCheckDecision(t, fw, all, d)
		// Parsing is deterministic, and the canonical document reads back to the same
		// digest (checked on small inputs only, to keep the fuzzer fast). A version of a
		// builtin, flattened, is no longer a version of it, so it may not keep the id.
		if len(data) <= 4<<10 {
			if again, err := thresholds.Parse(data); err != nil || again.Digest() != fw.Digest() {
				t.Fatalf("a second Parse of the same bytes differs: %v", err)
			}
			canon, err := fw.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON: %v", err)
			}
			again, err := thresholds.Parse(canon)
			switch {
			case err != nil && fw.Base() != "" && strings.Contains(err.Error(), thresholds.RuleBuiltinID):
			case err != nil:
				t.Fatalf("the canonical document does not parse: %v", err)
			case again.Digest() != fw.Digest():
				t.Fatalf("the canonical document has another digest")
			}
		}
	})
}

func FuzzEvaluate(f *testing.F) {
	// No codes at all, an empty code, a lone comma.
	f.Add("")
	f.Add(",")
	// One need at each level, a strength-free Universal case.
	f.Add("HLT-1-01")
	f.Add("HLT-2-01")
	f.Add("EDU-3-01")
	f.Add("HLT-4-01")
	// Three additional needs across two sides: the England step-up.
	f.Add("HLT-2-01,EDU-2-01,BCA-2-01")
	// Three additional needs on one side only: no step-up.
	f.Add("HLT-2-01,EDU-2-01,EBD-2-01")
	// The triggers, alone and together with needs.
	f.Add("SH-01")
	f.Add("EM-01,SH-02,HLT-2-01")
	// Repeated codes count once.
	f.Add("HLT-2-01,HLT-2-01,HLT-2-01")
	// Kent's own codes (unknown to England) and a code Kent keeps from England.
	f.Add("KENT-EDU-2-01,KENT-HLT-2-01,BCA-2-01")
	f.Add("KENT-BCA-4-01,HLT-4-03")
	// Unknown codes, malformed parts that are skipped, spaces.
	f.Add("ZZZ-9-99,HLT-2-01,NOPE")
	f.Add("hlt-2-01, HLT-2-01,--,HLT-2-")
	// A few cases of the benchmark corpus.
	for _, c := range bnCases()[:8] {
		f.Add(strings.Join(c, ","))
	}

	fws := []*thresholds.Framework{ptBuiltin(f, "england"), ptBuiltin(f, "kent")}
	f.Fuzz(func(t *testing.T, s string) {
		var codes []continuum.Code
		for part := range strings.SplitSeq(s, ",") {
			if c, err := continuum.ParseCode(part); err == nil {
				codes = append(codes, c)
			}
		}
		for _, fw := range fws {
			d, err := fw.Evaluate(thresholds.Case{Indicators: codes})
			if err != nil {
				fzCheckUnknown(t, fw, codes, err)
				continue
			}
			fzCheckDecision(t, fw, codes, d)
		}
	})
}

// fzCheckUnknown checks a failed Evaluate: one finding per unknown code, at its index,
// each wrapping ErrUnknownIndicator.
func fzCheckUnknown(t *testing.T, fw *thresholds.Framework, codes []continuum.Code, err error) {
	t.Helper()
	fs, ok := err.(continuum.Findings)
	if !ok {
		t.Fatalf("%s: Evaluate error %T is not a continuum.Findings: %v", fw, err, err)
	}
	var want []string
	for i, c := range codes {
		if _, known := fw.Indicator(c); !known {
			want = append(want, "indicators["+strconv.Itoa(i)+"]")
		}
	}
	var got []string
	for _, f := range fs {
		if !errors.Is(f, thresholds.ErrUnknownIndicator) {
			t.Fatalf("%s: finding %v does not wrap ErrUnknownIndicator", fw, f)
		}
		if f.Rule != thresholds.RuleUnknownIndicator {
			t.Fatalf("%s: finding %v: rule %q", fw, f, f.Rule)
		}
		got = append(got, f.Path)
	}
	if !slices.Equal(want, got) {
		t.Fatalf("%s: findings at %v, want %v", fw, got, want)
	}
}

// fzCheckDecision checks a Decision's invariants and compares it with fzReference.
func fzCheckDecision(t *testing.T, fw *thresholds.Framework, codes []continuum.Code, d thresholds.Decision) {
	t.Helper()
	if !d.Level.IsValid() || !d.Urgency.IsValid() {
		t.Fatalf("%s: invalid level %v or urgency %v", fw, d.Level, d.Urgency)
	}
	if len(d.Reasons) == 0 {
		t.Fatalf("%s: a decision without reasons", fw)
	}
	if d.Reasons[0].Level != d.Level {
		t.Fatalf("%s: the deciding reason supports %v, the decision is %v", fw, d.Reasons[0].Level, d.Level)
	}
	for _, r := range d.Reasons {
		if !r.Rule.IsValid() || !slices.IsSortedFunc(r.Indicators, continuum.Code.Compare) {
			t.Fatalf("%s: reason %+v", fw, r)
		}
	}
	if d.Framework != fw.Ref() || d.Label != fw.Label(d.Level) {
		t.Fatalf("%s: decision carries %+v, label %q", fw, d.Framework, d.Label)
	}
	level, urgency, rule := fzReference(fw, codes)
	if d.Level != level || d.Urgency != urgency || d.Rule() != rule {
		t.Fatalf("%s %v: got %v %v %v, the reference says %v %v %v", fw, codes, d.Level, d.Urgency, d.Rule(), level, urgency, rule)
	}
}

// fzReference is a slow, obviously right reading of the decision semantics (DESIGN §4),
// built only on the framework's public accessors.
func fzReference(fw *thresholds.Framework, codes []continuum.Code) (continuum.Level, continuum.Urgency, thresholds.DecisionRule) {
	var immediate, harm bool
	needs := map[continuum.Level]map[continuum.Code]continuum.Domain{}
	for _, c := range codes {
		ind, ok := fw.Indicator(c)
		if !ok {
			panic("fzReference: unknown code " + c.String())
		}
		switch ind.Kind {
		case continuum.ImmediateDanger:
			immediate = true
		case continuum.SignificantHarm:
			harm = true
		case continuum.Need:
			if needs[ind.Level] == nil {
				needs[ind.Level] = map[continuum.Code]continuum.Domain{}
			}
			needs[ind.Level][c] = ind.Domain()
		}
	}
	switch {
	case immediate:
		return continuum.Specialist, continuum.Immediate, thresholds.ByImmediateDanger
	case harm:
		return continuum.Specialist, continuum.SameDay, thresholds.BySignificantHarm
	}
	var base continuum.Level
	for l := range continuum.Levels() {
		if len(needs[l]) > 0 {
			base = l
		}
	}
	if base == 0 {
		return continuum.Universal, continuum.Routine, thresholds.ByNoNeeds
	}
	if n, d, ok := fw.StepUp(base); ok && len(needs[base]) >= n {
		domains := map[continuum.Domain]bool{}
		for _, dom := range needs[base] {
			domains[dom] = true
		}
		if len(domains) >= d {
			return base + 1, continuum.Routine, thresholds.ByMultipleNeeds
		}
	}
	return base, continuum.Routine, thresholds.ByHighestNeed
}

// TestEvaluateMatchesReference runs the fuzz oracle over the benchmark corpus on every
// builtin framework, so that the oracle is exercised without -fuzz.
func TestEvaluateMatchesReference(t *testing.T) {
	for fw := range thresholds.Builtins() {
		t.Run(fw.ID(), func(t *testing.T) {
			evaluated := 0
			for _, c := range bnCases() {
				codes := evCodes(c...)
				d, err := fw.Evaluate(thresholds.Case{Indicators: codes})
				if err != nil {
					fzCheckUnknown(t, fw, codes, err)
					continue
				}
				fzCheckDecision(t, fw, codes, d)
				evaluated++
			}
			assert.Positive(t, evaluated)
		})
	}
}
