package referral_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Issue 13: no error or finding repeats text a caller passed in. A marker goes into
// every value and as a new key of every object of a policy document, one position at a
// time, and into every field of a referral and of the lookups by id; it never comes
// back, down the whole Unwrap chain.
func TestNoEchoParsePolicy(t *testing.T) {
	for _, doc := range echoMutations(t, polMinimal(t)) {
		_, err := referral.ParsePolicy(doc)
		assertNoEcho(t, err, string(doc))
	}
}

func TestNoEchoRouteAndLookups(t *testing.T) {
	p := polMinimalPolicy(t)
	eng, err := thresholds.Builtin("england")
	require.NoError(t, err)
	fwDoc := strings.Replace(`{"id": "zqxmark", "title": "t", "publisher": "p", "version": "zqx", "effectiveFrom": "2024-01-01",
		"levels": {"universal": {"label": "a"}, "additional": {"label": "b"}, "intensive": {"label": "c"}, "specialist": {"label": "d"}},
		"sources": [{"id": "ZQX", "title": "t", "url": "https://example.org"}],
		"indicators": [{"code": "ZQXMARK-HLT-2-01", "level": "additional", "dimension": "HLT", "kind": "need", "summary": "s", "sources": ["ZQX"]}],
		"decision": {"stepUp": []}}`, "\n", " ", -1)
	other, err := thresholds.Parse([]byte(fwDoc))
	require.NoError(t, err)
	for _, m := range echoMarkers {
		code, codeErr := continuum.ParseCode(strings.ToUpper(strings.ReplaceAll(m, " ", "-")))
		r := referral.Referral{To: continuum.Specialist, Case: thresholds.Case{Ref: m}, Received: time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)}
		if codeErr == nil {
			r.Case.Indicators = []continuum.Code{code, {}}
		}
		for _, fw := range []*thresholds.Framework{eng, other, nil} {
			_, err := p.Route(fw, r)
			assertNoEcho(t, err, "Route")
		}
		_, err := p.Deadline(m, time.Now())
		assertNoEcho(t, err, "Deadline")
		require.ErrorIs(t, err, referral.ErrUnknownTimescale)
		_, err = referral.BuiltinPolicy(m)
		assertNoEcho(t, err, "BuiltinPolicy")
		require.ErrorIs(t, err, referral.ErrUnknownPolicy)
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
