package referral_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Issue 13: a nil *Policy panicked in Route; the zero Policy routed. Both are
// ErrNoPolicy, never a panic or a routing.
func TestNilAndZeroPolicy(t *testing.T) {
	fw, err := thresholds.Builtin("england")
	require.NoError(t, err)
	r := referral.Referral{To: continuum.Specialist, Received: rtReceived}
	for name, p := range map[string]*referral.Policy{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			for _, f := range []*thresholds.Framework{fw, nil, {}} {
				got, err := p.Route(f, r)
				assert.ErrorIs(t, err, referral.ErrNoPolicy)
				assert.Zero(t, got)
			}
			_, err := p.Deadline("decision", rtReceived)
			assert.ErrorIs(t, err, referral.ErrNoPolicy)
		})
	}
	t.Run("zero_framework", func(t *testing.T) {
		got, err := referral.DefaultPolicy().Route(&thresholds.Framework{}, r)
		assert.Error(t, err, "a zero framework routes nothing")
		assert.Zero(t, got)
	})
}

// Issue 13: a transition without "from" was silently read as an entry; "from" is
// required, "" written out for a child not known to services.
func TestParsePolicyTransitionNeedsFrom(t *testing.T) {
	_, err := referral.ParsePolicy(polEdit(t, func(d map[string]any) { delete(polItem(d, "transitions", 0), "from") }))
	assert.Contains(t, rtPathRules(rtFindings(t, err)), "transitions[0].from missing-field")
	_, err = referral.ParsePolicy(polEdit(t, func(d map[string]any) { polItem(d, "transitions", 0)["from"] = "" }))
	assert.NoError(t, err, `"from": "" is an entry`)
}

// Issue 13: ParsePolicy was quadratic in citations (80k sources took 15 s) and had no
// source limit. The register stops at MaxSources: nothing past it is read.
func TestParsePolicySourceLimit(t *testing.T) {
	data := polEdit(t, func(d map[string]any) {
		srcs := make([]any, 80000)
		ids := make([]any, len(srcs))
		for i := range srcs {
			id := fmt.Sprintf("S%d", i)
			srcs[i] = map[string]any{"id": id, "title": "Synthetic", "url": "https://example.org/s"}
			ids[i] = id
		}
		d["sources"] = srcs
		polItem(d, "routes", 0)["sources"] = ids
	})
	_, err := referral.ParsePolicy(data)
	assert.Equal(t, []string{"sources too-many-sources"}, rtPathRules(rtFindings(t, err)))

	data = polEdit(t, func(d map[string]any) {
		srcs := make([]any, referral.MaxSources)
		ids := make([]any, 0, len(srcs))
		for i := range srcs {
			id := fmt.Sprintf("S%d", i)
			if i == 0 {
				id = "T1" // the source the rest of the document cites
			}
			srcs[i] = map[string]any{"id": id, "title": "Synthetic", "url": "https://example.org/s"}
			ids = append(ids, id)
		}
		d["sources"] = srcs
		polItem(d, "routes", 0)["sources"] = ids
	})
	p, err := referral.ParsePolicy(data)
	require.NoError(t, err, "MaxSources itself is allowed")
	for r := range p.Routes() {
		assert.Len(t, r.Citations, referral.MaxSources, "every source cited once")
	}
}

// Issue 13: findings were not capped. ParsePolicy reports at most MaxFindings.
func TestParsePolicyFindingsCapped(t *testing.T) {
	data := polEdit(t, func(d map[string]any) {
		ids := make([]any, 5000)
		for i := range ids {
			ids[i] = fmt.Sprintf("N%d", i)
		}
		polItem(d, "routes", 0)["sources"] = ids
	})
	_, err := referral.ParsePolicy(data)
	fs := rtFindings(t, err)
	require.Len(t, fs, continuum.MaxFindings)
	assert.ErrorIs(t, err, continuum.ErrTooManyFindings)
	assert.Contains(t, err.Error(), "4901 more findings")
}

// Issue 13: junk in documents was accepted: control and zero-width characters in
// required text, credentials in URLs, non-canonical tokens.
func TestParsePolicyRejectsJunk(t *testing.T) {
	tests := []struct {
		name string
		edit func(d map[string]any)
		want string
	}{
		{"control_in_route_name", func(d map[string]any) { polItem(d, "routes", 0)["name"] = "Door\x1b[2J" }, "routes[0].name invalid-text"},
		{"zero_width_in_how", func(d map[string]any) { polItem(d, "routes", 0)["how"] = "Call\u200d." }, "routes[0].how invalid-text"},
		{"bom_in_title", func(d map[string]any) { d["title"] = "\ufeffPolicy" }, "title invalid-text"},
		{"blank_contact", func(d map[string]any) { polItem(d, "routes", 0)["contact"] = " " }, "routes[0].contact missing-field"},
		{"credentials_in_url", func(d map[string]any) { polItem(d, "sources", 0)["url"] = "https://a:b@example.org/" }, "sources[0].url invalid-url"},
		{"noncanonical_urgency", func(d map[string]any) { polItem(d, "routing", 0)["urgency"] = "Routine" }, "routing[0].urgency non-canonical"},
		{"noncanonical_level", func(d map[string]any) { polItem(d, "routing", 0)["level"] = "1" }, "routing[0].level non-canonical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := referral.ParsePolicy(polEdit(t, tt.edit))
			assert.Contains(t, rtPathRules(rtFindings(t, err)), tt.want)
		})
	}
}

// Issue 13: a referral received late on 31 December 9999 had a deadline in year 10000,
// which no RFC 3339 time can hold. Issue 10 bounds the calendar: Route refuses the date
// (date-out-of-range), and the service still turns any unencodable answer into a 500.
func TestRouteFarFuture(t *testing.T) {
	fw, err := thresholds.Builtin("england")
	require.NoError(t, err)
	got, err := referral.DefaultPolicy().Route(fw, referral.Referral{To: continuum.Specialist, Consent: referral.Given,
		Received: time.Date(9999, 12, 31, 12, 0, 0, 0, time.UTC)})
	// Since issue 10 a date outside the calendar's supported years is refused, never
	// turned into a deadline in year 10000 that cannot be encoded.
	require.ErrorIs(t, err, referral.ErrDateOutOfRange)
	assert.True(t, got.DecideBy.IsZero())
}
