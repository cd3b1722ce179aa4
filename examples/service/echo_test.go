package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// Issue 13: the service echoed an unknown code and a plain unknown key in its paths. A
// marker goes into every value, as a new key of every object, and into the URL path of
// every endpoint; it never comes back in a response or the log.
func TestNoEchoService(t *testing.T) {
	h, logs := newTestServer()
	check := func(rec interface{ Result() *http.Response }, what string) {
		t.Helper()
		resp := rec.Result()
		body, _ := io.ReadAll(resp.Body)
		if strings.Contains(strings.ToLower(string(body)), "zqx") {
			t.Fatalf("%s: the response repeats the caller's text: %s", what, body)
		}
		for k, v := range resp.Header {
			if strings.Contains(strings.ToLower(k+strings.Join(v, "")), "zqx") {
				t.Fatalf("%s: a header repeats the caller's text", what)
			}
		}
	}
	for _, tc := range []struct{ path, body string }{{"/v1/decisions", validDecision}, {"/v1/referrals", validReferral}} {
		for _, body := range echoMutations(t, []byte(tc.body)) {
			check(send(h, http.MethodPost, tc.path, "application/json", string(body)), string(body))
		}
	}
	for _, m := range echoMarkers {
		p := strings.ReplaceAll(m, " ", "%20")
		for _, path := range []string{"/v1/frameworks/" + p + "/indicators", "/v1/" + p, "/v1/decisions/" + p, "/v1/frameworks?" + p + "=" + p} {
			check(send(h, http.MethodGet, path, "", ""), path)
		}
		check(send(h, http.MethodPost, "/v1/decisions", "application/"+strings.ReplaceAll(m, " ", ""), validDecision), "content type")
	}
	assert.NotContains(t, strings.ToLower(logs.String()), "zqx")
}

// TestLoadOnLoopback runs a bounded flood of the attack (64 KiB bodies of empty
// codes) beside normal traffic on loopback: every normal request is answered, with 200 or
// (when the in-flight bound is reached) a 503 problem, and every flood response is a
// small 400 problem. It checks behaviour, not speed: speed is promised in benchmarks.
func TestLoadOnLoopback(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	addr, _, _, _ := startServer(t, testConfig())
	url := "http://" + addr
	flood := `{"framework":"kent","case":{"indicators":[` + strings.Repeat(`"",`, 21000) + `""]}}`
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}}
	var wg sync.WaitGroup
	var floodOK, normalOK, busy atomic.Int64
	var failures sync.Map
	for i := range 8 {
		wg.Go(func() {
			for range 10 {
				resp, err := client.Post(url+"/v1/decisions", "application/json", strings.NewReader(flood))
				if err != nil {
					failures.Store(fmt.Sprint("flood", i), err.Error())
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusBadRequest && len(body) < 16<<10 {
					floodOK.Add(1)
				} else if resp.StatusCode == http.StatusServiceUnavailable {
					busy.Add(1)
				} else {
					failures.Store(fmt.Sprint("flood", i), fmt.Sprint(resp.StatusCode, len(body)))
				}
			}
		})
	}
	for i := range 4 {
		wg.Go(func() {
			for range 50 {
				resp, err := client.Post(url+"/v1/decisions", "application/json", strings.NewReader(validDecision))
				if err != nil {
					failures.Store(fmt.Sprint("normal", i), err.Error())
					return
				}
				var got struct {
					Decision struct{ Level string } `json:"decision"`
				}
				err = json.NewDecoder(resp.Body).Decode(&got)
				resp.Body.Close()
				switch {
				case resp.StatusCode == http.StatusOK && err == nil && got.Decision.Level == "additional":
					normalOK.Add(1)
				case resp.StatusCode == http.StatusServiceUnavailable:
					busy.Add(1)
				default:
					failures.Store(fmt.Sprint("normal", i), resp.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	var failed []string
	failures.Range(func(k, v any) bool { failed = append(failed, fmt.Sprint(k, ": ", v)); return true })
	slices.Sort(failed)
	require.Empty(t, failed)
	assert.Equal(t, int64(80+200), floodOK.Load()+normalOK.Load()+busy.Load())
	assert.Positive(t, normalOK.Load())
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
