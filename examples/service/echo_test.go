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

	"github.com/rightsupport/needs/thresholds/thresholdstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		if strings.Contains(strings.ToLower(string(body)), thresholdstest.EchoTag) {
			t.Fatalf("%s: the response repeats the caller's text: %s", what, body)
		}
		for k, v := range resp.Header {
			if strings.Contains(strings.ToLower(k+strings.Join(v, "")), thresholdstest.EchoTag) {
				t.Fatalf("%s: a header repeats the caller's text", what)
			}
		}
	}
	for _, tc := range []struct{ path, body string }{{"/v1/decisions", validDecision}, {"/v1/referrals", validReferral}} {
		docs, err := thresholdstest.EchoMutations([]byte(tc.body), thresholdstest.EchoMarkers()...)
		require.NoError(t, err)
		for _, body := range docs {
			check(send(h, http.MethodPost, tc.path, "application/json", string(body)), string(body))
		}
	}
	for _, m := range thresholdstest.EchoMarkers() {
		p := strings.ReplaceAll(m, " ", "%20")
		for _, path := range []string{"/v1/frameworks/" + p + "/indicators", "/v1/" + p, "/v1/decisions/" + p, "/v1/frameworks?" + p + "=" + p} {
			check(send(h, http.MethodGet, path, "", ""), path)
		}
		check(send(h, http.MethodPost, "/v1/decisions", "application/"+strings.ReplaceAll(m, " ", ""), validDecision), "content type")
	}
	assert.NotContains(t, strings.ToLower(logs.String()), thresholdstest.EchoTag)
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
