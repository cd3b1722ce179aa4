package referral_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "cl". Every case is synthetic.

func TestClosureReasonTokens(t *testing.T) {
	want := []string{"RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9"}
	var got []string
	for c := range referral.ClosureReasons() {
		got = append(got, c.String())
		assert.True(t, c.IsValid())
		assert.NotEmpty(t, c.Label(), "%s has a label from the census meaning", c)
		text, err := c.MarshalText()
		require.NoError(t, err)
		var back referral.ClosureReason
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, c, back, "text round-trips")
		lower, err := referral.ParseClosureReason(strings.ToLower(c.String()))
		require.NoError(t, err)
		assert.Equal(t, c, lower, "parsing ignores case")
		b, err := c.AppendText([]byte("x"))
		require.NoError(t, err)
		assert.Equal(t, "x"+c.String(), string(b))
	}
	assert.Equal(t, want, got, "RC1 to RC9 in census order")
	assert.Equal(t, referral.ClosureReason(9), referral.ReferredToEarlyHelp)
	assert.Equal(t, "Closed after assessment, referred to early help", referral.ReferredToEarlyHelp.Label())

	for _, tc := range []struct {
		name string
		c    referral.ClosureReason
		str  string
	}{
		{"zero", 0, "no-closure-reason"},
		{"out-of-range", 10, "closure reason(10)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.str, tc.c.String())
			assert.False(t, tc.c.IsValid())
			assert.Empty(t, tc.c.Label())
		})
	}
	_, err := referral.ClosureReason(10).MarshalText()
	assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	for _, bad := range []string{"", "RC0", "RC10", "rc 8", "8", "ＲＣ８"} {
		_, err := referral.ParseClosureReason(bad)
		require.ErrorIs(t, err, continuum.ErrUnknownToken, "%q", bad)
		if len(bad) > 3 {
			assert.NotContains(t, err.Error(), bad, "the error does not repeat the input")
		}
	}
	var c referral.ClosureReason = referral.Died
	require.NoError(t, c.UnmarshalText(nil))
	assert.Zero(t, c, "empty text is the zero reason")

	for c := range referral.ClosureReasons() {
		assert.Equal(t, c == referral.NoFurtherAction || c == referral.ReferredToEarlyHelp, c.AfterAssessment(), "%s", c)
	}
}

func TestBuiltinClosureRules(t *testing.T) {
	up := referral.Transition{From: continuum.Universal, To: continuum.Specialist}
	toEH := referral.Transition{From: continuum.Specialist, To: continuum.Intensive}
	toAdd := referral.Transition{From: continuum.Specialist, To: continuum.Additional}
	closeCSC := referral.Transition{From: continuum.Specialist, To: continuum.Universal}
	closeEH := referral.Transition{From: continuum.Intensive, To: continuum.Universal}
	for _, id := range rtBuiltinIDs {
		t.Run(id, func(t *testing.T) {
			p, _ := rtPair(t, id)
			assert.Equal(t, []referral.ClosureReason{referral.ServicesCeased, referral.ReferredToEarlyHelp}, slices.Collect(p.ClosureReasons(toEH)))
			assert.Equal(t, []referral.ClosureReason{referral.ServicesCeased, referral.ReferredToEarlyHelp}, slices.Collect(p.ClosureReasons(toAdd)))
			assert.Equal(t, []referral.ClosureReason{1, 2, 3, 4, 5, 6, 7, 8}, slices.Collect(p.ClosureReasons(closeCSC)), "every reason but RC9 closes to universal")
			assert.Empty(t, slices.Collect(p.ClosureReasons(closeEH)), "early help closes with no census reason")
			assert.Empty(t, slices.Collect(p.ClosureReasons(up)))
			assert.Empty(t, slices.Collect(p.ClosureReasons(referral.Transition{})), "not a move")
			assert.True(t, p.AllowsClosure(closeCSC, referral.NoFurtherAction))
			assert.False(t, p.AllowsClosure(toEH, referral.NoFurtherAction))
			assert.False(t, p.AllowsClosure(closeCSC, 0))
			var reasons []referral.ClosureReason
			var cites []continuum.Citation
			for tr := range p.Transitions() {
				if tr.Transition == closeCSC {
					require.NotEmpty(t, tr.Closure.Citations, "the closure rule cites the census code set")
					require.NotEqual(t, referral.ReferredToEarlyHelp, tr.Closure.Reasons[0])
					reasons, cites = slices.Clone(tr.Closure.Reasons), slices.Clone(tr.Closure.Citations)
					tr.Closure.Reasons[0] = referral.ReferredToEarlyHelp // a copy
					tr.Closure.Citations[0].Title = "changed"
				}
			}
			require.NotEmpty(t, reasons)
			for tr := range p.Transitions() {
				if tr.Transition == closeCSC {
					assert.Equal(t, reasons, tr.Closure.Reasons, "Transitions hands out copies of the closure reasons")
					assert.Equal(t, cites, tr.Closure.Citations, "and of their citations")
				}
			}
			assert.True(t, p.AllowsClosure(closeCSC, referral.Adopted))
		})
	}
}

// clClosure adds a closure rule to the minimal policy's transition from → to.
func clClosure(from, to string, reasons ...string) func(d map[string]any) {
	return func(d map[string]any) {
		rs := make([]any, len(reasons))
		for i, r := range reasons {
			rs[i] = r
		}
		polAppend(d, "transitions", map[string]any{"from": from, "to": to, "note": "Synthetic move.", "sources": []any{"T1"},
			"closure": map[string]any{"reasons": rs, "sources": []any{"T1"}}})
	}
}

func TestParsePolicyClosureRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(d map[string]any)
		want []string // path rule, sorted; nil: valid
	}{
		{"valid-close", clClosure("specialist", "universal", "RC8", "RC1"), nil},
		{"valid-step-down", clClosure("specialist", "additional", "RC9", "RC7"), nil},
		{"not-from-specialist", clClosure("intensive", "universal", "RC7"),
			[]string{"transitions[1].closure invalid-closure-reason"}},
		{"move-up", clClosure("", "intensive", "RC7"),
			[]string{"transitions[1].closure invalid-closure-reason"}},
		{"move-up-rc8", clClosure("", "intensive", "RC8"),
			[]string{"transitions[1].closure invalid-closure-reason", "transitions[1].closure.reasons[0] closure-reason-mismatch"}},
		{"rc9-to-universal", clClosure("specialist", "universal", "RC9"),
			[]string{"transitions[1].closure.reasons[0] closure-reason-mismatch"}},
		{"rc8-to-early-help", clClosure("specialist", "intensive", "RC8"),
			[]string{"transitions[1].closure.reasons[0] closure-reason-mismatch"}},
		{"duplicate", clClosure("specialist", "universal", "RC7", "RC7"),
			[]string{"transitions[1].closure.reasons[1] duplicate-closure-reason"}},
		{"empty", clClosure("specialist", "universal"),
			[]string{"transitions[1].closure.reasons missing-field"}},
		{"unknown-source", func(d map[string]any) {
			clClosure("specialist", "universal", "RC7")(d)
			polItem(d, "transitions", 1)["closure"].(map[string]any)["sources"] = []any{"T9"}
		}, []string{"transitions[1].closure.sources[0] unknown-source"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := referral.ParsePolicy(polEdit(t, tc.edit))
			if tc.want == nil {
				require.NoError(t, err)
				clLastHasReasons(t, p)
				return
			}
			assert.Equal(t, tc.want, rtPathRules(rtFindings(t, err)))
		})
	}
	t.Run("unknown-token", func(t *testing.T) {
		_, err := referral.ParsePolicy(polEdit(t, clClosure("specialist", "universal", "RC10")))
		require.Error(t, err)
	})
}

func TestRouteClosureReason(t *testing.T) {
	p, fw := rtPair(t, "england")
	base := referral.Referral{From: continuum.Specialist, To: continuum.Universal, Case: rtNoNeeds, Received: rtReceived}
	for _, tc := range []struct {
		name    string
		r       func(r *referral.Referral)
		errs    []string
		queries []string
	}{
		{"none", func(*referral.Referral) {}, nil, nil},
		{"allowed", func(r *referral.Referral) { r.Closure = referral.NoFurtherAction }, nil, nil},
		{"invalid", func(r *referral.Referral) { r.Closure = 12 }, []string{"closure invalid-closure-reason"}, nil},
		{"not-allowed-on-move", func(r *referral.Referral) { r.Closure = referral.ReferredToEarlyHelp }, []string{"closure closure-not-allowed"}, nil},
		{"not-a-closure", func(r *referral.Referral) {
			r.From, r.To, r.Case, r.Consent, r.Closure = 0, continuum.Specialist, rtSpecialist, referral.Given, referral.ServicesCeased
		}, []string{"closure closure-not-allowed"}, nil},
		{"rc8-after-intensive-needs", func(r *referral.Referral) { r.Case, r.Closure = rtIntensive, referral.NoFurtherAction },
			nil, []string{"closure no-early-help-offer", "to below-decision"}},
		{"rc8-after-additional-needs", func(r *referral.Referral) { r.Case, r.Closure = rtAdditional, referral.NoFurtherAction },
			nil, []string{"closure no-early-help-offer", "to below-decision"}},
		{"rc7-after-additional-needs", func(r *referral.Referral) { r.Case, r.Closure = rtAdditional, referral.ServicesCeased },
			nil, []string{"to below-decision"}},
		{"rc9-after-intensive-needs", func(r *referral.Referral) {
			r.To, r.Case, r.Consent, r.Closure = continuum.Intensive, rtIntensive, referral.Given, referral.ReferredToEarlyHelp
		}, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := base
			tc.r(&r)
			got, err := p.Route(fw, r)
			if tc.errs != nil {
				fs := rtFindings(t, err)
				assert.Equal(t, tc.errs, rtPathRules(fs))
				for _, f := range fs {
					assert.ErrorIs(t, f, referral.ErrInvalidReferral)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.queries, clPathRules(got.Queries))
		})
	}
}

// clPathRules is rtPathRules that gives nil for no findings (chain_test.go uses it too).
func clPathRules(fs continuum.Findings) []string {
	if len(fs) == 0 {
		return nil
	}
	return rtPathRules(fs)
}

func TestReferralSourceTokens(t *testing.T) {
	want := "1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10"
	var got []string
	for s := range referral.ReferralSources() {
		got = append(got, s.String())
		assert.NotEmpty(t, s.Label())
		text, err := s.MarshalText()
		require.NoError(t, err)
		var back referral.ReferralSource
		require.NoError(t, back.UnmarshalText(text))
		assert.Equal(t, s, back)
	}
	assert.Equal(t, want, strings.Join(got, " "))
	assert.Equal(t, "5D", referral.SourceLAEarlyHelp.String())
	assert.Equal(t, "10", referral.SourceUnknown.String())
	s, err := referral.ParseReferralSource("3e")
	require.NoError(t, err)
	assert.Equal(t, referral.SourceEmergencyDepartment, s)
	assert.Equal(t, "not-recorded", referral.ReferralSource(0).String())
	assert.Equal(t, "referral source(23)", referral.ReferralSource(23).String())
	assert.False(t, referral.ReferralSource(23).IsValid())
	for _, bad := range []string{"11", "5E", "0", "1a "} {
		_, err := referral.ParseReferralSource(bad)
		assert.ErrorIs(t, err, continuum.ErrUnknownToken, "%q", bad)
	}
}

func TestRouteReferralSource(t *testing.T) {
	p, fw := rtPair(t, "england")
	r := referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived, Source: referral.SourcePolice}
	_, err := p.Route(fw, r)
	require.NoError(t, err)
	r.Source = 40
	_, err = p.Route(fw, r)
	assert.Equal(t, []string{"source invalid-referral-source"}, rtPathRules(rtFindings(t, err)))
}

func TestReferralJSONNewFields(t *testing.T) {
	r := referral.Referral{To: continuum.Specialist, Received: rtReceived}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	for _, field := range []string{`"source"`, `"closure"`, `"history"`} {
		assert.NotContains(t, string(b), field, "unset new fields are left out, so older JSON readers see what they saw")
	}
	r.Source, r.Closure = referral.SourceSchool, referral.NoFurtherAction
	r.History = []referral.Episode{{Level: continuum.Intensive, Referred: rtAt(2024, time.January, 2, 9, 0)}}
	b, err = json.Marshal(r)
	require.NoError(t, err)
	var back referral.Referral
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.Source, back.Source)
	assert.Equal(t, r.Closure, back.Closure)
	require.Len(t, back.History, 1)
	assert.True(t, back.History[0].Open())
	assert.NotContains(t, r.String(), "2024-01-02", "String does not print the history's dates")
}

// clLastHasReasons checks that the policy's last transition allows the reasons it lists.
func clLastHasReasons(tb testing.TB, p *referral.Policy) {
	tb.Helper()
	var last referral.TransitionRule
	for tr := range p.Transitions() {
		last = tr
	}
	require.NotEmpty(tb, last.Closure.Reasons)
	assert.Equal(tb, last.Closure.Reasons, slices.Collect(p.ClosureReasons(last.Transition)))
}
