// Package referraltest runs referral conformance cases: language-neutral JSON files that
// give a referral (policy, framework, from and to levels, indicator codes, consent, date
// received) and the expected routing (decision level, urgency and rules, transition kind,
// route, next route, decide-by time, queries) or the expected blocking findings. It
// mirrors thresholds/thresholdstest, whose CmpOptions, FindingsOf and Run it uses, and
// depends on go-cmp only.
//
// # Conformance of an overlay
//
// [Conformance] returns the module's shipped cases; [RunConformance] runs, against a
// council's own policy and framework, the ones they are expected to keep passing: the
// cases of every policy the council's policy derives from (with a framework its
// framework derives from), except those that depend on something the overlay changed.
// Those are skipped subtests, each with its reason; [Applies] has the rule in full:
// the day received outside the overlay's period where the base is in force (or the other
// way round), a case pairing a policy with a framework it does not go with, an indicator
// the overlay framework removed, added or replaced, changed multiple-needs parameters,
// and a consent rule, an allowed move, a route or a timescale the overlay policy changed.
// A renamed route, new wording or contacts excuse nothing.
package referraltest

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// File is a referral conformance-case file. The zero File has no cases.
//
//	{
//	  "description": "what the cases cover",
//	  "cases": [
//	    { "name": "kent/over-referral", "reason": "level 1-2 needs at the front door",
//	      "policy": "kent", "framework": "kent", "from": "", "to": "intensive",
//	      "indicators": ["EDU-2-01"], "consent": "given", "received": "2022-06-01T10:00:00Z",
//	      "want": { "level": "additional", "urgency": "routine", "rules": ["highest-need"],
//	                "kind": "entry", "route": "district-conversation",
//	                "decideBy": "2022-06-07T11:00:00+01:00", "basis": "local",
//	                "queries": ["below-threshold"] } }
//	  ]
//	}
type File struct {
	Description string `json:"description"`
	Cases       []Case `json:"cases"`
}

// Case is one referral conformance case. The zero Case has no name (LoadCases rejects
// it).
type Case struct {
	Name       string           `json:"name"`
	Reason     string           `json:"reason,omitempty"`
	Policy     string           `json:"policy"`
	Framework  string           `json:"framework"`
	From       continuum.Level  `json:"from"`
	To         continuum.Level  `json:"to"`
	Indicators []continuum.Code `json:"indicators"`
	Consent    referral.Consent `json:"consent"`
	Received   time.Time        `json:"received"`
	// Age is the child's age band; zero when not known.
	Age continuum.AgeBand `json:"age,omitzero"`
	// Judgement is the practitioner's recorded judgement; zero when none.
	Judgement referral.Judgement `json:"judgement,omitzero"`
	Want      Want               `json:"want"`
}

// Want is the expected routing, or, when Errors is not empty, the expected blocking
// findings (path and rule, sorted). The zero Want expects the zero Routing, which no
// routing gives.
type Want struct {
	Level     continuum.Level           `json:"level,omitzero"`
	Urgency   continuum.Urgency         `json:"urgency,omitzero"`
	Rules     []thresholds.DecisionRule `json:"rules,omitempty"`
	Kind      referral.TransitionKind   `json:"kind,omitzero"`
	Route     string                    `json:"route,omitempty"`
	Then      string                    `json:"then,omitempty"`
	DecideBy  time.Time                 `json:"decideBy,omitzero"`
	Basis     referral.DeadlineBasis    `json:"basis,omitzero"`
	Judgement referral.Judgement        `json:"judgement,omitzero"`
	// LegalBasis is the legal basis the routing states; absent: none stated.
	LegalBasis referral.LegalBasis          `json:"legalBasis,omitzero"`
	Queries    []string                     `json:"queries,omitempty"`
	Errors     []thresholdstest.WantFinding `json:"errors,omitempty"`
}

// Got returns what a routing or a Route error looks like as a [Want].
func Got(r referral.Routing, err error) Want {
	if err != nil {
		return Want{Errors: thresholdstest.FindingsOf(err)}
	}
	g := thresholdstest.Got(r.Decision, nil)
	return Want{
		Level: g.Level, Urgency: g.Urgency, Rules: g.Rules, Kind: r.Kind,
		Route: r.Route.ID, Then: r.Then.ID, DecideBy: r.DecideBy, Basis: r.Basis, Judgement: r.Judgement,
		LegalBasis: r.LegalBasis, Queries: r.Queries.Rules(),
	}
}

// LoadCases reads every file of fsys matching the glob patterns, strictly, and returns
// their cases in file and document order. Malformed files, a file with no cases, and
// case names used twice are errors.
func LoadCases(fsys fs.FS, patterns ...string) ([]Case, error) {
	return thresholdstest.Load(fsys, func(c Case) string { return c.Name }, patterns...)
}

// Lookup finds the policy and framework a case names. A nil Lookup cannot be called.
type Lookup func(policyID, frameworkID string) (*referral.Policy, *thresholds.Framework, error)

// Builtins looks cases up among the builtin policies and frameworks.
func Builtins(policyID, frameworkID string) (*referral.Policy, *thresholds.Framework, error) {
	p, perr := referral.BuiltinPolicy(policyID)
	f, ferr := thresholds.Builtin(frameworkID)
	return p, f, errors.Join(perr, ferr)
}

// LookupOn finds the policy and framework a case names, in the versions in force on a
// day. A nil LookupOn cannot be called.
type LookupOn func(policyID, frameworkID string, on time.Time) (*referral.Policy, *thresholds.Framework, error)

// BuiltinsOn looks cases up among the builtin versions in force on the day. On the zero
// day (a case with no date), or a day no version of the id is in force on, it gives the
// newest versions, as [Builtins], so that Route itself reports the day (not-in-force).
func BuiltinsOn(policyID, frameworkID string, on time.Time) (*referral.Policy, *thresholds.Framework, error) {
	p, perr := referral.BuiltinPolicyOn(policyID, on)
	if on.IsZero() || errors.Is(perr, referral.ErrNotInForce) {
		p, perr = referral.BuiltinPolicy(policyID)
	}
	f, ferr := thresholds.BuiltinOn(frameworkID, on)
	if on.IsZero() || errors.Is(ferr, thresholds.ErrNotInForce) {
		f, ferr = thresholds.Builtin(frameworkID)
	}
	return p, f, errors.Join(perr, ferr)
}

// RunCasesOn runs every case with the policy and framework versions lookup returns for
// the day the case was received, like [RunCases].
func RunCasesOn(t testing.TB, cases []Case, lookup LookupOn) {
	t.Helper()
	run(t, "case", cases, func(c Case) string { return c.Name },
		func(c Case) (*referral.Policy, *thresholds.Framework, error) {
			return lookup(c.Policy, c.Framework, c.Received)
		},
		CheckCase)
}

// Referral returns the referral the case routes.
func (c Case) Referral() referral.Referral {
	return referral.Referral{
		From: c.From, To: c.To, Case: thresholds.Case{Indicators: c.Indicators, Age: c.Age},
		Consent: c.Consent, Received: c.Received, Judgement: c.Judgement,
	}
}

// CheckCase routes c and returns nil, or an error holding the cmp.Diff of what was
// wanted and what was got.
func CheckCase(p *referral.Policy, fw *thresholds.Framework, c Case) error {
	r, err := p.Route(fw, c.Referral())
	if diff := cmp.Diff(c.Want, Got(r, err), thresholdstest.CmpOptions()); diff != "" {
		return fmt.Errorf("case %s (%s) under policy %s: mismatch (-want +got):\n%s", c.Name, c.Reason, p, diff)
	}
	return nil
}

// RunCases runs every case with the policy and framework lookup returns, with any
// testing.TB; with a *testing.T each case is a subtest.
func RunCases(t testing.TB, cases []Case, lookup Lookup) {
	t.Helper()
	run(t, "case", cases, func(c Case) string { return c.Name },
		func(c Case) (*referral.Policy, *thresholds.Framework, error) { return lookup(c.Policy, c.Framework) },
		CheckCase)
}

// run runs every case as a subtest (with a *testing.T) under the policy and framework
// find gives it, reporting a failed lookup or a failed check as an error.
func run[C any](t testing.TB, kind string, cases []C, name func(C) string,
	find func(C) (*referral.Policy, *thresholds.Framework, error),
	check func(*referral.Policy, *thresholds.Framework, C) error) {
	t.Helper()
	for _, c := range cases {
		thresholdstest.Run(t, name(c), func(t testing.TB) {
			t.Helper()
			p, fw, err := find(c)
			if err != nil {
				t.Errorf("%s %s: %v", kind, name(c), err)
				return
			}
			if err := check(p, fw, c); err != nil {
				t.Error(err)
			}
		})
	}
}
