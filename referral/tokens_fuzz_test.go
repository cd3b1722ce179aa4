package referral_test

import (
	"testing"

	"github.com/rightsupport/needs/referral"
)

// FuzzParseEnums fuzzes the text parsers of referral's enums (Consent, TransitionKind,
// ConsentRule, Unit, LegalBasis, DeadlineBasis, JudgementReason): never a panic; a success
// round-trips through MarshalText.
func FuzzParseEnums(f *testing.F) {
	for _, seed := range []string{
		"given", "refused", "not-sought", // every consent token
		"NOT-SOUGHT",                                             // case is ignored
		"entry", "step-up", "step-down", "escalation", "closure", // every transition kind
		"required", "seek-unless-risk", "not-applicable", "required-unless-risk", // consent rules
		"voluntary-early-help", "family-help", "section-17", "section-47", // legal bases
		"pre-proceedings", "section-31", "SECTION-47",
		"working-days", "days", "weeks", "months", // units
		"statutory", "local", "prompt", // deadline bases
		"information-beyond-indicators", "history-or-cumulative-concern", "needs-persist-despite-support",
		"risk-reduced-at-review", "strengths-and-protective-factors", "disagreement-resolved", // judgement reasons
		"RC1", "rc9", "RC10", // census reasons for closure, any case, one past the end
		"1A", "5d", "10", "11", // census referral sources, any case, one past the end
		"", "given ", "ſtep-up", "\x00", // empty, trailing space, a Unicode fold, a NUL
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if c, err := referral.ParseConsent(s); err == nil {
			roundTrip(t, c.IsValid(), c.MarshalText, func(b []byte) (bool, error) {
				var d referral.Consent
				err := d.UnmarshalText(b)
				return d == c, err
			})
		}
		if k, err := referral.ParseTransitionKind(s); err == nil {
			roundTrip(t, k.IsValid(), k.MarshalText, func(b []byte) (bool, error) {
				var d referral.TransitionKind
				err := d.UnmarshalText(b)
				return d == k, err
			})
		}
		if c, err := referral.ParseClosureReason(s); err == nil {
			roundTrip(t, c.IsValid(), c.MarshalText, func(b []byte) (bool, error) {
				var d referral.ClosureReason
				err := d.UnmarshalText(b)
				return d == c, err
			})
		}
		if src, err := referral.ParseReferralSource(s); err == nil {
			roundTrip(t, src.IsValid(), src.MarshalText, func(b []byte) (bool, error) {
				var d referral.ReferralSource
				err := d.UnmarshalText(b)
				return d == src, err
			})
		}
		if b, err := referral.ParseLegalBasis(s); err == nil {
			roundTrip(t, b.IsValid(), b.MarshalText, func(text []byte) (bool, error) {
				var d referral.LegalBasis
				err := d.UnmarshalText(text)
				return d == b, err
			})
		}
		var r referral.ConsentRule
		if err := r.UnmarshalText([]byte(s)); err == nil && s != "" {
			roundTrip(t, r.IsValid(), r.MarshalText, func(b []byte) (bool, error) {
				var d referral.ConsentRule
				err := d.UnmarshalText(b)
				return d == r, err
			})
		}
		var u referral.Unit
		if err := u.UnmarshalText([]byte(s)); err == nil && s != "" {
			roundTrip(t, u.IsValid(), u.MarshalText, func(b []byte) (bool, error) {
				var d referral.Unit
				err := d.UnmarshalText(b)
				return d == u, err
			})
		}
		if v, err := referral.ParseDeadlineBasis(s); err == nil {
			roundTrip(t, v.IsValid(), v.MarshalText, func(b []byte) (bool, error) {
				var d referral.DeadlineBasis
				err := d.UnmarshalText(b)
				return d == v, err
			})
		}
		if v, err := referral.ParseJudgementReason(s); err == nil {
			roundTrip(t, v.IsValid(), v.MarshalText, func(b []byte) (bool, error) {
				var d referral.JudgementReason
				err := d.UnmarshalText(b)
				return d == v, err
			})
		}
	})
}

// roundTrip checks that a parsed value is valid and decodes back from its own text.
func roundTrip(t *testing.T, valid bool, marshal func() ([]byte, error), same func([]byte) (bool, error)) {
	t.Helper()
	if !valid {
		t.Fatal("a successful parse gave an invalid value")
	}
	b, err := marshal()
	if err != nil {
		t.Fatalf("MarshalText: %v", err)
	}
	ok, err := same(b)
	if err != nil || !ok {
		t.Fatalf("UnmarshalText(%q) did not give the value back: %v", b, err)
	}
}
