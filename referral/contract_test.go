package referral_test

import (
	"io/fs"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// This file pins the contract surface of DESIGN.md sections 3 and 8: the names other
// council systems and an acceptance suite compile against. It is checked by the
// compiler: renaming or retyping any of these names breaks the build of this test.

var (
	// continuum
	_ func(string) (continuum.Level, error)      = continuum.ParseLevel
	_ func() iter.Seq[continuum.Level]           = continuum.Levels
	_ func(string) (continuum.Code, error)       = continuum.ParseCode
	_ func(string) continuum.Code                = continuum.MustParseCode
	_ func(string) (continuum.Dimension, error)  = continuum.ParseDimension
	_ func(continuum.Dimension) string           = continuum.Dimension.Code
	_ func(continuum.Dimension) continuum.Domain = continuum.Dimension.Domain
	_ func(continuum.Level) int                  = continuum.Level.Number
	_ func(continuum.Findings) error             = continuum.Findings.Err
	_ func(continuum.Findings) []error           = continuum.Findings.Unwrap

	// thresholds
	_ func([]byte) (*thresholds.Framework, error)                               = thresholds.Parse
	_ func() *thresholds.Framework                                              = thresholds.Default
	_ func(string) (*thresholds.Framework, error)                               = thresholds.Builtin
	_ func() iter.Seq[*thresholds.Framework]                                    = thresholds.Builtins
	_ func(string, time.Time) (*thresholds.Framework, error)                    = thresholds.BuiltinOn
	_ func(thresholds.ParseOptions, []byte) (*thresholds.Framework, error)      = thresholds.ParseOptions.Parse
	_ func(*thresholds.Framework) string                                        = (*thresholds.Framework).ID
	_ func(*thresholds.Framework) string                                        = (*thresholds.Framework).Version
	_ func(*thresholds.Framework) string                                        = (*thresholds.Framework).Digest
	_ func(*thresholds.Framework) string                                        = (*thresholds.Framework).Title
	_ func(*thresholds.Framework, continuum.Level) string                       = (*thresholds.Framework).Label
	_ func(*thresholds.Framework, continuum.Code) (continuum.Indicator, bool)   = (*thresholds.Framework).Indicator
	_ func(*thresholds.Framework) iter.Seq[continuum.Indicator]                 = (*thresholds.Framework).Indicators
	_ func(*thresholds.Framework, thresholds.Case) (thresholds.Decision, error) = (*thresholds.Framework).Evaluate
	_ func(*thresholds.Framework) time.Time                                     = (*thresholds.Framework).EffectiveFrom
	_ func(*thresholds.Framework) time.Time                                     = (*thresholds.Framework).EffectiveTo
	_ func(*thresholds.Framework) string                                        = (*thresholds.Framework).Base
	_ func(*thresholds.Framework, string) bool                                  = (*thresholds.Framework).DerivesFrom
	_ error                                                                     = thresholds.ErrUnknownIndicator
	_ func() fs.FS                                                              = thresholdstest.Conformance

	// referral
	_ func() *referral.Policy                                                                    = referral.DefaultPolicy
	_ func(string) (*referral.Policy, error)                                                     = referral.BuiltinPolicy
	_ func([]byte) (*referral.Policy, error)                                                     = referral.ParsePolicy
	_ func(string, time.Time) (*referral.Policy, error)                                          = referral.BuiltinPolicyOn
	_ func(referral.ParseOptions, []byte) (*referral.Policy, error)                              = referral.ParseOptions.Parse
	_ func(*referral.Policy, *thresholds.Framework, referral.Referral) (referral.Routing, error) = (*referral.Policy).Route
	_ func(*referral.Policy) time.Time                                                           = (*referral.Policy).EffectiveFrom
	_ func(*referral.Policy) time.Time                                                           = (*referral.Policy).EffectiveTo
	_ func(*referral.Policy) string                                                              = (*referral.Policy).Base
	_ func(time.Time, int) time.Time                                                             = referral.AddWorkingDays
	_ func(string) (referral.ClosureReason, error)                                               = referral.ParseClosureReason
	_ error                                                                                      = referral.ErrNotInForce
	_ error                                                                                      = referral.ErrNeedsJudgement
	_ func() fs.FS                                                                               = referraltest.Conformance
)

// TestContractShapes fills every contract record by field name, so that a field renamed,
// removed or retyped fails the build, and checks the enum values the contract fixes.
func TestContractShapes(t *testing.T) {
	base := thresholds.ParseOptions{Base: func(string) (*thresholds.Framework, error) { return nil, nil }}
	pbase := referral.ParseOptions{Base: func(string) (*referral.Policy, error) { return nil, nil }}
	_, _ = base, pbase
	ind := continuum.Indicator{Code: continuum.Code{}, Level: continuum.Universal, Dimension: continuum.Health, Kind: continuum.Need, Summary: ""}
	f := continuum.Finding{Path: "", Rule: "", Severity: continuum.Error, Err: nil, Msg: ""}
	c := thresholds.Case{Indicators: []continuum.Code{ind.Code}}
	d := thresholds.Decision{Level: continuum.Specialist, Urgency: continuum.Routine, Reasons: []thresholds.Reason{}, Framework: thresholds.Ref{ID: "", Version: "", Digest: ""}}
	j := referral.Judgement{Level: continuum.Intensive, Reason: referral.JudgementReason(1)}
	e := referral.Episode{Level: continuum.Additional, Referred: time.Time{}, Closed: time.Time{}, Closure: referral.ClosureReason(0)}
	r := referral.Referral{From: 0, To: continuum.Intensive, Case: c, Consent: referral.Given, Received: time.Time{}, Judgement: j, History: []referral.Episode{e}}
	out := referral.Routing{Decision: d, Transition: referral.Transition{From: r.From, To: r.To}, Route: referral.Route{}, DecideBy: time.Time{}, Queries: continuum.Findings{&f}, Judgement: j}

	assert.Equal(t, continuum.Level(1), continuum.Universal)
	assert.Equal(t, continuum.Level(4), continuum.Specialist)
	assert.Equal(t, continuum.Urgency(1), continuum.Routine)
	assert.Equal(t, continuum.Urgency(3), continuum.Immediate)
	assert.Equal(t, continuum.Domain(1), continuum.ChildDevelopment)
	assert.Equal(t, continuum.Kind(4), continuum.ImmediateDanger)
	assert.Equal(t, continuum.Severity(2), continuum.Query)
	assert.Equal(t, referral.Consent(3), referral.NotSought)
	assert.Equal(t, referral.Entry, out.Transition.Kind())
	for i, tok := range []string{"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"} {
		got, err := referral.ParseClosureReason(tok)
		if assert.NoError(t, err) {
			assert.Equal(t, referral.ClosureReason(i+1), got, "RC%d is ClosureReason(%d)", i+1, i+1)
		}
	}
	kinds := []referral.TransitionKind{referral.Entry, referral.StepUp, referral.StepDown, referral.Escalation, referral.Closure}
	assert.Equal(t, kinds, slices.Collect(referral.TransitionKinds()), "the contract's five kinds of move, in order")
}
