package referral_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

func TestJudgementRules(t *testing.T) {
	info := referral.Judgement{Level: continuum.Additional, Reason: referral.InformationBeyondIndicators}
	tests := []struct {
		name      string
		policies  []string
		from, to  continuum.Level
		c         thresholds.Case
		consent   referral.Consent
		judgement referral.Judgement
		errs      []string // path rule, sorted; nil when routed
		queries   []string
		reason    string
	}{
		{"specialist_below_without", rtBuiltinIDs, 0, continuum.Additional, rtSpecialist, referral.Given, referral.Judgement{},
			[]string{"to needs-judgement"}, nil, "a routine specialist need below specialist needs a recorded judgement"},
		{"specialist_intensive_without", rtBuiltinIDs, continuum.Additional, continuum.Intensive, rtSpecialist, referral.Given, referral.Judgement{},
			[]string{"to needs-judgement"}, nil, "at intensive too (this was a below-decision query before)"},
		{"specialist_closure_without", rtBuiltinIDs, continuum.Specialist, continuum.Universal, rtSpecialist, 0, referral.Judgement{},
			[]string{"to needs-judgement"}, nil, "closing a case while a specialist need remains needs a judgement"},
		{"specialist_below_with", rtBuiltinIDs, 0, continuum.Additional, rtSpecialist, referral.Given, info,
			nil, nil, "with a judgement it routes, without a below-decision query"},
		{"harm_below_with", rtBuiltinIDs, 0, continuum.Additional, rtHarm, referral.Given, info,
			[]string{"to harm-below-specialist"}, nil, "a significant-harm trigger never goes below specialist, judgement or not"},
		{"danger_below_with", rtBuiltinIDs, 0, continuum.Intensive, rtDanger, referral.Given,
			referral.Judgement{Level: continuum.Intensive, Reason: referral.DisagreementResolved},
			[]string{"to harm-below-specialist"}, nil, "nor an immediate-danger trigger"},
		{"mismatch", rtBuiltinIDs, 0, continuum.Additional, rtSpecialist, referral.Given,
			referral.Judgement{Level: continuum.Intensive, Reason: referral.InformationBeyondIndicators},
			[]string{"judgement.level judgement-mismatch"}, nil, "a judgement's level is the level asked for"},
		{"no_reason", rtBuiltinIDs, 0, continuum.Specialist, rtAdditional, referral.Given,
			referral.Judgement{Level: continuum.Specialist},
			[]string{"judgement.reason invalid-judgement"}, nil, "a judgement needs a coded reason"},
		{"bad_reason", rtBuiltinIDs, 0, continuum.Specialist, rtAdditional, referral.Given,
			referral.Judgement{Level: continuum.Specialist, Reason: 99},
			[]string{"judgement.reason invalid-judgement"}, nil, "an out-of-range reason is not a reason"},
		{"no_level", rtBuiltinIDs, 0, continuum.Specialist, rtAdditional, referral.Given,
			referral.Judgement{Reason: referral.HistoryOrCumulativeConcern},
			[]string{"judgement.level invalid-judgement"}, nil, "a judgement needs the level decided"},
		{"above_without", []string{"england", "durham"}, 0, continuum.Specialist, rtAdditional, referral.Given, referral.Judgement{},
			nil, []string{"to above-decision"}, "control: a difference without a judgement stays a query"},
		{"above_with", []string{"england", "durham"}, 0, continuum.Specialist, rtAdditional, referral.Given,
			referral.Judgement{Level: continuum.Specialist, Reason: referral.NeedsPersistDespiteSupport},
			nil, nil, "a judgement records the difference: no query"},
		{"below_with", rtBuiltinIDs, 0, continuum.Additional, rtIntensive, referral.Given,
			referral.Judgement{Level: continuum.Additional, Reason: referral.StrengthsAndProtectiveFactors},
			nil, nil, "below a non-specialist suggestion with a judgement: recorded, no query"},
		{"agrees", rtBuiltinIDs, 0, continuum.Additional, rtAdditional, referral.Given,
			referral.Judgement{Level: continuum.Additional, Reason: referral.InformationBeyondIndicators},
			nil, nil, "a judgement that agrees is recorded and changes nothing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, id := range tt.policies {
				p, fw := rtPair(t, id)
				r := referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived, Judgement: tt.judgement}
				got, err := p.Route(fw, r)
				if tt.errs != nil {
					fs := rtFindings(t, err)
					assert.Equal(t, tt.errs, rtPathRules(fs), "%s: %s", id, tt.reason)
					assert.Equal(t, slices.Contains(tt.errs, "to needs-judgement"), errors.Is(err, referral.ErrNeedsJudgement),
						"%s: ErrNeedsJudgement exactly when a judgement is missing", id)
					for _, f := range fs {
						assert.ErrorIs(t, f, referral.ErrInvalidReferral, "every blocking finding wraps ErrInvalidReferral")
					}
					assert.Zero(t, got.Route.ID)
					continue
				}
				require.NoError(t, err, "%s: %s", id, tt.reason)
				if tt.queries == nil {
					assert.Empty(t, got.Queries, "%s: %s", id, tt.reason)
				} else {
					assert.Equal(t, tt.queries, rtPathRules(got.Queries), "%s: %s", id, tt.reason)
				}
				assert.Equal(t, tt.judgement, got.Judgement, "%s: the routing records the judgement as given", id)
			}
		})
	}
}

func TestJudgementGate(t *testing.T) {
	// Kent's front door takes level 3 and 4: a practitioner's recorded level 3 is what it
	// is asked to take, so the gate does not turn the request back.
	p, fw := rtPair(t, "kent")
	r := referral.Referral{To: continuum.Intensive, Case: rtAdditional, Consent: referral.Given, Received: rtReceived}
	without, err := p.Route(fw, r)
	require.NoError(t, err)
	assert.Equal(t, "district-conversation", without.Route.ID)
	assert.Equal(t, []string{"to below-threshold"}, rtPathRules(without.Queries))

	r.Judgement = referral.Judgement{Level: continuum.Intensive, Reason: referral.NeedsPersistDespiteSupport}
	with, err := p.Route(fw, r)
	require.NoError(t, err)
	assert.Equal(t, "front-door", with.Route.ID)
	assert.Empty(t, with.Queries)
	assert.Equal(t, referral.Statutory, with.Basis)
}

func TestJudgementReasonEnum(t *testing.T) {
	trTextRoundTrip[referral.JudgementReason](t, "judgement reason", "no-reason", []string{
		"information-beyond-indicators", "history-or-cumulative-concern", "needs-persist-despite-support",
		"risk-reduced-at-review", "strengths-and-protective-factors", "disagreement-resolved",
	})
	n := 0
	for r := range referral.JudgementReasons() {
		n++
		assert.True(t, r.IsValid())
		assert.NotEmpty(t, r.Label())
		back, err := referral.ParseJudgementReason(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, back)
		cites := r.Citations()
		require.NotEmpty(t, cites, "%s cites its sources", r)
		for _, c := range cites {
			assert.Regexp(t, `^S[0-9]+$`, c.Source, "%s: a tag of the domain register", r)
			assert.NotEmpty(t, c.Title)
			u, err := url.Parse(c.URL)
			require.NoError(t, err)
			assert.Contains(t, []string{"https", "http"}, u.Scheme)
		}
		cites[0].Title = "changed"
		assert.NotEqual(t, "changed", r.Citations()[0].Title, "Citations returns a copy")
	}
	assert.Equal(t, 6, n)
	assert.Nil(t, referral.JudgementReason(0).Citations())
	assert.Nil(t, referral.JudgementReason(200).Citations())
	_, err := referral.ParseJudgementReason("gut feeling")
	assert.Error(t, err, "no free text: only the coded reasons parse")

	var j referral.Judgement
	assert.True(t, j.IsZero())
	require.NoError(t, json.Unmarshal([]byte(`{"level":"intensive","reason":"risk-reduced-at-review"}`), &j))
	assert.Equal(t, referral.Judgement{Level: continuum.Intensive, Reason: referral.RiskReducedAtReview}, j)
	data, err := json.Marshal(referral.Referral{To: continuum.Additional, Judgement: j})
	require.NoError(t, err)
	assert.Contains(t, string(data), `"judgement":{"level":"intensive","reason":"risk-reduced-at-review"}`)
	data, err = json.Marshal(referral.Referral{To: continuum.Additional})
	require.NoError(t, err)
	assert.NotContains(t, string(data), "judgement", "the zero Judgement is left out")
}

func TestRoutingExplain(t *testing.T) {
	received := time.Date(2025, time.June, 6, 16, 45, 0, 0, referral.London()) // a Friday, after First Contact closes
	tests := []struct {
		name   string
		policy string
		r      referral.Referral
		want   []string
		not    []string
	}{
		{"judgement_differs", "england", referral.Referral{To: continuum.Additional, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived,
			Judgement: referral.Judgement{Level: continuum.Additional, Reason: referral.HistoryOrCumulativeConcern}},
			[]string{"Practitioner's judgement:", "not the suggested", "reason given: history or cumulative concern", "No timescale applies to this route", "prompt, not a deadline"},
			[]string{"Statutory deadline"}},
		{"judgement_agrees", "england", referral.Referral{To: continuum.Additional, Case: rtAdditional, Consent: referral.Given, Received: rtReceived,
			Judgement: referral.Judgement{Level: continuum.Additional, Reason: referral.InformationBeyondIndicators}},
			[]string{"agrees with the suggestion", "information the indicators do not hold"}, []string{"not the suggested"}},
		{"statutory", "england", referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived},
			[]string{"Statutory deadline: Decision on a referral within 1 working day"}, []string{"Practitioner's judgement", "closed"}},
		{"local", "kent", referral.Referral{To: continuum.Additional, Case: rtAdditional, Consent: referral.Given, Received: rtReceived},
			[]string{"Local standard:", "within 2 working days"}, []string{"Statutory"}},
		{"out_of_hours", "durham", referral.Referral{To: continuum.Specialist, Case: rtHarm, Consent: referral.NotSought, Received: received},
			[]string{"Received while Durham First Contact is closed: use its out-of-hours contact now"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			got, err := p.Route(fw, tt.r)
			require.NoError(t, err)
			text, err := got.Explain(fw)
			require.NoError(t, err)
			base, err := fw.Explain(got.Decision)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(text, base), "the framework's explanation comes first")
			for _, w := range tt.want {
				assert.Contains(t, text, w)
			}
			for _, w := range tt.not {
				assert.NotContains(t, text, w)
			}
			for _, echo := range []string{"2024", "2025", "10:00", "16:45"} {
				assert.NotContains(t, text, echo, "no received time is repeated")
			}
		})
	}
	_, err := referral.Routing{}.Explain(thresholds.Default())
	assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	p, fw := rtPair(t, "england")
	got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived})
	require.NoError(t, err)
	_, err = got.Explain(nil)
	assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	_, err = got.Explain(kent)
	assert.ErrorIs(t, err, thresholds.ErrForeignDecision, "the decision's framework explains it")
}

// TestRoutingExplainUnits checks that Explain puts a deadline's length in the words of
// its unit, and says which days a statutory deadline counts: a timescale in months or
// weeks does not count working days. England routes only on working-day timescales, so
// the routing's timescale is swapped for others of the policy, or synthetic ones.
func TestRoutingExplainUnits(t *testing.T) {
	p, fw := rtPair(t, "england")
	got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived})
	require.NoError(t, err)
	review, ok := p.Timescale("review-conference-first")
	require.True(t, ok)
	require.Equal(t, referral.Months, review.Unit)
	synthetic := func(amount int, u referral.Unit, b referral.DeadlineBasis) referral.Timescale {
		return referral.Timescale{ID: "synthetic", Name: "Synthetic step", Amount: amount, Unit: u, Basis: b}
	}
	for _, tt := range []struct {
		name string
		ts   referral.Timescale
		want string
	}{
		{"statutory_months", review, " Statutory deadline: First review child protection conference within 3 months (London calendar months, day 0 the day received)."},
		{"statutory_weeks", synthetic(2, referral.Weeks, referral.Statutory), " Statutory deadline: Synthetic step within 2 weeks (London calendar days, day 0 the day received)."},
		{"statutory_day", synthetic(1, referral.Days, referral.Statutory), " Statutory deadline: Synthetic step within 1 calendar day (London calendar days, day 0 the day received)."},
		{"statutory_working_days", synthetic(10, referral.WorkingDays, referral.Statutory), " Statutory deadline: Synthetic step within 10 working days (London working days, day 0 the day received)."},
		{"local_days", synthetic(3, referral.Days, referral.Local), " Local standard: Synthetic step within 3 calendar days (day 0 the day received)."},
		{"prompt_weeks", synthetic(1, referral.Weeks, referral.Prompt), " No timescale applies to this route: follow up within 1 week as a prompt, not a deadline."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := got
			r.Timescale, r.Basis = tt.ts, tt.ts.Basis
			text, err := r.Explain(fw)
			require.NoError(t, err)
			_, tail, ok := strings.Cut(text, " Route: ")
			require.True(t, ok)
			assert.Equal(t, "Local authority children's social care (front door or MASH)."+tt.want, tail)
		})
	}
}

// TestRoutingExplainOutOfHours checks that Explain says what the out-of-hours query says:
// England publishes no office hours, so a same-day referral on a Saturday is out of
// hours and, with no out-of-hours contact of the route's own, goes to the local
// out-of-hours social care service.
func TestRoutingExplainOutOfHours(t *testing.T) {
	p, fw := rtPair(t, "england")
	saturday := rtAt(2024, time.March, 9, 10, 0)
	got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtHarm, Consent: referral.NotSought, Received: saturday})
	require.NoError(t, err)
	require.True(t, got.OutOfHoursNow)
	var msg string
	for _, q := range got.Queries {
		if q.Rule == referral.RuleOutOfHours {
			msg = q.Msg
		}
	}
	const clause = "while Local authority children's social care (front door or MASH) is closed: use the local out-of-hours social care service now"
	assert.Equal(t, "received "+clause, msg)
	text, err := got.Explain(fw)
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(text, " Received "+clause+"."), "Explain ends with the query's words: %s", text)
}

func TestJudgementReportedWithUndecidedCase(t *testing.T) {
	// Every finding is reported: a bad judgement on a case that cannot be decided too.
	p, fw := rtPair(t, "england")
	_, err := p.Route(fw, referral.Referral{To: continuum.Additional, Case: thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("ZZZ-2-99")}},
		Consent: referral.Given, Received: rtReceived, Judgement: referral.Judgement{Level: continuum.Intensive}})
	assert.Equal(t, []string{"case.indicators[0] unknown-indicator", "judgement.level judgement-mismatch", "judgement.reason invalid-judgement"},
		rtPathRules(rtFindings(t, err)))
}

func TestJudgementJourneyGate(t *testing.T) {
	// A journey records the level a judgement takes through Kent's front door, as Route
	// routes it: intensive, not the early help level the gate would give without it.
	p, fw := rtPair(t, "kent")
	r := referral.Referral{To: continuum.Intensive, Case: rtAdditional, Consent: referral.Given, Received: rtReceived,
		Judgement: referral.Judgement{Level: continuum.Intensive, Reason: referral.NeedsPersistDespiteSupport}}
	check := p.CheckJourney(fw, referral.Journey{Steps: []referral.Step{{Referral: r}}})
	require.Len(t, check.Episodes, 1)
	assert.Equal(t, continuum.Intensive, check.Episodes[0].Level)
	assert.Equal(t, "front-door", check.Steps[0].Routing.Route.ID)
	r.Judgement = referral.Judgement{}
	check = p.CheckJourney(fw, referral.Journey{Steps: []referral.Step{{Referral: r}}})
	require.Len(t, check.Episodes, 1)
	assert.Equal(t, continuum.Additional, check.Episodes[0].Level, "without the judgement the gate sends it to early help at additional")
}
