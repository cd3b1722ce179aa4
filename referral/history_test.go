package referral_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "hi". Every case is synthetic: levels and dates.

// hiDay returns 10:00 London time on y-m-d (rtAt), well away from midnight, so the
// London day is y-m-d in any season.
func hiDay(y int, m time.Month, d int) time.Time { return rtAt(y, m, d, 10, 0) }

// hiEp returns an episode; closed zero for an open one.
func hiEp(l continuum.Level, referred, closed time.Time, c referral.ClosureReason) referral.Episode {
	return referral.Episode{Level: l, Referred: referred, Closed: closed, Closure: c}
}

var hiNone time.Time

func TestRouteHistoryErrors(t *testing.T) {
	p, fw := rtPair(t, "england")
	jan, feb, mar := hiDay(2024, time.January, 10), hiDay(2024, time.February, 1), hiDay(2024, time.March, 1)
	S, I := continuum.Specialist, continuum.Intensive
	for _, tc := range []struct {
		name    string
		history []referral.Episode
		want    []string
	}{
		{"valid", []referral.Episode{hiEp(S, jan, feb, referral.ServicesCeased), hiEp(I, feb, hiNone, 0)}, nil},
		{"no-level", []referral.Episode{hiEp(0, jan, hiNone, 0)}, []string{"history[0].level invalid-level"}},
		{"universal", []referral.Episode{hiEp(continuum.Universal, jan, hiNone, 0)}, []string{"history[0].level invalid-level"}},
		{"out-of-range-level", []referral.Episode{hiEp(7, jan, hiNone, 0)}, []string{"history[0].level invalid-level"}},
		{"no-referred", []referral.Episode{hiEp(I, hiNone, hiNone, 0)}, []string{"history[0].referred missing-referred"}},
		{"referred-after-received", []referral.Episode{hiEp(I, hiDay(2024, time.April, 2), hiNone, 0)}, []string{"history[0].referred history-after-received"}},
		{"closed-after-received", []referral.Episode{hiEp(I, jan, hiDay(2024, time.April, 2), 0)}, []string{"history[0].closed history-after-received"}},
		{"order-8630", []referral.Episode{hiEp(I, feb, jan, 0)}, []string{"history[0].closed closed-before-referred"}},
		{"closed-same-day-ok", []referral.Episode{hiEp(S, jan, jan, referral.NoFurtherAction)}, nil},
		{"oldest-first", []referral.Episode{hiEp(I, feb, mar, 0), hiEp(I, jan, feb, 0)}, []string{"history[1].referred history-order"}},
		{"reason-invalid-8640", []referral.Episode{hiEp(S, jan, feb, 11)}, []string{"history[0].closure invalid-closure-reason"}},
		{"reason-without-date-8810", []referral.Episode{hiEp(S, jan, hiNone, referral.ServicesCeased)}, []string{"history[0].closure closure-reason-without-date"}},
		{"date-without-reason-8805", []referral.Episode{hiEp(S, jan, feb, 0)}, []string{"history[0].closed closure-date-without-reason"}},
		{"early-help-closes-without-reason", []referral.Episode{hiEp(I, jan, feb, 0)}, nil},
		{"census-reason-on-early-help", []referral.Episode{hiEp(I, jan, feb, referral.ServicesCeased)}, []string{"history[0].closure closure-reason-not-census"}},
		{"overlap-8820", []referral.Episode{hiEp(S, jan, mar, referral.ServicesCeased), hiEp(S, feb, mar, referral.ServicesCeased)}, []string{"history[1].referred overlapping-episodes"}},
		{"back-to-back-is-no-overlap", []referral.Episode{hiEp(S, jan, feb, referral.ServicesCeased), hiEp(S, feb, mar, referral.ServicesCeased)}, nil},
		{"two-open-8815-8816", []referral.Episode{hiEp(S, jan, hiNone, 0), hiEp(S, feb, hiNone, 0)}, []string{"history[1].referred overlapping-episodes"}},
		{"early-help-may-overlap", []referral.Episode{hiEp(I, jan, hiNone, 0), hiEp(S, feb, hiNone, 0)}, nil},
		{"every-finding", []referral.Episode{hiEp(0, hiNone, hiNone, 0), hiEp(S, mar, feb, 0)},
			[]string{"history[0].level invalid-level", "history[0].referred missing-referred", "history[1].closed closed-before-referred", "history[1].closed closure-date-without-reason"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := referral.Referral{From: continuum.Intensive, To: continuum.Specialist, Case: rtSpecialist,
				Consent: referral.Given, Received: hiDay(2024, time.April, 1), History: tc.history}
			_, err := p.Route(fw, r)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			fs := rtFindings(t, err)
			assert.Equal(t, tc.want, rtPathRules(fs))
			for _, f := range fs {
				assert.ErrorIs(t, f, referral.ErrInvalidReferral)
				assert.Equal(t, continuum.Error, f.Severity)
				assert.NotContains(t, f.Msg, "2024", "no finding repeats a date")
			}
		})
	}
}

func TestRouteHistoryLondonDays(t *testing.T) {
	p, fw := rtPair(t, "england")
	// 23:30 UTC on Friday 2 August 2024 is 00:30 on Saturday 3 August in London.
	lateFriday := time.Date(2024, time.August, 2, 23, 30, 0, 0, time.UTC)
	saturday := time.Date(2024, time.August, 3, 9, 0, 0, 0, time.UTC)
	r := referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: saturday,
		History: []referral.Episode{hiEp(continuum.Specialist, hiDay(2024, time.June, 3), lateFriday, referral.ServicesCeased)}}
	_, err := p.Route(fw, r)
	require.NoError(t, err, "closed on the London Saturday, the same day as the referral")
	r.Received = time.Date(2024, time.August, 2, 22, 0, 0, 0, time.UTC) // 23:00 Friday in London
	_, err = p.Route(fw, r)
	assert.Equal(t, []string{"history[0].closed history-after-received"}, rtPathRules(rtFindings(t, err)))
}

func TestRouteHistoryQueries(t *testing.T) {
	p, fw := rtPair(t, "england")
	received := hiDay(2024, time.October, 1)
	S, I, A := continuum.Specialist, continuum.Intensive, continuum.Additional
	for _, tc := range []struct {
		name     string
		from, to continuum.Level
		history  []referral.Episode
		want     []string
		msg      string // a message of the first query, in part
	}{
		{"no-history", 0, S, nil, nil, ""},
		{"re-referral-7-months", 0, S, []referral.Episode{hiEp(S, hiDay(2024, time.February, 20), hiDay(2024, time.March, 1), referral.NoFurtherAction)},
			[]string{"history[0].referred re-referral"}, "received 7 months after an earlier referral"},
		{"re-referral-days", 0, S, []referral.Episode{hiEp(S, hiDay(2024, time.September, 19), hiDay(2024, time.September, 20), referral.NoFurtherAction)},
			[]string{"history[0].referred re-referral"}, "received 12 days after an earlier referral"},
		{"re-referral-latest-only", 0, S, []referral.Episode{
			hiEp(S, hiDay(2024, time.January, 9), hiDay(2024, time.January, 20), referral.NoFurtherAction),
			hiEp(A, hiDay(2024, time.May, 2), hiDay(2024, time.June, 20), 0)},
			[]string{"history[1].referred re-referral"}, "4 months"}, // 2 May to 1 October: 4 whole months
		{"older-than-12-months", 0, S, []referral.Episode{hiEp(S, hiDay(2023, time.September, 30), hiDay(2023, time.October, 20), referral.ServicesCeased)}, nil, ""},
		{"anniversary", 0, S, []referral.Episode{hiEp(S, hiDay(2023, time.October, 1), hiDay(2023, time.October, 20), referral.ServicesCeased)},
			[]string{"history[0].referred re-referral"}, "12 months"},
		{"open-is-no-re-referral", I, S, []referral.Episode{hiEp(I, hiDay(2024, time.September, 2), hiNone, 0)}, nil, ""},
		{"step-down-is-no-referral", S, I, []referral.Episode{
			hiEp(S, hiDay(2024, time.January, 9), hiDay(2024, time.January, 20), referral.NoFurtherAction),
			hiEp(S, hiDay(2024, time.May, 2), hiNone, 0)}, nil, ""},
		{"from-disagrees-open", A, S, []referral.Episode{hiEp(I, hiDay(2024, time.September, 2), hiNone, 0)},
			[]string{"from from-disagrees-history"}, "from is additional but the open episode in the history is at intensive"},
		{"from-zero-while-open", 0, S, []referral.Episode{hiEp(I, hiDay(2024, time.September, 2), hiNone, 0)},
			[]string{"from from-disagrees-history"}, ""},
		{"from-but-nothing-open", I, S, []referral.Episode{hiEp(I, hiDay(2022, time.September, 2), hiDay(2022, time.December, 2), 0)},
			[]string{"from from-disagrees-history"}, "no episode in the history is open"},
		{"universal-after-closure", continuum.Universal, S, []referral.Episode{hiEp(I, hiDay(2022, time.September, 2), hiDay(2022, time.December, 2), 0)}, nil, ""},
		{"latest-open-counts", I, S, []referral.Episode{hiEp(A, hiDay(2024, time.August, 1), hiNone, 0), hiEp(I, hiDay(2024, time.September, 2), hiNone, 0)}, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := rtSpecialist
			if tc.to == I {
				c = rtIntensive
			}
			r := referral.Referral{From: tc.from, To: tc.to, Case: c, Consent: referral.Given, Received: received,
				History: tc.history, Closure: map[bool]referral.ClosureReason{true: referral.ServicesCeased}[tc.from == S && tc.to < S]}
			got, err := p.Route(fw, r)
			require.NoError(t, err)
			assert.Equal(t, tc.want, clPathRules(got.Queries))
			if tc.msg != "" {
				assert.Contains(t, got.Queries[0].Msg, tc.msg)
			}
			for _, q := range got.Queries {
				assert.Equal(t, continuum.Query, q.Severity)
				assert.NotContains(t, q.Msg, "2024", "a query gives the distance, never the date")
				assert.NotContains(t, q.Msg, "2023")
			}
		})
	}
}

// hiWindowPolicy is the England policy with a step-up window of 6 weeks after closure,
// the period Coventry's procedure names for sending a re-referral back to the team that
// last held the case (synthetic use of a real local rule; no builtin policy carries it).
// It is written as an overlay of england, which is how a council would add one.
func hiWindowPolicy(tb testing.TB) *referral.Policy {
	tb.Helper()
	d := map[string]any{
		"id": "england-window", "framework": "england", "title": "England policy with a step-up window (test fixture)",
		"publisher": "rightsupport/needs tests", "version": "1.0.0", "effectiveFrom": "2023-12-15",
		"extends": "england@1.0.0",
		"sources": []any{map[string]any{"id": "COV", "title": "Coventry procedures, Closure of cases and re-referrals",
			"url": "https://coventrychildcare.proceduresonline.com/chapters/p_closure_rerefer.html"}},
		"timescales": []any{map[string]any{"id": "step-up-window", "name": "Re-referral to the last team after closure",
			"clockStarts": "case closed", "amount": 6, "unit": "weeks", "basis": "local", "sources": []any{"COV"}}},
		"stepUpWindow": "step-up-window",
	}
	out, err := json.Marshal(d)
	require.NoError(tb, err)
	p, err := referral.ParsePolicy(out)
	require.NoError(tb, err)
	return p
}

func TestStepUpWindow(t *testing.T) {
	_, fw := rtPair(t, "england")
	p := hiWindowPolicy(t)
	w, ok := p.StepUpWindow()
	require.True(t, ok)
	assert.Equal(t, 6, w.Amount)
	for _, id := range rtBuiltinIDs {
		b, _ := rtPair(t, id)
		_, ok := b.StepUpWindow()
		assert.False(t, ok, "no source names a step-up window for %s", id)
	}
	closed := hiDay(2024, time.March, 1) // Friday; 6 weeks on is Friday 12 April
	S, I := continuum.Specialist, continuum.Intensive
	for _, tc := range []struct {
		name     string
		from, to continuum.Level
		history  []referral.Episode
		received time.Time
		want     []string
	}{
		{"within", continuum.Universal, I, []referral.Episode{hiEp(I, hiDay(2023, time.January, 4), closed, 0)}, hiDay(2024, time.April, 12),
			[]string{"history[0].closed step-up-after-step-down"}},
		{"after", continuum.Universal, I, []referral.Episode{hiEp(I, hiDay(2023, time.January, 4), closed, 0)}, hiDay(2024, time.April, 15), nil},
		{"stepped-down-then-up", I, S, []referral.Episode{hiEp(S, hiDay(2023, time.January, 4), closed, referral.ServicesCeased), hiEp(I, closed, hiNone, 0)},
			hiDay(2024, time.March, 20), []string{"history[0].closed step-up-after-step-down"}},
		{"up-to-a-level-never-left", continuum.Universal, S, []referral.Episode{hiEp(I, hiDay(2023, time.January, 4), closed, 0)}, hiDay(2024, time.March, 20), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := rtSpecialist
			if tc.to == I {
				c = rtIntensive
			}
			got, err := p.Route(fw, referral.Referral{From: tc.from, To: tc.to, Case: c, Consent: referral.Given, Received: tc.received, History: tc.history})
			require.NoError(t, err)
			var rules []string
			for _, q := range got.Queries {
				if q.Rule == referral.RuleStepUpAfterStepDown {
					rules = append(rules, q.Path+" "+q.Rule)
					assert.True(t, strings.Contains(q.Msg, "weeks") || strings.Contains(q.Msg, "days"), "the message gives the distance: %s", q.Msg)
				}
			}
			assert.Equal(t, tc.want, rules)
		})
	}

	t.Run("unknown-window", func(t *testing.T) {
		_, err := referral.ParsePolicy(polEdit(t, func(d map[string]any) { d["stepUpWindow"] = "nowhere" }))
		assert.Equal(t, []string{"stepUpWindow unknown-timescale"}, rtPathRules(rtFindings(t, err)))
	})
}
