package thresholds_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Issue 13: no error, finding or explanation repeats text a caller passed in. A marker
// goes into every value and as a new key of every object of two framework documents
// (a base and an extension), one position at a time, and into every field of cases and
// decisions, and of the builtin lookups; it never comes back, down the whole Unwrap
// chain. (A framework's own labels and summaries are its wording, which Explain quotes
// by design; the marker test covers what fails.)
func TestNoEchoParse(t *testing.T) {
	for _, name := range []string{"minimal.json", "extension.json"} {
		t.Run(name, func(t *testing.T) {
			for _, doc := range echoMutations(t, ptRead(t, "testdata/parse/"+name)) {
				_, err := thresholds.Parse(doc)
				assertNoEcho(t, err, string(doc))
			}
		})
	}
}

func TestNoEchoCasesAndDecisions(t *testing.T) {
	fw := ptBuiltin(t, "kent")
	for _, m := range echoMarkers {
		code, err := continuum.ParseCode(strings.ToUpper(strings.ReplaceAll(m, " ", "-")))
		if err != nil {
			continue
		}
		_, err = fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code, {}}, Ref: m})
		assertNoEcho(t, err, "Evaluate")
		_, err = fw.Resolve(thresholds.Case{Indicators: []continuum.Code{code}, Ref: m})
		assertNoEcho(t, err, "Resolve")
		d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("HLT-2-01")}, Ref: m})
		require.NoError(t, err)
		forged := []thresholds.Decision{d, d, d, d}
		forged[0].Framework.ID, forged[0].Framework.Version = m, m
		forged[1].Reasons = []thresholds.Reason{{Rule: thresholds.ByHighestNeed, Level: d.Level, Indicators: []continuum.Code{code}}}
		forged[2].Strengths = []continuum.Code{code}
		forged[3].Label = m
		for _, f := range forged {
			text, err := fw.Explain(f)
			assertNoEcho(t, err, "Explain")
			require.Error(t, err)
			require.Empty(t, text)
		}
		_, err = thresholds.Builtin(m)
		assertNoEcho(t, err, "Builtin")
		require.ErrorIs(t, err, thresholds.ErrUnknownFramework)
	}
}

// echoMarkers are the texts fed into every position: free text, and the shapes of a
// code, a document id and a source id, so that the marker passes each grammar and
// reaches the checks behind it. Every marker contains "zqx" in some case.
var echoMarkers = []string{"ZQX sample text", "ZQXMARK", "zqxmark", "ZQX-2-01", "ZQXMARK-HLT-2-01"}

// echoStep is one step of a path into a JSON value: an object key, an array index, or
// any index (-1: every element).
type echoStep struct {
	key   string
	index int
}

// echoLeaves returns the path of every value in v, and of every object as a whole (for
// key mutations), with array indexes generalised when all is set.
func echoLeaves(v any, path []echoStep, out *[][]echoStep) {
	*out = append(*out, slices.Clone(path))
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			echoLeaves(e, append(path, echoStep{key: k}), out)
		}
	case []any:
		for i, e := range v {
			echoLeaves(e, append(path, echoStep{index: i}), out)
		}
		if len(v) > 1 {
			for _, p := range echoPaths(v[0], append(path, echoStep{index: -1})) {
				*out = append(*out, p)
			}
		}
	}
}

func echoPaths(v any, path []echoStep) [][]echoStep {
	var out [][]echoStep
	echoLeaves(v, path, &out)
	return out
}

// echoSet returns a deep copy of doc with set applied at path (every element where the
// path says -1).
func echoSet(doc any, path []echoStep, set func(any) any) any {
	if len(path) == 0 {
		return set(echoClone(doc))
	}
	switch v := doc.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			if k == path[0].key {
				e = echoSet(e, path[1:], set)
			}
			out[k] = echoClone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			if path[0].index == -1 || path[0].index == i {
				out[i] = echoSet(e, path[1:], set)
			} else {
				out[i] = echoClone(e)
			}
		}
		return out
	}
	return doc
}

func echoClone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// echoMutations returns doc with each marker at each position: in place of every value,
// and as a new key of every object.
func echoMutations(t *testing.T, data []byte) [][]byte {
	t.Helper()
	var doc any
	require.NoError(t, json.Unmarshal(data, &doc))
	var out [][]byte
	for _, p := range echoPaths(doc, nil) {
		for _, m := range echoMarkers {
			mutated := []any{
				echoSet(doc, p, func(any) any { return m }),
				echoSet(doc, p, func(v any) any {
					if obj, ok := v.(map[string]any); ok {
						obj[m] = m
						return obj
					}
					return []any{m, m}
				}),
			}
			for _, v := range mutated {
				b, err := json.Marshal(v)
				require.NoError(t, err)
				out = append(out, b)
			}
		}
	}
	return out
}

// assertNoEcho fails when err, any error in its chain (both kinds of Unwrap), or any
// finding's path or message holds the marker.
func assertNoEcho(t *testing.T, err error, context string) {
	t.Helper()
	if err == nil {
		return
	}
	var walk func(err error)
	walk = func(err error) {
		if err == nil {
			return
		}
		if strings.Contains(strings.ToLower(err.Error()), "zqx") {
			t.Fatalf("%s: an error repeats the caller's text: %q", context, err.Error())
		}
		if f, ok := err.(*continuum.Finding); ok && strings.Contains(strings.ToLower(f.Path+f.Msg), "zqx") {
			t.Fatalf("%s: a finding repeats the caller's text: %+v", context, f)
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		}
	}
	walk(err)
}
