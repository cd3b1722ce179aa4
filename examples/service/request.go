package main

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// maxBody is the largest request body the service reads; a larger one gets 413.
const maxBody = 64 << 10

// caseDoc is a case as requests write it. Its codes are strings, checked by the service
// after decoding, so that malformed and unknown codes are reported together with every
// other problem of the request.
//
// A case lists at most thresholds.MaxIndicators codes (a framework has no more): reading
// stops at the code past it, with a too-many-indicators finding, so that a body of junk
// codes costs little.
type caseDoc struct {
	Indicators []string          `json:"indicators" limit:"512,too-many-indicators"` // thresholds.MaxIndicators
	Age        continuum.AgeBand `json:"age,omitzero"`                               // the child's age band; zero: not known
	Ref        string            `json:"ref,omitempty"`
}

// decisionRequest is the body of POST /v1/decisions.
type decisionRequest struct {
	Framework string   `json:"framework"`
	Case      *caseDoc `json:"case"`
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
	Case      *caseDoc           `json:"case"`
	Consent   referral.Consent   `json:"consent"`
	Received  time.Time          `json:"received"`
	Judgement referral.Judgement `json:"judgement,omitzero"`
}

// request is what decodeRequest makes of a body: the framework and policy it names and
// the case, its codes checked against the framework's catalogue.
type request struct {
	fw   *thresholds.Framework
	pol  *referral.Policy
	kase thresholds.Case
}

// decodeRequest reads the body, at most maxBody bytes within the server's body
// deadline, decodes it strictly into v (a *decisionRequest or *referralRequest), looks
// up its framework and checks its case's codes. Every problem is reported in one
// response: structural problems and malformed codes are 400, an unknown framework or
// indicator alone 422. On any problem it writes the problem and reports false.
func decodeRequest(w http.ResponseWriter, r *http.Request, v any, framework *string, kase **caseDoc) (request, bool) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			writeProblem(w, http.StatusUnsupportedMediaType, codeMediaType, "send the body as JSON, with Content-Type: application/json",
				continuum.Findings{}.Add("", codeMediaType, continuum.Error, nil, "Content-Type is not application/json"))
			return request{}, false
		}
	}
	// A body shorter than its Content-Length does not hold the handler: the server's
	// ReadTimeout (headers and body) ends the read, and the answer is a 408 problem,
	// sent before WriteTimeout. (A per-request read deadline would do the same with its
	// own clock, but cost 10-20% of plain throughput in the load test.)
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		switch _, tooLarge := errors.AsType[*http.MaxBytesError](err); {
		case tooLarge:
			writeProblem(w, http.StatusRequestEntityTooLarge, codeBodyTooLarge, "the body is larger than 64 KiB",
				continuum.Findings{}.Add("", codeBodyTooLarge, continuum.Error, nil, "a request body may be at most "+strconv.Itoa(maxBody)+" bytes"))
		case errors.Is(err, os.ErrDeadlineExceeded):
			writeProblem(w, http.StatusRequestTimeout, codeBodyTimeout, "the body did not arrive in time", nil)
		default:
			writeProblem(w, http.StatusBadRequest, codeBodyUnreadable, "the body could not be read", nil)
		}
		return request{}, false
	}
	fs := document.Decode(body, v)
	if document.Stopped(fs) {
		writeProblem(w, http.StatusBadRequest, "", "the body is not well-formed JSON of the request's shape", fs)
		return request{}, false
	}
	status := http.StatusUnprocessableEntity
	if len(fs) > 0 {
		status = http.StatusBadRequest
	}
	var req request
	switch {
	case *framework == "":
		status = http.StatusBadRequest
		fs = fs.Merge(continuum.Findings{}.Add("framework", document.RuleMissingField, continuum.Error, nil,
			"name the framework: england, kent or durham"))
	default:
		req.fw, req.pol = lookup(*framework)
		if req.fw == nil {
			// The id is not echoed: whatever a caller sends stays out of responses and logs.
			fs = fs.Merge(continuum.Findings{}.Add("framework", codeUnknownFramework, continuum.Error, nil,
				"no builtin framework has this id; the builtin frameworks are england, kent and durham"))
		}
	}
	if *kase == nil {
		status = http.StatusBadRequest
		fs = fs.Merge(continuum.Findings{}.Add("case", document.RuleMissingField, continuum.Error, nil,
			`the case is required: {"indicators": [...]}, empty when nothing was observed`))
	} else {
		var malformed, unknown continuum.Findings
		req.kase, malformed, unknown = checkCodes(req.fw, *kase)
		if len(malformed) > 0 {
			status = http.StatusBadRequest
		}
		fs = fs.Merge(malformed)
		if len(fs) > 0 {
			// Unknown codes come back with every other problem of the request; alone,
			// they are left to the library, which reports them with its own findings.
			fs = fs.Merge(unknown)
		}
	}
	if len(fs) > 0 {
		writeProblem(w, status, "", "the request has problems: see the findings", fs)
		return request{}, false
	}
	return req, true
}

// checkCodes parses the case's codes and, when fw is known, checks each against its
// catalogue. It returns the case (its well-formed codes, unknown ones included) and the
// findings of malformed and of unknown codes, at most continuum.MaxFindings of each,
// the rest counted.
func checkCodes(fw *thresholds.Framework, c *caseDoc) (thresholds.Case, continuum.Findings, continuum.Findings) {
	out := thresholds.Case{Ref: c.Ref, Age: c.Age, Indicators: make([]continuum.Code, 0, min(len(c.Indicators), thresholds.MaxIndicators))}
	var malformed, unknown findingList
	for i, s := range c.Indicators {
		if s == "" {
			malformed.add(i, thresholds.RuleInvalidCode, continuum.ErrSyntax, "an indicator code is required")
			continue
		}
		code, err := continuum.ParseCode(s)
		switch {
		case err != nil:
			malformed.add(i, document.RuleInvalidValue, err, "the code is malformed: 2 to 24 upper-case letters, digits and single hyphens")
		default:
			if fw != nil {
				if _, ok := fw.Indicator(code); !ok {
					unknown.add(i, thresholds.RuleUnknownIndicator, thresholds.ErrUnknownIndicator, "the code is well-formed but not in the framework's catalogue")
				}
			}
			out.Indicators = append(out.Indicators, code)
		}
	}
	return out, malformed.list(), unknown.list()
}

// findingList collects findings about a case's codes, keeping at most
// continuum.MaxFindings and counting the rest.
type findingList struct {
	fs   continuum.Findings
	more int
}

func (l *findingList) add(i int, rule string, err error, msg string) {
	if len(l.fs) >= continuum.MaxFindings {
		l.more++
		return
	}
	l.fs = l.fs.Add("case.indicators["+strconv.Itoa(i)+"]", rule, continuum.Error, err, msg)
}

func (l *findingList) list() continuum.Findings { return l.fs.Capped(continuum.MaxFindings, l.more) }

// lookup finds the builtin framework and policy with the given id; nil when there is
// none.
func lookup(id string) (*thresholds.Framework, *referral.Policy) {
	fw, err := thresholds.Builtin(id)
	if err != nil {
		return nil, nil
	}
	pol, err := referral.BuiltinPolicy(id)
	if err != nil {
		return nil, nil
	}
	return fw, pol
}

// lookupOn finds the builtin framework and policy with the given id in the versions in
// force on the London day on falls on; nil when there is none (or on is zero), so the
// caller keeps the newest and Route reports the day.
func lookupOn(id string, on time.Time) (*thresholds.Framework, *referral.Policy) {
	if on.IsZero() {
		return nil, nil
	}
	fw, err := thresholds.BuiltinOn(id, on)
	if err != nil {
		return nil, nil
	}
	pol, err := referral.BuiltinPolicyOn(id, on)
	if err != nil {
		return nil, nil
	}
	return fw, pol
}
