package referral_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Europe/London without relying on the host's zoneinfo

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "rt". The other test files of this package use
// rtPair, rtCase, rtAt, rtFindings, rtPathRules and rtCmp too.
//
// Every case here is synthetic: indicator codes, levels and dates, nothing about a child.

// rtBuiltinIDs are the builtin policies, in the order BuiltinPolicies yields them.
var rtBuiltinIDs = []string{"england", "kent", "durham"}

// rtPair returns the builtin policy id and the builtin framework it names, the versions
// in force on rtReceived (for England, its Working Together 2023 version).
func rtPair(tb testing.TB, id string) (*referral.Policy, *thresholds.Framework) {
	tb.Helper()
	p, err := referral.BuiltinPolicyOn(id, rtReceived)
	require.NoError(tb, err)
	fw, err := thresholds.BuiltinOn(p.FrameworkID(), rtReceived)
	require.NoError(tb, err)
	return p, fw
}

// rtEngland2023 returns the England policy and framework of Working Together 2023
// (1.0.0), the versions the local builtins and the test documents build on.
func rtEngland2023(tb testing.TB) (*referral.Policy, *thresholds.Framework) {
	tb.Helper()
	p, fw := rtPair(tb, "england")
	require.Equal(tb, "1.0.0", p.Version())
	require.Equal(tb, "1.0.0", fw.Version())
	return p, fw
}

// rtCase returns a case observing the given well-formed codes.
func rtCase(codes ...string) thresholds.Case {
	var c thresholds.Case
	for _, s := range codes {
		c.Indicators = append(c.Indicators, continuum.MustParseCode(s))
	}
	return c
}

// rtAt returns y-m-d hh:mm on the London wall clock (Europe/London).
func rtAt(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, referral.London())
}

// rtFindings requires err to be a continuum.Findings error and returns it.
func rtFindings(tb testing.TB, err error) continuum.Findings {
	tb.Helper()
	require.Error(tb, err)
	var fs continuum.Findings
	require.True(tb, errors.As(err, &fs), "error %T is not a continuum.Findings: %v", err, err)
	require.NotEmpty(tb, fs)
	return fs
}

// rtPathRules returns "path rule" for each finding, in the findings' sorted order.
func rtPathRules(fs continuum.Findings) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs.Sorted() {
		out = append(out, f.Path+" "+f.Rule)
	}
	return out
}

// rtCmp compares routings, codes by value. (Not cmpopts.EquateErrors: a Findings is an
// error, and two nil Findings are not errors.Is-equal.)
var rtCmp = cmp.Options{
	cmp.Comparer(func(a, b continuum.Code) bool { return a == b }),
}

// The synthetic cases, by what every builtin framework decides for them (checked by
// TestRouteCasesDecide).
var (
	rtNoNeeds    = rtCase()                                   // universal, no-needs
	rtAdditional = rtCase("EDU-2-01")                         // additional, highest-need
	rtTwoAdd     = rtCase("EDU-2-01", "SAF-2-01")             // additional: two needs only
	rtMultiple   = rtCase("EDU-2-01", "HLT-2-01", "SAF-2-01") // intensive: 3 needs, 2 domains
	rtIntensive  = rtCase("EDU-3-01")                         // intensive, highest-need
	rtSpecialist = rtCase("HLT-4-01")                         // specialist, routine
	rtHarm       = rtCase("SH-01")                            // specialist, same-day
	rtDanger     = rtCase("EM-01")                            // specialist, immediate
)

// rtReceived is a Wednesday with no bank holiday near: 1 working day is Thursday
// 2024-03-07, 2 working days Friday 2024-03-08.
var rtReceived = rtAt(2024, time.March, 6, 10, 0)

var (
	rtPlus1WD = rtAt(2024, time.March, 7, 10, 0)
	rtPlus2WD = rtAt(2024, time.March, 8, 10, 0)
)

// rtRoutes are each builtin's route ids by the level asked for (routine urgency), and
// its 999 route.
type rtRoutes struct {
	universal, additional, intensive, specialist, police string
}

var rtRouteOf = map[string]rtRoutes{
	"england": {"universal-services", "early-help", "early-help", "childrens-social-care", "police-999"},
	"kent":    {"resilience-hub", "district-conversation", "front-door", "front-door", "police-999"},
	"durham":  {"universal-services", "early-help-request", "first-contact", "first-contact", "police-999"},
}

func (r rtRoutes) at(l continuum.Level) string {
	return [...]string{"", r.universal, r.additional, r.intensive, r.specialist}[l]
}

// rtNote returns the policy's note for an allowed move.
func rtNote(tb testing.TB, p *referral.Policy, t referral.Transition) string {
	tb.Helper()
	for tr := range p.Transitions() {
		if tr.Transition == t {
			return tr.Note
		}
	}
	tb.Fatalf("policy %s does not allow %s", p.ID(), t)
	return ""
}

func TestRouteCasesDecide(t *testing.T) {
	tests := []struct {
		name    string
		c       thresholds.Case
		level   continuum.Level
		urgency continuum.Urgency
		rule    thresholds.DecisionRule
		reason  string
	}{
		{"no_needs", rtNoNeeds, continuum.Universal, continuum.Routine, thresholds.ByNoNeeds, "nothing observed is universal"},
		{"additional", rtAdditional, continuum.Additional, continuum.Routine, thresholds.ByHighestNeed, "one additional need"},
		{"two_additional", rtTwoAdd, continuum.Additional, continuum.Routine, thresholds.ByHighestNeed, "two needs are below the step-up count of 3"},
		{"multiple", rtMultiple, continuum.Intensive, continuum.Routine, thresholds.ByMultipleNeeds, "3 additional needs across 2 domains step up"},
		{"intensive", rtIntensive, continuum.Intensive, continuum.Routine, thresholds.ByHighestNeed, "one intensive need"},
		{"specialist", rtSpecialist, continuum.Specialist, continuum.Routine, thresholds.ByHighestNeed, "a specialist need is routine"},
		{"harm", rtHarm, continuum.Specialist, continuum.SameDay, thresholds.BySignificantHarm, "significant harm is same-day"},
		{"danger", rtDanger, continuum.Specialist, continuum.Immediate, thresholds.ByImmediateDanger, "immediate danger is 999"},
	}
	for _, id := range rtBuiltinIDs {
		_, fw := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					d, err := fw.Evaluate(tt.c)
					require.NoError(t, err, tt.reason)
					assert.Equal(t, tt.level, d.Level, tt.reason)
					assert.Equal(t, tt.urgency, d.Urgency, tt.reason)
					assert.Equal(t, tt.rule, d.Rule(), tt.reason)
				})
			}
		})
	}
}

func TestRouteTransitionKinds(t *testing.T) {
	tests := []struct {
		name     string
		from, to continuum.Level
		c        thresholds.Case
		consent  referral.Consent
		kind     referral.TransitionKind
		rules    []string // blocking findings; nil when the referral routes
		reason   string
	}{
		{"entry", 0, continuum.Additional, rtAdditional, referral.Given, referral.Entry, nil,
			"a child not known to services enters at the level asked for"},
		{"entry_specialist", 0, continuum.Specialist, rtSpecialist, referral.Given, referral.Entry, nil,
			"entry straight to specialist is an entry, not an escalation"},
		{"step_up", continuum.Additional, continuum.Intensive, rtIntensive, referral.Given, referral.StepUp, nil,
			"up to intensive is a step-up"},
		{"step_up_two_levels", continuum.Universal, continuum.Intensive, rtMultiple, referral.Given, referral.StepUp, nil,
			"universal to intensive skips a level and is still a step-up"},
		{"escalation", continuum.Intensive, continuum.Specialist, rtSpecialist, referral.Given, referral.Escalation, nil,
			"up to specialist is an escalation"},
		{"escalation_from_universal", continuum.Universal, continuum.Specialist, rtSpecialist, referral.Refused, referral.Escalation, nil,
			"a refusal does not stop a safeguarding referral"},
		{"step_down", continuum.Specialist, continuum.Intensive, rtIntensive, referral.Given, referral.StepDown, nil,
			"down to intensive is a step-down"},
		{"step_down_to_additional", continuum.Specialist, continuum.Additional, rtAdditional, referral.Given, referral.StepDown, nil,
			"specialist straight to additional is a step-down every builtin allows"},
		{"closure", continuum.Additional, continuum.Universal, rtNoNeeds, 0, referral.Closure, nil,
			"down to universal closes targeted support; universal needs no consent"},
		{"closure_from_specialist", continuum.Specialist, continuum.Universal, rtNoNeeds, 0, referral.Closure, nil,
			"a case closed by children's social care is a closure"},
		{"not_a_move", continuum.Additional, continuum.Additional, rtAdditional, referral.Given, 0, []string{"to not-a-move"},
			"from == to is not a referral: an error"},
		{"not_a_move_specialist", continuum.Specialist, continuum.Specialist, rtSpecialist, referral.Given, 0, []string{"to not-a-move"},
			"from == to at specialist is an error too"},
	}
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		routes := rtRouteOf[id]
		t.Run(id, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					tr := referral.Transition{From: tt.from, To: tt.to}
					got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
					if tt.rules != nil {
						fs := rtFindings(t, err)
						assert.Equal(t, tt.rules, rtPathRules(fs), tt.reason)
						assert.ErrorIs(t, err, referral.ErrInvalidReferral, tt.reason)
						assert.Empty(t, cmp.Diff(referral.Routing{}, got, rtCmp), "a referral with errors is not routed")
						return
					}
					require.NoError(t, err, tt.reason)
					assert.Equal(t, tr, got.Transition, tt.reason)
					assert.Equal(t, tt.kind, got.Kind, tt.reason)
					assert.Equal(t, tt.kind, got.Transition.Kind(), tt.reason)
					assert.Equal(t, routes.at(tt.to), got.Route.ID, tt.reason)
					assert.Empty(t, got.Then.ID, "nothing follows a routine route")
					rule, _ := p.ConsentRule(tt.to)
					assert.Equal(t, rule, got.Consent, "Routing.Consent is the rule for the level asked for")
					assert.Equal(t, rtNote(t, p, tr), got.Note, "Routing.Note is the policy's note for the move")
					assert.NotEmpty(t, got.Note)
					assert.Empty(t, got.Queries, tt.reason)
					assert.Equal(t, tt.to, got.Decision.Level, "every row asks for the decided level")
					assert.Equal(t, id, got.Decision.Framework.ID)
					want := rtPlus1WD
					if id == "kent" && got.Route.ID == "district-conversation" {
						want = rtPlus2WD
					}
					assert.Equal(t, want, got.DecideBy, tt.reason)
				})
			}
		})
	}
}

func TestRouteConsent(t *testing.T) {
	const (
		ok         = ""
		required   = "consent consent-required"
		unrecorded = "consent consent-unrecorded"
		notSought  = "consent consent-not-sought"
	)
	// Kent's Front Door seeks consent for a Level 3 request unless asking may itself put
	// the child at risk of significant harm (KELSI): not-sought is allowed, and queried.
	override := map[string]map[string][2]string{
		"kent": {"intensive_not_sought": {ok, notSought}},
	}
	tests := []struct {
		name    string
		to      continuum.Level
		c       thresholds.Case
		consent referral.Consent
		err     string // the blocking finding, "" for none
		query   string // the query, "" for none
		reason  string
	}{
		{"universal_given", continuum.Universal, rtNoNeeds, referral.Given, ok, ok, "universal: no consent rule applies"},
		{"universal_refused", continuum.Universal, rtNoNeeds, referral.Refused, ok, ok, "universal: no consent rule applies"},
		{"universal_not_sought", continuum.Universal, rtNoNeeds, referral.NotSought, ok, ok, "universal: no consent rule applies"},
		{"universal_not_recorded", continuum.Universal, rtNoNeeds, 0, ok, ok, "universal: nothing to consent to, nothing to query"},

		{"additional_given", continuum.Additional, rtAdditional, referral.Given, ok, ok, "early help with consent goes ahead"},
		{"additional_refused", continuum.Additional, rtAdditional, referral.Refused, required, ok, "early help is voluntary"},
		{"additional_not_sought", continuum.Additional, rtAdditional, referral.NotSought, required, ok, "not-sought is for safeguarding only"},
		{"additional_not_recorded", continuum.Additional, rtAdditional, 0, required, ok, "early help needs consent recorded as given"},

		{"intensive_given", continuum.Intensive, rtIntensive, referral.Given, ok, ok, "early help with consent goes ahead"},
		{"intensive_refused", continuum.Intensive, rtIntensive, referral.Refused, required, ok, "intensive is early help: voluntary"},
		{"intensive_not_sought", continuum.Intensive, rtIntensive, referral.NotSought, required, ok, "not-sought is for safeguarding only"},
		{"intensive_not_recorded", continuum.Intensive, rtIntensive, 0, required, ok, "intensive needs consent recorded as given"},

		{"specialist_given", continuum.Specialist, rtSpecialist, referral.Given, ok, ok, "safeguarding with consent"},
		{"specialist_refused", continuum.Specialist, rtSpecialist, referral.Refused, ok, ok, "a refusal does not stop a safeguarding referral"},
		{"specialist_not_sought", continuum.Specialist, rtSpecialist, referral.NotSought, ok, ok, "consent withheld because asking could put the child at risk"},
		{"specialist_not_recorded", continuum.Specialist, rtSpecialist, 0, ok, unrecorded, "a specialist referral that records nothing is queried, not refused"},
		{"specialist_harm_not_recorded", continuum.Specialist, rtHarm, 0, ok, unrecorded, "same-day referrals are queried the same way"},
	}
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					if o, ok := override[id][tt.name]; ok {
						tt.err, tt.query = o[0], o[1]
					}
					got, err := p.Route(fw, referral.Referral{To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
					if tt.err != "" {
						fs := rtFindings(t, err)
						assert.Equal(t, []string{tt.err}, rtPathRules(fs), tt.reason)
						assert.ErrorIs(t, err, referral.ErrInvalidReferral)
						return
					}
					require.NoError(t, err, tt.reason)
					rule, _ := p.ConsentRule(tt.to)
					assert.Equal(t, rule, got.Consent)
					if tt.query == "" {
						assert.Empty(t, got.Queries, tt.reason)
						return
					}
					assert.Equal(t, []string{tt.query}, rtPathRules(got.Queries), tt.reason)
					assert.Equal(t, continuum.Query, got.Queries[0].Severity)
					assert.False(t, got.Queries.HasErrors(), "a query never blocks")
				})
			}
		})
	}
}

func TestRouteConsentRules(t *testing.T) {
	// The builtins all follow DESIGN section 5: early help is voluntary, safeguarding is
	// seek-unless-risk.
	want := map[continuum.Level]referral.ConsentRule{
		continuum.Universal:  referral.NotApplicable,
		continuum.Additional: referral.Required,
		continuum.Intensive:  referral.Required,
		continuum.Specialist: referral.SeekUnlessRisk,
	}
	for _, id := range rtBuiltinIDs {
		p, _ := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			for l, rule := range want {
				if id == "kent" && l == continuum.Intensive {
					rule = referral.RequiredUnlessRisk // KELSI: one rule for every Front Door request
				}
				got, note := p.ConsentRule(l)
				assert.Equal(t, rule, got, "%s", l)
				assert.NotEmpty(t, note, "%s has a note", l)
			}
		})
	}
}

func TestRouteHarmBelowSpecialist(t *testing.T) {
	tests := []struct {
		name     string
		from, to continuum.Level
		c        thresholds.Case
		consent  referral.Consent
		rules    []string
		reason   string
	}{
		{"harm_at_additional", 0, continuum.Additional, rtHarm, referral.Given, []string{"to harm-below-specialist"},
			"significant harm may not go to early help"},
		{"harm_at_intensive", 0, continuum.Intensive, rtHarm, referral.Given, []string{"to harm-below-specialist"},
			"significant harm may not go to intensive early help"},
		{"harm_at_universal", 0, continuum.Universal, rtHarm, 0, []string{"to harm-below-specialist"},
			"significant harm may not be closed to universal"},
		{"danger_at_additional", 0, continuum.Additional, rtDanger, referral.Given, []string{"to harm-below-specialist"},
			"immediate danger may not go to early help"},
		{"danger_at_intensive", continuum.Additional, continuum.Intensive, rtDanger, referral.Given, []string{"to harm-below-specialist"},
			"immediate danger may not be a step-up to intensive"},
		{"harm_step_down", continuum.Specialist, continuum.Intensive, rtHarm, referral.Given, []string{"to harm-below-specialist"},
			"a step-down while harm is observed is an error"},
		{"harm_with_needs", 0, continuum.Intensive, rtCase("EDU-3-01", "SH-02"), referral.Given, []string{"to harm-below-specialist"},
			"the trigger wins over the intensive need"},
		{"harm_without_consent", 0, continuum.Additional, rtHarm, referral.Refused, []string{"consent consent-required", "to harm-below-specialist"},
			"both blocking problems are reported"},
	}
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
					fs := rtFindings(t, err)
					assert.Equal(t, tt.rules, rtPathRules(fs), tt.reason)
					for _, f := range fs {
						assert.Equal(t, continuum.Error, f.Severity, "an error, never a query: %v", f)
						assert.ErrorIs(t, f, referral.ErrInvalidReferral)
					}
					assert.Empty(t, got.Queries)
					assert.Empty(t, got.Route.ID)
				})
			}
		})
	}
}

func TestRouteHarmAtSpecialist(t *testing.T) {
	tests := []struct {
		name    string
		from    continuum.Level
		c       thresholds.Case
		consent referral.Consent
		urgency continuum.Urgency
		police  bool // 999 first, then the front door
		reason  string
	}{
		{"harm_given", 0, rtHarm, referral.Given, continuum.SameDay, false, "same-day to the front door"},
		{"harm_refused", continuum.Additional, rtHarm, referral.Refused, continuum.SameDay, false, "a refusal does not stop it"},
		{"harm_not_sought", continuum.Intensive, rtHarm, referral.NotSought, continuum.SameDay, false, "consent withheld for safety"},
		{"danger_given", 0, rtDanger, referral.Given, continuum.Immediate, true, "999 first, then the front door"},
		{"danger_refused", continuum.Universal, rtDanger, referral.Refused, continuum.Immediate, true, "999 whatever the family says"},
		{"danger_not_sought", continuum.Additional, rtDanger, referral.NotSought, continuum.Immediate, true, "999 without asking"},
		{"danger_and_harm", 0, rtCase("SH-01", "EM-02", "EDU-2-01"), referral.Given, continuum.Immediate, true, "immediate danger outranks harm"},
	}
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		routes := rtRouteOf[id]
		t.Run(id, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					got, err := p.Route(fw, referral.Referral{From: tt.from, To: continuum.Specialist, Case: tt.c, Consent: tt.consent, Received: rtReceived})
					require.NoError(t, err, tt.reason)
					assert.Equal(t, continuum.Specialist, got.Decision.Level)
					assert.Equal(t, tt.urgency, got.Decision.Urgency, tt.reason)
					assert.Empty(t, got.Queries, "specialist asked, specialist decided, consent recorded")
					if tt.police {
						assert.Equal(t, routes.police, got.Route.ID, tt.reason)
						assert.Equal(t, "999", got.Route.Contact)
						assert.Equal(t, routes.specialist, got.Then.ID, tt.reason)
					} else {
						assert.Equal(t, routes.specialist, got.Route.ID, tt.reason)
						assert.Empty(t, got.Then.ID, "nothing follows the front door")
					}
					assert.Equal(t, "referral-decision", got.Timescale.ID, "the front door decides: 999 decides nothing")
					assert.Equal(t, rtPlus1WD, got.DecideBy)
				})
			}
		})
	}
}

func TestRouteDecisionQueries(t *testing.T) {
	all := rtBuiltinIDs
	tests := []struct {
		name     string
		policies []string
		from, to continuum.Level
		c        thresholds.Case
		consent  referral.Consent
		queries  []string
		reason   string
	}{
		{"above_specialist", []string{"england", "durham"}, 0, continuum.Specialist, rtAdditional, referral.Given,
			[]string{"to above-decision"}, "asking for more than the indicators say is a query: the practitioner may know more"},
		{"above_specialist_kent", []string{"kent"}, continuum.Intensive, continuum.Specialist, rtIntensive, referral.Given,
			[]string{"to above-decision"}, "intensive needs asked at specialist pass Kent's gate and are queried"},
		{"above_intensive", []string{"england", "durham"}, continuum.Additional, continuum.Intensive, rtAdditional, referral.Given,
			[]string{"to above-decision"}, "asking intensive with additional needs is a query"},
		{"above_additional", all, continuum.Universal, continuum.Additional, rtNoNeeds, referral.Given,
			[]string{"to above-decision"}, "asking additional with no needs observed is a query, even in Kent"},
		{"below_additional", all, 0, continuum.Additional, rtIntensive, referral.Given,
			[]string{"to below-decision"}, "asking for less than the indicators say is a query"},
		{"below_closure", all, continuum.Additional, continuum.Universal, rtAdditional, 0,
			[]string{"to below-decision"}, "closing while needs remain is a query"},
		{"below_with_unrecorded_consent", all, 0, continuum.Specialist, rtSpecialist, 0,
			[]string{"consent consent-unrecorded"}, "control: specialist at specialist queries only the consent"},
		{"above_and_unrecorded_consent", []string{"england", "durham"}, 0, continuum.Specialist, rtIntensive, 0,
			[]string{"consent consent-unrecorded", "to above-decision"}, "both queries are reported"},
		{"exact_multiple_needs", all, 0, continuum.Intensive, rtMultiple, referral.Given,
			nil, "3 needs across 2 domains decide intensive: no query"},
		{"exact_two_needs", all, 0, continuum.Additional, rtTwoAdd, referral.Given,
			nil, "2 needs decide additional: no query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, id := range tt.policies {
				p, fw := rtPair(t, id)
				got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
				require.NoError(t, err, "%s: %s", id, tt.reason)
				if tt.queries == nil {
					assert.Empty(t, got.Queries, "%s: %s", id, tt.reason)
				} else {
					assert.Equal(t, tt.queries, rtPathRules(got.Queries), "%s: %s", id, tt.reason)
				}
				for _, q := range got.Queries {
					assert.Equal(t, continuum.Query, q.Severity)
					assert.NotEmpty(t, q.Msg)
				}
				assert.Equal(t, rtRouteOf[id].at(tt.to), got.Route.ID, "%s: a query does not change the route", id)
			}
		})
	}
}

func TestRouteKentFrontDoorGate(t *testing.T) {
	const (
		required = referral.Required
		seek     = referral.SeekUnlessRisk
		na       = referral.NotApplicable
	)
	tests := []struct {
		name      string
		policy    string
		from, to  continuum.Level
		c         thresholds.Case
		consent   referral.Consent
		route     string
		rule      referral.ConsentRule
		queries   []string
		errs      []string
		decideBy  time.Time
		timescale string
		reason    string
	}{
		// Level 2 needs at the front door go back to early help: a district conversation,
		// 2 working days, under early help's consent rule.
		{"intensive_with_additional_need", "kent", 0, continuum.Intensive, rtAdditional, referral.Given,
			"district-conversation", required, []string{"to below-threshold"}, nil, rtPlus2WD, "district-conversation",
			"the front door takes levels 3 and 4 only: a level 2 request goes to a district conversation"},
		{"intensive_with_two_needs", "kent", continuum.Universal, continuum.Intensive, rtTwoAdd, referral.Given,
			"district-conversation", required, []string{"to below-threshold"}, nil, rtPlus2WD, "district-conversation",
			"two additional needs do not step up"},
		{"intensive_with_kent_local_need", "kent", 0, continuum.Intensive, rtCase("KENT-EDU-2-01"), referral.Given,
			"district-conversation", required, []string{"to below-threshold"}, nil, rtPlus2WD, "district-conversation",
			"Kent's own level 2 indicators count the same"},
		{"specialist_with_additional_need", "kent", 0, continuum.Specialist, rtAdditional, referral.Given,
			"district-conversation", required, []string{"to below-threshold"}, nil, rtPlus2WD, "district-conversation",
			"a level 4 request with level 2 needs goes back to early help, with no above-decision query"},
		{"specialist_with_additional_need_refused", "kent", 0, continuum.Specialist, rtAdditional, referral.Refused,
			"", 0, nil, []string{"consent consent-required"}, time.Time{}, "",
			"landing in early help, the referral needs early help's consent: a refusal stops it"},
		{"specialist_with_additional_need_unrecorded", "kent", continuum.Additional, continuum.Specialist, rtTwoAdd, 0,
			"", 0, nil, []string{"consent consent-required"}, time.Time{}, "",
			"no consent recorded is not consent given"},
		{"specialist_with_additional_need_not_sought", "kent", 0, continuum.Specialist, rtAdditional, referral.NotSought,
			"", 0, nil, []string{"consent consent-required"}, time.Time{}, "",
			"not-sought is for safeguarding, which this is not"},
		// Level 1 needs at the front door go to the route for universal.
		{"intensive_with_no_needs", "kent", continuum.Additional, continuum.Intensive, rtNoNeeds, referral.Given,
			"resilience-hub", na, []string{"to below-threshold"}, nil, rtPlus1WD, "referral-decision",
			"a level 1 request goes to universal services (the Resilience Hub)"},
		{"specialist_with_no_needs", "kent", continuum.Intensive, continuum.Specialist, rtNoNeeds, referral.Given,
			"resilience-hub", na, []string{"to below-threshold"}, nil, rtPlus1WD, "referral-decision",
			"an escalation with no needs observed goes to universal services"},
		{"specialist_with_universal_need_refused", "kent", 0, continuum.Specialist, rtCase("HLT-1-01"), referral.Refused,
			"resilience-hub", na, []string{"to below-threshold"}, nil, rtPlus1WD, "referral-decision",
			"universal services need no consent"},
		// At the gate's level the front door takes the referral.
		{"intensive_at_gate", "kent", 0, continuum.Intensive, rtMultiple, referral.Given,
			"front-door", referral.RequiredUnlessRisk, nil, nil, rtPlus1WD, "referral-decision",
			"the gate's level itself passes: 3 needs across 2 domains are intensive"},
		{"specialist_at_gate", "kent", 0, continuum.Specialist, rtIntensive, referral.Refused,
			"front-door", seek, []string{"to above-decision"}, nil, rtPlus1WD, "referral-decision",
			"intensive needs asked at specialist pass the gate and are queried; specialist's consent rule applies"},
		{"additional_not_gated", "kent", 0, continuum.Additional, rtNoNeeds, referral.Given,
			"district-conversation", required, []string{"to above-decision"}, nil, rtPlus2WD, "district-conversation",
			"the district conversation has no gate: asking it with no needs is an above-decision query"},
		// Without a gate the same requests are routed as asked, with a query.
		{"england_no_gate", "england", 0, continuum.Intensive, rtAdditional, referral.Given,
			"early-help", required, []string{"to above-decision"}, nil, rtPlus1WD, "referral-decision",
			"England has no gate: the same request is an above-decision query"},
		{"england_no_gate_specialist", "england", 0, continuum.Specialist, rtAdditional, referral.Refused,
			"childrens-social-care", seek, []string{"to above-decision"}, nil, rtPlus1WD, "referral-decision",
			"England routes the over-referral as asked, with a query; a refusal does not stop it"},
		{"durham_no_gate", "durham", 0, continuum.Specialist, rtNoNeeds, referral.Given,
			"first-contact", seek, []string{"to above-decision"}, nil, rtPlus1WD, "referral-decision",
			"Durham has no gate either"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
			if tt.errs != nil {
				fs := rtFindings(t, err)
				assert.Equal(t, tt.errs, rtPathRules(fs), tt.reason)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.route, got.Route.ID, tt.reason)
			assert.Empty(t, got.Then.ID)
			assert.Equal(t, tt.rule, got.Consent, "the consent rule of the level the referral lands at")
			if tt.queries == nil {
				assert.Empty(t, got.Queries, tt.reason)
			} else {
				assert.Equal(t, tt.queries, rtPathRules(got.Queries), tt.reason)
			}
			assert.Equal(t, tt.decideBy, got.DecideBy, tt.reason)
			assert.Equal(t, tt.timescale, got.Timescale.ID, "DecideBy follows the route taken")
			assert.Equal(t, referral.Transition{From: tt.from, To: tt.to}, got.Transition, "the transition is the one asked for")
			assert.Equal(t, got.Transition.Kind(), got.Kind)
		})
	}
}

func TestRouteKentGateNote(t *testing.T) {
	p, fw := rtPair(t, "kent")
	tests := []struct {
		name     string
		from, to continuum.Level
		c        thresholds.Case
		noteOf   referral.Transition // the move whose note applies; zero for no note
		reason   string
	}{
		{"entry_lands_additional", 0, continuum.Intensive, rtAdditional,
			referral.Transition{To: continuum.Additional}, "the note of the move that happens: entry to early help"},
		{"escalation_lands_additional", continuum.Universal, continuum.Specialist, rtAdditional,
			referral.Transition{From: continuum.Universal, To: continuum.Additional}, "universal to additional, not to specialist"},
		{"step_up_lands_universal", continuum.Additional, continuum.Intensive, rtNoNeeds,
			referral.Transition{From: continuum.Additional, To: continuum.Universal}, "level 1 needs land at universal: the closure note"},
		{"lands_where_it_is", continuum.Additional, continuum.Specialist, rtAdditional,
			referral.Transition{}, "the child is already at the level it lands at: no move, no note"},
		{"not_gated", continuum.Additional, continuum.Intensive, rtIntensive,
			referral.Transition{From: continuum.Additional, To: continuum.Intensive}, "control: the asked move's note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: referral.Given, Received: rtReceived})
			require.NoError(t, err)
			want := ""
			if tt.noteOf != (referral.Transition{}) {
				want = rtNote(t, p, tt.noteOf)
			}
			assert.Equal(t, want, got.Note, tt.reason)
		})
	}
}

func TestRouteUnknownIndicators(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		codes  []continuum.Code
		want   []string
		reason string
	}{
		{"several_unknown", "kent",
			[]continuum.Code{continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("ZZZ-9-99"),
				continuum.MustParseCode("HLT-2-01"), continuum.MustParseCode("QQ-01"), {}},
			[]string{"case.indicators[1] unknown-indicator", "case.indicators[3] unknown-indicator", "case.indicators[4] invalid-code"},
			"every unknown code is reported at once, the zero Code too"},
		{"kent_code_in_england", "england",
			[]continuum.Code{continuum.MustParseCode("KENT-EDU-2-01")},
			[]string{"case.indicators[0] unknown-indicator"},
			"a Kent local code is not in the England catalogue"},
		{"kent_code_in_durham", "durham",
			[]continuum.Code{continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("KENT-BCA-4-01")},
			[]string{"case.indicators[1] unknown-indicator"},
			"nor in Durham's"},
		{"twelve_unknown", "england",
			func() []continuum.Code {
				var cs []continuum.Code
				for i := range 12 {
					cs = append(cs, continuum.MustParseCode(fmt.Sprintf("ZZ-%02d", i)))
				}
				return cs
			}(),
			func() []string {
				var out []string
				for i := range 12 {
					out = append(out, fmt.Sprintf("case.indicators[%d] unknown-indicator", i))
				}
				return out
			}(),
			"paths sort numerically: indicators[2] before indicators[10]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			_, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: thresholds.Case{Indicators: tt.codes}, Consent: referral.Given, Received: rtReceived})
			fs := rtFindings(t, err)
			assert.Equal(t, tt.want, rtPathRules(fs), tt.reason)
			assert.ErrorIs(t, err, thresholds.ErrUnknownIndicator)
			for _, f := range fs {
				assert.ErrorIs(t, f, thresholds.ErrUnknownIndicator, "%v", f)
				assert.Equal(t, continuum.Error, f.Severity)
			}
		})
	}
	t.Run("kent_code_in_kent", func(t *testing.T) {
		p, fw := rtPair(t, "kent")
		_, err := p.Route(fw, referral.Referral{To: continuum.Additional, Case: rtCase("KENT-EDU-2-01"), Consent: referral.Given, Received: rtReceived})
		assert.NoError(t, err, "control: Kent's own code is known to Kent")
	})
}

func TestRouteInvalidInput(t *testing.T) {
	tests := []struct {
		name   string
		r      referral.Referral
		want   []string
		reason string
	}{
		{"to_zero", referral.Referral{To: 0, Consent: referral.Given, Received: rtReceived},
			[]string{"to invalid-level"}, "a referral asks for a level"},
		{"to_nine", referral.Referral{To: 9, Consent: referral.Given, Received: rtReceived},
			[]string{"to invalid-level"}, "9 is not a level"},
		{"to_five", referral.Referral{From: continuum.Universal, To: 5, Consent: referral.Given, Received: rtReceived},
			[]string{"to invalid-level"}, "one past specialist is not a level"},
		{"from_seven", referral.Referral{From: 7, To: continuum.Additional, Case: rtAdditional, Consent: referral.Given, Received: rtReceived},
			[]string{"from invalid-level"}, "7 is not a level"},
		{"from_and_to_invalid", referral.Referral{From: 5, To: 0, Consent: referral.Given, Received: rtReceived},
			[]string{"from invalid-level", "to invalid-level"}, "both are reported"},
		{"consent_nine", referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: 9, Received: rtReceived},
			[]string{"consent invalid-consent"}, "9 is not a consent position"},
		{"consent_nine_early_help", referral.Referral{To: continuum.Additional, Case: rtAdditional, Consent: 9, Received: rtReceived},
			[]string{"consent consent-required", "consent invalid-consent"}, "an invalid consent is not given consent"},
		{"received_zero", referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given},
			[]string{"received missing-received"}, "the decision clock needs a start"},
		{"not_a_move", referral.Referral{From: continuum.Intensive, To: continuum.Intensive, Case: rtIntensive, Consent: referral.Given, Received: rtReceived},
			[]string{"to not-a-move"}, "from == to is not a referral"},
		{"zero_referral", referral.Referral{},
			[]string{"received missing-received", "to invalid-level"}, "the zero Referral is not routable"},
	}
	p, fw := rtPair(t, "kent")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Route(fw, tt.r)
			fs := rtFindings(t, err)
			assert.Equal(t, tt.want, rtPathRules(fs), tt.reason)
			for _, f := range fs {
				assert.ErrorIs(t, f, referral.ErrInvalidReferral, "%v", f)
				assert.Equal(t, continuum.Error, f.Severity)
				assert.NotEmpty(t, f.Msg)
			}
			assert.Empty(t, cmp.Diff(referral.Routing{}, got, rtCmp))
		})
	}
}

func TestRouteReportsEveryProblem(t *testing.T) {
	_, englandFW := rtEngland2023(t)
	minimal := polMinimalPolicy(t)
	tests := []struct {
		name   string
		policy string // builtin id; "minimal" for testdata/minimal.json
		fw     *thresholds.Framework
		r      referral.Referral
		rules  []string
		paths  []string
		reason string
	}{
		{"bad_everything", "kent", nil, referral.Referral{
			From: 7, To: continuum.Additional, Consent: 9,
			Case: thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("ZZZ-9-99")}},
		},
			[]string{"unknown-indicator", "consent-required", "invalid-consent", "invalid-level", "missing-received"},
			[]string{"case.indicators[1]", "consent", "consent", "from", "received"},
			"levels, consent, date and codes are all checked before giving up"},
		{"harm_not_a_move_no_consent", "england", nil, referral.Referral{
			From: continuum.Additional, To: continuum.Additional, Case: rtHarm, Received: rtReceived,
		},
			[]string{"consent-required", "harm-below-specialist", "not-a-move"},
			[]string{"consent", "to", "to"},
			"three rules broken by one referral"},
		{"mismatch_and_invalid", "kent", englandFW, referral.Referral{To: 0},
			[]string{"framework-mismatch", "missing-received", "invalid-level"},
			[]string{"framework", "received", "to"},
			"the framework mismatch does not hide the rest"},
		{"not_allowed_with_harm", "minimal", nil, referral.Referral{
			From: continuum.Additional, To: continuum.Intensive, Case: rtHarm, Received: rtReceived,
		},
			[]string{"consent-required", "harm-below-specialist", "transition-not-allowed"},
			[]string{"consent", "to", "to"},
			"a move the policy does not list is reported with the rest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p *referral.Policy
			var fw *thresholds.Framework
			if tt.policy == "minimal" {
				p, fw = minimal, englandFW
			} else {
				p, fw = rtPair(t, tt.policy)
			}
			if tt.fw != nil {
				fw = tt.fw
			}
			got, err := p.Route(fw, tt.r)
			fs := rtFindings(t, err)
			assert.Equal(t, tt.rules, fs.Rules(), tt.reason)
			var paths []string
			for _, f := range fs.Sorted() {
				paths = append(paths, f.Path)
			}
			assert.Equal(t, tt.paths, paths)
			assert.False(t, slices.ContainsFunc(fs, func(f *continuum.Finding) bool { return f.Severity == continuum.Query }),
				"the error holds blocking findings only")
			assert.Empty(t, got.Queries)
		})
	}
}

func TestRouteTransitionNotAllowed(t *testing.T) {
	p := polMinimalPolicy(t)
	_, fw := rtEngland2023(t)
	tests := []struct {
		name     string
		from, to continuum.Level
		c        thresholds.Case
		consent  referral.Consent
		rules    []string
		reason   string
	}{
		{"allowed_entry", 0, continuum.Specialist, rtSpecialist, referral.Given, nil, "the one move the policy lists"},
		{"escalation", continuum.Additional, continuum.Specialist, rtSpecialist, referral.Given, []string{"to transition-not-allowed"}, "not listed"},
		{"entry_intensive", 0, continuum.Intensive, rtIntensive, referral.Given, []string{"to transition-not-allowed"}, "entry at another level is not listed"},
		{"closure", continuum.Specialist, continuum.Universal, rtNoNeeds, 0, []string{"to transition-not-allowed"}, "closure is not listed"},
		{"not_a_move_is_not_also_not_allowed", continuum.Specialist, continuum.Specialist, rtSpecialist, referral.Given, []string{"to not-a-move"},
			"a non-move is one finding, not two"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Route(fw, referral.Referral{From: tt.from, To: tt.to, Case: tt.c, Consent: tt.consent, Received: rtReceived})
			if tt.rules == nil {
				require.NoError(t, err, tt.reason)
				assert.Equal(t, "door", got.Route.ID)
				assert.Equal(t, "Synthetic entry.", got.Note)
				assert.Equal(t, rtPlus1WD, got.DecideBy)
				return
			}
			fs := rtFindings(t, err)
			assert.Equal(t, tt.rules, rtPathRules(fs), tt.reason)
		})
	}
}

func TestRouteFrameworkMismatch(t *testing.T) {
	_, england := rtEngland2023(t)
	durham, err := thresholds.Builtin("durham")
	require.NoError(t, err)
	tests := []struct {
		name   string
		policy string
		fw     *thresholds.Framework
		reason string
	}{
		{"kent_policy_england_framework", "kent", england, "Kent's policy goes with Kent's framework"},
		{"kent_policy_durham_framework", "kent", durham, "nor with Durham's"},
		{"kent_policy_nil_framework", "kent", nil, "no framework is a mismatch, not a panic"},
		{"durham_policy_nil_framework", "durham", nil, "no framework"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := referral.BuiltinPolicy(tt.policy)
			require.NoError(t, err)
			got, err := p.Route(tt.fw, referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given, Received: rtReceived})
			fs := rtFindings(t, err)
			assert.Equal(t, []string{"framework framework-mismatch"}, rtPathRules(fs), tt.reason)
			assert.ErrorIs(t, err, referral.ErrFrameworkMismatch)
			assert.NotErrorIs(t, err, referral.ErrInvalidReferral, "a mismatch is the caller's wiring, not the referral")
			assert.Empty(t, got.Route.ID)
		})
	}
}

func TestRouteDecideBy(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	inLondon := func(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, london) }
	tests := []struct {
		name      string
		policy    string
		to        continuum.Level
		c         thresholds.Case
		received  time.Time
		want      time.Time
		timescale string
		reason    string
	}{
		{"platinum_jubilee", "durham", continuum.Specialist, rtSpecialist,
			rtAt(2022, time.June, 1, 9, 0), rtAt(2022, time.June, 6, 9, 0), "referral-decision",
			"Wed 1 June 2022: Thu 2 and Fri 3 June were bank holidays, so the decision is due Mon 6 June"},
		{"coronation", "kent", continuum.Specialist, rtSpecialist,
			rtAt(2023, time.May, 5, 9, 0), rtAt(2023, time.May, 9, 9, 0), "referral-decision",
			"Fri 5 May 2023: Mon 8 May was the coronation bank holiday (the England policy is not yet in force)"},
		{"easter_2024", "england", continuum.Specialist, rtSpecialist,
			rtAt(2024, time.March, 28, 9, 0), rtAt(2024, time.April, 2, 9, 0), "referral-decision",
			"Thu 28 March 2024: Good Friday 29 March and Easter Monday 1 April are bank holidays"},
		{"christmas", "england", continuum.Specialist, rtSpecialist,
			rtAt(2024, time.December, 24, 9, 0), rtAt(2024, time.December, 27, 9, 0), "referral-decision",
			"Tue 24 December 2024: 25 and 26 are bank holidays, Fri 27 is day 1"},
		{"new_year", "england", continuum.Specialist, rtSpecialist,
			rtAt(2024, time.December, 31, 9, 0), rtAt(2025, time.January, 2, 9, 0), "referral-decision",
			"Tue 31 December 2024: 1 January is a bank holiday"},
		{"friday_evening_dst", "england", continuum.Specialist, rtSpecialist,
			inLondon(2024, time.October, 25, 17, 0), inLondon(2024, time.October, 28, 17, 0), "referral-decision",
			"Fri 17:00 is due Mon 17:00 London time, across the end of summer time"},
		{"friday_evening_utc", "durham", continuum.Specialist, rtHarm,
			rtAt(2024, time.March, 8, 17, 0), rtAt(2024, time.March, 11, 17, 0), "referral-decision",
			"a same-day referral on Friday at 17:00 is due on Monday at 17:00"},
		{"saturday", "england", continuum.Specialist, rtSpecialist,
			rtAt(2024, time.March, 9, 11, 0), rtAt(2024, time.March, 11, 11, 0), "referral-decision",
			"day 0 is the Saturday received; day 1 is Monday"},
		{"bank_holiday_received", "england", continuum.Specialist, rtSpecialist,
			rtAt(2024, time.May, 27, 11, 0), rtAt(2024, time.May, 28, 11, 0), "referral-decision",
			"received on the spring bank holiday: day 1 is Tuesday"},
		{"state_funeral_immediate", "durham", continuum.Specialist, rtDanger,
			rtAt(2022, time.September, 16, 22, 30), rtAt(2022, time.September, 20, 22, 30), "referral-decision",
			"Fri 16 September 2022: Mon 19 was the state funeral; the 999 route decides on First Contact's timescale"},
		{"england_early_help", "england", continuum.Additional, rtAdditional,
			rtAt(2024, time.March, 8, 9, 0), rtAt(2024, time.March, 11, 9, 0), "referral-decision",
			"early help has no timescale of its own: the decision timescale applies"},
		{"kent_district_conversation", "kent", continuum.Additional, rtAdditional,
			rtAt(2022, time.June, 1, 9, 0), rtAt(2022, time.June, 7, 9, 0), "district-conversation",
			"Kent's district conversation is 2 working days: Mon 6 and Tue 7 June 2022"},
		{"kent_over_referral_christmas", "kent", continuum.Intensive, rtAdditional,
			rtAt(2024, time.December, 24, 9, 0), rtAt(2024, time.December, 30, 9, 0), "district-conversation",
			"an over-referral sent to a district conversation takes its 2 working days: Fri 27, Mon 30"},
		{"kent_front_door", "kent", continuum.Specialist, rtSpecialist,
			rtAt(2023, time.May, 5, 9, 0), rtAt(2023, time.May, 9, 9, 0), "referral-decision",
			"Kent's front door is 1 working day"},
		{"kent_resilience_hub", "kent", continuum.Universal, rtNoNeeds,
			rtAt(2023, time.May, 5, 9, 0), rtAt(2023, time.May, 9, 9, 0), "referral-decision",
			"a route without a timescale falls back to the decision timescale"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			consent := referral.Given
			got, err := p.Route(fw, referral.Referral{To: tt.to, Case: tt.c, Consent: consent, Received: tt.received})
			require.NoError(t, err, tt.reason)
			assert.True(t, tt.want.Equal(got.DecideBy), "%s: got %s, want %s", tt.reason, got.DecideBy, tt.want)
			assert.Equal(t, tt.want.Format(time.RFC3339), got.DecideBy.Format(time.RFC3339), "DecideBy keeps the clock time and location")
			assert.Equal(t, tt.timescale, got.Timescale.ID)
			ts, ok := p.Timescale(tt.timescale)
			require.True(t, ok)
			want, err := ts.Deadline(tt.received)
			require.NoError(t, err)
			assert.Equal(t, want, got.DecideBy, "DecideBy is the routing's timescale counted from Received")
			assert.Equal(t, ts.Amount, referral.WorkingDaysBetween(tt.received, got.DecideBy))
		})
	}
}

func TestRouteReferralPrivacy(t *testing.T) {
	const ref = "CASE-REF-0042"
	r := referral.Referral{From: continuum.Additional, To: continuum.Intensive,
		Case: thresholds.Case{Indicators: rtMultiple.Indicators, Ref: ref}, Consent: referral.Given, Received: rtReceived}
	s := r.String()
	assert.NotContains(t, s, ref, "String redacts the case reference")
	assert.Contains(t, s, "additional→intensive (step-up)")
	assert.Contains(t, s, "consent:given")
	assert.Contains(t, s, "2024-03-06")
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("routing", "referral", r)
	assert.NotContains(t, buf.String(), ref, "LogValue redacts the case reference")
	assert.Contains(t, buf.String(), `"to":"intensive"`)

	// Nothing Route returns repeats the reference either.
	p, fw := rtPair(t, "kent")
	got, err := p.Route(fw, r)
	require.NoError(t, err)
	data, err := json.Marshal(got)
	require.NoError(t, err)
	assert.NotContains(t, string(data), ref)
	r.To = 0
	_, err = p.Route(fw, r)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), ref)
}

func TestRouteRoutingJSON(t *testing.T) {
	p, fw := rtPair(t, "kent")
	got, err := p.Route(fw, referral.Referral{From: continuum.Additional, To: continuum.Intensive, Case: rtMultiple, Consent: referral.Given, Received: rtReceived})
	require.NoError(t, err)
	data, err := json.Marshal(got)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, "step-up", m["kind"])
	assert.Equal(t, "required-unless-risk", m["consentRule"])
	assert.Equal(t, "voluntary-early-help", m["legalBasis"])
	assert.NotEmpty(t, m["legalBasisCitations"])
	assert.Equal(t, map[string]any{"from": "additional", "to": "intensive"}, m["transition"])
	assert.NotContains(t, m, "then", "the zero Then is left out")
	assert.NotContains(t, m, "queries", "no queries, no key")
	assert.Equal(t, "2024-03-07T10:00:00Z", m["decideBy"])

	got, err = p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtDanger, Received: rtReceived})
	require.NoError(t, err)
	data, err = json.Marshal(got)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &m))
	assert.Equal(t, "entry", m["kind"])
	assert.Contains(t, m, "then")
	assert.Contains(t, m, "queries")
}

func TestRouteSharesNoMemory(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		r      referral.Referral
		reason string
	}{
		{"durham_early_help", "durham", referral.Referral{To: continuum.Intensive, Case: rtIntensive, Consent: referral.Given, Received: rtReceived},
			"Durham's early help request has services"},
		{"kent_immediate", "kent", referral.Referral{To: continuum.Specialist, Case: rtDanger, Received: rtReceived},
			"999 then the front door, which has services, and a query"},
		{"kent_gate", "kent", referral.Referral{To: continuum.Intensive, Case: rtAdditional, Consent: referral.Given, Received: rtReceived},
			"the gate's other route"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, fw := rtPair(t, tt.policy)
			routesBefore := slices.Collect(p.Routes())
			timescalesBefore := slices.Collect(p.Timescales())
			want, err := p.Route(fw, tt.r)
			require.NoError(t, err)
			first, err := p.Route(fw, tt.r)
			require.NoError(t, err)

			// Scribble over everything the first result holds.
			for _, rt := range []*referral.Route{&first.Route, &first.Then} {
				for i := range rt.Services {
					rt.Services[i] = "scribbled"
				}
				for i := range rt.Citations {
					rt.Citations[i].Title, rt.Citations[i].URL = "scribbled", "scribbled"
				}
			}
			for i := range first.Timescale.Citations {
				first.Timescale.Citations[i].Title = "scribbled"
			}
			for i := range first.Decision.Reasons {
				for j := range first.Decision.Reasons[i].Citations {
					first.Decision.Reasons[i].Citations[j].Title = "scribbled"
				}
				for j := range first.Decision.Reasons[i].Indicators {
					first.Decision.Reasons[i].Indicators[j] = continuum.Code{}
				}
			}
			for _, q := range first.Queries {
				q.Msg, q.Rule = "scribbled", "scribbled"
			}

			next, err := p.Route(fw, tt.r)
			require.NoError(t, err)
			assert.Empty(t, cmp.Diff(want, next, rtCmp), "%s: the next routing is unchanged (-want +got)", tt.reason)
			assert.Empty(t, cmp.Diff(routesBefore, slices.Collect(p.Routes()), rtCmp), "the policy's routes are unchanged")
			assert.Empty(t, cmp.Diff(timescalesBefore, slices.Collect(p.Timescales()), rtCmp), "the policy's timescales are unchanged")
			assert.NotEmpty(t, want.Route.Citations, "the test scribbles over something")
		})
	}
}

// rtCorpus returns referrals over every policy: every from (0 to 4, and 7) and to (0 to
// 4, and 9), every consent (0 to 3, and 9) and the synthetic cases, some with unknown
// codes; about half route and half fail.
func rtCorpus() []referral.Referral {
	cases := []thresholds.Case{rtNoNeeds, rtAdditional, rtMultiple, rtIntensive, rtSpecialist, rtHarm, rtDanger,
		rtCase("EDU-2-01", "ZZZ-9-99")}
	var out []referral.Referral
	for _, from := range []continuum.Level{0, 1, 2, 3, 4, 7} {
		for _, to := range []continuum.Level{0, 1, 2, 3, 4, 9} {
			for _, consent := range []referral.Consent{0, 1, 2, 3, 9} {
				for i, c := range cases {
					out = append(out, referral.Referral{From: from, To: to, Case: c, Consent: consent,
						Received: rtReceived.AddDate(0, 0, 37*i+int(from)*5+int(consent))})
				}
			}
		}
	}
	return out
}

type rtResult struct {
	routing referral.Routing
	err     string
}

func TestRouteConcurrent(t *testing.T) {
	const goroutines, perGoroutine = 8, 1000
	type job struct {
		p  *referral.Policy
		fw *thresholds.Framework
		r  referral.Referral
	}
	var jobs []job
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(t, id)
		for _, r := range rtCorpus() {
			jobs = append(jobs, job{p, fw, r})
		}
	}
	want := make([]rtResult, len(jobs))
	ok := 0
	for i, j := range jobs {
		rt, err := j.p.Route(j.fw, j.r)
		want[i].routing = rt
		if err != nil {
			want[i].err = err.Error()
		} else {
			ok++
		}
	}
	require.Positive(t, ok, "some referrals route")
	require.Less(t, ok, len(jobs), "some referrals fail")

	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range perGoroutine {
				k := (g*7919 + i*31) % len(jobs)
				j := jobs[k]
				rt, err := j.p.Route(j.fw, j.r)
				got := rtResult{routing: rt}
				if err != nil {
					got.err = err.Error()
				}
				if got.err != want[k].err || !reflect.DeepEqual(got.routing, want[k].routing) {
					t.Errorf("goroutine %d, referral %d: %s\nerr got %q want %q\n%s", g, k, j.r, got.err, want[k].err,
						cmp.Diff(want[k].routing, got.routing, rtCmp))
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestRouteReadsNoClock(t *testing.T) {
	// Dates far from today give the same answer every time, computed from the date given.
	dates := []time.Time{
		rtAt(2025, time.December, 24, 9, 0),
		rtAt(2024, time.March, 6, 10, 0),
		rtAt(2099, time.June, 5, 23, 59),
	}
	for _, id := range rtBuiltinIDs {
		t.Run(id, func(t *testing.T) {
			for _, d := range dates {
				p, err := referral.BuiltinPolicyOn(id, d) // the version in force on the day
				require.NoError(t, err)
				fw, err := thresholds.BuiltinOn(id, d)
				require.NoError(t, err)
				r := referral.Referral{From: continuum.Intensive, To: continuum.Specialist, Case: rtHarm, Consent: referral.NotSought, Received: d}
				a, err := p.Route(fw, r)
				require.NoError(t, err)
				b, err := p.Route(fw, r)
				require.NoError(t, err)
				assert.Empty(t, cmp.Diff(a, b, rtCmp), "same input, same output (-first +second)")
				assert.Equal(t, referral.AddWorkingDays(d, 1), a.DecideBy, "DecideBy comes from Received only")
				assert.False(t, a.DecideBy.Before(d))
			}
			// A year the calendar does not support is an error, never a guess.
			p, fw := rtPair(t, id)
			_, err := p.Route(fw, referral.Referral{From: continuum.Intensive, To: continuum.Specialist, Case: rtHarm, Consent: referral.NotSought, Received: rtAt(3000, time.January, 1, 0, 0)})
			assert.ErrorIs(t, err, referral.ErrDateOutOfRange)
		})
	}
}
