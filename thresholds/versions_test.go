package thresholds_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/thresholds"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ptFile returns the path of the newest embedded document of the builtin framework id
// (files are named id-YEAR.json, so the newest sorts last).
func ptFile(t testing.TB, id string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("frameworks", id+"-*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, names, "no document of builtin framework %s", id)
	slices.Sort(names)
	return filepath.ToSlash(names[len(names)-1])
}

// ptVersionFile returns the path of the embedded document of one builtin version.
func ptVersionFile(t testing.TB, fw *thresholds.Framework) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("frameworks", fw.ID()+"-*.json"))
	require.NoError(t, err)
	for _, n := range names {
		var head struct{ Version string }
		require.NoError(t, json.Unmarshal(ptRead(t, filepath.ToSlash(n)), &head))
		if head.Version == fw.Version() {
			return filepath.ToSlash(n)
		}
	}
	t.Fatalf("no document of builtin framework %s version %s", fw.ID(), fw.Version())
	return ""
}

func TestBuiltinOn(t *testing.T) {
	london := document.London()
	tests := []struct {
		id     string
		on     time.Time
		err    error
		reason string
	}{
		{id: "england", on: time.Date(2023, 12, 15, 0, 0, 0, 0, london), reason: "the first day of Working Together 2023"},
		{id: "england", on: time.Date(2023, 12, 14, 23, 59, 59, 0, london), err: thresholds.ErrNotInForce, reason: "the last second before"},
		{id: "england", on: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), reason: "far later: the newest version in force then"},
		{id: "kent", on: time.Date(2018, 9, 30, 23, 0, 0, 0, time.UTC), reason: "midnight on 1 Oct 2018 in London (BST)"},
		{id: "kent", on: time.Date(2018, 9, 30, 22, 59, 0, 0, time.UTC), err: thresholds.ErrNotInForce, reason: "23:59 on 30 Sep in London"},
		{id: "durham", on: time.Date(2020, 8, 31, 12, 0, 0, 0, time.UTC), err: thresholds.ErrNotInForce, reason: "the day before Durham's guidance"},
		{id: "durham", on: time.Date(2020, 9, 1, 12, 0, 0, 0, time.UTC), reason: "Durham's first day"},
		{id: "atlantis", on: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), err: thresholds.ErrUnknownFramework, reason: "no such builtin"},
	}
	for _, tt := range tests {
		t.Run(tt.id+"_"+tt.on.Format(time.RFC3339), func(t *testing.T) {
			fw, err := thresholds.BuiltinOn(tt.id, tt.on)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err, tt.reason)
				assert.NotContains(t, err.Error(), "atlantis", "errors do not repeat the id asked for")
				assert.Nil(t, fw)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.id, fw.ID())
			assert.True(t, fw.InForce(tt.on), tt.reason)
			assert.False(t, fw.EffectiveFrom().After(document.Day(tt.on)))
		})
	}
	all := slices.Collect(thresholds.BuiltinVersions())
	for fw := range thresholds.Builtins() {
		newest, err := thresholds.Builtin(fw.ID())
		require.NoError(t, err)
		assert.Same(t, fw, newest, "Builtins yields each id's newest")
		assert.Contains(t, all, fw)
	}
	assert.Equal(t, "2023-12-15", ptEngland2023(t).EffectiveFrom().Format(time.DateOnly), "Working Together 2023 went live on gov.uk on 15 December 2023")
	assert.Equal(t, "2026-03-17", ptEngland2023(t).EffectiveTo().Format(time.DateOnly), "the day before the 2026 version")
	assert.Equal(t, "2026-03-18", thresholds.Default().EffectiveFrom().Format(time.DateOnly), "Working Together 2026 (inferred date)")
	assert.True(t, thresholds.Default().EffectiveTo().IsZero(), "the newest version is open-ended")
	for _, v := range []struct {
		on      time.Time
		version string
	}{
		{time.Date(2025, time.June, 1, 12, 0, 0, 0, time.UTC), "1.0.0"},
		{time.Date(2026, time.March, 17, 23, 59, 0, 0, london), "1.0.0"},
		{time.Date(2026, time.March, 18, 0, 0, 0, 0, london), "2.0.0"},
		{time.Date(2026, time.March, 18, 0, 30, 0, 0, time.UTC), "2.0.0"},
		{time.Date(2026, time.June, 1, 12, 0, 0, 0, time.UTC), "2.0.0"},
	} {
		fw, err := thresholds.BuiltinOn("england", v.on)
		require.NoError(t, err)
		assert.Equal(t, v.version, fw.Version(), "england on %s", v.on)
	}
	v1, v2 := ptEngland2023(t), thresholds.Default()
	assert.NotEqual(t, v1.Digest(), v2.Digest(), "each version has its own digest")
	assert.Equal(t, "Additional", v1.Label(continuum.Additional))
	assert.Equal(t, "Family Help (targeted, voluntary)", v2.Label(continuum.Additional))
	kent := ptBuiltin(t, "kent")
	assert.Equal(t, "england@1.0.0", kent.Base(), "Kent pins the England version it was written against")
	assert.Equal(t, "england@1.0.0", ptBuiltin(t, "durham").Base())
}

func TestLoadVersions(t *testing.T) {
	doc := func(edit func(m map[string]any)) *fstest.MapFile {
		return &fstest.MapFile{Data: ptEdit(t, edit)}
	}
	v1 := func(m map[string]any) { m["effectiveTo"] = "2026-12-31" }
	v2 := func(m map[string]any) { m["version"], m["effectiveFrom"] = "2.0.0", "2027-01-01" }
	v2early := func(m map[string]any) { m["version"], m["effectiveFrom"] = "2.0.0", "2026-12-31" }
	t.Run("versions", func(t *testing.T) {
		got, err := thresholds.LoadVersions(fstest.MapFS{
			"fw/schema.json": {Data: []byte("{}")}, "fw/x.json": doc(v2), "fw/y.json": doc(v1),
		}, "fw")
		require.NoError(t, err)
		vs := got["testshire"]
		require.Len(t, vs, 2, "found by the id inside, whatever the file names")
		assert.Equal(t, "1.0.0", vs[0].Version(), "oldest first")
		assert.Equal(t, "2.0.0", vs[1].Version())
	})
	t.Run("overlap", func(t *testing.T) {
		got, err := thresholds.LoadVersions(fstest.MapFS{"fw/a.json": doc(v1), "fw/b.json": doc(v2early)}, "fw")
		require.Error(t, err)
		assert.Contains(t, err.Error(), "b.json")
		assert.Contains(t, err.Error(), thresholds.RuleOverlappingVersion)
		assert.Len(t, got["testshire"], 1)
	})
	t.Run("open_ended", func(t *testing.T) {
		_, err := thresholds.LoadVersions(fstest.MapFS{"fw/a.json": doc(func(map[string]any) {}), "fw/b.json": doc(v2)}, "fw")
		assert.ErrorContains(t, err, thresholds.RuleOverlappingVersion)
	})
	t.Run("builtins_do_not_overlap", func(t *testing.T) {
		_, err := thresholds.LoadVersions(os.DirFS("."), "frameworks")
		require.NoError(t, err, "the shipped versions load cleanly")
	})
}

func TestCanonical(t *testing.T) {
	for fw := range thresholds.BuiltinVersions() {
		t.Run(fw.ID()+"@"+fw.Version(), func(t *testing.T) {
			data, err := json.Marshal(fw)
			require.NoError(t, err)
			again, err := thresholds.Parse(data)
			require.NoError(t, err, "the canonical document parses")
			assert.Equal(t, fw.Digest(), again.Digest(), "to the same digest")
			assert.Empty(t, again.Base(), "a flattened copy extends nothing")
			if diff := cmp.Diff(slices.Collect(fw.Indicators()), slices.Collect(again.Indicators()), ptCmp); diff != "" {
				t.Errorf("catalogue (-builtin +copy):\n%s", diff)
			}
			redo, err := json.Marshal(again)
			require.NoError(t, err)
			assert.Equal(t, string(data), string(redo), "canonical is a fixed point")

			file := ptRead(t, ptVersionFile(t, fw))
			same := map[string][]byte{
				"compact":   cnCompact(t, file),
				"reindent":  cnIndent(t, file),
				"sort_keys": cnEdit(t, file, func(map[string]any) {}),
				"reorder": cnEdit(t, file, func(m map[string]any) {
					if inds, ok := m["indicators"].([]any); ok {
						slices.Reverse(inds)
					}
				}),
			}
			for name, doc := range same {
				q, err := thresholds.Parse(doc)
				require.NoError(t, err, name)
				assert.Equal(t, fw.Digest(), q.Digest(), "%s leaves the digest unchanged", name)
			}
			changed := map[string][]byte{
				"citation": cnEdit(t, file, func(m map[string]any) {
					lv := cnLevelWith(m, "sources")
					srcs := lv["sources"].([]any)
					for _, s := range m["sources"].([]any) {
						if id := s.(map[string]any)["id"]; !slices.Contains(srcs, id) {
							srcs[0] = id
							break
						}
					}
				}),
				"wording": cnEdit(t, file, func(m map[string]any) {
					lv := cnLevelWith(m, "sources")
					lv["labelNote"] = "Other words."
				}),
				"effective_to": cnEdit(t, file, func(m map[string]any) { m["effectiveTo"] = "2099-12-31" }),
				"version":      cnEdit(t, file, func(m map[string]any) { m["version"] = "9.9.9" }),
				"note":         cnEdit(t, file, func(m map[string]any) { m["notes"] = append(m["notes"].([]any), "Another note.") }),
			}
			base := ptMustParse(t, cnEdit(t, file, func(m map[string]any) { m["id"] = "renamed" }))
			for name, doc := range changed {
				// A changed builtin under its own id is not a version of it: compare
				// under a fresh id.
				q := ptMustParse(t, cnEdit(t, doc, func(m map[string]any) { m["id"] = "renamed" }))
				assert.NotEqual(t, base.Digest(), q.Digest(), "a changed %s changes the digest", name)
				got, err := thresholds.Parse(doc)
				if strings.HasPrefix(fw.Base(), fw.ID()+"@") {
					// A version built on an earlier version of its own id (England 2026 on
					// 2023) may be changed and stay a version of that id: a new digest.
					require.NoError(t, err, name)
					assert.NotEqual(t, fw.Digest(), got.Digest(), "%s: another version's digest", name)
					continue
				}
				assert.ErrorContains(t, err, thresholds.RuleBuiltinID, "%s: not a copy of the builtin any more", name)
			}
		})
	}
}

func cnEdit(t *testing.T, data []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(data, &m))
	edit(m)
	out, err := json.MarshalIndent(m, "", "  ")
	require.NoError(t, err)
	return out
}

func cnCompact(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, data))
	return b.Bytes()
}

func cnIndent(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	require.NoError(t, json.Indent(&b, data, "  ", "\t"))
	return b.Bytes()
}

// cnLevelWith returns the first level entry, in level order, that has the field.
func cnLevelWith(m map[string]any, field string) map[string]any {
	levels := m["levels"].(map[string]any)
	for _, l := range []string{"universal", "additional", "intensive", "specialist"} {
		if lv, ok := levels[l].(map[string]any); ok && lv[field] != nil {
			return lv
		}
	}
	panic("no level has " + field)
}
