package referraltest

import (
	"embed"
	"fmt"
	"io/fs"
	"testing"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

//go:embed conformance
var conformanceFS embed.FS

// Conformance returns the module's shipped referral conformance cases: language-neutral
// JSON files at the root of the returned file system, read with
// LoadCases(Conformance(), "*.json"), and the journey cases under journeys/, read with
// LoadJourneyCases(Conformance(), "journeys/*.json"). Each case names the builtin policy and framework
// it is written for and holds for the builtins this version of the module ships.
func Conformance() fs.FS {
	sub, err := fs.Sub(conformanceFS, "conformance")
	if err != nil {
		panic(err) // a constant, valid directory name: cannot happen
	}
	return sub
}

// Applies says whether the shipped case c is one that an overlay policy and framework
// are expected to keep passing. applies is false when the case is written for a policy
// or framework the overlay does not derive from. Otherwise skip is "" when the case must
// pass, or says why the overlay is excused from it. The rule, comparing the overlay with
// the shipped builtin policy and framework the case names, the versions in force on
// the day it was received (the base):
//
//  1. A case applies when pol.DerivesFrom(c.Policy) and fw.DerivesFrom(c.Framework).
//  2. It is skipped when it pairs the base policy with a framework that does not derive
//     from the policy's (a framework-mismatch case): the overlay's pair goes together.
//     It is skipped when the overlay policy or framework is in force on the London day
//     it was received and the base's is not, or the other way round (an overlay that
//     starts later than the base is excused from the base's earlier cases; a case that
//     expects not-in-force runs when the overlay is not in force either).
//  3. It is skipped when thresholdstest.Applies excuses its decision: an indicator of
//     the case removed, added or replaced by the overlay framework, or changed
//     multiple-needs parameters at its highest need's level.
//  4. It is skipped when the overlay policy changed a rule the case uses: the consent
//     rule of the level asked for or of the level decided under the base; whether the
//     move is allowed; the route or next route the referral goes to (its routing entry
//     or threshold gate); the timescale that sets its deadline or its basis; the legal
//     basis its routing entry states; or, by the route's office hours, whether the
//     referral is out of hours.
//  5. Every other case runs and must pass.
//
// Route names, wording, contacts and citations an overlay changes excuse nothing: cases
// do not compare them. The reason never repeats a code or a date of the case.
func Applies(pol *referral.Policy, fw *thresholds.Framework, c Case) (applies bool, skip string) {
	if pol == nil || fw == nil || !pol.DerivesFrom(c.Policy) {
		return false, ""
	}
	applies, skip = thresholdstest.Applies(fw, thresholdstest.Case{Framework: c.Framework, Indicators: c.Indicators})
	if !applies {
		return false, ""
	}
	basePol, baseFW, err := BuiltinsOn(c.Policy, c.Framework, c.Received)
	if err != nil {
		return true, "" // not builtins: the case runs and reports the lookup
	}
	if !baseFW.DerivesFrom(basePol.FrameworkID()) {
		return true, "the case pairs the policy with a framework it does not go with, which an overlay's policy and framework cannot reproduce"
	}
	if pol.InForce(c.Received) != basePol.InForce(c.Received) || fw.InForce(c.Received) != baseFW.InForce(c.Received) {
		return true, "the overlay policy or framework is in force on the day received where the base is not, or the other way round"
	}
	if skip != "" {
		return true, skip
	}
	return true, policyExcused(pol, fw, basePol, baseFW, c)
}

// policyExcused returns why the overlay policy may route c otherwise than the base
// policy, or "" when it may not.
func policyExcused(pol *referral.Policy, fw *thresholds.Framework, basePol *referral.Policy, baseFW *thresholds.Framework, c Case) string {
	r := c.Referral()
	levels := []continuum.Level{c.To}
	if d, err := baseFW.Evaluate(r.Case); err == nil {
		levels = append(levels, d.Level)
	}
	for _, l := range levels {
		if !l.IsValid() {
			continue
		}
		o, _ := pol.ConsentRule(l)
		b, _ := basePol.ConsentRule(l)
		if o != b {
			return fmt.Sprintf("the overlay policy has another consent rule at %s than %s", l, basePol.ID())
		}
	}
	t := referral.Transition{From: c.From, To: c.To}
	if t.Kind().IsValid() && pol.Allows(t) != basePol.Allows(t) {
		return fmt.Sprintf("the overlay policy changes whether %s is allowed", t.Kind())
	}
	want, werr := basePol.Route(baseFW, r)
	got, gerr := pol.Route(fw, r)
	if werr != nil || gerr != nil {
		return "" // blocked under either: nothing routed to compare, the case decides
	}
	switch {
	case got.Route.ID != want.Route.ID || got.Then.ID != want.Then.ID:
		return fmt.Sprintf("the overlay policy routes %s at %s urgency to another route than %s", c.To, want.Decision.Urgency, basePol.ID())
	case got.Timescale.ID != want.Timescale.ID || got.Timescale.Amount != want.Timescale.Amount || got.Timescale.Unit != want.Timescale.Unit ||
		got.Basis != want.Basis:
		return fmt.Sprintf("the overlay policy gives the route another timescale than %s", basePol.ID())
	case got.OutOfHoursNow != want.OutOfHoursNow:
		return fmt.Sprintf("the overlay policy gives the route other office hours than %s", basePol.ID())
	case got.LegalBasis != want.LegalBasis:
		return fmt.Sprintf("the overlay policy states another legal basis for %s at %s urgency than %s", c.To, want.Decision.Urgency, basePol.ID())
	}
	return ""
}

// RunConformance runs the shipped cases ([Conformance]) that an overlay policy and the
// framework it goes with are expected to keep passing, by the rule of [Applies]: a
// council calls it in a test with its own policy and framework. With a *testing.T each
// case is a subtest, and an excused case is a skipped subtest whose message gives the
// reason; with another testing.TB the reason is logged. It fails t when the cases cannot
// be loaded, when fw does not derive from the framework pol names (every referral would
// be refused), when no case applies, and for every case that runs and does not pass.
func RunConformance(t testing.TB, pol *referral.Policy, fw *thresholds.Framework) thresholdstest.Coverage {
	t.Helper()
	return runConformance(t, pol, fw, Conformance())
}

// runConformance is RunConformance over the cases of fsys.
func runConformance(t testing.TB, pol *referral.Policy, fw *thresholds.Framework, fsys fs.FS) thresholdstest.Coverage {
	t.Helper()
	var cov thresholdstest.Coverage
	if pol == nil || fw == nil {
		t.Errorf("referraltest: conformance: the policy or the framework is nil")
		return cov
	}
	if !fw.DerivesFrom(pol.FrameworkID()) {
		t.Errorf("referraltest: conformance: framework %s does not derive from the framework policy %s names", fw, pol)
		return cov
	}
	cases, err := LoadCases(fsys, "*.json")
	if err != nil {
		t.Errorf("%v", err)
		return cov
	}
	cov = thresholdstest.RunApplicable(t, cases, func(c Case) string { return c.Name },
		func(c Case) (bool, string) { return Applies(pol, fw, c) },
		func(c Case) error { return CheckCase(pol, fw, c) })
	if cov.Run+cov.Skipped == 0 {
		t.Errorf("referraltest: conformance: policy %s and framework %s derive from no policy and framework with shipped cases", pol, fw)
	}
	t.Logf("referraltest: conformance of policy %s with framework %s: %d cases run, %d skipped, %d for other policies", pol, fw, cov.Run, cov.Skipped, cov.Other)
	return cov
}
