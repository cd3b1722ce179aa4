package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// maxBody is the largest request body the service reads; a larger one gets 413.
const maxBody = 64 << 10

// Rule codes of the findings the service adds to the library's own.
const (
	ruleUnknownFramework = "unknown-framework" // the framework names no builtin framework
	ruleBodyTooLarge     = "body-too-large"    // the body is over maxBody
	ruleMediaType        = "unsupported-media-type"
)

// newServer returns the service's handler, logging to slog's default logger.
func newServer() http.Handler { return newServerWith(slog.Default()) }

// newServerWith returns the service's handler, logging one line per request to log:
// method, route, status and duration, never the body or the case.
func newServerWith(log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/frameworks", allow(frameworks, http.MethodGet, http.MethodHead))
	mux.Handle("/v1/decisions", allow(decisions, http.MethodPost))
	mux.Handle("/v1/referrals", allow(referrals, http.MethodPost))
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint; see GET /v1/frameworks, POST /v1/decisions and POST /v1/referrals", nil)
	})
	return logRequests(log, mux)
}

// allow serves h for the given methods and answers 405, with an Allow header, otherwise.
func allow(h http.HandlerFunc, methods ...string) http.Handler {
	allowed := strings.Join(methods, ", ")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, m := range methods {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		w.Header().Set("Allow", allowed)
		writeError(w, http.StatusMethodNotAllowed, "method not allowed; use "+allowed, nil)
	})
}

// frameworkInfo is one entry of GET /v1/frameworks.
type frameworkInfo struct {
	ID            string      `json:"id"`
	Title         string      `json:"title"`
	Publisher     string      `json:"publisher"`
	Version       string      `json:"version"`
	Digest        string      `json:"digest"`
	EffectiveFrom string      `json:"effectiveFrom"`
	Labels        []levelInfo `json:"labels"`
	Policy        policyInfo  `json:"policy"`
}

type levelInfo struct {
	Level continuum.Level `json:"level"`
	Label string          `json:"label"`
	Note  string          `json:"note,omitempty"`
}

type policyInfo struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Version string `json:"version"`
}

func frameworks(w http.ResponseWriter, _ *http.Request) {
	var list []frameworkInfo
	for fw := range thresholds.Builtins() {
		info := frameworkInfo{
			ID: fw.ID(), Title: fw.Title(), Publisher: fw.Publisher(), Version: fw.Version(),
			Digest: fw.Digest(), EffectiveFrom: fw.EffectiveFrom().Format(time.DateOnly),
		}
		for l := range continuum.Levels() {
			info.Labels = append(info.Labels, levelInfo{Level: l, Label: fw.Label(l), Note: fw.LabelNote(l)})
		}
		if pol, err := referral.BuiltinPolicy(fw.ID()); err == nil {
			info.Policy = policyInfo{ID: pol.ID(), Title: pol.Title(), Version: pol.Version()}
		}
		list = append(list, info)
	}
	writeJSON(w, http.StatusOK, struct {
		Frameworks []frameworkInfo `json:"frameworks"`
	}{list})
}

// decisionRequest is the body of POST /v1/decisions.
type decisionRequest struct {
	Framework string          `json:"framework"`
	Case      thresholds.Case `json:"case"`
}

// decisionResponse is the answer of POST /v1/decisions.
type decisionResponse struct {
	Decision    thresholds.Decision `json:"decision"`
	Explanation string              `json:"explanation"`
}

func decisions(w http.ResponseWriter, r *http.Request) {
	var req decisionRequest
	if !decode(w, r, &req) {
		return
	}
	fw, _, ok := lookup(w, req.Framework)
	if !ok {
		return
	}
	d, err := fw.Evaluate(req.Case)
	if err != nil {
		unprocessable(w, "the case cannot be decided", "case", err)
		return
	}
	if text, ok := explanation(w, fw, d); ok {
		writeJSON(w, http.StatusOK, decisionResponse{Decision: d, Explanation: text})
	}
}

// referralRequest is the body of POST /v1/referrals. Levels and consent are tokens
// ("intensive", "given"); from is "" for a child not known to services; received is an
// RFC 3339 time, counted on its London day whatever offset it is written with; judgement
// is optional: a level and a coded reason ({"level": "intensive", "reason":
// "risk-reduced-at-review"}), never free text.
type referralRequest struct {
	Framework string             `json:"framework"`
	From      continuum.Level    `json:"from"`
	To        continuum.Level    `json:"to"`
	Case      thresholds.Case    `json:"case"`
	Consent   referral.Consent   `json:"consent"`
	Received  time.Time          `json:"received"`
	Judgement referral.Judgement `json:"judgement,omitzero"`
}

// referralResponse is the answer of POST /v1/referrals: the routing (its decideBy in
// Europe/London, its basis statutory, local or prompt, any judgement as recorded) and the
// routing's explanation.
type referralResponse struct {
	Routing     referral.Routing `json:"routing"`
	Explanation string           `json:"explanation"`
}

func referrals(w http.ResponseWriter, r *http.Request) {
	var req referralRequest
	if !decode(w, r, &req) {
		return
	}
	fw, pol, ok := lookup(w, req.Framework)
	if !ok {
		return
	}
	routing, err := pol.Route(fw, referral.Referral{
		From: req.From, To: req.To, Case: req.Case, Consent: req.Consent, Received: req.Received,
		Judgement: req.Judgement,
	})
	if err != nil {
		unprocessable(w, "the referral cannot be routed", "", err)
		return
	}
	text, err := routing.Explain(fw)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error", nil)
		return
	}
	writeJSON(w, http.StatusOK, referralResponse{Routing: routing, Explanation: text})
}

// explanation returns the decision's explanation, or writes 500 and reports false.
func explanation(w http.ResponseWriter, fw *thresholds.Framework, d thresholds.Decision) (string, bool) {
	text, err := fw.Explain(d)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error", nil)
		return "", false
	}
	return text, true
}

// decode reads the body, at most maxBody bytes, and decodes it strictly into v. On any
// problem it writes the error response (415, 413 or 400) and reports false.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, "the body must be JSON: send Content-Type: application/json",
				continuum.Findings{}.Add("", ruleMediaType, continuum.Error, nil, "Content-Type is not application/json"))
			return false
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
			writeError(w, http.StatusRequestEntityTooLarge, "the body is larger than 64 KiB",
				continuum.Findings{}.Add("", ruleBodyTooLarge, continuum.Error, nil, "a request body may be at most 65536 bytes"))
			return false
		}
		writeError(w, http.StatusBadRequest, "the body could not be read", nil)
		return false
	}
	fs := document.Decode(body, v)
	if framework := frameworkOf(v); !document.Stopped(fs) && framework == "" {
		fs = fs.Merge(continuum.Findings{}.Add("framework", document.RuleMissingField, continuum.Error, nil,
			"name the framework: england, kent or durham"))
	}
	if len(fs) > 0 {
		msg := "the body is not a valid request: see the findings"
		if document.Stopped(fs) {
			msg = "the body is not well-formed JSON"
		}
		writeError(w, http.StatusBadRequest, msg, fs)
		return false
	}
	return true
}

func frameworkOf(v any) string {
	switch req := v.(type) {
	case *decisionRequest:
		return req.Framework
	case *referralRequest:
		return req.Framework
	}
	return ""
}

// lookup finds the builtin framework and policy with the given id, or writes 404.
func lookup(w http.ResponseWriter, id string) (*thresholds.Framework, *referral.Policy, bool) {
	fw, err := thresholds.Builtin(id)
	if err == nil {
		var pol *referral.Policy
		if pol, err = referral.BuiltinPolicy(id); err == nil {
			return fw, pol, true
		}
	}
	// The id is not echoed: whatever a caller sends stays out of responses and logs.
	writeError(w, http.StatusNotFound, "unknown framework; the builtin frameworks are england, kent and durham",
		continuum.Findings{}.Add("framework", ruleUnknownFramework, continuum.Error, nil, "no builtin framework has this id"))
	return nil, nil, false
}

// unprocessable writes 422 with the findings of err, their paths prefixed so that they
// point into the request body.
func unprocessable(w http.ResponseWriter, msg, prefix string, err error) {
	fs, ok := errors.AsType[continuum.Findings](err)
	if !ok {
		writeError(w, http.StatusUnprocessableEntity, msg, nil)
		return
	}
	if prefix != "" {
		fs = fs.Within(prefix)
	}
	writeError(w, http.StatusUnprocessableEntity, msg, fs)
}

// errorResponse is the body of every error.
type errorResponse struct {
	Error    string             `json:"error"`
	Findings continuum.Findings `json:"findings,omitempty"`
}

func writeError(w http.ResponseWriter, status int, msg string, fs continuum.Findings) {
	writeJSON(w, status, errorResponse{Error: msg, Findings: fs.Sorted()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store") // responses describe a child's case
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v) // the client has gone; nothing to do
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests logs each request's method, route, status and duration. The route is the
// pattern that matched, never the raw URL, and nothing of the body is logged, so no
// case detail reaches the log.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" || route == "/" {
			route = "(no route)"
		}
		method := r.Method
		switch method {
		case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
			http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		default:
			method = "(other)"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", method),
			slog.String("path", route),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)))
	})
}
