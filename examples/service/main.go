// Command service is a small JSON web service over the library, built with the standard
// library only. It demonstrates how a council system puts the library behind an API:
// the builtin frameworks and policies are loaded once and shared by every request; each
// request body is size-limited and decoded strictly with [document.Decode]; problems
// come back as findings with paths and stable rule codes; and nothing about a case is
// ever logged.
//
// Endpoints:
//
//	GET  /v1/frameworks  the builtin frameworks: ids, titles, versions, level labels
//	POST /v1/decisions   {"framework":"kent","case":{"indicators":["HLT-2-01"]}}
//	                     → the decision and its explanation
//	POST /v1/referrals   {"framework":"kent","from":"","to":"intensive","case":{…},
//	                      "consent":"given","received":"2026-03-02T09:00:00Z"}
//	                     → the routing and the decision's explanation
//
// Errors are JSON, {"error": "…", "findings": [{"path","rule","severity","message"}]}:
// 400 for a body that is not valid JSON of the request's shape (malformed, unknown or
// duplicate fields, wrong types, trailing data, a missing framework), 404 for an unknown
// framework or path, 405 for a wrong method (with an Allow header), 413 for a body over
// 64 KiB, 415 for a Content-Type other than application/json, and 422 when the library
// cannot decide the case or route the referral (an unknown indicator, early help without
// consent, …).
//
// Usage:
//
//	go run ./examples/service [-addr 127.0.0.1:8080]
//
// The log has one line per request with its method, route, status and duration, never
// the body or the case.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	srv := &http.Server{
		Addr:              *addr,
		Handler:           newServerWith(log),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	log.Info("listening", "addr", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, "service:", err)
		os.Exit(1)
	}
}
