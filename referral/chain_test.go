package referral_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "ch".

// chLoad parses the fictional county (Wyvernshire, extending england) and district
// (Lowmere, extending Wyvernshire) of testdata/chain, frameworks and policies, each pair
// as one set with ParseAll, the district first: the set resolves the order itself.
func chLoad(t testing.TB) (fws map[string]*thresholds.Framework, pols map[string]*referral.Policy) {
	t.Helper()
	fw, errs := thresholds.ParseOptions{}.ParseAll(
		polRead(t, "../thresholds/testdata/chain/lowmere.json"),
		polRead(t, "../thresholds/testdata/chain/wyvernshire.json"))
	require.NoError(t, errors.Join(errs...))
	ps, errs := referral.ParseOptions{}.ParseAll(
		polRead(t, "testdata/chain/lowmere.json"),
		polRead(t, "testdata/chain/wyvernshire.json"))
	require.NoError(t, errors.Join(errs...))
	fws = map[string]*thresholds.Framework{"lowmere": fw[0], "wyvernshire": fw[1]}
	pols = map[string]*referral.Policy{"lowmere": ps[0], "wyvernshire": ps[1]}
	return fws, pols
}

func TestChainLineage(t *testing.T) {
	fws, pols := chLoad(t)
	tests := []struct {
		id, base string
		derives  []string
	}{
		{id: "wyvernshire", base: "england@1.0.0", derives: []string{"wyvernshire", "england"}},
		{id: "lowmere", base: "wyvernshire@1.0.0", derives: []string{"lowmere", "wyvernshire", "england"}},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			fw, p := fws[tt.id], pols[tt.id]
			assert.Equal(t, tt.id, fw.ID())
			assert.Equal(t, tt.id, p.ID())
			assert.Equal(t, tt.id, p.FrameworkID(), "a policy names its own framework")
			assert.Equal(t, tt.base, fw.Base())
			assert.Equal(t, tt.base, p.Base())
			for _, id := range tt.derives {
				assert.True(t, fw.DerivesFrom(id), "framework derives from %s", id)
				assert.True(t, p.DerivesFrom(id), "policy derives from %s", id)
			}
			for _, id := range []string{"kent", "durham", "", "atlantis"} {
				assert.False(t, fw.DerivesFrom(id), "framework does not derive from %q", id)
				assert.False(t, p.DerivesFrom(id), "policy does not derive from %q", id)
			}
		})
	}
	assert.Empty(t, referral.DefaultPolicy().Base(), "england is a base policy")
	assert.True(t, referral.DefaultPolicy().DerivesFrom("england"))
}

// TestChainWithBase resolves the chain through ParseOptions.Base instead of a set: each
// level is parsed on its own with a lookup of the ones already parsed.
func TestChainWithBase(t *testing.T) {
	parsed := map[string]*referral.Policy{}
	lookup := func(ref string) (*referral.Policy, error) {
		if p, ok := parsed[ref]; ok {
			return p, nil
		}
		p, _ := rtEngland2023(t) // only england@1.0.0 is asked for otherwise
		return p, nil
	}
	opts := referral.ParseOptions{Base: lookup}
	county, err := opts.Parse(polRead(t, "testdata/chain/wyvernshire.json"))
	require.NoError(t, err)
	parsed["wyvernshire@1.0.0"] = county
	district, err := opts.Parse(polRead(t, "testdata/chain/lowmere.json"))
	require.NoError(t, err)

	_, pols := chLoad(t)
	assert.Equal(t, pols["lowmere"].Digest(), district.Digest(), "a set and a lookup give the same policy")
	assert.Equal(t, pols["wyvernshire"].Digest(), county.Digest())
}

func TestChainMerge(t *testing.T) {
	_, pols := chLoad(t)
	county, district := pols["wyvernshire"], pols["lowmere"]
	eng, _ := rtEngland2023(t)

	routes := func(p *referral.Policy) map[string]referral.Route {
		out := map[string]referral.Route{}
		for r := range p.Routes() {
			out[r.ID] = r
		}
		return out
	}
	cr, dr := routes(county), routes(district)
	assert.NotContains(t, cr, "early-help", "removed by the county")
	assert.Equal(t, "Wyvernshire Front Door", cr["childrens-social-care"].Name, "replaced by the county")
	assert.Equal(t, routes(eng)["police-999"], cr["police-999"], "inherited unchanged")
	assert.Equal(t, "Lowmere family hub", dr["family-hub"].Name, "replaced again by the district")
	assert.Equal(t, "Wyvernshire Front Door", dr["childrens-social-care"].Name, "the district inherits the county's")

	assert.False(t, county.Allows(referral.Transition{From: continuum.Specialist, To: continuum.Universal}), "removed")
	assert.True(t, county.Allows(referral.Transition{From: continuum.Intensive, To: continuum.Universal}), "inherited")

	hub, ok := district.Timescale("hub-conversation")
	require.True(t, ok)
	assert.Equal(t, 2, hub.Amount, "the district's timescale replaces the county's 3 days")
	rule, note := district.ConsentRule(continuum.Intensive)
	assert.Equal(t, referral.Required, rule)
	assert.Contains(t, note, "Lowmere", "the district's consent note replaces england's")

	var ids []string
	for s := range district.Sources() {
		ids = append(ids, s.Source)
	}
	assert.Contains(t, ids, "WT2023", "england's register")
	assert.Contains(t, ids, "WYV-P01", "the county's")
	assert.Equal(t, "LOW-P01", ids[len(ids)-1], "the district's last")
}

func TestChainRoute(t *testing.T) {
	fws, pols := chLoad(t)
	rec := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	tests := []struct {
		name     string
		policy   *referral.Policy
		fw       string
		r        referral.Referral
		route    string
		level    continuum.Level
		decideBy time.Time
		queries  []string
		errs     []string
		sentinel error
		reason   string
	}{
		{
			name: "district_early_help", policy: pols["lowmere"], fw: "lowmere",
			r:     referral.Referral{To: continuum.Additional, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: rec(2024, time.December, 24)},
			route: "family-hub", level: continuum.Additional, decideBy: rec(2024, time.December, 30),
			reason: "the district's hub, 2 working days from Tue 24 Dec 2024: Fri 27 (1), Mon 30 (2)",
		},
		{
			name: "district_step_up", policy: pols["lowmere"], fw: "lowmere",
			r:     referral.Referral{To: continuum.Intensive, Case: rtCase("EDU-2-01", "HSG-2-01"), Consent: referral.Given, Received: rec(2025, time.March, 3)},
			route: "childrens-social-care", level: continuum.Intensive, decideBy: rec(2025, time.March, 4),
			reason: "the district's step-up (2 needs, 2 sides) makes it intensive, which the county's gated front door takes",
		},
		{
			name: "county_policy_district_framework", policy: pols["wyvernshire"], fw: "lowmere",
			r:     referral.Referral{To: continuum.Intensive, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: rec(2025, time.March, 3)},
			route: "family-hub", level: continuum.Additional, decideBy: rec(2025, time.March, 6), queries: []string{"to below-threshold"},
			reason: "the county's policy takes the district's framework, which derives from it; the gate sends additional to the county's 3-day hub",
		},
		{
			name: "england_policy_district_framework", policy: func() *referral.Policy { p, _ := rtEngland2023(t); return p }(), fw: "lowmere",
			r:     referral.Referral{To: continuum.Additional, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: rec(2025, time.March, 3)},
			route: "early-help", level: continuum.Additional, decideBy: rec(2025, time.March, 4),
			reason: "DefaultPolicy().Route(overlay, r) works for any framework that extends england",
		},
		{
			name: "district_policy_county_framework", policy: pols["lowmere"], fw: "wyvernshire",
			r:    referral.Referral{To: continuum.Additional, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: rec(2025, time.March, 3)},
			errs: []string{"framework framework-mismatch"}, sentinel: referral.ErrFrameworkMismatch,
			reason: "the county's framework does not derive from the district's",
		},
		{
			name: "district_before_its_period", policy: pols["lowmere"], fw: "lowmere",
			r:    referral.Referral{To: continuum.Additional, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: time.Date(2024, time.August, 31, 22, 59, 0, 0, time.UTC)},
			errs: []string{"received not-in-force", "received not-in-force"}, sentinel: referral.ErrNotInForce,
			reason: "23:59 on 31 Aug 2024 in London: the day before the district's framework and policy are in force",
		},
		{
			name: "district_first_day_by_london", policy: pols["lowmere"], fw: "lowmere",
			r:     referral.Referral{To: continuum.Additional, Case: rtCase("EDU-2-01"), Consent: referral.Given, Received: time.Date(2024, time.August, 31, 23, 0, 0, 0, time.UTC)},
			route: "family-hub", level: continuum.Additional,
			reason: "23:00 UTC on 31 Aug is midnight on Sun 1 Sep in London: in force (DecideBy across the day boundary is the calendar's to test)",
		},
		{
			name: "removed_transition", policy: pols["lowmere"], fw: "lowmere",
			r:    referral.Referral{From: continuum.Specialist, To: continuum.Universal, Case: rtCase(), Consent: referral.Given, Received: rec(2025, time.March, 3)},
			errs: []string{"to transition-not-allowed"}, sentinel: referral.ErrInvalidReferral,
			reason: "the county removed specialist to universal; the district inherits the removal",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.policy.Route(fws[tt.fw], tt.r)
			if tt.errs != nil {
				assert.Equal(t, tt.errs, rtPathRules(rtFindings(t, err)), tt.reason)
				assert.ErrorIs(t, err, tt.sentinel)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.route, got.Route.ID, tt.reason)
			assert.Equal(t, tt.level, got.Decision.Level, tt.reason)
			assert.True(t, tt.decideBy.IsZero() || tt.decideBy.Equal(got.DecideBy), "%s: decide by %v, got %v", tt.reason, tt.decideBy, got.DecideBy)
			assert.Equal(t, tt.queries, clPathRules(got.Queries), tt.reason)
			assert.Equal(t, fws[tt.fw].Ref(), got.Decision.Framework, "the decision records the overlay's version and digest")
		})
	}
}

// TestChainNoEcho checks that findings about references never repeat them.
func TestChainNoEcho(t *testing.T) {
	const probe = "zqxprobe"
	docs := [][]byte{
		polEdit(t, func(d map[string]any) { d["extends"] = probe + "@9.9.9" }),
		polEdit(t, func(d map[string]any) { d["extends"] = probe }),
		polEdit(t, func(d map[string]any) { d["extends"] = "england@" + probe }),
	}
	for i, doc := range docs {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			_, err := referral.ParsePolicy(doc)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), probe)
		})
	}
	_, err := referral.BuiltinPolicy(probe)
	assert.NotContains(t, err.Error(), probe)
	_, err = referral.BuiltinPolicyOn(probe, time.Now())
	assert.NotContains(t, err.Error(), probe)
}
