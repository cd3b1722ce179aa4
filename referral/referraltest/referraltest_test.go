package referraltest_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/fstest"
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

const kentOverReferral = `{"description": "d", "cases": [
  {"name": "kent/over-referral", "reason": "level 1-2 needs at the front door",
   "policy": "kent", "framework": "kent", "from": "", "to": "intensive",
   "indicators": ["EDU-2-01"], "consent": "given", "received": "2022-06-01T10:00:00Z",
   "want": {"level": "additional", "urgency": "routine", "rules": ["highest-need"],
            "kind": "entry", "route": "district-conversation",
            "decideBy": "2022-06-07T11:00:00+01:00", "basis": "local", "legalBasis": "voluntary-early-help",
            "queries": ["below-threshold"]}}
]}`

// builtins returns the builtin versions in force in 2024 (England: Working Together 2023).
func builtins(t *testing.T, id string) (*referral.Policy, *thresholds.Framework) {
	t.Helper()
	p, fw, err := referraltest.BuiltinsOn(id, id, time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	return p, fw
}

func TestLoadCases(t *testing.T) {
	fsys := fstest.MapFS{"conformance/a.json": {Data: []byte(kentOverReferral)}}
	cases, err := referraltest.LoadCases(fsys, "conformance/*.json")
	require.NoError(t, err)
	require.Len(t, cases, 1)
	want := referraltest.Case{
		Name: "kent/over-referral", Reason: "level 1-2 needs at the front door",
		Policy: "kent", Framework: "kent", To: continuum.Intensive,
		Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01")},
		Consent:    referral.Given,
		Received:   time.Date(2022, 6, 1, 10, 0, 0, 0, time.UTC),
		Want: referraltest.Want{
			Level: continuum.Additional, Urgency: continuum.Routine,
			Rules: []thresholds.DecisionRule{thresholds.ByHighestNeed},
			Kind:  referral.Entry, Route: "district-conversation",
			DecideBy: time.Date(2022, 6, 7, 10, 0, 0, 0, time.UTC), Basis: referral.Local,
			LegalBasis: referral.VoluntaryEarlyHelp,
			Queries:    []string{"below-threshold"},
		},
	}
	if diff := cmp.Diff(want, cases[0], thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("decoded case (-want +got):\n%s", diff)
	}
}

func TestLoadCasesErrors(t *testing.T) {
	tests := []struct {
		name     string
		files    fstest.MapFS
		contains string
	}{
		{"no_match", fstest.MapFS{}, "no file matches"},
		{"duplicate_name", fstest.MapFS{
			"conformance/a.json": {Data: []byte(kentOverReferral)},
			"conformance/b.json": {Data: []byte(kentOverReferral)},
		}, `"kent/over-referral"`},
		{"bad_consent", fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
			{"name": "x", "policy": "kent", "framework": "kent", "to": "additional", "indicators": [],
			 "consent": "maybe", "received": "2022-06-01T10:00:00Z", "want": {}}]}`)}}, "conformance/a.json"},
		{"bad_time", fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": [
			{"name": "x", "policy": "kent", "framework": "kent", "to": "additional", "indicators": [],
			 "consent": "given", "received": "1 June 2022", "want": {}}]}`)}}, "conformance/a.json"},
		{"empty_cases", fstest.MapFS{"conformance/a.json": {Data: []byte(`{"description": "d", "cases": []}`)}}, "no cases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := referraltest.LoadCases(tt.files, "conformance/*.json")
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.contains)
		})
	}
}

func TestCheckCase(t *testing.T) {
	cases, err := referraltest.LoadCases(fstest.MapFS{"c.json": {Data: []byte(kentOverReferral)}}, "*.json")
	require.NoError(t, err)
	p, fw := builtins(t, "kent")
	c := cases[0]
	assert.NoError(t, referraltest.CheckCase(p, fw, c))

	c.Want.Route = "front-door"
	c.Want.Queries = nil
	err = referraltest.CheckCase(p, fw, c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "-want +got")
	assert.Contains(t, err.Error(), "kent/over-referral")
	assert.Contains(t, err.Error(), "district-conversation", "the diff shows the route got")
	assert.Contains(t, err.Error(), "below-threshold", "the diff shows the query got")
}

func TestCaseReferral(t *testing.T) {
	// A case carries the child's age band and a practitioner's judgement to Route, and
	// Got reports the judgement as recorded.
	const judged = `{"description": "d", "cases": [
  {"name": "england/judged", "reason": "a specialist need judged additional",
   "policy": "england", "framework": "england", "from": "", "to": "additional",
   "indicators": ["BCA-4-01"], "consent": "given", "received": "2024-01-10T10:00:00Z",
   "age": "5-11", "judgement": {"level": "additional", "reason": "history-or-cumulative-concern"},
   "want": {"level": "specialist", "urgency": "routine", "rules": ["highest-need"], "kind": "entry",
            "route": "early-help", "decideBy": "2024-01-11T10:00:00Z", "basis": "prompt", "legalBasis": "voluntary-early-help",
            "judgement": {"level": "additional", "reason": "history-or-cumulative-concern"}}}
]}`
	cases, err := referraltest.LoadCases(fstest.MapFS{"c.json": {Data: []byte(judged)}}, "*.json")
	require.NoError(t, err)
	c := cases[0]
	r := c.Referral()
	assert.Equal(t, continuum.SchoolAge, r.Case.Age)
	assert.Equal(t, referral.Judgement{Level: continuum.Additional, Reason: referral.HistoryOrCumulativeConcern}, r.Judgement)
	p, fw, err := referraltest.BuiltinsOn("england", "england", c.Received)
	require.NoError(t, err)
	assert.NoError(t, referraltest.CheckCase(p, fw, c))
	c.Judgement = referral.Judgement{}
	err = referraltest.CheckCase(p, fw, c)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "needs-judgement", "without the judgement the case fails")
}

func TestGot(t *testing.T) {
	p, fw := builtins(t, "england")
	received := time.Date(2024, 5, 3, 17, 30, 0, 0, time.UTC) // Fri; Mon 6 May 2024 is a bank holiday
	r, err := p.Route(fw, referral.Referral{
		From: continuum.Additional, To: continuum.Specialist,
		Case:     thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("EM-01")}},
		Received: received,
	})
	require.NoError(t, err)
	want := referraltest.Want{
		Level: continuum.Specialist, Urgency: continuum.Immediate,
		Rules: []thresholds.DecisionRule{thresholds.ByImmediateDanger},
		Kind:  referral.Escalation, Route: "police-999", Then: "childrens-social-care",
		DecideBy: time.Date(2024, 5, 7, 17, 30, 0, 0, time.UTC), Basis: referral.Statutory,
		LegalBasis: referral.Section47,
		Queries:    []string{"consent-unrecorded"},
	}
	if diff := cmp.Diff(want, referraltest.Got(r, nil), thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("Got of a routing (-want +got):\n%s", diff)
	}

	_, err = p.Route(fw, referral.Referral{From: continuum.Additional, To: continuum.Additional, Consent: referral.Given, Received: received})
	require.Error(t, err)
	wantErr := referraltest.Want{Errors: []thresholdstest.WantFinding{{Path: "to", Rule: "not-a-move"}}}
	if diff := cmp.Diff(wantErr, referraltest.Got(referral.Routing{}, err), thresholdstest.CmpOptions()); diff != "" {
		t.Errorf("Got of an error (-want +got):\n%s", diff)
	}
	assert.Equal(t, []thresholdstest.WantFinding{{Rule: "error"}}, referraltest.Got(referral.Routing{}, errors.New("plain")).Errors)
}

func TestBuiltinsOnLookup(t *testing.T) {
	tests := []struct {
		name, id string
		on       time.Time
		version  string
		reason   string
	}{
		{"england_2024", "england", time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), "1.0.0", "Working Together 2023 in force"},
		{"england_2026", "england", time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), "2.0.0", "Working Together 2026 in force"},
		{"england_zero", "england", time.Time{}, "2.0.0", "no date: the newest"},
		{"england_before", "england", time.Date(2020, 1, 1, 12, 0, 0, 0, time.UTC), "2.0.0", "no version in force: the newest, so Route reports the day"},
		{"kent_2024", "kent", time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC), "1.0.0", "Kent's one version"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw, err := referraltest.BuiltinsOn(tt.id, tt.id, tt.on)
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.version, p.Version(), tt.reason)
			assert.Equal(t, tt.version, fw.Version(), tt.reason)
		})
	}
	_, _, err := referraltest.BuiltinsOn("nowhere", "england", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	assert.ErrorIs(t, err, referral.ErrUnknownPolicy)
	_, _, err = referraltest.BuiltinsOn("england", "nowhere", time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC))
	assert.ErrorIs(t, err, thresholds.ErrUnknownFramework)
}

func TestBuiltinsLookup(t *testing.T) {
	for _, id := range []string{"england", "kent", "durham"} {
		p, fw, err := referraltest.Builtins(id, id)
		require.NoError(t, err, id)
		assert.Equal(t, id, p.ID())
		assert.Equal(t, p.FrameworkID(), fw.ID())
	}
	_, _, err := referraltest.Builtins("nowhere", "england")
	assert.ErrorIs(t, err, referral.ErrUnknownPolicy)
	_, _, err = referraltest.Builtins("england", "nowhere")
	assert.ErrorIs(t, err, thresholds.ErrUnknownFramework)
}

// recorder is a testing.TB that records failures; the embedded nil TB panics on any
// method RunCases does not use.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestRunCases(t *testing.T) {
	cases, err := referraltest.LoadCases(fstest.MapFS{"c.json": {Data: []byte(kentOverReferral)}}, "*.json")
	require.NoError(t, err)

	r := &recorder{}
	referraltest.RunCases(r, cases, referraltest.Builtins)
	assert.Empty(t, r.errors)

	wrong := cases[0]
	wrong.Want.DecideBy = wrong.Want.DecideBy.AddDate(0, 0, -1)
	referraltest.RunCases(r, []referraltest.Case{wrong}, referraltest.Builtins)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "-want +got")

	r.errors = nil
	unknown := cases[0]
	unknown.Policy = "nowhere"
	referraltest.RunCases(r, []referraltest.Case{unknown}, referraltest.Builtins)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "kent/over-referral")
}

// TestRunJourneyCases runs one shipped journey case through RunJourneyCases, with the
// builtins' newest versions (Kent has one), and checks that a wrong answer and a failed
// lookup are reported, each naming the case.
func TestRunJourneyCases(t *testing.T) {
	const name = "kent/re-referral-to-front-door"
	all, err := referraltest.LoadJourneyCases(referraltest.Conformance(), "journeys/*.json")
	require.NoError(t, err)
	var cases []referraltest.JourneyCase
	for _, c := range all {
		if c.Name == name {
			cases = append(cases, c)
		}
	}
	require.Len(t, cases, 1)

	r := &recorder{}
	referraltest.RunJourneyCases(r, cases, referraltest.Builtins)
	assert.Empty(t, r.errors)

	wrong := cases[0]
	wrong.Want.Steps = slices.Clone(wrong.Want.Steps)
	require.NotEmpty(t, wrong.Want.Steps)
	wrong.Want.Steps[0].Route = "district-conversation"
	referraltest.RunJourneyCases(r, []referraltest.JourneyCase{wrong}, referraltest.Builtins)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "-want +got")
	assert.Contains(t, r.errors[0], name)

	r.errors = nil
	unknown := cases[0]
	unknown.Policy = "nowhere"
	referraltest.RunJourneyCases(r, []referraltest.JourneyCase{unknown}, referraltest.Builtins)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], name)
}

func TestShippedCasesLoad(t *testing.T) {
	cases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(cases), 40)
	for _, c := range cases {
		p, fw, err := referraltest.BuiltinsOn(c.Policy, c.Framework, c.Received)
		require.NoError(t, err, c.Name)
		assert.NoError(t, referraltest.CheckCase(p, fw, c))
	}
}
