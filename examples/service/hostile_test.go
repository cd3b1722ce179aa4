package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
)

// testConfig is defaults with short timeouts, so that slow-client tests finish quickly.
func testConfig() config {
	cfg := defaults()
	cfg.bodyTimeout = 300 * time.Millisecond
	cfg.readHeader = 300 * time.Millisecond
	cfg.write = 2 * time.Second
	cfg.shutdownTimeout = 5 * time.Second
	return cfg
}

// startServer runs serve on a loopback port until the test ends (or stop is called)
// and returns its address, its log, the stop function and serve's result.
func startServer(t *testing.T, cfg config) (addr string, logs *syncBuffer, stop func(), done <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	logs = &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	errc, finished := make(chan error, 1), make(chan struct{})
	go func() {
		errc <- serve(ctx, ln, slog.New(slog.NewJSONHandler(logs, nil)), cfg)
		close(finished)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-finished:
		case <-time.After(10 * time.Second):
			t.Error("serve did not return")
		}
	})
	return ln.Addr().String(), logs, cancel, errc
}

// rawRequest writes a request head with the given Content-Length and the first part of
// its body, leaving the rest unsent.
func rawRequest(t *testing.T, addr, path string, contentLength int, part string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	t.Cleanup(func() { c.Close() })
	_, err = fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", path, contentLength, part)
	require.NoError(t, err)
	return c, bufio.NewReader(c)
}

func readResponse(t *testing.T, br *bufio.Reader) (*http.Response, string) {
	t.Helper()
	resp, err := http.ReadResponse(br, nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, string(body)
}

// Issue 13: SIGTERM killed requests in flight (main returned when ListenAndServe did,
// without waiting for Shutdown). serve returns only after the request in flight is
// answered.
func TestGracefulShutdown(t *testing.T) {
	cfg := testConfig()
	cfg.bodyTimeout = 5 * time.Second
	addr, _, stop, done := startServer(t, cfg)
	c, br := rawRequest(t, addr, "/v1/decisions", len(validDecision), validDecision[:10])
	time.Sleep(100 * time.Millisecond) // the handler is reading the body
	stop()
	select {
	case err := <-done:
		t.Fatalf("serve returned with a request in flight: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	_, err := io.WriteString(c, validDecision[10:])
	require.NoError(t, err)
	resp, body := readResponse(t, br)
	assert.Equal(t, http.StatusOK, resp.StatusCode, body)
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not return after the request finished")
	}
}

// Issue 13: a body shorter than its Content-Length held the handler 15 s and then sent
// nothing. The body has bodyTimeout to arrive; then the answer is a 408 problem.
func TestSlowBody(t *testing.T) {
	addr, _, _, _ := startServer(t, testConfig())
	_, br := rawRequest(t, addr, "/v1/decisions", 100, `{"framework":`)
	resp, body := readResponse(t, br)
	assert.Equal(t, http.StatusRequestTimeout, resp.StatusCode, body)
	assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
	assert.Contains(t, body, `"code": "body-timeout"`)
}

// Issue 13: MaxHeaderBytes was the 1 MiB default (400 connections took the process
// from 23 MB to 658 MB). Headers are capped at 16 KiB: more is 431.
func TestHeaderLimit(t *testing.T) {
	addr, _, _, _ := startServer(t, testConfig())
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := range statuses {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				return
			}
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			fmt.Fprintf(c, "GET /v1/frameworks HTTP/1.1\r\nHost: test\r\nX-Pad: %s\r\n\r\n", strings.Repeat("a", 64<<10))
			if resp, err := http.ReadResponse(bufio.NewReader(c), nil); err == nil {
				statuses[i] = resp.StatusCode
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	for _, s := range statuses {
		assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, s)
	}
}

// Issue 13: no bound on requests in flight. Past maxInFlight the answer is a 503
// problem with Retry-After, at once.
func TestInFlightLimit(t *testing.T) {
	cfg := testConfig()
	cfg.maxInFlight = 2
	cfg.bodyTimeout = 3 * time.Second
	addr, _, _, _ := startServer(t, cfg)
	var held []net.Conn
	for range 2 {
		c, _ := rawRequest(t, addr, "/v1/decisions", len(validDecision), validDecision[:5])
		held = append(held, c)
	}
	time.Sleep(100 * time.Millisecond)
	resp, err := http.Post("http://"+addr+"/v1/decisions", "application/json", strings.NewReader(validDecision))
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode, string(body))
	assert.Equal(t, "1", resp.Header.Get("Retry-After"))
	assert.Contains(t, string(body), `"code": "busy"`)
	for _, c := range held {
		c.Close()
	}
}

// Issue 13: a referral received late in December 9999 answered 200 with an empty body
// and a success log line. Since issue 10 the library refuses such a date (a 422 with
// date-out-of-range), so no routing can hold a time past year 9999; the response is still
// encoded before the status, so a value that cannot be encoded is a 500 problem, logged
// at error level as such.
func TestEncodingFailureIs500(t *testing.T) {
	h, _ := newTestServer()
	rec := send(h, http.MethodPost, "/v1/referrals", "application/json",
		`{"framework":"england","to":"specialist","case":{"indicators":[]},"consent":"given","received":"9999-12-31T12:00:00Z"}`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), "date-out-of-range")

	var logs syncBuffer
	unencodable := logRequests(slog.New(slog.NewJSONHandler(&logs, nil)), http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, struct{ T time.Time }{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)})
	}))
	rec = httptest.NewRecorder()
	unencodable.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusInternalServerError, rec.Code, rec.Body.String())
	var got problemBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, "response-encoding", got.Code)
	assert.Contains(t, logs.String(), `"level":"ERROR"`)
	assert.Contains(t, logs.String(), `"failure":"response-encoding"`)
	assert.Contains(t, logs.String(), `"status":500`)
}

// Issue 13: one 64 KiB body of empty codes gave 21,825 findings in a 3.46 MB response
// and 240 ms of server time. A case lists at most MaxIndicators codes (reading stops
// past them), and a response lists at most 50 findings, the rest counted.
func TestFindingsPerResponseCapped(t *testing.T) {
	h, _ := newTestServer()
	body := `{"framework":"kent","case":{"indicators":[` + strings.Repeat(`"",`, 21000) + `""]}}`
	rec := send(h, http.MethodPost, "/v1/decisions", "application/json", body)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	var got problemBody
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, []string{"case.indicators too-many-indicators"}, rulesAt(got.Findings))
	assert.Less(t, rec.Body.Len(), 4<<10)

	body = `{"framework":"kent","case":{"indicators":[` + strings.Repeat(`"",`, 499) + `""]}}`
	rec = send(h, http.MethodPost, "/v1/decisions", "application/json", body)
	require.Equal(t, http.StatusBadRequest, rec.Code)
	got = problemBody{}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.Len(t, got.Findings, maxResponseFindings)
	last := got.Findings[len(got.Findings)-1]
	assert.Equal(t, "too-many-findings", last.Rule)
	assert.Contains(t, last.Message, "451 more findings", "500 findings, 49 shown")
	assert.Less(t, rec.Body.Len(), 16<<10)
}

// Issue 13: a missing case answered 200 "Universal"; an unknown framework was a 404;
// unknown codes were reported only after syntax errors were fixed.
func TestRequestProblemsTogether(t *testing.T) {
	tests := []struct {
		name, path, body string
		status           int
		findings         []string
	}{
		{"missing_case", "/v1/decisions", `{"framework":"kent"}`, 400, []string{"case missing-field"}},
		{"missing_case_referral", "/v1/referrals", `{"framework":"kent","to":"additional","consent":"given","received":"2026-03-02T09:00:00Z"}`, 400, []string{"case missing-field"}},
		{"null_case", "/v1/decisions", `{"framework":"kent","case":null}`, 400, []string{"case missing-field"}},
		{"unknown_framework", "/v1/decisions", `{"framework":"atlantis","case":{}}`, 422, []string{"framework unknown-framework"}},
		{"malformed_and_unknown", "/v1/decisions", `{"framework":"kent","case":{"indicators":["bad code","ZZZ-9-99","","HLT-2-01"]}}`, 400,
			[]string{"case.indicators[0] invalid-value", "case.indicators[1] unknown-indicator", "case.indicators[2] invalid-code"}},
		{"syntax_field_and_unknown_code", "/v1/decisions", `{"framework":"kent","case":{"indicators":["ZZZ-9-99"]},"extra":1}`, 400,
			[]string{"case.indicators[0] unknown-indicator", "{2} unknown-field"}},
		{"unknown_code_alone", "/v1/decisions", `{"framework":"kent","case":{"indicators":["ZZZ-9-99"]}}`, 422,
			[]string{"case.indicators[0] unknown-indicator"}},
		{"referral_everything_at_once", "/v1/referrals", `{"framework":"kent","from":"additional","to":"additional","case":{"indicators":["ZZZ-9-99"]}}`, 422,
			[]string{"case.indicators[0] unknown-indicator", "consent consent-required", "received missing-received", "to not-a-move"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newTestServer()
			rec := send(h, http.MethodPost, tt.path, "application/json", tt.body)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			var got problemBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
			assert.Equal(t, tt.findings, rulesAt(got.Findings))
		})
	}
}

// Issue 13: a picker UI needs a framework's indicators.
func TestIndicatorsEndpoint(t *testing.T) {
	h, _ := newTestServer()
	rec := send(h, http.MethodGet, "/v1/frameworks/kent/indicators", "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct {
		Framework  thresholds.Ref `json:"framework"`
		Indicators []struct {
			Code, Level, Dimension, Kind, Summary string
		} `json:"indicators"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	assert.Equal(t, kent.Ref(), got.Framework)
	require.Len(t, got.Indicators, kent.Len())
	i := 0
	for ind := range kent.Indicators() {
		g := got.Indicators[i]
		assert.Equal(t, []string{ind.Code.String(), ind.Level.String(), ind.Dimension.String(), ind.Kind.String(), ind.Summary},
			[]string{g.Code, g.Level, g.Dimension, g.Kind, g.Summary})
		i++
	}
}

// Issue 13: the frameworks endpoint showed no notes.
func TestFrameworksShowNotes(t *testing.T) {
	h, _ := newTestServer()
	rec := send(h, http.MethodGet, "/v1/frameworks", "", "")
	var got struct {
		Frameworks []struct {
			ID     string   `json:"id"`
			Notes  []string `json:"notes"`
			Policy struct {
				Notes []string `json:"notes"`
			} `json:"policy"`
		} `json:"frameworks"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	require.NotEmpty(t, got.Frameworks)
	for _, f := range got.Frameworks {
		fw, err := thresholds.Builtin(f.ID)
		require.NoError(t, err)
		var want []string
		for n := range fw.Notes() {
			want = append(want, n)
		}
		assert.Equal(t, len(want), len(f.Notes), f.ID)
		assert.NotNil(t, f.Notes, "notes is a list, empty when there are none")
	}
}
