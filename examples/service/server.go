package main

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// config holds the service's limits; defaults gives those of a public service.
type config struct {
	maxInFlight     int           // requests served at once; the rest get 503
	bodyTimeout     time.Duration // time for a request's body to arrive, after its headers' time
	readHeader      time.Duration // time for a request's headers to arrive
	write           time.Duration // time to write a response, from the end of the headers
	idle            time.Duration // keep-alive time between requests
	maxHeaderBytes  int           // request line and headers
	shutdownTimeout time.Duration // time requests in flight have to finish on shutdown
}

func defaults() config {
	return config{
		maxInFlight:     64,
		bodyTimeout:     5 * time.Second,
		readHeader:      5 * time.Second,
		write:           15 * time.Second,
		idle:            60 * time.Second,
		maxHeaderBytes:  16 << 10,
		shutdownTimeout: 10 * time.Second,
	}
}

// newHandler returns the service's handler: method, route, status, problem code and
// duration are logged for each request, never the body or the case.
func newHandler(log *slog.Logger, cfg config) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/frameworks", allow(frameworks, http.MethodGet, http.MethodHead))
	mux.Handle("/v1/frameworks/{id}/indicators", allow(indicators, http.MethodGet, http.MethodHead))
	mux.Handle("/v1/decisions", allow(decisions, http.MethodPost))
	mux.Handle("/v1/referrals", allow(referrals, http.MethodPost))
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeProblem(w, http.StatusNotFound, codeNotFound,
			"no such endpoint; see GET /v1/frameworks, GET /v1/frameworks/{id}/indicators, POST /v1/decisions and POST /v1/referrals", nil)
	})
	return logRequests(log, limitInFlight(cfg.maxInFlight, mux))
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
	Notes         []string    `json:"notes"`
	Policy        policyInfo  `json:"policy"`
}

type levelInfo struct {
	Level continuum.Level `json:"level"`
	Label string          `json:"label"`
	Note  string          `json:"note,omitempty"`
}

type policyInfo struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Version string   `json:"version"`
	Notes   []string `json:"notes"`
}

func frameworks(w http.ResponseWriter, _ *http.Request) {
	var list []frameworkInfo
	for fw := range thresholds.Builtins() {
		info := frameworkInfo{
			ID: fw.ID(), Title: fw.Title(), Publisher: fw.Publisher(), Version: fw.Version(),
			Digest: fw.Digest(), EffectiveFrom: fw.EffectiveFrom().Format(time.DateOnly),
			Notes: append([]string{}, slices.Collect(fw.Notes())...),
		}
		for l := range continuum.Levels() {
			info.Labels = append(info.Labels, levelInfo{Level: l, Label: fw.Label(l), Note: fw.LabelNote(l)})
		}
		if pol, err := referral.BuiltinPolicy(fw.ID()); err == nil {
			info.Policy = policyInfo{ID: pol.ID(), Title: pol.Title(), Version: pol.Version(),
				Notes: append([]string{}, slices.Collect(pol.Notes())...)}
		}
		list = append(list, info)
	}
	writeJSON(w, http.StatusOK, struct {
		Frameworks []frameworkInfo `json:"frameworks"`
	}{list})
}

// indicatorInfo is one entry of GET /v1/frameworks/{id}/indicators, for picker UIs.
type indicatorInfo struct {
	Code      continuum.Code      `json:"code"`
	Level     continuum.Level     `json:"level"`
	Dimension continuum.Dimension `json:"dimension"`
	Kind      continuum.Kind      `json:"kind"`
	Summary   string              `json:"summary"`
}

func indicators(w http.ResponseWriter, r *http.Request) {
	fw, err := thresholds.Builtin(r.PathValue("id"))
	if err != nil {
		// The id is not echoed.
		writeProblem(w, http.StatusNotFound, codeUnknownFramework,
			"no builtin framework has this id; the builtin frameworks are england, kent and durham", nil)
		return
	}
	list := make([]indicatorInfo, 0, fw.Len())
	for ind := range fw.Indicators() {
		list = append(list, indicatorInfo{Code: ind.Code, Level: ind.Level, Dimension: ind.Dimension, Kind: ind.Kind, Summary: ind.Summary})
	}
	writeJSON(w, http.StatusOK, struct {
		Framework  thresholds.Ref  `json:"framework"`
		Indicators []indicatorInfo `json:"indicators"`
	}{fw.Ref(), list})
}

// decisionResponse is the answer of POST /v1/decisions.
type decisionResponse struct {
	Decision    thresholds.Decision `json:"decision"`
	Explanation string              `json:"explanation"`
}

func decisions(w http.ResponseWriter, r *http.Request) {
	var body decisionRequest
	req, ok := decodeRequest(w, r, &body, &body.Framework, &body.Case)
	if !ok {
		return
	}
	d, err := req.fw.Evaluate(req.kase)
	if err != nil {
		unprocessable(w, "the case cannot be decided", "case", err)
		return
	}
	if text, ok := explanation(w, req.fw, d); ok {
		writeJSON(w, http.StatusOK, decisionResponse{Decision: d, Explanation: text})
	}
}

// referralResponse is the answer of POST /v1/referrals: the routing (its decideBy in
// Europe/London, its basis statutory, local or prompt, any judgement as recorded) and the
// routing's explanation.
type referralResponse struct {
	Routing     referral.Routing `json:"routing"`
	Explanation string           `json:"explanation"`
}

func referrals(w http.ResponseWriter, r *http.Request) {
	var body referralRequest
	req, ok := decodeRequest(w, r, &body, &body.Framework, &body.Case)
	if !ok {
		return
	}
	// Route under the versions in force on the day received (England: Working Together
	// 2023 until 17 March 2026, 2026 from the next day); the newest when none is.
	if fw, pol := lookupOn(body.Framework, body.Received); fw != nil {
		req.fw, req.pol = fw, pol
	}
	routing, err := req.pol.Route(req.fw, referral.Referral{
		From: body.From, To: body.To, Case: req.kase, Consent: body.Consent, Received: body.Received,
		Judgement: body.Judgement,
	})
	if err != nil {
		unprocessable(w, "the referral cannot be routed", "", err)
		return
	}
	text, err := routing.Explain(req.fw)
	if err != nil {
		markFailure(w, "explain")
		writeProblem(w, http.StatusInternalServerError, codeInternal, "the routing could not be explained", nil)
		return
	}
	writeJSON(w, http.StatusOK, referralResponse{Routing: routing, Explanation: text})
}

// explanation returns the decision's explanation, or writes a 500 problem and reports
// false.
func explanation(w http.ResponseWriter, fw *thresholds.Framework, d thresholds.Decision) (string, bool) {
	text, err := fw.Explain(d)
	if err != nil {
		markFailure(w, "explain")
		writeProblem(w, http.StatusInternalServerError, codeInternal, "the decision could not be explained", nil)
		return "", false
	}
	return text, true
}

// unprocessable writes 422 with the findings of err, their paths prefixed so that they
// point into the request body.
func unprocessable(w http.ResponseWriter, detail, prefix string, err error) {
	fs, ok := errors.AsType[continuum.Findings](err)
	if !ok {
		writeProblem(w, http.StatusUnprocessableEntity, codeInvalidRequest, detail, nil)
		return
	}
	if prefix != "" {
		fs = fs.Within(prefix)
	}
	writeProblem(w, http.StatusUnprocessableEntity, "", detail, fs)
}
