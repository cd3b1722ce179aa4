package thresholdstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// EchoTag is the text every one of [EchoMarkers] holds, in some case: a check for it
// (as [CheckNoEcho] makes, ignoring case) catches an echo of any marker, or of part of
// one that keeps it.
const EchoTag = "zqx"

// EchoMarkers returns the texts a no-echo test feeds into every position of a caller's
// input: free text, and the shapes of a code, a document id and a source id, so that a
// marker passes each grammar and reaches the checks behind it. Each holds [EchoTag] in
// some case. The slice is the caller's own.
func EchoMarkers() []string {
	return []string{"ZQX sample text", "ZQXMARK", "zqxmark", "ZQX-2-01", "ZQXMARK-HLT-2-01"}
}

// CheckNoEcho returns an error naming the broken contract when err, any error in its
// chain (following both kinds of Unwrap) or any [continuum.Finding]'s path or message
// holds one of markers, ignoring case, and nil otherwise (and for a nil err). The error
// says where in the chain the echo is, never what it is: the caller has err to print.
// Call it with [EchoTag] after feeding [EchoMarkers] to the code under test, or with
// markers of one's own.
func CheckNoEcho(err error, markers ...string) error {
	lower := make([]string, len(markers))
	for i, m := range markers {
		lower[i] = strings.ToLower(m)
	}
	holds := func(s string) bool {
		s = strings.ToLower(s)
		return slices.ContainsFunc(lower, func(m string) bool { return strings.Contains(s, m) })
	}
	var walk func(err error, depth int) error
	walk = func(err error, depth int) error {
		if err == nil {
			return nil
		}
		if holds(err.Error()) {
			return fmt.Errorf("thresholdstest: no echo: an error (depth %d of the chain, %T) repeats the caller's text", depth, err)
		}
		if f, ok := err.(*continuum.Finding); ok && holds(f.Path+f.Msg) {
			return fmt.Errorf("thresholdstest: no echo: a finding (depth %d of the chain) repeats the caller's text in its path or message", depth)
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if broken := walk(e, depth+1); broken != nil {
					return broken
				}
			}
		case interface{ Unwrap() error }:
			return walk(u.Unwrap(), depth+1)
		}
		return nil
	}
	return walk(err, 0)
}

// EchoMutations returns data, a JSON document, with each of markers at each position:
// in place of every value (every object and array as a whole too), and as a new key of
// every object (an array gets two markers as its elements instead), one position at a
// time. A position inside an array with more than one element is also mutated in every
// element at once. It is an error when data is not JSON.
func EchoMutations(data []byte, markers ...string) ([][]byte, error) {
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, errors.New("thresholdstest: echo mutations: the document is not JSON")
	}
	var out [][]byte
	for _, p := range echoPaths(doc, nil) {
		for _, m := range markers {
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
				if err != nil {
					return nil, errors.New("thresholdstest: echo mutations: a mutated document does not encode")
				}
				out = append(out, b)
			}
		}
	}
	return out, nil
}

// echoStep is one step of a path into a JSON value: an object key, an array index, or
// any index (-1: every element).
type echoStep struct {
	key   string
	index int
}

// echoLeaves appends the path of every value in v, objects and arrays included, and of
// the first element of each array of more than one as every element at once.
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
			*out = append(*out, echoPaths(v[0], append(path, echoStep{index: -1}))...)
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

// echoClone returns a deep copy of a decoded JSON value.
func echoClone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}
