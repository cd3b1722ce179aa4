package referral_test

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "bn".

const (
	bnNumReferrals = 10_000
	bnMaxCodes     = 12
)

// bnReferrals returns 10,000 deterministic random referrals that Kent routes: 0 to 12
// codes drawn from the Kent catalogue (with repetition), consent given, To the decided
// level or specialist (always specialist for a same-day or immediate decision), From any
// other level or not known, received on a day of 2020 to 2029. The seed is fixed, so
// every run measures the same referrals.
var bnReferrals = sync.OnceValue(func() []referral.Referral {
	fw, err := thresholds.Builtin("kent")
	if err != nil {
		panic(err)
	}
	var catalogue []continuum.Code
	for ind := range fw.Indicators() {
		catalogue = append(catalogue, ind.Code)
	}
	r := rand.New(rand.NewPCG(0x7e57_5eed, 2026))
	start := time.Date(2020, time.January, 1, 9, 0, 0, 0, time.UTC)
	out := make([]referral.Referral, bnNumReferrals)
	for i := range out {
		codes := make([]continuum.Code, r.IntN(bnMaxCodes+1))
		for j := range codes {
			codes[j] = catalogue[r.IntN(len(catalogue))]
		}
		c := thresholds.Case{Indicators: codes}
		d, err := fw.Evaluate(c)
		if err != nil {
			panic(err)
		}
		to := d.Level
		if d.Urgency != continuum.Routine || r.IntN(2) == 0 {
			to = continuum.Specialist
		}
		from := continuum.Level(r.IntN(5))
		for from == to {
			from = continuum.Level(r.IntN(5))
		}
		out[i] = referral.Referral{From: from, To: to, Case: c, Consent: referral.Given, Received: start.AddDate(0, 0, r.IntN(3653))}
	}
	return out
})

func TestBenchCorpusRoutes(t *testing.T) {
	p, fw := rtPair(t, "kent")
	refs := bnReferrals()
	require.Len(t, refs, bnNumReferrals)
	kinds := make(map[referral.TransitionKind]int)
	routes := make(map[string]int)
	queries := make(map[string]int)
	for _, r := range refs {
		got, err := p.Route(fw, r)
		require.NoError(t, err, "%s", r)
		kinds[got.Kind]++
		routes[got.Route.ID]++
		for _, q := range got.Queries {
			queries[q.Rule]++
		}
	}
	// The corpus reaches every kind, every route and every decision query, so the
	// benchmark measures a realistic mix.
	for k := referral.Entry; k <= referral.Closure; k++ {
		assert.Positive(t, kinds[k], "the corpus reaches %s", k)
	}
	for r := range p.Routes() {
		if r.ID == "virtual-school-kent" {
			continue // a signpost for children in or leaving care: no routing entry names it
		}
		assert.Positive(t, routes[r.ID], "the corpus reaches %s", r.ID)
	}
	for _, rule := range []string{referral.RuleAboveDecision, referral.RuleBelowThreshold} {
		assert.Positive(t, queries[rule], "the corpus reaches %s", rule)
	}
}

// TestRouteAllocs pins what Route costs on top of Evaluate: the route's copied slices,
// the timescale's citations and the queries.
func TestRouteAllocs(t *testing.T) {
	p, fw := rtPair(t, "kent")
	refs := bnReferrals()[:1000]
	evaluate := testing.AllocsPerRun(20, func() {
		for _, r := range refs {
			if _, err := fw.Evaluate(r.Case); err != nil {
				panic(err)
			}
		}
	})
	route := testing.AllocsPerRun(20, func() {
		for _, r := range refs {
			if _, err := p.Route(fw, r); err != nil {
				panic(err)
			}
		}
	})
	perEvaluate, perRoute := evaluate/1000, route/1000
	t.Logf("allocs per call: Evaluate %.2f, Route %.2f", perEvaluate, perRoute)
	assert.LessOrEqual(t, perRoute, perEvaluate+6, "Route allocates little more than Evaluate")
}

func BenchmarkRoute(b *testing.B) {
	p, fw := rtPair(b, "kent")
	refs := bnReferrals()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := p.Route(fw, refs[i%len(refs)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkEvaluateSameCases(b *testing.B) {
	_, fw := rtPair(b, "kent")
	refs := bnReferrals()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := fw.Evaluate(refs[i%len(refs)].Case); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
