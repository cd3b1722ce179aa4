package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// maxResponseFindings is the most findings one response lists; past it, the rest are
// counted in one final finding with rule continuum.RuleTooManyFindings.
const maxResponseFindings = 50

// Problem codes of the service's own problems. Problems about a request's content
// carry the code of their first finding instead (a library rule such as
// "unknown-indicator" or "json-syntax"). They are stable.
const (
	codeNotFound         = "not-found"              // no such endpoint
	codeMethod           = "method-not-allowed"     // the endpoint does not take the method
	codeMediaType        = "unsupported-media-type" // the body is not declared JSON
	codeBodyTooLarge     = "body-too-large"         // the body is over maxBody
	codeBodyTimeout      = "body-timeout"           // the body did not arrive in time
	codeBodyUnreadable   = "body-unreadable"        // the body could not be read
	codeUnknownFramework = "unknown-framework"      // the framework names no builtin framework
	codeBusy             = "busy"                   // too many requests in flight
	codeInternal         = "internal-error"         // a response could not be made
	codeResponseEncoding = "response-encoding"      // a response could not be encoded (a time past year 9999)
	codeInvalidRequest   = "invalid-request"        // findings of several rules
)

// problem is an RFC 9457 problem details object, with the extension members code (a
// stable rule code) and findings (capped at maxResponseFindings).
type problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail"`
	Code     string             `json:"code"`
	Findings continuum.Findings `json:"findings,omitempty"`
}

// problemType is the URI that identifies a problem code. It is a URN: it names the
// problem and is not meant to be fetched.
func problemType(code string) string { return "urn:rightsupport:needs:problem:" + code }

// writeProblem writes an RFC 9457 problem. With findings and no code of its own, the
// problem's code is the findings' one rule, or invalid-request when they have several.
func writeProblem(w http.ResponseWriter, status int, code, detail string, fs continuum.Findings) {
	fs = fs.Sorted().Capped(maxResponseFindings, 0) // the count of the rest comes last
	if code != "" {
		setCode(w, code) // the service's own codes are logged; a case's findings are not
	} else {
		code = codeInvalidRequest
		if rules := fs.Rules(); len(rules) > 0 && rules[0] == rules[len(rules)-1] {
			code = rules[0]
		}
	}
	writeBody(w, status, "application/problem+json", problem{
		Type: problemType(code), Title: http.StatusText(status), Status: status,
		Detail: detail, Code: code, Findings: fs,
	})
}

// writeJSON writes a successful response.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, "application/json; charset=utf-8", v)
}

// writeBody encodes v before anything is written, so that an encoding failure (a time
// past year 9999 has no RFC 3339 form) becomes a 500 problem, logged as such, rather
// than a 200 with an empty body.
func writeBody(w http.ResponseWriter, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		if _, isProblem := v.(problem); isProblem {
			// A problem holds only strings, numbers and findings: it always encodes.
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		markFailure(w, codeResponseEncoding)
		writeProblem(w, http.StatusInternalServerError, codeResponseEncoding,
			"the answer could not be encoded as JSON (a date past the year 9999, say)", nil)
		return
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store") // responses describe a child's case
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // the client has gone; nothing to do
}

// logLevel is the level of a request's log line: errors for the service's own failures.
func logLevel(status int) slog.Level {
	if status >= 500 && status != http.StatusServiceUnavailable {
		return slog.LevelError
	}
	return slog.LevelInfo
}
