package referral_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "pol".

// polRead reads a file of this package's directory.
func polRead(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(filepath.FromSlash(name))
	require.NoError(tb, err)
	return data
}

// polMinimal returns testdata/minimal.json: the smallest valid policy, going with the
// England framework, citing one synthetic source and allowing only entry to specialist.
func polMinimal(tb testing.TB) []byte { return polRead(tb, "testdata/minimal.json") }

// polMinimalPolicy parses testdata/minimal.json.
func polMinimalPolicy(tb testing.TB) *referral.Policy {
	tb.Helper()
	p, err := referral.ParsePolicy(polMinimal(tb))
	require.NoError(tb, err)
	return p
}

// polEdit decodes minimal.json into maps, lets edit change it and encodes it again
// (verEdit).
func polEdit(tb testing.TB, edit func(d map[string]any)) []byte {
	tb.Helper()
	return verEdit(tb, polMinimal(tb), edit)
}

// polItem returns d[key][i] as an object.
func polItem(d map[string]any, key string, i int) map[string]any {
	return d[key].([]any)[i].(map[string]any)
}

// polAppend appends v to the array d[key] (creating it).
func polAppend(d map[string]any, key string, v any) {
	list, _ := d[key].([]any)
	d[key] = append(list, v)
}

// polRemove removes d[key][i].
func polRemove(d map[string]any, key string, i int) {
	d[key] = slices.Delete(d[key].([]any), i, i+1)
}

// polReplaceOnce replaces old, which must occur exactly once, in the minimal document.
func polReplaceOnce(tb testing.TB, old, new string) []byte {
	tb.Helper()
	s := string(polMinimal(tb))
	require.Equal(tb, 1, strings.Count(s, old), "%q occurs once in minimal.json", old)
	return []byte(strings.Replace(s, old, new, 1))
}

// polHelpRoute is a second route for gate tests.
func polHelpRoute() map[string]any {
	return map[string]any{"id": "help", "name": "Synthetic help", "how": "Ask for synthetic help.", "sources": []any{"T1"}}
}

func TestBuiltinPolicies(t *testing.T) {
	var ids []string
	for p := range referral.BuiltinPolicies() {
		ids = append(ids, p.ID())
	}
	assert.Equal(t, rtBuiltinIDs, ids, "BuiltinPolicies yields England first, then Kent and Durham")

	for _, id := range rtBuiltinIDs {
		t.Run(id, func(t *testing.T) {
			p, err := referral.BuiltinPolicy(id)
			require.NoError(t, err)
			again, err := referral.BuiltinPolicy(id)
			require.NoError(t, err)
			assert.Same(t, p, again, "builtins are parsed once and shared")

			assert.Equal(t, id, p.ID())
			assert.Equal(t, id, p.FrameworkID(), "each builtin goes with the builtin framework of the same id")
			fw, err := thresholds.Builtin(p.FrameworkID())
			require.NoError(t, err, "the framework a builtin names loads")
			assert.Equal(t, p.FrameworkID(), fw.ID())

			assert.NotEmpty(t, p.Title())
			assert.NotEmpty(t, p.Publisher())
			assert.NotEmpty(t, p.Version())
			assert.False(t, p.EffectiveFrom().IsZero())
			assert.Equal(t, id+" "+p.Version(), p.String())
			assert.NotEmpty(t, slices.Collect(p.Notes()))

			data := polRead(t, polFile(t, id))
			assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, p.Digest())
			parsed, err := referral.ParsePolicy(data)
			require.NoError(t, err, "the file on disk parses as the embedded one did")
			assert.Equal(t, p.Digest(), parsed.Digest())
			assert.Equal(t, p.Mermaid(), parsed.Mermaid())
		})
	}

	assert.Same(t, referral.DefaultPolicy(), func() *referral.Policy { p, _ := referral.BuiltinPolicy("england"); return p }(),
		"DefaultPolicy is the England policy")
	assert.Equal(t, thresholds.Default().ID(), referral.DefaultPolicy().FrameworkID(), "and goes with thresholds.Default()")
}

func TestBuiltinPolicyUnknown(t *testing.T) {
	tests := []struct {
		name   string
		id     string
		reason string
	}{
		{"empty", "", "no id"},
		{"unknown", "atlantis", "no such builtin"},
		{"wrong_case", "Kent", "ids are lower-case"},
		{"framework_not_policy", "minimal", "test documents are not builtins"},
		{"long", strings.Repeat("x", 200), "a long id is truncated in the message"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := referral.BuiltinPolicy(tt.id)
			assert.Nil(t, p)
			require.ErrorIs(t, err, referral.ErrUnknownPolicy, tt.reason)
			assert.Less(t, len(err.Error()), 160, "the message does not repeat a long id in full")
		})
	}
}

func TestBuiltinPolicyCitations(t *testing.T) {
	for _, id := range rtBuiltinIDs {
		p, _ := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			register := slices.Collect(p.Sources())
			require.NotEmpty(t, register)
			for _, s := range register {
				assert.NotEmpty(t, s.Source)
				assert.NotEmpty(t, s.Title)
				assert.True(t, strings.HasPrefix(s.URL, "https://"), "%s: %s", s.Source, s.URL)
			}
			check := func(what string, cites []continuum.Citation) {
				t.Helper()
				assert.NotEmpty(t, cites, "%s cites a source", what)
				for _, c := range cites {
					assert.Contains(t, register, c, "%s cites %s, which is in the register", what, c.Source)
				}
			}
			n := 0
			for r := range p.Routes() {
				check("route "+r.ID, r.Citations)
				assert.NotEmpty(t, r.Name)
				assert.NotEmpty(t, r.How)
				n++
			}
			assert.GreaterOrEqual(t, n, 4, "routes for universal, early help, safeguarding and 999")
			for ts := range p.Timescales() {
				check("timescale "+ts.ID, ts.Citations)
				assert.True(t, ts.Unit.IsValid())
				assert.Positive(t, ts.Amount)
			}
			for tr := range p.Transitions() {
				check("transition "+tr.Transition.String(), tr.Citations)
				assert.NotEmpty(t, tr.Note)
			}
		})
	}
}

func TestParsePolicyMinimal(t *testing.T) {
	p := polMinimalPolicy(t)
	assert.Equal(t, "minimal", p.ID())
	assert.Equal(t, "england", p.FrameworkID())
	assert.Equal(t, "0.0.1", p.Version())
	assert.True(t, time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC).Equal(p.EffectiveFrom()), "midnight in London, which is UTC in winter")
	assert.True(t, p.EffectiveTo().IsZero(), "open-ended")
	assert.Equal(t, []continuum.Citation{{Source: "T1", Title: "Synthetic test source", URL: "https://example.org/referral-policy"}},
		slices.Collect(p.Sources()))
	assert.Empty(t, slices.Collect(p.Notes()), "notes are optional")
	routes := slices.Collect(p.Routes())
	require.Len(t, routes, 1)
	assert.Equal(t, "door", routes[0].ID)
	assert.True(t, p.Allows(referral.Transition{To: continuum.Specialist}))
	assert.False(t, p.Allows(referral.Transition{To: continuum.Intensive}))
	assert.NotSame(t, p, polMinimalPolicy(t), "ParsePolicy returns a new policy each time")
	assert.Equal(t, p.Digest(), polMinimalPolicy(t).Digest(), "the same bytes have the same digest")
}

func TestParsePolicyFindings(t *testing.T) {
	structural := []string{document.RuleUnknownField, document.RuleDuplicateKey, document.RuleWrongType,
		document.RuleInvalidValue, document.RuleTrailingData, document.RuleJSONSyntax, document.RuleEmptyDocument,
		document.RuleTooDeep}
	tests := []struct {
		name   string
		edit   func(d map[string]any) // applied to minimal.json, or
		raw    func(t *testing.T) []byte
		want   []string // "path rule", sorted; or
		rules  []string // the rule codes only, when paths depend on the decoder's position
		reason string
	}{
		// Header and framework.
		{name: "missing_id", edit: func(d map[string]any) { delete(d, "id") },
			want: []string{"id missing-field"}, reason: "a policy has an id"},
		{name: "missing_title", edit: func(d map[string]any) { delete(d, "title") },
			want: []string{"title missing-field"}, reason: "and a title"},
		{name: "blank_publisher", edit: func(d map[string]any) { d["publisher"] = "   " },
			want: []string{"publisher missing-field"}, reason: "white space is not a publisher"},
		{name: "missing_effective_from", edit: func(d map[string]any) { delete(d, "effectiveFrom") },
			want: []string{"effectiveFrom missing-field"}, reason: "a policy says when it applies"},
		{name: "missing_framework", edit: func(d map[string]any) { delete(d, "framework") },
			want: []string{"framework missing-field"}, reason: "a policy names its framework"},
		{name: "invalid_id", edit: func(d map[string]any) { d["id"] = "Minimal" },
			want: []string{"id invalid-id"}, reason: "ids are lower-case"},
		{name: "invalid_framework_id", edit: func(d map[string]any) { d["framework"] = "england!" },
			want: []string{"framework invalid-id"}, reason: "the framework id follows the id grammar"},
		{name: "invalid_date", edit: func(d map[string]any) { d["effectiveFrom"] = "2024-13-01" },
			want: []string{"effectiveFrom invalid-date"}, reason: "there is no month 13"},

		// Sources and citations.
		{name: "missing_sources", edit: func(d map[string]any) { d["sources"] = []any{} },
			want: []string{
				"consent[0].sources[0] unknown-source", "consent[1].sources[0] unknown-source",
				"consent[2].sources[0] unknown-source", "consent[3].sources[0] unknown-source",
				"routes[0].sources[0] unknown-source", "sources missing-field",
				"timescales[0].sources[0] unknown-source", "transitions[0].sources[0] unknown-source",
			}, reason: "an empty register, and every citation names a source not in it"},
		{name: "invalid_url", edit: func(d map[string]any) { polItem(d, "sources", 0)["url"] = "http://example.org/x" },
			want: []string{"sources[0].url invalid-url"}, reason: "sources are https"},
		{name: "relative_url", edit: func(d map[string]any) { polItem(d, "sources", 0)["url"] = "/policy" },
			want: []string{"sources[0].url invalid-url"}, reason: "sources are absolute URLs"},
		{name: "duplicate_source", edit: func(d map[string]any) {
			polAppend(d, "sources", map[string]any{"id": "T1", "title": "Again", "url": "https://example.org/again"})
		}, want: []string{"sources[1].id duplicate-source"}, reason: "a source id is registered once"},
		{name: "unknown_source", edit: func(d map[string]any) { polItem(d, "routes", 0)["sources"] = []any{"T9"} },
			want: []string{"routes[0].sources[0] unknown-source"}, reason: "a citation names a registered source"},
		{name: "unknown_second_source", edit: func(d map[string]any) { polItem(d, "transitions", 0)["sources"] = []any{"T1", "T2"} },
			want: []string{"transitions[0].sources[1] unknown-source"}, reason: "each citation is checked"},
		{name: "missing_citation_route", edit: func(d map[string]any) { polItem(d, "routes", 0)["sources"] = []any{} },
			want: []string{"routes[0].sources missing-citation"}, reason: "every route cites a source"},
		{name: "missing_citation_timescale", edit: func(d map[string]any) { delete(polItem(d, "timescales", 0), "sources") },
			want: []string{"timescales[0].sources missing-citation"}, reason: "every timescale cites a source"},
		{name: "missing_citation_consent", edit: func(d map[string]any) { delete(polItem(d, "consent", 2), "sources") },
			want: []string{"consent[2].sources missing-citation"}, reason: "every consent rule cites a source"},
		{name: "missing_citation_transition", edit: func(d map[string]any) { delete(polItem(d, "transitions", 0), "sources") },
			want: []string{"transitions[0].sources missing-citation"}, reason: "every transition cites a source"},
		{name: "missing_citation_gate", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "intensive"})
		}, want: []string{"thresholdGates[0].route invalid-gate", "thresholdGates[0].sources missing-citation"}, reason: "every gate cites a source"},

		// Routes and timescales.
		{name: "missing_route_name", edit: func(d map[string]any) { polItem(d, "routes", 0)["name"] = "" },
			want: []string{"routes[0].name missing-field"}, reason: "a route has a name"},
		{name: "missing_route_how", edit: func(d map[string]any) { delete(polItem(d, "routes", 0), "how") },
			want: []string{"routes[0].how missing-field"}, reason: "a route says how to refer"},
		{name: "invalid_route_id", edit: func(d map[string]any) {
			r := polHelpRoute()
			r["id"] = "Help Desk"
			polAppend(d, "routes", r)
		}, want: []string{"routes[1].id invalid-id"}, reason: "route ids are lower-case tokens"},
		{name: "duplicate_route_id", edit: func(d map[string]any) {
			r := polHelpRoute()
			r["id"] = "door"
			polAppend(d, "routes", r)
		}, want: []string{"routes[1].id duplicate-id"}, reason: "two routes share an id"},
		{name: "missing_routes", edit: func(d map[string]any) {
			d["routes"] = []any{}
			d["routing"] = []any{}
		}, want: []string{
			"routes missing-field",
			"routing routing-incomplete", "routing routing-incomplete", "routing routing-incomplete",
			"routing routing-incomplete", "routing routing-incomplete", "routing routing-incomplete",
		}, reason: "no routes and no routing: every level and urgency is unrouted"},
		{name: "duplicate_timescale_id", edit: func(d map[string]any) {
			polAppend(d, "timescales", map[string]any{"id": "decision", "name": "n", "clockStarts": "c", "amount": 2, "unit": "days", "basis": "local", "sources": []any{"T1"}})
		}, want: []string{"timescales[1].id duplicate-id"}, reason: "two timescales share an id"},
		{name: "missing_timescales", edit: func(d map[string]any) { delete(d, "timescales") },
			want:   []string{"decisionTimescale unknown-timescale", "timescales missing-field"},
			reason: "no timescales: the decision timescale names none"},
		{name: "missing_timescale_basis", edit: func(d map[string]any) { delete(polItem(d, "timescales", 0), "basis") },
			want: []string{"timescales[0].basis missing-field"}, reason: "a timescale says whether it is statutory or local"},
		{name: "prompt_timescale_basis", edit: func(d map[string]any) { polItem(d, "timescales", 0)["basis"] = "prompt" },
			want: []string{"timescales[0].basis invalid-timescale"}, reason: "a prompt is what Route gives a route without a timescale, never a timescale"},
		{name: "missing_timescale_unit", edit: func(d map[string]any) { delete(polItem(d, "timescales", 0), "unit") },
			want: []string{"timescales[0].unit missing-field"}, reason: "a timescale has a unit"},
		{name: "missing_timescale_clock", edit: func(d map[string]any) { polItem(d, "timescales", 0)["clockStarts"] = "" },
			want: []string{"timescales[0].clockStarts missing-field"}, reason: "a timescale says when its clock starts"},
		{name: "invalid_timescale_zero", edit: func(d map[string]any) { polItem(d, "timescales", 0)["amount"] = 0 },
			want: []string{"timescales[0].amount invalid-timescale"}, reason: "amounts are 1 to 1000"},
		{name: "invalid_timescale_negative", edit: func(d map[string]any) { polItem(d, "timescales", 0)["amount"] = -5 },
			want: []string{"timescales[0].amount invalid-timescale"}, reason: "no negative timescales"},
		{name: "invalid_timescale_large", edit: func(d map[string]any) { polItem(d, "timescales", 0)["amount"] = 1001 },
			want: []string{"timescales[0].amount invalid-timescale"}, reason: "amounts are 1 to 1000"},
		{name: "missing_decision_timescale", edit: func(d map[string]any) { delete(d, "decisionTimescale") },
			want: []string{"decisionTimescale missing-field"}, reason: "a policy names its decision timescale"},
		{name: "unknown_decision_timescale", edit: func(d map[string]any) { d["decisionTimescale"] = "nope" },
			want: []string{"decisionTimescale unknown-timescale"}, reason: "the decision timescale is defined"},
		{name: "unknown_route_timescale", edit: func(d map[string]any) { polItem(d, "routes", 0)["timescale"] = "nope" },
			want: []string{"routes[0].timescale unknown-timescale"}, reason: "a route's timescale is defined"},

		// Routing.
		{name: "routing_incomplete_immediate", edit: func(d map[string]any) { polRemove(d, "routing", 5) },
			want: []string{"routing routing-incomplete"}, reason: "specialist at immediate must be routed"},
		{name: "routing_incomplete_universal", edit: func(d map[string]any) { polRemove(d, "routing", 0) },
			want: []string{"routing routing-incomplete"}, reason: "every level at routine must be routed"},
		{name: "missing_routing_route", edit: func(d map[string]any) { polItem(d, "routing", 0)["route"] = "" },
			want: []string{"routing routing-incomplete", "routing[0].route missing-field"}, reason: "an entry names its route"},
		{name: "missing_routing_level", edit: func(d map[string]any) { delete(polItem(d, "routing", 0), "level") },
			want: []string{"routing routing-incomplete", "routing[0].level missing-field"}, reason: "an entry names its level"},
		{name: "missing_routing_urgency", edit: func(d map[string]any) { delete(polItem(d, "routing", 1), "urgency") },
			want: []string{"routing routing-incomplete", "routing[1].urgency missing-field"}, reason: "an entry names its urgency"},
		{name: "unknown_route", edit: func(d map[string]any) { polItem(d, "routing", 0)["route"] = "nowhere" },
			want: []string{"routing routing-incomplete", "routing[0].route unknown-route"}, reason: "a routing names a defined route"},
		{name: "unknown_then", edit: func(d map[string]any) { polItem(d, "routing", 5)["then"] = "nowhere" },
			want: []string{"routing[5].then unknown-route"}, reason: "then names a defined route"},
		{name: "duplicate_routing", edit: func(d map[string]any) {
			polAppend(d, "routing", map[string]any{"level": "universal", "urgency": "routine", "route": "door"})
		}, want: []string{"routing[6] duplicate-routing"}, reason: "a level and urgency are routed once"},
		{name: "invalid_routing_urgency", edit: func(d map[string]any) {
			polAppend(d, "routing", map[string]any{"level": "additional", "urgency": "same-day", "route": "door"})
		}, want: []string{"routing[6].urgency invalid-routing"}, reason: "same-day is always specialist"},
		{name: "invalid_routing_then_self", edit: func(d map[string]any) { polItem(d, "routing", 5)["then"] = "door" },
			want: []string{"routing[5].then invalid-routing"}, reason: "then names another route"},

		// Threshold gates.
		{name: "unknown_gate_route", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "nowhere", "minLevel": "intensive", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].route unknown-route"}, reason: "a gate is on a defined route"},
		{name: "missing_gate_route", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"minLevel": "intensive", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].route missing-field"}, reason: "a gate names its route"},
		{name: "gate_otherwise_is_gone", edit: func(d map[string]any) {
			polAppend(d, "routes", polHelpRoute())
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "intensive", "otherwise": "help", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].route invalid-gate", "thresholdGates[0]{1} unknown-field"},
			reason: "a gate sends a referral to the route of its decided level; the old 'otherwise' field is not part of the format"},
		{name: "invalid_gate_universal", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "universal", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].minLevel invalid-gate"}, reason: "a gate at universal never applies"},
		{name: "invalid_gate_twice", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "intensive", "sources": []any{"T1"}})
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "specialist", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].route invalid-gate", "thresholdGates[1].route invalid-gate"}, reason: "a route has one gate (and in the minimal policy the gated route also serves the levels below the gate)"},
		{name: "missing_gate_level", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].minLevel missing-field"}, reason: "a gate has a level"},
		{name: "invalid_value_gate_level", edit: func(d map[string]any) {
			polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "5", "sources": []any{"T1"}})
		}, want: []string{"thresholdGates[0].minLevel invalid-value"}, reason: "a level token or 1 to 4"},

		// Consent.
		{name: "missing_consent_level", edit: func(d map[string]any) { polRemove(d, "consent", 3) },
			want: []string{"consent missing-field"}, reason: "every level has a consent rule"},
		{name: "missing_consent_rule", edit: func(d map[string]any) { delete(polItem(d, "consent", 0), "rule") },
			want: []string{"consent missing-field", "consent[0].rule missing-field"}, reason: "an entry names its rule"},
		{name: "invalid_consent_additional", edit: func(d map[string]any) { polItem(d, "consent", 1)["rule"] = "seek-unless-risk" },
			want: []string{"consent[1].rule invalid-consent"}, reason: "early help at additional needs consent: required"},
		{name: "invalid_consent_intensive", edit: func(d map[string]any) { polItem(d, "consent", 2)["rule"] = "not-applicable" },
			want: []string{"consent[2].rule invalid-consent"}, reason: "early help at intensive needs consent: required"},
		{name: "invalid_consent_specialist_required", edit: func(d map[string]any) { polItem(d, "consent", 3)["rule"] = "required" },
			want: []string{"consent[3].rule invalid-consent"}, reason: "a safeguarding referral must not wait for consent"},
		{name: "invalid_consent_specialist_not_applicable", edit: func(d map[string]any) { polItem(d, "consent", 3)["rule"] = "not-applicable" },
			want: []string{"consent[3].rule invalid-consent"}, reason: "specialist is seek-unless-risk"},
		{name: "duplicate_consent", edit: func(d map[string]any) {
			polAppend(d, "consent", map[string]any{"level": "universal", "rule": "not-applicable", "sources": []any{"T1"}})
		}, want: []string{"consent[4].level duplicate-consent"}, reason: "a level has one consent rule"},

		// Transitions.
		{name: "missing_transitions", edit: func(d map[string]any) { d["transitions"] = []any{} },
			want: []string{"transitions missing-field"}, reason: "a policy allows some move"},
		{name: "missing_transition_to", edit: func(d map[string]any) { delete(polItem(d, "transitions", 0), "to") },
			want: []string{"transitions[0].to missing-field"}, reason: "a move goes to a level"},
		{name: "invalid_transition", edit: func(d map[string]any) {
			polAppend(d, "transitions", map[string]any{"from": "specialist", "to": "specialist", "sources": []any{"T1"}})
		}, want: []string{"transitions[1].to invalid-transition"}, reason: "a move goes to another level"},
		{name: "duplicate_transition", edit: func(d map[string]any) {
			polAppend(d, "transitions", map[string]any{"from": "", "to": "specialist", "note": "again", "sources": []any{"T1"}})
		}, want: []string{"transitions[1] duplicate-transition"}, reason: "a move is listed once"},

		// Structure.
		{name: "unknown_field", edit: func(d map[string]any) { d["colour"] = "blue" },
			want: []string{"{1} unknown-field"}, reason: "the format is strict"},
		{name: "unknown_nested_field", edit: func(d map[string]any) { polItem(d, "routes", 0)["phone"] = "0" },
			want: []string{"routes[0]{3} unknown-field"}, reason: "strict all the way down"},
		{name: "duplicate_key", raw: func(t *testing.T) []byte {
			return polReplaceOnce(t, `"id": "minimal",`, `"id": "minimal", "id": "minimal",`)
		}, want: []string{"id duplicate-key"}, reason: "a key appears once"},
		{name: "wrong_type", edit: func(d map[string]any) { d["version"] = 1 },
			want: []string{"version wrong-type"}, reason: "a version is a string; no second finding at the same path"},
		{name: "wrong_type_amount", edit: func(d map[string]any) { polItem(d, "timescales", 0)["amount"] = "one" },
			want: []string{"timescales[0].amount wrong-type"}, reason: "an amount is a number"},
		{name: "wrong_type_routes", edit: func(d map[string]any) { d["routes"] = map[string]any{} },
			rules:  []string{document.RuleWrongType, referral.RuleRoutingIncomplete, referral.RuleUnknownRoute},
			reason: "routes is an array; with no routes every routing entry names an unknown route"},
		{name: "invalid_value_unit", edit: func(d map[string]any) { polItem(d, "timescales", 0)["unit"] = "fortnights" },
			want: []string{"timescales[0].unit invalid-value"}, reason: "units are working-days, days, weeks, months"},
		{name: "invalid_value_level", edit: func(d map[string]any) { polItem(d, "transitions", 0)["to"] = "urgent" },
			want: []string{"transitions[0].to invalid-value"}, reason: "a level token"},
		{name: "invalid_value_rule", edit: func(d map[string]any) { polItem(d, "consent", 0)["rule"] = "maybe" },
			want: []string{"consent missing-field", "consent[0].rule invalid-value"}, reason: "a consent rule token; universal is left without a rule"},
		{name: "trailing_data", raw: func(t *testing.T) []byte { return append(polMinimal(t), "{}"...) },
			want: []string{" trailing-data"}, reason: "one document per file"},
		{name: "json_syntax", raw: func(t *testing.T) []byte { m := polMinimal(t); return m[:len(m)/2] },
			rules: []string{document.RuleJSONSyntax}, reason: "a truncated document stops at the syntax error"},
		{name: "json_syntax_garbage", raw: func(*testing.T) []byte { return []byte("{\"id\": minimal}") },
			rules: []string{document.RuleJSONSyntax}, reason: "not JSON"},
		{name: "empty_document", raw: func(*testing.T) []byte { return []byte(" \n") },
			want: []string{" empty-document"}, reason: "nothing to parse"},
		{name: "too_deep", raw: func(*testing.T) []byte {
			return []byte(`{"notes": [` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `]}`)
		}, rules: []string{document.RuleTooDeep, document.RuleWrongType}, reason: "hostile nesting stops decoding"},

		// Every problem at once.
		{name: "many_at_once", edit: func(d map[string]any) {
			d["title"] = ""
			d["effectiveFrom"] = "1 January 2024"
			d["colour"] = "blue"
			polItem(d, "routes", 0)["timescale"] = "nope"
			polItem(d, "consent", 1)["rule"] = "seek-unless-risk"
			polItem(d, "timescales", 0)["amount"] = 0
			polAppend(d, "transitions", map[string]any{"from": "", "to": "specialist", "sources": []any{"T1"}})
		}, want: []string{
			"consent[1].rule invalid-consent",
			"effectiveFrom invalid-date",
			"routes[0].timescale unknown-timescale",
			"timescales[0].amount invalid-timescale",
			"title missing-field",
			"transitions[1] duplicate-transition",
			"{1} unknown-field",
		}, reason: "ParsePolicy reports every problem, not the first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var data []byte
			if tt.raw != nil {
				data = tt.raw(t)
			} else {
				data = polEdit(t, tt.edit)
			}
			p, err := referral.ParsePolicy(data)
			assert.Nil(t, p, "no policy with an error")
			fs := rtFindings(t, err)
			if tt.want != nil {
				assert.Equal(t, tt.want, rtPathRules(fs), tt.reason)
			} else {
				assert.Equal(t, tt.rules, slices.Compact(fs.Rules()), tt.reason)
			}
			for _, f := range fs {
				assert.Equal(t, continuum.Error, f.Severity, "%v", f)
				assert.NotEmpty(t, f.Rule)
				assert.NotEmpty(t, f.Msg)
				if !slices.Contains(structural, f.Rule) {
					assert.ErrorIs(t, f, referral.ErrInvalidPolicy, "%v", f)
				}
				assert.NotContains(t, f.Error(), "blue", "messages do not repeat input values")
			}
		})
	}
}

func TestParsePolicyErrorsAreFindings(t *testing.T) {
	// A caller can tell a bad document apart from everything else.
	_, err := referral.ParsePolicy(polEdit(t, func(d map[string]any) { delete(d, "title") }))
	require.Error(t, err)
	assert.ErrorIs(t, err, referral.ErrInvalidPolicy)
	var f *continuum.Finding
	require.True(t, errors.As(err, &f))
	assert.Equal(t, "title", f.Path)
	assert.NotErrorIs(t, err, referral.ErrUnknownPolicy)
}

func TestPolicyAccessors(t *testing.T) {
	kent, _ := rtPair(t, "kent")

	t.Run("timescales", func(t *testing.T) {
		var ids []string
		for ts := range kent.Timescales() {
			ids = append(ids, ts.ID)
		}
		assert.Equal(t, []string{"referral-decision", "child-and-family-assessment", "initial-cp-conference",
			"core-group-first", "review-conference-first", "review-conference-next", "district-conversation",
			"ehps-allocation"}, ids, "document order")
		ts, ok := kent.Timescale("district-conversation")
		require.True(t, ok)
		assert.Equal(t, 2, ts.Amount)
		assert.Equal(t, referral.WorkingDays, ts.Unit)
		assert.NotEmpty(t, ts.Name)
		assert.NotEmpty(t, ts.ClockStarts)
		ts, ok = kent.Timescale("review-conference-first")
		require.True(t, ok)
		assert.Equal(t, referral.Months, ts.Unit)
		assert.Equal(t, 3, ts.Amount)
		_, ok = kent.Timescale("nope")
		assert.False(t, ok)
	})

	t.Run("deadline", func(t *testing.T) {
		tests := []struct {
			name   string
			id     string
			start  time.Time
			want   time.Time
			reason string
		}{
			{"district_conversation", "district-conversation", rtAt(2022, time.June, 1, 9, 0), rtAt(2022, time.June, 7, 9, 0),
				"2 working days over the Platinum Jubilee"},
			{"assessment", "child-and-family-assessment", rtAt(2024, time.March, 4, 9, 0), rtAt(2024, time.May, 9, 9, 0),
				"45 working days over Easter and the early May bank holiday"},
			{"initial_conference", "initial-cp-conference", rtAt(2024, time.March, 4, 9, 0), rtAt(2024, time.March, 25, 9, 0),
				"15 working days, three weeks without holidays"},
			{"review_first", "review-conference-first", rtAt(2023, time.November, 30, 9, 0), rtAt(2024, time.February, 29, 9, 0),
				"3 months from 30 November is 29 February in a leap year"},
			{"review_next", "review-conference-next", rtAt(2024, time.August, 31, 9, 0), rtAt(2025, time.February, 28, 9, 0),
				"6 months from 31 August is 28 February"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := kent.Deadline(tt.id, tt.start)
				require.NoError(t, err)
				assert.Equal(t, tt.want, got, tt.reason)
			})
		}
		_, err := kent.Deadline("nope", rtReceived)
		assert.ErrorIs(t, err, referral.ErrUnknownTimescale)
		_, err = kent.Deadline("referral-decision", time.Date(9999, time.December, 31, 12, 0, 0, 0, time.UTC))
		assert.ErrorIs(t, err, referral.ErrDateOutOfRange, "no deadline in year 10000")
		assert.NotContains(t, err.Error(), "9999", "the error does not repeat the date")
		_, err = kent.Deadline("review-conference-next", time.Date(2100, time.August, 1, 12, 0, 0, 0, time.UTC))
		assert.ErrorIs(t, err, referral.ErrDateOutOfRange, "6 months on falls in 2101")
		_, err = kent.Deadline(strings.Repeat("n", 100), rtReceived)
		require.ErrorIs(t, err, referral.ErrUnknownTimescale)
		assert.Less(t, len(err.Error()), 100, "a long id is truncated")
	})

	t.Run("transitions", func(t *testing.T) {
		rules := slices.Collect(kent.Transitions())
		assert.Len(t, rules, 16, "4 entries and all 12 moves between levels")
		for _, r := range rules {
			assert.True(t, kent.Allows(r.Transition), "%s", r.Transition)
		}
		for from := continuum.Level(0); from <= 9; from++ {
			for to := continuum.Level(0); to <= 9; to++ {
				tr := referral.Transition{From: from, To: to}
				want := from <= continuum.Specialist && to.IsValid() && from != to
				assert.Equal(t, want, kent.Allows(tr), "%s", tr)
			}
		}
		minimal := polMinimalPolicy(t)
		got := slices.Collect(minimal.Transitions())
		assert.Equal(t, []referral.TransitionRule{{
			Transition: referral.Transition{To: continuum.Specialist}, Note: "Synthetic entry.",
			Citations: []continuum.Citation{{Source: "T1", Title: "Synthetic test source", URL: "https://example.org/referral-policy"}},
		}}, got)
	})

	t.Run("consent_rule", func(t *testing.T) {
		rule, note := kent.ConsentRule(continuum.Additional)
		assert.Equal(t, referral.Required, rule)
		assert.Contains(t, note, "voluntary")
		for _, l := range []continuum.Level{0, 5, 255} {
			rule, note := kent.ConsentRule(l)
			assert.Zero(t, rule, "%s", l)
			assert.Empty(t, note)
		}
	})

	t.Run("routes", func(t *testing.T) {
		var ids []string
		for r := range kent.Routes() {
			ids = append(ids, r.ID)
		}
		assert.Equal(t, []string{"police-999", "front-door", "district-conversation", "resilience-hub", "virtual-school-kent"}, ids)
		// Early exit from the iterators does not panic.
		for range kent.Routes() {
			break
		}
		for range kent.Transitions() {
			break
		}
		for range kent.Timescales() {
			break
		}
	})
}

func TestPolicyAccessorsReturnCopies(t *testing.T) {
	for _, id := range rtBuiltinIDs {
		p, _ := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			routes := slices.Collect(p.Routes())
			transitions := slices.Collect(p.Transitions())
			timescales := slices.Collect(p.Timescales())
			sources := slices.Collect(p.Sources())
			decision, ok := p.Timescale("referral-decision")
			require.True(t, ok)
			decisionWant, _ := p.Timescale("referral-decision")

			for r := range p.Routes() {
				for i := range r.Services {
					r.Services[i] = "scribbled"
				}
				for i := range r.Citations {
					r.Citations[i].Title = "scribbled"
				}
			}
			for tr := range p.Transitions() {
				for i := range tr.Citations {
					tr.Citations[i].URL = "scribbled"
				}
			}
			for ts := range p.Timescales() {
				for i := range ts.Citations {
					ts.Citations[i].Source = "scribbled"
				}
			}
			for i := range decision.Citations {
				decision.Citations[i].Title = "scribbled"
			}

			assert.Empty(t, cmp.Diff(routes, slices.Collect(p.Routes())), "routes are copies")
			assert.Empty(t, cmp.Diff(transitions, slices.Collect(p.Transitions())), "transitions are copies")
			assert.Empty(t, cmp.Diff(timescales, slices.Collect(p.Timescales())), "timescales are copies")
			assert.Empty(t, cmp.Diff(sources, slices.Collect(p.Sources())), "sources are values")
			again, _ := p.Timescale("referral-decision")
			assert.Empty(t, cmp.Diff(decisionWant, again), "Timescale returns a copy")
		})
	}
}

// Regression test (fixed): ParsePolicy accepted a threshold gate on a route that the policy also gives a level
// below the gate's minLevel (policy.go, the "Threshold gates" loop of build; regression of
// a799bb7, which dropped the old check "otherwise names the gated route itself" →
// invalid-gate without an equivalent). Input: testdata/minimal.json plus
// {"route": "door", "minLevel": "intensive"}, where "door" is also the routine route of
// universal and additional. Expected: a finding with rule invalid-gate under
// thresholdGates[0]. Got: the policy parses, and Route (route.go, the "if gated" branch)
// sends a referral asked at specialist with additional needs back to "door", with the
// self-contradictory query "Synthetic front door takes intensive and above; the decision
// is additional, so the referral goes to Synthetic front door".
func TestParsePolicyGateOnOwnLanding(t *testing.T) {
	data := polEdit(t, func(d map[string]any) {
		polAppend(d, "thresholdGates", map[string]any{"route": "door", "minLevel": "intensive", "sources": []any{"T1"}})
	})
	p, err := referral.ParsePolicy(data)
	if err == nil {
		_, fw := rtEngland2023(t)
		got, rerr := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: rtAdditional, Consent: referral.Given, Received: rtReceived})
		require.NoError(t, rerr)
		t.Errorf("ParsePolicy accepted a gate on %q, the routine route of levels below the gate; Route then sends a below-threshold referral to %q itself with queries %v",
			"door", got.Route.ID, rtPathRules(got.Queries))
		return
	}
	fs := rtFindings(t, err)
	assert.True(t, slices.ContainsFunc(fs, func(f *continuum.Finding) bool {
		return f.Rule == referral.RuleInvalidGate && strings.HasPrefix(f.Path, "thresholdGates[0]")
	}), "want invalid-gate under thresholdGates[0], got %v", rtPathRules(fs))
}
