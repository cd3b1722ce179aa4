package referral_test

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// The impact of moving England from its 2023 version to its 2026 version (issue 11), as a
// policy owner asks it: over the shipped conformance cases, how many change level, route,
// legal basis, consent rule or deadline. Each England referral case is routed under both
// versions on a reference day inside each version's period (a Wednesday at 10:00 in
// London with no bank holiday near), so the dates of the cases themselves play no part;
// each England threshold case is decided under both frameworks. The report is the golden
// file testdata/golden/impact-england-2023-2026.txt (-update rewrites it); the README
// summarises it.

var (
	imDay2023 = time.Date(2025, time.June, 4, 9, 0, 0, 0, time.UTC) // Wed 4 Jun 2025, 10:00 BST
	imDay2026 = time.Date(2026, time.June, 3, 9, 0, 0, 0, time.UTC) // Wed 3 Jun 2026, 10:00 BST
)

// imOutcome is what a policy owner compares of one routing.
type imOutcome struct {
	refused     bool
	level       continuum.Level
	urgency     continuum.Urgency
	route, then string
	basis       referral.LegalBasis
	consent     referral.ConsentRule
	workingDays int
}

func (o imOutcome) routeText() string {
	if o.then != "" {
		return o.route + "+" + o.then
	}
	return o.route
}

func imRoute(t *testing.T, p *referral.Policy, fw *thresholds.Framework, c referraltest.Case, day time.Time) imOutcome {
	t.Helper()
	r, err := p.Route(fw, referral.Referral{From: c.From, To: c.To, Case: thresholds.Case{Indicators: c.Indicators}, Consent: c.Consent, Received: day})
	if err != nil {
		return imOutcome{refused: true}
	}
	return imOutcome{
		level: r.Decision.Level, urgency: r.Decision.Urgency, route: r.Route.ID, then: r.Then.ID,
		basis: r.LegalBasis, consent: r.Consent, workingDays: referral.WorkingDaysBetween(day, r.DecideBy),
	}
}

func TestImpactEngland2026(t *testing.T) {
	p23, err := referral.BuiltinPolicyOn("england", imDay2023)
	require.NoError(t, err)
	p26, err := referral.BuiltinPolicyOn("england", imDay2026)
	require.NoError(t, err)
	f23, err := thresholds.BuiltinOn("england", imDay2023)
	require.NoError(t, err)
	f26, err := thresholds.BuiltinOn("england", imDay2026)
	require.NoError(t, err)
	require.NotEqual(t, p23.Digest(), p26.Digest())
	require.NotEqual(t, f23.Digest(), f26.Digest())

	refCases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	require.NoError(t, err)
	thrCases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)

	var b strings.Builder
	fmt.Fprintf(&b, "England 2023 -> 2026: impact over the shipped conformance cases\n\n")
	fmt.Fprintf(&b, "before: policy %s %s, framework %s %s, in force %s to %s\n", p23.ID(), p23.Version(), f23.ID(), f23.Version(),
		p23.EffectiveFrom().Format(time.DateOnly), p23.EffectiveTo().Format(time.DateOnly))
	fmt.Fprintf(&b, "after:  policy %s %s, framework %s %s, in force from %s\n\n", p26.ID(), p26.Version(), f26.ID(), f26.Version(),
		p26.EffectiveFrom().Format(time.DateOnly))

	var n, refusedBoth, refusedChange, level, route, basis, consent, deadline, unchanged int
	routes, bases := map[string]int{}, map[string]int{}
	var lines []string
	for _, c := range refCases {
		if c.Policy != "england" || c.Framework != "england" {
			continue
		}
		n++
		a, z := imRoute(t, p23, f23, c, imDay2023), imRoute(t, p26, f26, c, imDay2026)
		var what []string
		switch {
		case a.refused && z.refused:
			refusedBoth++
			continue
		case a.refused != z.refused:
			refusedChange++
			what = append(what, fmt.Sprintf("refused %t -> %t", a.refused, z.refused))
		default:
			if a.level != z.level || a.urgency != z.urgency {
				level++
				what = append(what, fmt.Sprintf("level %s/%s -> %s/%s", a.level, a.urgency, z.level, z.urgency))
			}
			if a.routeText() != z.routeText() {
				route++
				k := a.routeText() + " -> " + z.routeText()
				routes[k]++
				what = append(what, "route "+k)
			}
			if a.basis != z.basis {
				basis++
				k := a.basis.String() + " -> " + z.basis.String()
				bases[k]++
				what = append(what, "legal basis "+k)
			}
			if a.consent != z.consent {
				consent++
				what = append(what, fmt.Sprintf("consent %s -> %s", a.consent, z.consent))
			}
			if a.workingDays != z.workingDays {
				deadline++
				what = append(what, fmt.Sprintf("deadline %d -> %d working days", a.workingDays, z.workingDays))
			}
		}
		if len(what) == 0 {
			unchanged++
			continue
		}
		lines = append(lines, fmt.Sprintf("  %s: %s", c.Name, strings.Join(what, "; ")))
	}
	fmt.Fprintf(&b, "referral cases (England): %d, routed on Wed %s under 2023 and Wed %s under 2026\n", n,
		imDay2023.Format(time.DateOnly), imDay2026.Format(time.DateOnly))
	fmt.Fprintf(&b, "  refused under both: %d\n  refused under one only: %d\n", refusedBoth, refusedChange)
	fmt.Fprintf(&b, "  level or urgency changes: %d\n  route changes: %d\n", level, route)
	for _, k := range slices.Sorted(maps.Keys(routes)) {
		fmt.Fprintf(&b, "    %s: %d\n", k, routes[k])
	}
	fmt.Fprintf(&b, "  legal basis changes: %d\n", basis)
	for _, k := range slices.Sorted(maps.Keys(bases)) {
		fmt.Fprintf(&b, "    %s: %d\n", k, bases[k])
	}
	fmt.Fprintf(&b, "  consent rule changes: %d\n  deadline changes: %d\n  unchanged: %d\n", consent, deadline, unchanged)

	var tn, tlevel, tlabel int
	labels := map[string]int{}
	for _, c := range thrCases {
		if c.Framework != "england" {
			continue
		}
		tn++
		cs := thresholds.Case{Indicators: c.Indicators}
		da, ea := f23.Evaluate(cs)
		dz, ez := f26.Evaluate(cs)
		if ea != nil || ez != nil {
			continue
		}
		if da.Level != dz.Level || da.Urgency != dz.Urgency {
			tlevel++
		}
		if la, lz := f23.Label(da.Level), f26.Label(dz.Level); la != lz {
			tlabel++
			labels[la+" -> "+lz]++
		}
	}
	fmt.Fprintf(&b, "\nthreshold cases (England): %d\n  level or urgency changes: %d\n  level label changes: %d\n", tn, tlevel, tlabel)
	for _, k := range slices.SortedFunc(maps.Keys(labels), cmp.Compare[string]) {
		fmt.Fprintf(&b, "    %s: %d\n", k, labels[k])
	}
	fmt.Fprintf(&b, "\nchanged referral cases:\n%s\n", strings.Join(lines, "\n"))

	got := b.String()
	const golden = "testdata/golden/impact-england-2023-2026.txt"
	if grUpdate() {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), got, "run go test -run TestImpactEngland2026 -update if the change is intended")
	assert.Positive(t, n, "the corpus has England referral cases")

	// The README's summary says the same.
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	flat := strings.Join(strings.Fields(string(readme)), " ")
	for _, want := range []string{
		fmt.Sprintf("of %d referral cases, %d are refused under both versions alike", n, refusedBoth),
		fmt.Sprintf("%d change route (%d early help to Family Help", route, routes["early-help -> family-help"]),
		fmt.Sprintf("%d change legal basis (%d voluntary early help to Family Help, %d to section 17)", basis,
			bases["voluntary-early-help -> family-help"], bases["voluntary-early-help -> section-17"]),
		fmt.Sprintf("Of %d threshold cases none changes level; %d change label", tn, tlabel),
	} {
		assert.Contains(t, flat, want, "README.md summarises the impact report")
	}
	assert.Zero(t, level+consent+deadline+refusedChange+tlevel, "the README says nothing else changes")
}
