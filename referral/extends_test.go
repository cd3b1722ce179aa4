package referral_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "ext".

// extOverlay returns the smallest valid extension of england@1.0.0, edited by edit.
func extOverlay(t testing.TB, edit func(d map[string]any)) []byte {
	t.Helper()
	d := map[string]any{
		"id": "testshire", "framework": "testshire", "title": "Testshire policy (fictional, test fixture)",
		"publisher": "Testshire test partnership", "version": "1.0.0", "effectiveFrom": "2024-04-01",
		"extends": "england@1.0.0",
	}
	if edit != nil {
		edit(d)
	}
	data, err := json.Marshal(d)
	require.NoError(t, err)
	return data
}

func TestPolicyExtendsFindings(t *testing.T) {
	kent, err := referral.BuiltinPolicy("kent")
	require.NoError(t, err)
	route := func(id string) map[string]any {
		return map[string]any{"id": id, "name": "Fixture route", "how": "Fixture: how to refer.", "sources": []any{"WT2023"}}
	}
	tests := []struct {
		name   string
		doc    []byte
		opts   referral.ParseOptions
		want   []string
		err    error // the sentinel; ErrInvalidPolicy when nil
		reason string
	}{
		{
			name: "unpinned_base", reason: "extends names the version it was written against",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "england" }),
			want: []string{"extends unpinned-base"},
		},
		{
			name: "unpinned_base_no_version", reason: "a version after @ is required",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "england@" }),
			want: []string{"extends unpinned-base"},
		},
		{
			name: "unknown_base", reason: "no builtin policy has this id",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "atlantis@1.0.0" }),
			want: []string{"extends unknown-base"}, err: referral.ErrUnknownPolicy,
		},
		{
			name: "unknown_base_version", reason: "a builtin id at a version that is not shipped",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "england@0.0.1" }),
			want: []string{"extends unknown-base"}, err: referral.ErrUnknownPolicy,
		},
		{
			name: "base_error", reason: "an error from Base is an unknown base",
			doc:  extOverlay(t, nil),
			opts: referral.ParseOptions{Base: func(string) (*referral.Policy, error) { return nil, errors.New("offline") }},
			want: []string{"extends unknown-base"}, err: referral.ErrUnknownPolicy,
		},
		{
			name: "base_mismatch", reason: "Base returned a policy with another id than the reference names",
			doc:  extOverlay(t, nil),
			opts: referral.ParseOptions{Base: func(string) (*referral.Policy, error) { return kent, nil }},
			want: []string{"extends base-mismatch"},
		},
		{
			name: "base_mismatch_version", reason: "the right id at another version is a mismatch too",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "england@0.9.0" }),
			opts: referral.ParseOptions{Base: func(string) (*referral.Policy, error) { p, _ := rtEngland2023(t); return p, nil }},
			want: []string{"extends base-mismatch"},
		},
		{
			name: "extends_itself", reason: "a document cannot extend its own id and version",
			doc:  extOverlay(t, func(d map[string]any) { d["extends"] = "testshire@1.0.0" }),
			want: []string{"extends extends-cycle"},
		},
		{
			name: "builtin_id", reason: "a document may not take kent's id without being a version of kent",
			doc:  extOverlay(t, func(d map[string]any) { d["id"] = "kent" }),
			want: []string{"id builtin-id"},
		},
		{
			name: "builtin_id_base", reason: "nor england's, as a base document",
			doc: polEdit(t, func(d map[string]any) {
				d["id"] = "england"
			}),
			want: []string{"id builtin-id"},
		},
		{
			name: "remove_unknown", reason: "a removal names a record of the base",
			doc: extOverlay(t, func(d map[string]any) {
				d["remove"] = map[string]any{"routes": []any{"nowhere"}, "consent": []any{}, "timescales": []any{"never"}}
			}),
			want: []string{"remove.routes[0] remove-unknown", "remove.timescales[0] remove-unknown"},
		},
		{
			name: "remove_unknown_keys", reason: "routing and transition keys are level pairs",
			doc: extOverlay(t, func(d map[string]any) {
				d["remove"] = map[string]any{
					"routing":     []any{map[string]any{"level": "additional", "urgency": "immediate"}},
					"transitions": []any{map[string]any{"from": "universal", "to": "universal"}},
				}
			}),
			want: []string{"remove.routing[0] remove-unknown", "remove.transitions[0] remove-unknown"},
		},
		{
			name: "remove_conflict", reason: "a record both removed and defined",
			doc: extOverlay(t, func(d map[string]any) {
				d["remove"] = map[string]any{"routes": []any{"early-help"}}
				d["routes"] = []any{route("early-help")}
			}),
			want: []string{"remove.routes[0] remove-conflict"},
		},
		{
			name: "remove_without_base", reason: "only an extension removes",
			doc:  polEdit(t, func(d map[string]any) { d["remove"] = map[string]any{} }),
			want: []string{"remove remove-without-base"},
		},
		{
			name: "own_record_path", reason: "a finding on the overlay's own record points into the overlay",
			doc: extOverlay(t, func(d map[string]any) {
				r := route("new-route")
				delete(r, "name")
				d["routes"] = []any{route("other"), r}
			}),
			want: []string{"routes[1].name missing-field"},
		},
		{
			name: "replaced_record_path", reason: "a replacement keeps the overlay's path",
			doc: extOverlay(t, func(d map[string]any) {
				d["routing"] = []any{map[string]any{"level": "additional", "urgency": "routine", "route": "nowhere"}}
			}),
			want: []string{"routing routing-incomplete", "routing[0].route unknown-route"},
		},
		{
			name: "inherited_record", reason: "removing a route the base routes to breaks inherited records, reported at extends",
			doc:  extOverlay(t, func(d map[string]any) { d["remove"] = map[string]any{"routes": []any{"early-help"}} }),
			want: []string{"extends unknown-route", "extends unknown-route", "routing routing-incomplete", "routing routing-incomplete"},
		},
		{
			name: "inherited_whole", reason: "removing the decision timescale leaves the field without a target",
			doc: extOverlay(t, func(d map[string]any) {
				d["remove"] = map[string]any{"timescales": []any{"referral-decision"}}
			}),
			want: []string{"decisionTimescale unknown-timescale", "extends unknown-timescale"},
		},
		{
			name: "duplicate_own", reason: "two new routes with one id",
			doc:  extOverlay(t, func(d map[string]any) { d["routes"] = []any{route("x"), route("x")} }),
			want: []string{"routes[1].id duplicate-id"},
		},
		{
			name: "duplicate_source", reason: "a source id the base registers",
			doc: extOverlay(t, func(d map[string]any) {
				d["sources"] = []any{map[string]any{"id": "WT2023", "title": "t", "url": "https://example.org/x"}}
			}),
			want: []string{"sources[0].id duplicate-source"},
		},
		{
			name: "invalid_period", reason: "effectiveTo before effectiveFrom",
			doc:  extOverlay(t, func(d map[string]any) { d["effectiveTo"] = "2024-03-31" }),
			want: []string{"effectiveTo invalid-period"},
		},
		{
			name: "invalid_period_date", reason: "effectiveTo is a date",
			doc:  extOverlay(t, func(d map[string]any) { d["effectiveTo"] = "next year" }),
			want: []string{"effectiveTo invalid-date"},
		},
		{
			name: "missing_framework", reason: "an extension names its own framework",
			doc:  extOverlay(t, func(d map[string]any) { delete(d, "framework") }),
			want: []string{"framework missing-field"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.opts.Parse(tt.doc)
			require.Error(t, err, tt.reason)
			assert.Nil(t, p)
			assert.Equal(t, tt.want, rtPathRules(rtFindings(t, err)), tt.reason)
			sentinel := tt.err
			if sentinel == nil {
				sentinel = referral.ErrInvalidPolicy
			}
			assert.ErrorIs(t, err, sentinel)
		})
	}
}

func TestPolicyExtendsAllowed(t *testing.T) {
	tests := []struct {
		name   string
		doc    func(t *testing.T) []byte
		reason string
	}{
		{
			name: "smallest", reason: "an overlay that states only its header is its base under another id",
			doc: func(t *testing.T) []byte { return extOverlay(t, nil) },
		},
		{
			name: "bounded_period", reason: "effectiveTo on or after effectiveFrom",
			doc: func(t *testing.T) []byte {
				return extOverlay(t, func(d map[string]any) { d["effectiveTo"] = "2024-04-01" })
			},
		},
		{
			name: "builtin_version", reason: "a new version of england extends a version of england",
			doc: func(t *testing.T) []byte {
				return extOverlay(t, func(d map[string]any) {
					d["id"], d["framework"], d["version"], d["effectiveFrom"] = "england", "england", "2.0.0", "2030-01-01"
				})
			},
		},
		{
			name: "builtin_copy", reason: "the canonical copy of a builtin keeps its id: same digest",
			doc: func(t *testing.T) []byte {
				p, err := referral.BuiltinPolicy("kent")
				require.NoError(t, err)
				data, err := json.Marshal(p)
				require.NoError(t, err)
				return data
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := referral.ParsePolicy(tt.doc(t))
			require.NoError(t, err, tt.reason)
			assert.NotEmpty(t, p.Digest())
		})
	}
	small, err := referral.ParsePolicy(extOverlay(t, nil))
	require.NoError(t, err)
	eng, _ := rtEngland2023(t)
	assert.Equal(t, slices.Collect(eng.Routes()), slices.Collect(small.Routes()), "routes inherited whole")
	assert.NotEqual(t, eng.Digest(), small.Digest(), "another id, another digest")
}

func TestPolicyParseAll(t *testing.T) {
	a := extOverlay(t, func(d map[string]any) { d["id"], d["extends"] = "alpha", "beta@1.0.0" })
	b := extOverlay(t, func(d map[string]any) { d["id"], d["extends"] = "beta", "alpha@1.0.0" })
	c := extOverlay(t, func(d map[string]any) { d["id"], d["extends"] = "gamma", "alpha@1.0.0" })
	v1 := extOverlay(t, func(d map[string]any) { d["effectiveTo"] = "2025-03-31" })
	v2 := extOverlay(t, func(d map[string]any) { d["version"], d["effectiveFrom"] = "2.0.0", "2025-04-01" })
	v2early := extOverlay(t, func(d map[string]any) { d["version"], d["effectiveFrom"] = "2.0.0", "2025-03-31" })
	broken := extOverlay(t, func(d map[string]any) { d["id"], d["title"] = "delta", "" })
	onBroken := extOverlay(t, func(d map[string]any) { d["id"], d["extends"] = "epsilon", "delta@1.0.0" })
	tests := []struct {
		name   string
		docs   [][]byte
		want   [][]string // per document; nil: parses
		reason string
	}{
		{name: "cycle", docs: [][]byte{a, b}, want: [][]string{{"extends extends-cycle"}, {"extends extends-cycle"}}, reason: "both ends of a cycle"},
		{name: "into_cycle", docs: [][]byte{c, a, b}, want: [][]string{{"extends extends-cycle"}, {"extends extends-cycle"}, {"extends extends-cycle"}}, reason: "a document that extends into a cycle"},
		{name: "versions", docs: [][]byte{v2, v1}, want: [][]string{nil, nil}, reason: "two versions one after the other"},
		{name: "overlap", docs: [][]byte{v1, v2early}, want: [][]string{nil, {"effectiveFrom overlapping-versions"}}, reason: "31 March 2025 is in both"},
		{name: "overlap_open", docs: [][]byte{extOverlay(t, nil), v2}, want: [][]string{nil, {"effectiveFrom overlapping-versions"}}, reason: "an open-ended version overlaps every later one"},
		{name: "duplicate", docs: [][]byte{v1, v1}, want: [][]string{nil, {"version duplicate-version"}}, reason: "the same id and version twice"},
		{name: "broken_base", docs: [][]byte{onBroken, broken}, want: [][]string{{"extends unknown-base"}, {"title missing-field"}}, reason: "an extension of a document that fails"},
		{name: "empty", docs: nil, want: [][]string{}, reason: "no documents, no results"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := referral.ParseOptions{}.ParseAll(tt.docs...)
			require.Len(t, got, len(tt.docs))
			require.Len(t, errs, len(tt.docs))
			for i, want := range tt.want {
				if want == nil {
					require.NoError(t, errs[i], "%s: document %d", tt.reason, i)
					assert.NotNil(t, got[i])
					continue
				}
				assert.Nil(t, got[i])
				assert.Equal(t, want, rtPathRules(rtFindings(t, errs[i])), "%s: document %d", tt.reason, i)
			}
		})
	}
}
