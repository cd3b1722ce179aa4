package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/referral/referraltest"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

var update = flag.Bool("update", false, "rewrite testdata/overlay.txt from the current output")

func loaded(t *testing.T) chain {
	t.Helper()
	c, err := load()
	require.NoError(t, err)
	return c
}

// TestChain: the district extends the county, which extends the England version it
// names; every framework passes CheckFramework.
func TestChain(t *testing.T) {
	c := loaded(t)
	england, err := thresholds.BuiltinOn("england", c.county.EffectiveFrom()) // the version it was written against
	require.NoError(t, err)
	assert.Equal(t, "northshire@1.0.0", c.district.Base())
	assert.Equal(t, "england@"+england.Version(), c.county.Base())
	assert.True(t, c.district.DerivesFrom("england"))
	assert.True(t, c.districtPol.DerivesFrom("northshire"))
	assert.True(t, c.districtPol.DerivesFrom("england"))
	assert.False(t, c.county.DerivesFrom("southvale"), "lineage goes up, never down")
	for _, fw := range []*thresholds.Framework{c.county, c.district} {
		assert.NoError(t, thresholdstest.CheckFramework(fw), fw.ID())
	}
	_, ok := c.district.Indicator(continuum.MustParseCode("NSH-COM-2-01"))
	assert.False(t, ok, "the district removes the county's rural-transport need")
	_, ok = c.county.Indicator(continuum.MustParseCode("NSH-COM-2-01"))
	assert.True(t, ok)
}

// TestConformance runs the shipped cases the overlay should keep passing: the county's
// and the district's frameworks keep every England threshold case (they change no
// England indicator's level, kind or dimension, and no decision parameter); the
// district's policy is excused from the England referral cases whose additional needs
// now go to its family hub, and the ones before it came into force.
func TestConformance(t *testing.T) {
	c := loaded(t)
	shipped, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	pinned := 0 // cases about a builtin England version itself (its labels, its period)
	for _, sc := range shipped {
		if sc.Framework == "england" && sc.PinsVersion() {
			pinned++
		}
	}
	for _, fw := range []*thresholds.Framework{c.county, c.district} {
		t.Run("thresholds/"+fw.ID(), func(t *testing.T) {
			cov := thresholdstest.RunConformance(t, fw)
			assert.Positive(t, cov.Run)
			assert.Equal(t, pinned, cov.Skipped, "the overlay changes nothing an England threshold case depends on; only the cases about a builtin version itself are excused")
		})
	}
	var county, district thresholdstest.Coverage
	t.Run("referral/northshire", func(t *testing.T) { county = referraltest.RunConformance(t, c.countyPol, c.county) })
	t.Run("referral/southvale", func(t *testing.T) { district = referraltest.RunConformance(t, c.districtPol, c.district) })
	assert.Positive(t, county.Run)
	assert.Positive(t, district.Run)
	assert.Greater(t, district.Skipped, county.Skipped, "the district's family hub takes cases the county keeps")
}

// TestRoutes routes referrals under the district and the county and checks where they
// go and by when.
func TestRoutes(t *testing.T) {
	c := loaded(t)
	day := time.Date(2024, 6, 3, 9, 30, 0, 0, london) // a Monday
	tests := []struct {
		name     string
		reason   string
		pol      *referral.Policy
		fw       *thresholds.Framework
		to       continuum.Level
		codes    []string
		consent  referral.Consent
		route    string
		then     string
		decideBy time.Time
		errRules []string
	}{
		{"district_hub", "the district sends additional needs to its family hub, 5 working days",
			c.districtPol, c.district, continuum.Additional, []string{"SVL-SOC-2-01"}, referral.Given, "family-hub", "", day.AddDate(0, 0, 7), nil},
		{"county_early_help", "the county keeps England's early help route, under its own name",
			c.countyPol, c.county, continuum.Additional, []string{"NSH-COM-2-01"}, referral.Given, "early-help", "", day.AddDate(0, 0, 1), nil},
		{"district_intensive", "intensive needs still go to the county's early help hub",
			c.districtPol, c.district, continuum.Intensive, []string{"FSR-2-01", "EDU-2-01", "HSG-2-01"}, referral.Given, "early-help", "", day.AddDate(0, 0, 1), nil},
		{"district_harm", "significant harm: the county's front door the same day, consent not sought",
			c.districtPol, c.district, continuum.Specialist, []string{"SH-01"}, referral.NotSought, "childrens-social-care", "", day.AddDate(0, 0, 1), nil},
		{"district_danger", "immediate danger: 999, then the county's front door",
			c.districtPol, c.district, continuum.Specialist, []string{"EM-01"}, referral.NotSought, "police-999", "childrens-social-care", day.AddDate(0, 0, 1), nil},
		{"district_refused", "early help without consent cannot go ahead",
			c.districtPol, c.district, continuum.Additional, []string{"HLT-2-01"}, referral.Refused, "", "", time.Time{}, []string{"consent-required"}},
		{"district_removed_need", "the county's need the district removed is unknown there",
			c.districtPol, c.district, continuum.Additional, []string{"NSH-COM-2-01"}, referral.Given, "", "", time.Time{}, []string{"unknown-indicator"}},
		{"england_policy_district_framework", "England's own policy takes the district's framework: it derives from england",
			englandOn(t, day), c.district, continuum.Additional, []string{"SVL-SOC-2-01"}, referral.Given, "early-help", "", day.AddDate(0, 0, 1), nil},
		{"before_in_force", "a referral before the overlay came into force is refused",
			c.districtPol, c.district, continuum.Additional, []string{"HLT-2-01"}, referral.Given, "", "", time.Time{}, []string{"not-in-force"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			received := day
			if tt.name == "before_in_force" {
				received = time.Date(2023, 12, 29, 10, 0, 0, 0, london)
			}
			r := referral.Referral{To: tt.to, Consent: tt.consent, Received: received}
			for _, s := range tt.codes {
				r.Case.Indicators = append(r.Case.Indicators, continuum.MustParseCode(s))
			}
			routing, err := tt.pol.Route(tt.fw, r)
			if tt.errRules != nil {
				require.Error(t, err, tt.reason)
				var fs continuum.Findings
				require.ErrorAs(t, err, &fs)
				for _, rule := range tt.errRules {
					assert.Contains(t, fs.Rules(), rule, tt.reason)
				}
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.route, routing.Route.ID, tt.reason)
			assert.Equal(t, tt.then, routing.Then.ID, tt.reason)
			assert.True(t, tt.decideBy.Equal(routing.DecideBy), "%s: decide by %s, want %s", tt.reason, routing.DecideBy, tt.decideBy)
		})
	}
}

// TestGolden keeps the program's output as it is in testdata/overlay.txt; run go test
// ./examples/overlay -update to accept a change.
func TestGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, run(&buf))
	golden := filepath.Join("testdata", "overlay.txt")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "run go test -update to create the golden file")
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("output differs from %s (-want +got); run go test -update if the change is intended:\n%s", golden, diff)
	}
}

// TestFictional: the documents say they are fictional and cite the England base's
// sources where they reuse its records.
func TestFictional(t *testing.T) {
	c := loaded(t)
	for _, title := range []string{c.county.Title(), c.district.Title(), c.countyPol.Title(), c.districtPol.Title()} {
		assert.Contains(t, title, "fictional", title)
	}
	ind, ok := c.county.Indicator(continuum.MustParseCode("FSR-2-01"))
	require.True(t, ok)
	england, _ := thresholds.Default().Indicator(continuum.MustParseCode("FSR-2-01"))
	for _, cite := range england.Citations {
		assert.Contains(t, ind.Citations, cite, "the reworded England need keeps England's sources")
	}
}

// englandOn returns the builtin England policy in force on the day (Working Together 2023
// before 18 March 2026).
func englandOn(t *testing.T, day time.Time) *referral.Policy {
	t.Helper()
	p, err := referral.BuiltinPolicyOn("england", day)
	require.NoError(t, err)
	return p
}
