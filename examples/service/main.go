// Command service is a small JSON web service over the library, built with the standard
// library only. It demonstrates how a council system puts the library behind a public
// API: the builtin frameworks and policies are loaded once and shared by every request;
// each request body is size- and time-limited and decoded strictly with
// [document.Decode]; every problem comes back as an RFC 9457 problem with a stable code
// and findings with paths and rule codes; no response or log line repeats what a caller
// sent; and nothing about a case is ever logged.
//
// Endpoints:
//
//	GET  /v1/frameworks                  the builtin frameworks: ids, titles, versions,
//	                                     level labels, notes, and their policies
//	GET  /v1/frameworks/{id}/indicators  a framework's indicators (code, level, dimension,
//	                                     kind, summary), for picker UIs
//	POST /v1/decisions   {"framework":"kent","case":{"indicators":["HLT-2-01"]}}
//	                     → the decision and its explanation
//	POST /v1/referrals   {"framework":"kent","from":"","to":"intensive","case":{…},
//	                      "consent":"given","received":"2026-03-02T09:00:00Z"}
//	                     → the routing and the decision's explanation
//
// Every error is application/problem+json (RFC 9457): type (a URN naming the problem),
// title, status, detail, and the extension members code (a stable rule code) and
// findings ({path, rule, severity, message}, at most 50, the rest counted in a final
// too-many-findings finding). Statuses: 400 for a body that is not valid JSON of the
// request's shape (malformed, unknown or duplicate fields, wrong types, trailing data, a
// missing framework or case, a malformed indicator code); 404 for an unknown path or a
// framework id in a path that names none; 405 for a wrong method (with an Allow header);
// 408 for a body that does not arrive in time; 413 for a body over 64 KiB; 415 for a
// Content-Type other than application/json; 422 when the request is well-formed but names
// an unknown framework or indicator, or the library cannot decide the case or route the
// referral; 500 when the service cannot make its answer (logged at error level); 503,
// with Retry-After, when too many requests are in flight. Malformed and unknown codes
// and every other problem of a request come back together in one response.
//
// Paths in findings never repeat a key the caller wrote: an unknown key is shown by its
// position in its object ("case{1}" is the second member of "case").
//
// Usage:
//
//	go run ./examples/service [-addr 127.0.0.1:8080]
//
// On SIGINT or SIGTERM the service stops accepting connections and waits up to 10 s for
// the requests in flight before it exits. The log has one line per request with its
// method, route pattern, status, problem code and duration, never the URL, the body or
// the case.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "service:", err)
		os.Exit(1)
	}
	log.Info("listening", "addr", ln.Addr().String())
	if err := serve(ctx, ln, log, defaults()); err != nil {
		fmt.Fprintln(os.Stderr, "service:", err)
		os.Exit(1)
	}
	log.Info("stopped")
}

// newHTTPServer returns the http.Server for the handler, with the limits of cfg.
func newHTTPServer(log *slog.Logger, cfg config) *http.Server {
	return &http.Server{
		Handler:           newHandler(log, cfg),
		ReadHeaderTimeout: cfg.readHeader,
		// ReadTimeout bounds headers and body together, and ends before WriteTimeout,
		// so that a handler whose body never arrives can still answer 408.
		ReadTimeout:    cfg.readHeader + cfg.bodyTimeout,
		WriteTimeout:   cfg.write,
		IdleTimeout:    cfg.idle,
		MaxHeaderBytes: cfg.maxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// serve serves on ln until ctx is done, then shuts down gracefully: it stops accepting,
// waits up to cfg.shutdownTimeout for the requests in flight to finish, and returns only
// after that, so that no request in flight is cut off by the process exiting.
func serve(ctx context.Context, ln net.Listener, log *slog.Logger, cfg config) error {
	srv := newHTTPServer(log, cfg)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err // the listener failed before any shutdown
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdown) // waits for the requests in flight
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
