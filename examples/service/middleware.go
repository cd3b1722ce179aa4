package main

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

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
		writeProblem(w, http.StatusMethodNotAllowed, codeMethod, "the endpoint takes "+allowed, nil)
	})
}

// limitInFlight serves at most n requests at once and answers 503, with Retry-After,
// to the rest at once, so that a flood of costly requests cannot queue up without bound.
func limitInFlight(n int, next http.Handler) http.Handler {
	slots := make(chan struct{}, n)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case slots <- struct{}{}:
			defer func() { <-slots }()
			next.ServeHTTP(w, r)
		default:
			w.Header().Set("Retry-After", "1")
			writeProblem(w, http.StatusServiceUnavailable, codeBusy, "the service is busy; try again shortly", nil)
		}
	})
}

// statusWriter remembers the status and problem code a handler wrote, and whether the
// service itself failed.
type statusWriter struct {
	http.ResponseWriter
	status  int
	code    string
	failure string
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

// setCode records the problem code of a response for the log.
func setCode(w http.ResponseWriter, code string) {
	if sw, ok := w.(*statusWriter); ok {
		sw.code = code
	}
}

// markFailure records that the service failed to answer (for the log's error line).
func markFailure(w http.ResponseWriter, code string) {
	if sw, ok := w.(*statusWriter); ok {
		sw.failure = code
	}
}

// logRequests logs each request's method, route, status, problem code and duration.
// The route is the pattern that matched, never the raw URL, and nothing of the body is
// logged, so no case detail reaches the log. A response the service failed to make is
// logged at error level with what failed.
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
		attrs := []slog.Attr{
			slog.String("method", method),
			slog.String("path", route),
			slog.Int("status", sw.status),
			slog.Duration("duration", time.Since(start)),
		}
		if sw.code != "" {
			attrs = append(attrs, slog.String("code", sw.code))
		}
		if sw.failure != "" {
			attrs = append(attrs, slog.String("failure", sw.failure))
		}
		log.LogAttrs(r.Context(), logLevel(sw.status), "request", attrs...)
	})
}
