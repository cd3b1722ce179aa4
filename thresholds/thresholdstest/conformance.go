package thresholdstest

import (
	"embed"
	"fmt"
	"io/fs"
	"testing"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

//go:embed conformance/*.json
var conformanceFS embed.FS

// Conformance returns the module's shipped threshold conformance cases: language-neutral
// JSON files at the root of the returned file system, one per topic, read with
// LoadCases(Conformance(), "*.json"). Each case names the builtin framework it is written
// for ("england", "kent", "durham") and holds for the builtin of that id that this
// version of the module ships. The files are read-only and the same on every call.
func Conformance() fs.FS {
	sub, err := fs.Sub(conformanceFS, "conformance")
	if err != nil {
		panic(err) // a constant, valid directory name: cannot happen
	}
	return sub
}

// Coverage counts what [RunConformance] did with the shipped cases. The zero Coverage
// ran nothing.
type Coverage struct {
	// Run is the number of cases run against the overlay.
	Run int
	// Skipped is the number of cases of the overlay's lineage not run, each with its
	// reason logged: the overlay changed what the case depends on.
	Skipped int
	// Other is the number of cases written for frameworks the overlay does not derive
	// from; they do not apply to it.
	Other int
}

// Applies says whether the shipped case c is one that overlay is expected to keep
// passing. applies is false when the case is written for a framework the overlay does
// not derive from. Otherwise skip is "" when the case must pass, or says why the
// overlay is excused from it. The rule, comparing the overlay with the shipped builtin
// the case names (call it base):
//
//  1. A case applies when overlay.DerivesFrom(c.Framework): its own id or any id up its
//     extends chain.
//  2. It is skipped when one of its indicator codes is in base's catalogue and not in
//     the overlay's (the overlay removed it), in the overlay's and not in base's (the
//     overlay added it, and the case expects it to be unknown), or in both with another
//     level, kind or dimension (the overlay replaced it).
//  3. It is skipped when the multiple-needs parameters ([thresholds.Framework.StepUp])
//     at the level of its highest observed need under base differ in the overlay (the
//     overlay changed the decision parameters the case uses).
//  4. A case that states the version or the label it wants ([Case.PinsVersion]) is about
//     that builtin version itself: it is skipped for any other framework or version.
//  5. Every other case runs and must pass.
//
// Those are exactly the things a case's expected result depends on, so a case that runs
// fails only when this module's engine or shipped data do not hold the case any more
// (after an upgrade, say) or the overlay's framework is not the one meant. A summary,
// wording, label or citation the overlay changes excuses nothing: cases do not compare
// them. Differences that come from an older base version the overlay pins count as the
// overlay's own (rule 2 or 3), since the cases hold for the shipped builtins. The reason
// names the rule and the framework, never a code of the case.
func Applies(overlay *thresholds.Framework, c Case) (applies bool, skip string) {
	if overlay == nil || !overlay.DerivesFrom(c.Framework) {
		return false, ""
	}
	if c.PinsVersion() && (overlay.ID() != c.Framework || overlay.Version() != c.Want.Version) {
		// The case states the builtin version or label it wants: it is about that
		// version itself, which no other framework or version is.
		return true, fmt.Sprintf("the case is about version %s of %s itself", c.Want.Version, c.Framework)
	}
	base, err := thresholds.Builtin(c.Framework)
	if err != nil {
		return true, "" // not a builtin: the case runs and reports the lookup
	}
	return true, excused(overlay, base, c.Indicators)
}

// excused returns why the overlay's decision on the indicators may differ from base's,
// or "" when it may not.
func excused(overlay, base *thresholds.Framework, codes []continuum.Code) string {
	highest := continuum.Level(0)
	for i, code := range codes {
		b, inBase := base.Indicator(code)
		o, inOverlay := overlay.Indicator(code)
		switch {
		case inBase && !inOverlay:
			return fmt.Sprintf("indicator %d of the case is in %s and not in the overlay (removed)", i, base.ID())
		case !inBase && inOverlay:
			return fmt.Sprintf("indicator %d of the case is not in %s and is in the overlay (added)", i, base.ID())
		case inBase && (b.Level != o.Level || b.Kind != o.Kind || b.Dimension != o.Dimension):
			return fmt.Sprintf("indicator %d of the case has another level, kind or dimension in the overlay than in %s (replaced)", i, base.ID())
		}
		if inBase && b.Kind == continuum.Need && b.Level > highest {
			highest = b.Level
		}
	}
	if highest.IsValid() {
		bn, bd, bok := base.StepUp(highest)
		on, od, ook := overlay.StepUp(highest)
		if bn != on || bd != od || bok != ook {
			return fmt.Sprintf("the overlay steps %s up with other multiple-needs parameters than %s", highest, base.ID())
		}
	}
	return ""
}

// RunConformance runs the shipped cases ([Conformance]) that overlay is expected to keep
// passing, by the rule of [Applies], against overlay: a council calls it in a test with
// its own framework. With a *testing.T each case is a subtest, and an excused case is a
// skipped subtest whose skip message gives the reason; with another testing.TB the
// reason is logged. Cases for frameworks outside the overlay's lineage are counted, not
// run. It fails t when the shipped cases cannot be loaded, when no case applies (the
// overlay derives from no framework with shipped cases), and for every case that runs
// and does not pass. It returns what it did.
func RunConformance(t testing.TB, overlay *thresholds.Framework) Coverage {
	t.Helper()
	return runConformance(t, overlay, Conformance())
}

// runConformance is RunConformance over the cases of fsys.
func runConformance(t testing.TB, overlay *thresholds.Framework, fsys fs.FS) Coverage {
	t.Helper()
	var cov Coverage
	if overlay == nil {
		t.Errorf("thresholdstest: conformance: the framework is nil")
		return cov
	}
	cases, err := LoadCases(fsys, "*.json")
	if err != nil {
		t.Errorf("%v", err)
		return cov
	}
	cov = RunApplicable(t, cases, func(c Case) string { return c.Name },
		func(c Case) (bool, string) { return Applies(overlay, c) },
		func(c Case) error { return CheckCase(overlay, c) })
	if cov.Run+cov.Skipped == 0 {
		t.Errorf("thresholdstest: conformance: %s derives from no framework with shipped cases", overlay)
	}
	t.Logf("thresholdstest: conformance of %s: %d cases run, %d skipped, %d for other frameworks", overlay, cov.Run, cov.Skipped, cov.Other)
	return cov
}

// RunApplicable runs cases as [RunConformance] runs the shipped ones, for a package that
// runs conformance cases of its own type C (referraltest does): each case that applies
// is a subtest of t ([Run]) named name(c); one that applies with a reason to skip is
// skipped with it ([Skip]); every other one that applies fails its subtest with the
// error check returns, if any. Cases that do not apply are counted, not run. It returns
// what it did.
func RunApplicable[C any](t testing.TB, cases []C, name func(C) string, applies func(C) (bool, string), check func(C) error) Coverage {
	t.Helper()
	var cov Coverage
	for _, c := range cases {
		applies, skip := applies(c)
		switch {
		case !applies:
			cov.Other++
			continue
		case skip != "":
			cov.Skipped++
		default:
			cov.Run++
		}
		Run(t, name(c), func(t testing.TB) {
			t.Helper()
			if skip != "" {
				Skip(t, name(c), skip)
				return
			}
			if err := check(c); err != nil {
				t.Error(err)
			}
		})
	}
	return cov
}

// Skip marks a conformance case as not run, with its reason: a *testing.T (a subtest of
// [Run]) is skipped with the reason as its message; any other testing.TB logs it, so no
// case is ever left out silently.
func Skip(t testing.TB, name, reason string) {
	t.Helper()
	if tt, ok := t.(*testing.T); ok {
		tt.Skipf("case %s skipped: %s", name, reason)
		return
	}
	t.Logf("case %s skipped: %s", name, reason)
}
