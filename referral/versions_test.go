package referral_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/referral"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// polFile returns the path of the newest embedded document of the builtin policy id
// (files are named id-YEAR.json, so the newest sorts last).
func polFile(t testing.TB, id string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("policies", id+"-*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, names, "no document of builtin policy %s", id)
	slices.Sort(names)
	return filepath.ToSlash(names[len(names)-1])
}

// polVersionFile returns the path of the embedded document of one builtin policy version.
func polVersionFile(t testing.TB, p *referral.Policy) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("policies", p.ID()+"-*.json"))
	require.NoError(t, err)
	for _, n := range names {
		var head struct{ Version string }
		require.NoError(t, json.Unmarshal(polRead(t, filepath.ToSlash(n)), &head))
		if head.Version == p.Version() {
			return filepath.ToSlash(n)
		}
	}
	t.Fatalf("no document of builtin policy %s version %s", p.ID(), p.Version())
	return ""
}

func TestBuiltinPolicyOn(t *testing.T) {
	london := document.London()
	tests := []struct {
		id      string
		on      time.Time
		version string
		err     error
		reason  string
	}{
		{id: "england", on: time.Date(2023, 12, 15, 0, 0, 0, 0, london), version: "1.0.0", reason: "the first day of Working Together 2023"},
		{id: "england", on: time.Date(2023, 12, 14, 23, 59, 0, 0, london), err: referral.ErrNotInForce, reason: "the day before"},
		{id: "england", on: time.Date(2023, 12, 14, 23, 30, 0, 0, time.UTC), err: referral.ErrNotInForce, reason: "23:30 UTC is 23:30 GMT: still the 14th"},
		{id: "england", on: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), version: "", reason: "a later day: the newest version in force then"},
		{id: "kent", on: time.Date(2018, 9, 30, 23, 30, 0, 0, time.UTC), version: "1.0.0", reason: "23:30 UTC on 30 Sep 2018 is 1 Oct in London (BST)"},
		{id: "kent", on: time.Date(2018, 9, 30, 22, 59, 0, 0, time.UTC), err: referral.ErrNotInForce, reason: "still 30 Sep in London"},
		{id: "durham", on: time.Date(2020, 9, 1, 12, 0, 0, 0, time.UTC), version: "1.0.0", reason: "Durham's first day"},
		{id: "atlantis", on: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), err: referral.ErrUnknownPolicy, reason: "no such builtin"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"_"+tt.on.Format(time.RFC3339), func(t *testing.T) {
			p, err := referral.BuiltinPolicyOn(tt.id, tt.on)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err, tt.reason)
				assert.Nil(t, p)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.id, p.ID())
			assert.True(t, p.InForce(tt.on), tt.reason)
			if tt.version != "" {
				assert.Equal(t, tt.version, p.Version(), tt.reason)
			}
		})
	}
	// Each id's newest version is what BuiltinPolicy gives, and BuiltinPolicyVersions
	// holds every version BuiltinPolicies does.
	all := slices.Collect(referral.BuiltinPolicyVersions())
	for p := range referral.BuiltinPolicies() {
		q, err := referral.BuiltinPolicy(p.ID())
		require.NoError(t, err)
		assert.Same(t, p, q)
		assert.Contains(t, all, p)
	}
	p23, _ := rtEngland2023(t)
	assert.Equal(t, "2023-12-15", p23.EffectiveFrom().Format(time.DateOnly), "Working Together 2023 went live on gov.uk on 15 December 2023")
	assert.Equal(t, "2026-03-17", p23.EffectiveTo().Format(time.DateOnly), "the day before the 2026 version")
	p26 := referral.DefaultPolicy()
	assert.Equal(t, "2.0.0", p26.Version(), "the newest England policy: Working Together 2026")
	assert.Equal(t, "2026-03-18", p26.EffectiveFrom().Format(time.DateOnly), "Working Together 2026 (inferred date)")
	assert.True(t, p26.EffectiveTo().IsZero())
	assert.NotEqual(t, p23.Digest(), p26.Digest(), "each version has its own digest")
	for _, v := range []struct {
		on      time.Time
		version string
	}{
		{time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC), "1.0.0"},
		{time.Date(2026, time.March, 17, 23, 59, 0, 0, london), "1.0.0"},
		{time.Date(2026, time.March, 18, 0, 0, 0, 0, london), "2.0.0"},
		{time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC), "2.0.0"},
	} {
		p, err := referral.BuiltinPolicyOn("england", v.on)
		require.NoError(t, err)
		assert.Equal(t, v.version, p.Version(), "england policy on %s", v.on)
	}
}

// verFS builds a synthetic builtin directory of policies from the minimal policy, each
// edited.
func verFS(t *testing.T, edits map[string]func(d map[string]any)) fstest.MapFS {
	fsys := fstest.MapFS{"policies/schema.json": {Data: []byte("{}")}}
	for name, edit := range edits {
		fsys["policies/"+name] = &fstest.MapFile{Data: polEdit(t, edit)}
	}
	return fsys
}

func TestLoadVersions(t *testing.T) {
	v1 := func(d map[string]any) { d["effectiveTo"] = "2024-12-31" }
	v2 := func(d map[string]any) { d["version"], d["effectiveFrom"] = "0.0.2", "2025-01-01" }
	v2early := func(d map[string]any) { d["version"], d["effectiveFrom"] = "0.0.2", "2024-12-31" }
	v3ext := func(d map[string]any) {
		d["version"], d["effectiveFrom"], d["extends"] = "0.0.3", "2026-01-01", "minimal@0.0.2"
		for _, k := range []string{"routes", "routing", "consent", "transitions", "timescales", "sources", "decisionTimescale"} {
			delete(d, k)
		}
	}
	t.Run("versions", func(t *testing.T) {
		v2bounded := func(d map[string]any) { v2(d); d["effectiveTo"] = "2025-12-31" }
		got, err := referral.LoadVersions(verFS(t, map[string]func(map[string]any){
			"minimal-2024.json": v1, "minimal-2025.json": v2bounded, "minimal-2026.json": v3ext,
		}), "policies")
		require.NoError(t, err)
		vs := got["minimal"]
		require.Len(t, vs, 3, "found by the id inside, whatever the file names")
		assert.Equal(t, []string{"0.0.1", "0.0.2", "0.0.3"}, []string{vs[0].Version(), vs[1].Version(), vs[2].Version()}, "oldest first")
		assert.Equal(t, "minimal@0.0.2", vs[2].Base(), "a builtin version may extend an earlier one")
	})
	t.Run("overlap", func(t *testing.T) {
		got, err := referral.LoadVersions(verFS(t, map[string]func(map[string]any){
			"a.json": v1, "b.json": v2early,
		}), "policies")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "b.json")
		assert.Contains(t, err.Error(), referral.RuleOverlappingVersion)
		assert.Len(t, got["minimal"], 1, "the first version still loads")
	})
	t.Run("open_ended_overlap", func(t *testing.T) {
		_, err := referral.LoadVersions(verFS(t, map[string]func(map[string]any){
			"a.json": func(map[string]any) {}, "b.json": v2,
		}), "policies")
		assert.ErrorContains(t, err, referral.RuleOverlappingVersion, "a version with no end overlaps every later one")
	})
	t.Run("broken_file", func(t *testing.T) {
		_, err := referral.LoadVersions(verFS(t, map[string]func(map[string]any){
			"a.json": func(d map[string]any) { d["title"] = "" },
		}), "policies")
		assert.ErrorContains(t, err, "a.json")
	})
}

func TestPolicyCanonical(t *testing.T) {
	for p := range referral.BuiltinPolicyVersions() {
		t.Run(p.ID()+"@"+p.Version(), func(t *testing.T) {
			data, err := json.Marshal(p)
			require.NoError(t, err)
			again, err := referral.ParsePolicy(data)
			require.NoError(t, err, "the canonical document parses")
			assert.Equal(t, p.Digest(), again.Digest(), "and has the same digest")
			assert.Equal(t, p.Mermaid(), again.Mermaid(), "and the same graph")
			assert.Empty(t, again.Base(), "a flattened copy extends nothing")
			redo, err := json.Marshal(again)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(redo), "canonical is a fixed point")

			file := polRead(t, polVersionFile(t, p))
			variants := map[string][]byte{
				"compact":   verCompact(t, file),
				"reindent":  verIndent(t, file, "\t"),
				"sort_keys": verSortKeys(t, file),
				"reorder":   verReverse(t, file, "routing", "consent"),
			}
			for name, doc := range variants {
				q, err := referral.ParsePolicy(doc)
				require.NoError(t, err, name)
				assert.Equal(t, p.Digest(), q.Digest(), "%s leaves the digest unchanged", name)
			}
			changes := map[string][]byte{
				"citation": verEdit(t, file, func(d map[string]any) {
					r := d["routes"].([]any)[0].(map[string]any)
					srcs := r["sources"].([]any)
					first := d["sources"].([]any)[0].(map[string]any)["id"]
					if srcs[0] == first {
						first = d["sources"].([]any)[1].(map[string]any)["id"]
					}
					srcs[0] = first
				}),
				"wording":      verEdit(t, file, func(d map[string]any) { d["routes"].([]any)[0].(map[string]any)["how"] = "Other words." }),
				"effective_to": verEdit(t, file, func(d map[string]any) { d["effectiveTo"] = "2099-12-31" }),
				"version":      verEdit(t, file, func(d map[string]any) { d["version"] = "9.9.9" }),
				"source_title": verEdit(t, file, func(d map[string]any) { d["sources"].([]any)[0].(map[string]any)["title"] = "Other title" }),
			}
			for name, doc := range changes {
				q, err := referral.ParsePolicy(doc)
				if err != nil && strings.Contains(err.Error(), referral.RuleBuiltinID) {
					// A changed builtin under its own id is not a version of it: parse
					// it under a fresh id, and the unchanged file likewise.
					q, err = referral.ParsePolicy(verRename(t, doc))
					require.NoError(t, err, name)
					base, err := referral.ParsePolicy(verRename(t, file))
					require.NoError(t, err)
					assert.NotEqual(t, base.Digest(), q.Digest(), "a changed %s changes the digest", name)
					continue
				}
				require.NoError(t, err, name)
				assert.NotEqual(t, p.Digest(), q.Digest(), "a changed %s changes the digest", name)
			}
		})
	}
}

// verEdit decodes a document into maps, lets edit change it and encodes it again,
// indented (polEdit does so for minimal.json).
func verEdit(tb testing.TB, data []byte, edit func(d map[string]any)) []byte {
	tb.Helper()
	var d map[string]any
	require.NoError(tb, json.Unmarshal(data, &d))
	edit(d)
	out, err := json.MarshalIndent(d, "", "  ")
	require.NoError(tb, err)
	return out
}

// verRename gives a document a fresh id, so that it is no builtin's.
func verRename(t *testing.T, data []byte) []byte {
	return verEdit(t, data, func(d map[string]any) { d["id"] = "renamed" })
}

func verCompact(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, data))
	return b.Bytes()
}

func verIndent(t *testing.T, data []byte, indent string) []byte {
	var b bytes.Buffer
	require.NoError(t, json.Indent(&b, data, "   ", indent))
	return b.Bytes()
}

// verSortKeys re-encodes a document through maps, which sorts every object's keys.
func verSortKeys(t *testing.T, data []byte) []byte {
	return verEdit(t, data, func(map[string]any) {})
}

// verReverse reverses the named lists.
func verReverse(t *testing.T, data []byte, keys ...string) []byte {
	return verEdit(t, data, func(d map[string]any) {
		for _, k := range keys {
			if list, ok := d[k].([]any); ok {
				slices.Reverse(list)
			}
		}
	})
}
