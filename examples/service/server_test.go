package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer returns the handler and the log it writes to.
func newTestServer() (http.Handler, *syncBuffer) {
	var logs syncBuffer
	return newHandler(slog.New(slog.NewJSONHandler(&logs, nil)), defaults()), &logs
}

type finding struct {
	Path     string `json:"path"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// problemBody is an RFC 9457 problem as the service writes it.
type problemBody struct {
	Type     string    `json:"type"`
	Title    string    `json:"title"`
	Status   int       `json:"status"`
	Detail   string    `json:"detail"`
	Code     string    `json:"code"`
	Findings []finding `json:"findings"`
}

func rulesAt(fs []finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Path + " " + f.Rule
	}
	return out
}

// serve sends one request to h and returns the recorded response.
func send(h http.Handler, method, path, contentType, body string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const (
	validDecision = `{"framework":"kent","case":{"indicators":["HLT-2-01"]}}`
	validReferral = `{"framework":"kent","from":"","to":"intensive","case":{"indicators":["HLT-2-01","EMW-2-01","HSG-2-01"]},"consent":"given","received":"2026-03-02T09:00:00Z"}`
)

func TestFrameworks(t *testing.T) {
	h, _ := newTestServer()
	rec := send(h, http.MethodGet, "/v1/frameworks", "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var got struct {
		Frameworks []struct {
			ID      string `json:"id"`
			Title   string `json:"title"`
			Version string `json:"version"`
			Labels  []struct {
				Level string `json:"level"`
				Label string `json:"label"`
			} `json:"labels"`
			Policy struct {
				ID string `json:"id"`
			} `json:"policy"`
		} `json:"frameworks"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	var ids []string
	for _, f := range got.Frameworks {
		ids = append(ids, f.ID)
		assert.NotEmpty(t, f.Title, f.ID)
		assert.NotEmpty(t, f.Version, f.ID)
		assert.Equal(t, f.ID, f.Policy.ID)
		require.Len(t, f.Labels, 4, f.ID)
		assert.Equal(t, "universal", f.Labels[0].Level)
		assert.Equal(t, "specialist", f.Labels[3].Level)
		for _, l := range f.Labels {
			assert.NotEmpty(t, l.Label, f.ID+" "+l.Level)
		}
	}
	assert.Equal(t, []string{"england", "kent", "durham"}, ids)
	assert.Equal(t, "Intensive Support - Level 3", got.Frameworks[1].Labels[2].Label)

	head := send(h, http.MethodHead, "/v1/frameworks", "", "")
	assert.Equal(t, http.StatusOK, head.Code)
}

func TestDecisions(t *testing.T) {
	h, _ := newTestServer()
	for _, ct := range []string{"", "application/json", "application/json; charset=utf-8"} {
		rec := send(h, http.MethodPost, "/v1/decisions", ct, validDecision)
		require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
		var got struct {
			Decision struct {
				Level     string `json:"level"`
				Label     string `json:"label"`
				Urgency   string `json:"urgency"`
				Framework struct {
					ID string `json:"id"`
				} `json:"framework"`
			} `json:"decision"`
			Explanation string `json:"explanation"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		assert.Equal(t, "additional", got.Decision.Level)
		assert.Equal(t, "Additional Support - Level 2", got.Decision.Label)
		assert.Equal(t, "routine", got.Decision.Urgency)
		assert.Equal(t, "kent", got.Decision.Framework.ID)
		assert.Contains(t, got.Explanation, "Suggested level: Additional Support - Level 2.")
	}
}

func TestReferrals(t *testing.T) {
	h, _ := newTestServer()
	rec := send(h, http.MethodPost, "/v1/referrals", "application/json", validReferral)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var got struct {
		Routing struct {
			Decision struct {
				Level string `json:"level"`
			} `json:"decision"`
			Kind  string `json:"kind"`
			Route struct {
				ID string `json:"id"`
			} `json:"route"`
			DecideBy string `json:"decideBy"`
		} `json:"routing"`
		Explanation string `json:"explanation"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, "intensive", got.Routing.Decision.Level)
	assert.Equal(t, "entry", got.Routing.Kind)
	assert.Equal(t, "front-door", got.Routing.Route.ID)
	assert.Equal(t, "2026-03-03T09:00:00Z", got.Routing.DecideBy)
	assert.Contains(t, got.Explanation, "steps up")

	// 999 first, then the front door.
	rec = send(h, http.MethodPost, "/v1/referrals", "application/json",
		`{"framework":"england","to":"specialist","case":{"indicators":["EM-01"]},"consent":"not-sought","received":"2026-03-02T09:00:00Z"}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Contains(t, rec.Body.String(), `"id": "police-999"`)
	assert.Contains(t, rec.Body.String(), `"then": {`)

	// A judgement, a London day and a deadline that says what it is. 23:30 UTC on Tuesday
	// 3 March 2026 is 23:30 GMT in London, so the decision is due Wednesday 23:30.
	rec = send(h, http.MethodPost, "/v1/referrals", "application/json",
		`{"framework":"england","to":"additional","case":{"indicators":["BCA-4-01"],"age":"5-11"},"consent":"given","received":"2026-03-03T23:30:00Z",`+
			`"judgement":{"level":"additional","reason":"history-or-cumulative-concern"}}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var judged struct {
		Routing struct {
			DecideBy  string `json:"decideBy"`
			Basis     string `json:"basis"`
			Judgement struct {
				Level  string `json:"level"`
				Reason string `json:"reason"`
			} `json:"judgement"`
		} `json:"routing"`
		Explanation string `json:"explanation"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &judged))
	assert.Equal(t, "2026-03-04T23:30:00Z", judged.Routing.DecideBy)
	assert.Equal(t, "prompt", judged.Routing.Basis, "early help has no timescale: a prompt, not a deadline")
	assert.Equal(t, "additional", judged.Routing.Judgement.Level)
	assert.Equal(t, "history-or-cumulative-concern", judged.Routing.Judgement.Reason)
	assert.Contains(t, judged.Explanation, "reason given: history or cumulative concern")

	// Without the judgement the same referral is refused.
	rec = send(h, http.MethodPost, "/v1/referrals", "application/json",
		`{"framework":"england","to":"additional","case":{"indicators":["BCA-4-01"]},"consent":"given","received":"2026-03-03T23:30:00Z"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Contains(t, rec.Body.String(), "needs-judgement")
}

// TestErrors covers every error status of every route.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, method, path, contentType, body string
		status                                int
		findings                              []string // "path rule", sorted
		allow                                 string
	}{
		{name: "unknown-path", method: "GET", path: "/v2/nothing", status: 404},
		{name: "frameworks-subpath", method: "GET", path: "/v1/frameworks/kent", status: 404},
		{name: "indicators-unknown-framework", method: "GET", path: "/v1/frameworks/atlantis/indicators", status: 404},
		{name: "indicators-post", method: "POST", path: "/v1/frameworks/kent/indicators", status: 405, allow: "GET, HEAD"},
		{name: "frameworks-post", method: "POST", path: "/v1/frameworks", body: "{}", status: 405, allow: "GET, HEAD"},
		{name: "decisions-get", method: "GET", path: "/v1/decisions", status: 405, allow: "POST"},
		{name: "referrals-put", method: "PUT", path: "/v1/referrals", body: validReferral, status: 405, allow: "POST"},
		{name: "referrals-delete", method: "DELETE", path: "/v1/referrals", status: 405, allow: "POST"},

		{name: "decisions-text-plain", method: "POST", path: "/v1/decisions", contentType: "text/plain", body: validDecision,
			status: 415, findings: []string{" unsupported-media-type"}},
		{name: "referrals-form", method: "POST", path: "/v1/referrals", contentType: "application/x-www-form-urlencoded", body: "a=b",
			status: 415, findings: []string{" unsupported-media-type"}},
		{name: "decisions-bad-media-type", method: "POST", path: "/v1/decisions", contentType: "application/json; =", body: validDecision,
			status: 415, findings: []string{" unsupported-media-type"}},

		{name: "decisions-malformed", method: "POST", path: "/v1/decisions", body: `{"framework":"kent",`,
			status: 400, findings: []string{" json-syntax"}},
		{name: "decisions-not-json", method: "POST", path: "/v1/decisions", body: `framework=kent`,
			status: 400, findings: []string{" json-syntax"}},
		{name: "decisions-empty", method: "POST", path: "/v1/decisions", body: ``,
			status: 400, findings: []string{" empty-document"}},
		{name: "decisions-unknown-field", method: "POST", path: "/v1/decisions", body: `{"framework":"kent","case":{"indicators":[]},"child":"x"}`,
			status: 400, findings: []string{"{2} unknown-field"}},
		{name: "decisions-unknown-nested-field", method: "POST", path: "/v1/decisions", body: `{"framework":"kent","case":{"indicators":[],"name":"x"}}`,
			status: 400, findings: []string{"case{1} unknown-field"}},
		{name: "decisions-duplicate-key", method: "POST", path: "/v1/decisions", body: `{"framework":"kent","framework":"durham","case":{}}`,
			status: 400, findings: []string{"framework duplicate-key"}},
		{name: "decisions-trailing-data", method: "POST", path: "/v1/decisions", body: validDecision + `{}`,
			status: 400, findings: []string{" trailing-data"}},
		{name: "decisions-wrong-type", method: "POST", path: "/v1/decisions", body: `{"framework":"kent","case":{"indicators":"HLT-2-01"}}`,
			status: 400, findings: []string{"case.indicators wrong-type"}},
		{name: "decisions-malformed-code", method: "POST", path: "/v1/decisions", body: `{"framework":"kent","case":{"indicators":["hlt 2"]}}`,
			status: 400, findings: []string{"case.indicators[0] invalid-value"}},
		{name: "decisions-missing-framework", method: "POST", path: "/v1/decisions", body: `{"case":{"indicators":["HLT-2-01"]}}`,
			status: 400, findings: []string{"framework missing-field"}},
		{name: "referrals-bad-level", method: "POST", path: "/v1/referrals", body: `{"framework":"kent","to":"tier 9","case":{},"received":"2026-03-02T09:00:00Z"}`,
			status: 400, findings: []string{"to invalid-value"}},
		{name: "referrals-bad-consent", method: "POST", path: "/v1/referrals", body: `{"framework":"kent","to":"additional","case":{},"consent":"maybe","received":"2026-03-02T09:00:00Z"}`,
			status: 400, findings: []string{"consent invalid-value"}},
		{name: "referrals-bad-date", method: "POST", path: "/v1/referrals", body: `{"framework":"kent","to":"additional","case":{},"consent":"given","received":"yesterday"}`,
			status: 400, findings: []string{"received invalid-value"}},

		{name: "decisions-unknown-framework", method: "POST", path: "/v1/decisions", body: `{"framework":"atlantis","case":{}}`,
			status: 422, findings: []string{"framework unknown-framework"}},
		{name: "referrals-unknown-framework", method: "POST", path: "/v1/referrals", body: `{"framework":"Kent","to":"additional","case":{}}`,
			status: 422, findings: []string{"framework unknown-framework"}},

		{name: "decisions-unknown-indicator", method: "POST", path: "/v1/decisions", body: `{"framework":"durham","case":{"indicators":["HLT-2-01","KENT-EDU-2-01"]}}`,
			status: 422, findings: []string{"case.indicators[1] unknown-indicator"}},
		{name: "referrals-consent-refused", method: "POST", path: "/v1/referrals",
			body:   `{"framework":"kent","to":"additional","case":{"indicators":["HLT-2-01"]},"consent":"refused","received":"2026-03-02T09:00:00Z"}`,
			status: 422, findings: []string{"consent consent-required"}},
		{name: "referrals-harm-below-specialist", method: "POST", path: "/v1/referrals",
			body:   `{"framework":"england","to":"intensive","case":{"indicators":["SH-02"]},"consent":"given","received":"2026-03-02T09:00:00Z"}`,
			status: 422, findings: []string{"to harm-below-specialist"}},
		{name: "referrals-many-findings", method: "POST", path: "/v1/referrals",
			body:   `{"framework":"kent","from":"additional","to":"additional","case":{"indicators":["ZZZ-9-99"]}}`,
			status: 422, findings: []string{"case.indicators[0] unknown-indicator", "consent consent-required", "received missing-received", "to not-a-move"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := newTestServer()
			rec := send(h, tt.method, tt.path, tt.contentType, tt.body)
			require.Equal(t, tt.status, rec.Code, rec.Body.String())
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			assert.Equal(t, tt.allow, rec.Header().Get("Allow"))
			var got problemBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got), rec.Body.String())
			assert.Equal(t, tt.status, got.Status)
			assert.Equal(t, http.StatusText(tt.status), got.Title)
			assert.NotEmpty(t, got.Detail)
			assert.NotEmpty(t, got.Code, "every problem has a machine-readable code")
			assert.Equal(t, "urn:rightsupport:needs:problem:"+got.Code, got.Type)
			if tt.findings == nil {
				assert.Empty(t, got.Findings)
				return
			}
			assert.Equal(t, tt.findings, rulesAt(got.Findings))
			for _, f := range got.Findings {
				assert.Equal(t, "error", f.Severity)
				assert.NotEmpty(t, f.Message)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	h, _ := newTestServer()
	pad := func(n int) string {
		return validDecision + strings.Repeat(" ", n-len(validDecision))
	}
	rec := send(h, http.MethodPost, "/v1/decisions", "application/json", pad(maxBody))
	assert.Equal(t, http.StatusOK, rec.Code, "a body of exactly 64 KiB is read")

	for _, path := range []string{"/v1/decisions", "/v1/referrals"} {
		rec := send(h, http.MethodPost, path, "application/json", pad(maxBody+1))
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, path)
		var got problemBody
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		assert.Equal(t, []string{" body-too-large"}, rulesAt(got.Findings))
	}
}

// TestLogsHoldNoCaseData sends every kind of request with recognisable case data and
// checks that the log names only method, route, status and duration.
func TestLogsHoldNoCaseData(t *testing.T) {
	h, logs := newTestServer()
	const marker = "CASE-REF-7781"
	bodies := []struct{ method, path, body string }{
		{"GET", "/v1/frameworks", ""},
		{"POST", "/v1/decisions", `{"framework":"kent","case":{"indicators":["HLT-2-01","SH-02"],"ref":"` + marker + `"}}`},
		{"POST", "/v1/decisions", `{"framework":"kent","case":{"indicators":["EDU-2-01","NOPE-1"],"ref":"` + marker + `"}}`},
		{"POST", "/v1/referrals", `{"framework":"kent","to":"additional","case":{"indicators":["FHF-2-01"],"ref":"` + marker + `"},"consent":"refused","received":"2026-03-02T09:00:00Z"}`},
		{"POST", "/v1/referrals", `{"framework":"kent","to":"specialist","case":{"indicators":["EM-01"],"ref":"` + marker + `"},"received":"2026-03-02T09:00:00Z"}`},
		{"POST", "/v1/referrals", `{"framework":"kent","child":"` + marker + `"}`},
		{"POST", "/v1/decisions", `{"framework":"` + marker + `"}`},
		{"POST", "/v1/decisions", `{"framework":"kent", ` + marker},
		{"GET", "/v1/" + marker, ""},
	}
	for _, b := range bodies {
		send(h, b.method, b.path, "application/json", b.body)
	}
	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, len(bodies))
	for _, forbidden := range []string{marker, "HLT-", "SH-", "EM-", "EDU-", "FHF-", "NOPE", "indicators", "consent", "refused", "case"} {
		assert.NotContains(t, out, forbidden)
	}
	for _, line := range lines {
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &m))
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		assert.Subset(t, []string{"time", "level", "msg", "method", "path", "status", "duration", "code"}, keys)
		assert.Subset(t, keys, []string{"time", "level", "msg", "method", "path", "status", "duration"})
	}
	assert.Contains(t, lines[1], `"path":"/v1/decisions","status":200`)
	assert.Contains(t, lines[3], `"path":"/v1/referrals","status":422`)
	assert.Contains(t, lines[8], `"path":"(no route)","status":404`)
}

// TestOverHTTP runs the service on a loopback test server, as a client would see it.
func TestOverHTTP(t *testing.T) {
	h, _ := newTestServer()
	srv := httptest.NewServer(h)
	defer srv.Close()

	resp, err := srv.Client().Get(srv.URL + "/v1/frameworks")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(body))

	resp, err = srv.Client().Post(srv.URL+"/v1/referrals", "application/json", strings.NewReader(validReferral))
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode, string(body))

	big := strings.NewReader(`{"framework":"kent","case":{"indicators":[` + strings.Repeat(`"HLT-2-01",`, maxBody/10) + `"HLT-2-01"]}}`)
	resp, err = srv.Client().Post(srv.URL+"/v1/decisions", "application/json", big)
	require.NoError(t, err)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode, string(body))
}
