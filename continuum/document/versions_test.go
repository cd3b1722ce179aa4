package document_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// vdoc is a parsed document of the tests: a Versioned with no content but its header.
type vdoc struct {
	id, version, base, digest string
	period                    document.Period
}

func (v *vdoc) ID() string               { return v.id }
func (v *vdoc) Version() string          { return v.version }
func (v *vdoc) Base() string             { return v.base }
func (v *vdoc) Digest() string           { return v.digest }
func (v *vdoc) EffectiveFrom() time.Time { return v.period.From }
func (v *vdoc) EffectiveTo() time.Time   { return v.period.To }

var (
	errVInvalid    = errors.New("test: invalid")
	errVUnknown    = errors.New("test: unknown")
	errVNotInForce = errors.New("test: not in force")
	vKind          = document.Kind{Package: "test", Noun: "toy", Invalid: errVInvalid, Unknown: errVUnknown, NotInForce: errVNotInForce}
)

// vParse parses a test document: its header, its base resolved with base, and a digest
// that is its title.
func vParse(data []byte, base func(string) (*vdoc, error)) (*vdoc, error) {
	var d struct {
		document.Header
		Extends string `json:"extends"`
	}
	if fs := document.Decode(data, &d); len(fs) > 0 {
		return nil, fs.Err()
	}
	c := &document.Checker{Sentinel: errVInvalid}
	hfs, period := d.Header.CheckPeriod(errVInvalid)
	c.Findings = append(c.Findings, hfs...)
	if d.Extends != "" && document.ResolveBase(c, vKind, document.Ref{ID: d.ID, Version: d.Version}, d.Extends, base) == nil {
		return nil, c.Findings.Err()
	}
	if len(c.Findings) > 0 {
		return nil, c.Findings.Err()
	}
	return &vdoc{id: d.ID, version: d.Version, base: d.Extends, digest: d.Title, period: period}, nil
}

func vFile(t *testing.T, fields map[string]string) *fstest.MapFile {
	t.Helper()
	m := map[string]string{"title": "t", "publisher": "p"}
	for k, v := range fields {
		m[k] = v
	}
	data, err := json.Marshal(m)
	require.NoError(t, err)
	return &fstest.MapFile{Data: data}
}

func TestLoadVersions(t *testing.T) {
	london := document.London()
	v := func(id, version, from, to string) map[string]string {
		return map[string]string{"id": id, "version": version, "effectiveFrom": from, "effectiveTo": to}
	}
	fsys := fstest.MapFS{
		"d/schema.json": {Data: []byte("{}")},
		"d/a.json":      vFile(t, v("zed", "2", "2027-01-01", "")),
		"d/b.json":      vFile(t, v("zed", "1", "2026-01-01", "2026-12-31")),
		"d/c.json":      vFile(t, v("alpha", "1", "2026-01-01", "")),
		"d/d.json":      vFile(t, v("main", "1", "2026-01-01", "")),
		"d/e.json":      vFile(t, map[string]string{"id": "ext", "version": "1", "effectiveFrom": "2026-01-01", "extends": "main@1"}),
	}
	set := document.LoadVersions(fsys, "d", vParse, vKind, "main", "zed")
	require.NoError(t, set.Err())
	ids := func(seq func(func(*vdoc) bool)) []string {
		var out []string
		for d := range seq {
			out = append(out, d.id+"@"+d.version)
		}
		return out
	}
	assert.Equal(t, []string{"main@1", "zed@2", "alpha@1", "ext@1"}, ids(set.Latest()), "first ids in order, the others alphabetically")
	assert.Equal(t, []string{"main@1", "zed@1", "zed@2", "alpha@1", "ext@1"}, ids(set.All()), "each id's versions oldest first")
	assert.Len(t, set.ByID()["zed"], 2)
	assert.Equal(t, "main@1", set.ByID()["ext"][0].base, "documents of the set extend one another")

	newest, err := set.Newest("zed")
	require.NoError(t, err)
	assert.Equal(t, "2", newest.version)
	_, err = set.Newest("nope")
	require.ErrorIs(t, err, errVUnknown)
	assert.NotContains(t, err.Error(), "nope")
	assert.Contains(t, err.Error(), "(builtins: main, zed)")

	for _, tc := range []struct {
		id      string
		on      time.Time
		version string
		err     error
	}{
		{"zed", time.Date(2026, 12, 31, 23, 59, 0, 0, london), "1", nil},
		{"zed", time.Date(2027, 1, 1, 0, 0, 0, 0, london), "2", nil},
		{"zed", time.Date(2026, 6, 30, 23, 30, 0, 0, time.UTC), "1", nil},
		{"zed", time.Date(2025, 12, 31, 23, 59, 0, 0, london), "", errVNotInForce},
		{"zed", time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), "", errVNotInForce},
		{"nope", time.Date(2026, 6, 1, 0, 0, 0, 0, london), "", errVUnknown},
	} {
		got, err := set.On(tc.id, tc.on)
		if tc.err != nil {
			require.ErrorIs(t, err, tc.err, "%s on %s", tc.id, tc.on)
			assert.Nil(t, got)
			continue
		}
		require.NoError(t, err, "%s on %s", tc.id, tc.on)
		assert.Equal(t, tc.version, got.version, "%s on %s", tc.id, tc.on)
	}

	got, err := set.Ref("zed@1")
	require.NoError(t, err)
	assert.Same(t, set.ByID()["zed"][0], got)
	for _, ref := range []string{"zed", "zed@3", "nope@1"} {
		got, err := set.Ref(ref)
		require.ErrorIs(t, err, errVUnknown, ref)
		assert.Nil(t, got)
	}
}

func TestLoadVersionsErrors(t *testing.T) {
	v1 := map[string]string{"id": "zed", "version": "1", "effectiveFrom": "2026-01-01", "effectiveTo": "2026-12-31"}
	v2early := map[string]string{"id": "zed", "version": "2", "effectiveFrom": "2026-12-31"}
	open := map[string]string{"id": "zed", "version": "1", "effectiveFrom": "2026-01-01"}
	v2 := map[string]string{"id": "zed", "version": "2", "effectiveFrom": "2027-01-01"}
	t.Run("overlap", func(t *testing.T) {
		set := document.LoadVersions(fstest.MapFS{"d/a.json": vFile(t, v1), "d/b.json": vFile(t, v2early)}, "d", vParse, vKind)
		require.ErrorIs(t, set.Err(), errVInvalid)
		assert.ErrorContains(t, set.Err(), "test: builtin toy file b.json: ")
		assert.ErrorContains(t, set.Err(), document.RuleOverlappingVersion)
		assert.Len(t, set.ByID()["zed"], 1, "the rest load")
	})
	t.Run("open_ended", func(t *testing.T) {
		set := document.LoadVersions(fstest.MapFS{"d/a.json": vFile(t, open), "d/b.json": vFile(t, v2)}, "d", vParse, vKind)
		assert.ErrorContains(t, set.Err(), document.RuleOverlappingVersion)
	})
	t.Run("a failed file is the error for its id", func(t *testing.T) {
		set := document.LoadVersions(fstest.MapFS{"d/a.json": {Data: []byte(`{"id": "zed"}`)}}, "d", vParse, vKind, "zed")
		require.Error(t, set.Err())
		for _, err := range []error{
			func() error { _, err := set.Newest("zed"); return err }(),
			func() error { _, err := set.On("zed", time.Now()); return err }(),
			func() error { _, err := set.Ref("zed@1"); return err }(),
		} {
			assert.Same(t, set.Err(), err)
		}
	})
	t.Run("an unreadable file is reported once", func(t *testing.T) {
		fsys := fstest.MapFS{"d/a.json": vFile(t, v1), "d/b.json": {Mode: fs.ModeDir}}
		set := document.LoadVersions(fsys, "d", vParse, vKind)
		require.Error(t, set.Err())
		joined, ok := set.Err().(interface{ Unwrap() []error })
		require.True(t, ok)
		assert.Len(t, joined.Unwrap(), 1, "the read error alone, not an empty document as well")
		assert.NotContains(t, set.Err().Error(), document.RuleEmptyDocument)
		assert.Len(t, set.ByID()["zed"], 1, "the rest load")
	})
	t.Run("bad pattern", func(t *testing.T) {
		set := document.LoadVersions(fstest.MapFS{}, "[", vParse, vKind)
		assert.Error(t, set.Err())
		assert.Empty(t, set.ByID())
	})
}

func TestCheckID(t *testing.T) {
	fsys := fstest.MapFS{"d/a.json": vFile(t, map[string]string{"id": "zed", "version": "1", "effectiveFrom": "2026-01-01", "title": "digest-1"})}
	set := document.LoadVersions(fsys, "d", vParse, vKind)
	require.NoError(t, set.Err())
	for _, tc := range []struct {
		name string
		doc  *vdoc
		ok   bool
	}{
		{"another id", &vdoc{id: "other", digest: "x"}, true},
		{"a version of the builtin", &vdoc{id: "zed", version: "2", base: "zed@1", digest: "x"}, true},
		{"a copy of a builtin version", &vdoc{id: "zed", version: "1", digest: "digest-1"}, true},
		{"a base document taking the id", &vdoc{id: "zed", version: "9", digest: "x"}, false},
		{"extending another id", &vdoc{id: "zed", version: "9", base: "other@1", digest: "x"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := set.CheckID(tc.doc)
			if tc.ok {
				require.NoError(t, err)
				assert.Same(t, tc.doc, got)
				return
			}
			require.ErrorIs(t, err, errVInvalid)
			assert.ErrorContains(t, err, document.RuleBuiltinID)
			assert.ErrorContains(t, err, "a builtin toy's")
			assert.Nil(t, got)
		})
	}
}

func TestResolveBase(t *testing.T) {
	base := &vdoc{id: "main", version: "1"}
	resolver := func(ref string) (*vdoc, error) {
		switch ref {
		case "main@1":
			return base, nil
		case "wrong@1":
			return base, nil
		case "loop@1":
			return nil, document.ErrCycle
		case "nil@1":
			return nil, nil
		}
		return nil, errors.New("unknown")
	}
	self := document.Ref{ID: "ext", Version: "1"}
	for _, tc := range []struct {
		extends, rule string
		sentinel      error
	}{
		{"main", document.RuleUnpinnedBase, errVInvalid},
		{"ext@1", document.RuleExtendsCycle, errVInvalid},
		{"loop@1", document.RuleExtendsCycle, errVInvalid},
		{"gone@1", document.RuleUnknownBase, errVUnknown},
		{"nil@1", document.RuleUnknownBase, errVUnknown},
		{"wrong@1", document.RuleBaseMismatch, errVInvalid},
	} {
		t.Run(tc.extends, func(t *testing.T) {
			c := &document.Checker{Sentinel: errVInvalid}
			assert.Nil(t, document.ResolveBase(c, vKind, self, tc.extends, resolver))
			require.Len(t, c.Findings, 1)
			f := c.Findings[0]
			assert.Equal(t, "extends", f.Path)
			assert.Equal(t, tc.rule, f.Rule)
			assert.Equal(t, continuum.Error, f.Severity)
			assert.ErrorIs(t, f, tc.sentinel)
		})
	}
	c := &document.Checker{Sentinel: errVInvalid}
	assert.Same(t, base, document.ResolveBase(c, vKind, self, "main@1", resolver))
	assert.Empty(t, c.Findings)
}

// marshaler writes fixed bytes, or fails.
type marshaler struct {
	data []byte
	err  error
}

func (m marshaler) MarshalJSON() ([]byte, error) { return m.data, m.err }

func TestKindDigest(t *testing.T) {
	// The SHA-256 of "{}", as sha256sum computes it.
	assert.Equal(t, "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", vKind.Digest(marshaler{data: []byte("{}")}))
	assert.NotEqual(t, vKind.Digest(marshaler{data: []byte("{}")}), vKind.Digest(marshaler{data: []byte("[]")}))
	assert.PanicsWithValue(t, "test: canonical document: broken", func() { vKind.Digest(marshaler{err: errors.New("broken")}) })
}
