package referral_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// hoursPolicy returns the minimal policy with office hours on its only route: Monday to
// Thursday 08:30-17:00 and Friday 08:30-16:30, and an out-of-hours contact.
func hoursPolicy(t *testing.T) *referral.Policy {
	t.Helper()
	p, err := referral.ParsePolicy(polEdit(t, func(d map[string]any) {
		r := polItem(d, "routes", 0)
		r["outOfHours"] = "synthetic out-of-hours line"
		r["hours"] = []any{
			map[string]any{"days": []any{"monday", "tuesday", "wednesday", "thursday"}, "open": "08:30", "close": "17:00", "sources": []any{"T1"}},
			map[string]any{"days": []any{"friday"}, "open": "08:30", "close": "16:30", "sources": []any{"T1"}},
		}
	}))
	require.NoError(t, err)
	return p
}

func TestRouteOpenAt(t *testing.T) {
	p := hoursPolicy(t)
	var door referral.Route
	for r := range p.Routes() {
		door = r
	}
	require.Len(t, door.Hours, 2)
	ld := func(y int, m time.Month, d, hh, mm int) time.Time {
		return time.Date(y, m, d, hh, mm, 0, 0, referral.London())
	}
	tests := []struct {
		name        string
		at          time.Time
		open, known bool
	}{
		{"thursday_open", ld(2025, time.June, 5, 8, 30), true, true},
		{"thursday_last_minute", ld(2025, time.June, 5, 16, 59), true, true},
		{"thursday_close", ld(2025, time.June, 5, 17, 0), false, true},
		{"thursday_before", ld(2025, time.June, 5, 8, 29), false, true},
		{"friday_1615", ld(2025, time.June, 6, 16, 15), true, true},
		{"friday_1645", ld(2025, time.June, 6, 16, 45), false, true},
		{"saturday", ld(2025, time.June, 7, 11, 0), false, true},
		{"bank_holiday_monday", ld(2025, time.May, 26, 11, 0), false, true},
		{"utc_0745_is_london_0845_office_hours", time.Date(2025, time.June, 5, 7, 45, 0, 0, time.UTC), true, true},
		{"new_york_morning_is_london_afternoon", time.Date(2025, time.June, 5, 11, 30, 0, 0, calLoad(t, "America/New_York")), true, true},
		{"new_york_noon_is_london_evening", time.Date(2025, time.June, 5, 12, 30, 0, 0, calLoad(t, "America/New_York")), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open, known := door.OpenAt(tt.at)
			assert.Equal(t, tt.open, open)
			assert.Equal(t, tt.known, known)
		})
	}
	noHours := referral.Route{ID: "x"}
	open, known := noHours.OpenAt(ld(2025, time.June, 5, 3, 0))
	assert.False(t, open)
	assert.False(t, known, "no published hours: a weekday night is not known to be closed")
	open, known = noHours.OpenAt(ld(2025, time.June, 7, 12, 0))
	assert.False(t, open)
	assert.True(t, known, "a weekend is out of working hours whatever the hours")
}

func TestRouteOutOfHours(t *testing.T) {
	p := hoursPolicy(t)
	fw, err := thresholds.BuiltinOn("england", time.Date(2025, time.June, 6, 12, 0, 0, 0, referral.London()))
	require.NoError(t, err)
	friday := func(hh, mm int) time.Time { return time.Date(2025, time.June, 6, hh, mm, 0, 0, referral.London()) }
	tests := []struct {
		name    string
		c       []string
		at      time.Time
		now     bool
		queries []string
	}{
		{"same_day_closed", []string{"SH-01"}, friday(16, 45), true, []string{"received out-of-hours"}},
		{"same_day_open", []string{"SH-01"}, friday(16, 15), false, nil},
		{"immediate_closed", []string{"EM-01"}, friday(22, 0), true, []string{"received out-of-hours"}},
		{"routine_closed", []string{"HLT-4-01"}, friday(22, 0), false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtCase(tt.c...), Consent: referral.NotSought, Received: tt.at})
			require.NoError(t, err)
			assert.Equal(t, tt.now, got.OutOfHoursNow)
			if tt.queries == nil {
				assert.Empty(t, got.Queries)
				return
			}
			assert.Equal(t, tt.queries, rtPathRules(got.Queries))
			assert.Contains(t, got.Queries[0].Msg, "synthetic out-of-hours line", "the query names the policy's out-of-hours contact")
			assert.NotContains(t, got.Queries[0].Msg, "16:45", "and repeats no time")
		})
	}
	// The Routing's hours are copies.
	got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtCase("SH-01"), Consent: referral.NotSought, Received: friday(10, 0)})
	require.NoError(t, err)
	got.Route.Hours[0].Days[0] = "sunday"
	got.Route.Hours[0].Open = "00:00"
	for r := range p.Routes() {
		assert.Equal(t, "monday", r.Hours[0].Days[0], "a caller's write does not reach the policy")
		assert.Equal(t, "08:30", r.Hours[0].Open)
	}
	for r := range p.Routes() {
		r.Hours[0].Days[0] = "sunday"
	}
	for r := range p.Routes() {
		assert.Equal(t, "monday", r.Hours[0].Days[0], "Routes returns copies of the hours")
	}
	data, err := json.Marshal(got.Route)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"hours":[`)
}

func TestParsePolicyHours(t *testing.T) {
	hours := func(v ...any) func(d map[string]any) {
		return func(d map[string]any) { polItem(d, "routes", 0)["hours"] = v }
	}
	span := func(days []any, open, closing string, sources []any) map[string]any {
		return map[string]any{"days": days, "open": open, "close": closing, "sources": sources}
	}
	mon := []any{"monday"}
	src := []any{"T1"}
	tests := []struct {
		name string
		edit func(d map[string]any)
		want []string
	}{
		{"bad_day", hours(span([]any{"Monday", "funday"}, "08:30", "17:00", src)), []string{"routes[0].hours[0].days[0] invalid-hours", "routes[0].hours[0].days[1] invalid-hours"}},
		{"no_days", hours(span([]any{}, "08:30", "17:00", src)), []string{"routes[0].hours[0].days missing-field"}},
		{"bad_open", hours(span(mon, "8:30", "17:00", src)), []string{"routes[0].hours[0].open invalid-hours"}},
		{"bad_close", hours(span(mon, "08:30", "24:01", src)), []string{"routes[0].hours[0].close invalid-hours"}},
		{"signed", hours(span(mon, "+8:30", "17:00", src)), []string{"routes[0].hours[0].open invalid-hours"}},
		{"closes_before_open", hours(span(mon, "17:00", "08:30", src)), []string{"routes[0].hours[0].close invalid-hours"}},
		{"no_source", hours(span(mon, "08:30", "17:00", []any{})), []string{"routes[0].hours[0].sources missing-citation"}},
		{"unknown_source", hours(span(mon, "08:30", "17:00", []any{"T9"})), []string{"routes[0].hours[0].sources[0] unknown-source"}},
		{"unknown_field", hours(map[string]any{"days": mon, "open": "08:30", "close": "17:00", "sources": src, "lunch": "12:00"}), []string{"routes[0].hours[0]{2} unknown-field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := referral.ParsePolicy(polEdit(t, tt.edit))
			assert.Nil(t, p)
			assert.Equal(t, tt.want, rtPathRules(rtFindings(t, err)))
		})
	}
	p, err := referral.ParsePolicy(polEdit(t, hours(span(mon, "00:00", "24:00", src))))
	require.NoError(t, err, "a whole day is 00:00 to 24:00")
	for r := range p.Routes() {
		require.Len(t, r.Hours, 1)
		assert.Equal(t, []string{"monday"}, r.Hours[0].Days)
		assert.Equal(t, "00:00", r.Hours[0].Open)
		assert.Equal(t, "24:00", r.Hours[0].Close)
		require.Len(t, r.Hours[0].Citations, 1, "the hours cite their source")
		assert.Equal(t, "T1", r.Hours[0].Citations[0].Source)
	}
}

func TestDeadlineBasis(t *testing.T) {
	trTextRoundTrip[referral.DeadlineBasis](t, "deadline basis", "no-basis", []string{"statutory", "local", "prompt"})
	var all []referral.DeadlineBasis
	for b := range referral.DeadlineBases() {
		all = append(all, b)
		assert.NotEmpty(t, b.Label())
	}
	assert.Equal(t, []referral.DeadlineBasis{referral.Statutory, referral.Local, referral.Prompt}, all)

	// The builtin policies' routes: statutory where a statutory timescale decides, local
	// for Kent's district conversation, a prompt where the route has no timescale.
	tests := []struct {
		policy string
		to     continuum.Level
		c      []string
		route  string
		basis  referral.DeadlineBasis
	}{
		{"england", continuum.Specialist, []string{"HLT-4-01"}, "childrens-social-care", referral.Statutory},
		{"england", continuum.Specialist, []string{"EM-01"}, "police-999", referral.Statutory},
		{"england", continuum.Additional, []string{"EDU-2-01"}, "early-help", referral.Prompt},
		{"england", continuum.Universal, nil, "universal-services", referral.Prompt},
		{"kent", continuum.Additional, []string{"EDU-2-01"}, "district-conversation", referral.Local},
		{"kent", continuum.Universal, nil, "resilience-hub", referral.Prompt},
		{"kent", continuum.Intensive, []string{"EDU-3-01"}, "front-door", referral.Statutory},
		{"durham", continuum.Additional, []string{"EDU-2-01"}, "early-help-request", referral.Prompt},
		{"durham", continuum.Intensive, []string{"EDU-3-01"}, "first-contact", referral.Statutory},
		{"durham", continuum.Specialist, []string{"HLT-4-01"}, "first-contact", referral.Statutory},
	}
	for _, tt := range tests {
		t.Run(tt.policy+"_"+tt.route, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			got, err := p.Route(fw, referral.Referral{From: continuum.Additional, To: tt.to, Case: rtCase(tt.c...), Consent: referral.Given, Received: rtReceived})
			if tt.to == continuum.Additional {
				got, err = p.Route(fw, referral.Referral{To: tt.to, Case: rtCase(tt.c...), Consent: referral.Given, Received: rtReceived})
			}
			require.NoError(t, err)
			assert.Equal(t, tt.route, got.Route.ID)
			assert.Equal(t, tt.basis, got.Basis)
			if tt.basis == referral.Statutory {
				assert.NotEmpty(t, got.Timescale.Citations, "a statutory deadline carries its citation")
				assert.Equal(t, referral.Statutory, got.Timescale.Basis)
			}
			assert.True(t, referral.IsWorkingDay(got.DecideBy))
		})
	}
	for p := range referral.BuiltinPolicies() {
		for ts := range p.Timescales() {
			assert.Contains(t, []referral.DeadlineBasis{referral.Statutory, referral.Local}, ts.Basis, "%s %s", p.ID(), ts.ID)
		}
	}
}
