package thresholds_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

func TestExtendsFindings(t *testing.T) {
	kent := ptBuiltin(t, "kent")
	tests := []struct {
		name   string
		doc    []byte
		opts   thresholds.ParseOptions
		want   []string
		err    error // the sentinel; ErrInvalidDocument when nil
		reason string
	}{
		{
			name: "base_error", reason: "an error from Base is an unknown base",
			doc:  ptEditExt(t, func(map[string]any) {}),
			opts: thresholds.ParseOptions{Base: func(string) (*thresholds.Framework, error) { return nil, errors.New("offline") }},
			want: []string{"extends unknown-base"}, err: thresholds.ErrUnknownFramework,
		},
		{
			name: "base_nil", reason: "Base returning neither framework nor error is an unknown base, not a panic",
			doc:  ptEditExt(t, func(map[string]any) {}),
			opts: thresholds.ParseOptions{Base: func(string) (*thresholds.Framework, error) { return nil, nil }},
			want: []string{"extends unknown-base"}, err: thresholds.ErrUnknownFramework,
		},
		{
			name: "base_mismatch", reason: "Base returned a framework with another id than the reference names",
			doc:  ptEditExt(t, func(map[string]any) {}),
			opts: thresholds.ParseOptions{Base: func(string) (*thresholds.Framework, error) { return kent, nil }},
			want: []string{"extends base-mismatch"},
		},
		{
			name: "base_mismatch_version", reason: "the right id at another version",
			doc:  ptEditExt(t, func(m map[string]any) { m["extends"] = "england@0.9.0" }),
			opts: thresholds.ParseOptions{Base: func(string) (*thresholds.Framework, error) { return thresholds.Default(), nil }},
			want: []string{"extends base-mismatch"},
		},
		{
			name: "builtin_id", reason: "an extension of england may not take kent's id",
			doc:  ptEditExt(t, func(m map[string]any) { m["id"] = "kent" }),
			want: []string{"id builtin-id"},
		},
		{
			name: "builtin_id_base", reason: "nor may a base document take england's",
			doc:  ptEdit(t, func(m map[string]any) { m["id"] = "england" }),
			want: []string{"id builtin-id"},
		},
		{
			name: "builtin_id_changed_copy", reason: "a flattened builtin with one change is not a copy",
			doc: func() []byte {
				var m map[string]any
				data, err := json.Marshal(kent)
				require.NoError(t, err)
				require.NoError(t, json.Unmarshal(data, &m))
				m["title"] = "Another title"
				return ptEncode(t, m)
			}(),
			want: []string{"id builtin-id"},
		},
		{
			name: "invalid_period", reason: "effectiveTo before effectiveFrom",
			doc:  ptEditExt(t, func(m map[string]any) { m["effectiveTo"] = "2026-03-31" }),
			want: []string{"effectiveTo invalid-period"},
		},
		{
			name: "invalid_period_date", reason: "effectiveTo is a date",
			doc:  ptEdit(t, func(m map[string]any) { m["effectiveTo"] = "31/12/2026" }),
			want: []string{"effectiveTo invalid-date"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := tt.opts.Parse(tt.doc)
			assert.Nil(t, fw)
			assert.Equal(t, tt.want, ptKeys(t, err), tt.reason)
			sentinel := tt.err
			if sentinel == nil {
				sentinel = thresholds.ErrInvalidDocument
			}
			assert.ErrorIs(t, err, sentinel)
		})
	}
}

func TestExtendsAllowed(t *testing.T) {
	tests := []struct {
		name   string
		doc    []byte
		reason string
	}{
		{name: "version_of_builtin", reason: "a new version of england extends a version of england",
			doc: ptEditExt(t, func(m map[string]any) { m["id"], m["version"], m["effectiveFrom"] = "england", "2.0.0", "2030-01-01" })},
		{name: "bounded", reason: "effectiveTo on effectiveFrom: one day in force",
			doc: ptEditExt(t, func(m map[string]any) { m["effectiveTo"] = m["effectiveFrom"] })},
	}
	for fw := range thresholds.BuiltinVersions() {
		data, err := json.Marshal(fw)
		require.NoError(t, err)
		tests = append(tests, struct {
			name   string
			doc    []byte
			reason string
		}{name: "copy_of_" + fw.ID(), doc: data, reason: "the canonical copy of a builtin keeps its id: same digest"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := thresholds.Parse(tt.doc)
			require.NoError(t, err, tt.reason)
		})
	}
}

func TestParseAll(t *testing.T) {
	ext := func(id, extends string, edit func(m map[string]any)) []byte {
		return ptEditExt(t, func(m map[string]any) {
			m["id"], m["extends"] = id, extends
			if edit != nil {
				edit(m)
			}
		})
	}
	a := ext("alpha", "beta@1.0.0", nil)
	b := ext("beta", "alpha@1.0.0", nil)
	self := ext("gamma", "gamma@1.0.0", nil)
	into := ext("delta", "alpha@1.0.0", nil)
	v1 := ext("testshire", "england@1.0.0", func(m map[string]any) { m["effectiveTo"] = "2027-03-31" })
	v2 := ext("testshire", "testshire@1.0.0", func(m map[string]any) { m["version"], m["effectiveFrom"] = "2.0.0", "2027-04-01" })
	v2early := ext("testshire", "england@1.0.0", func(m map[string]any) { m["version"], m["effectiveFrom"] = "2.0.0", "2027-03-31" })
	broken := ext("epsilon", "england@1.0.0", func(m map[string]any) { m["title"] = "" })
	onBroken := ext("zeta", "epsilon@1.0.0", nil)
	missing := ext("eta", "nowhere@1.0.0", nil)
	tests := []struct {
		name   string
		docs   [][]byte
		want   [][]string // per document; nil: parses
		reason string
	}{
		{name: "cycle", docs: [][]byte{a, b}, want: [][]string{{"extends extends-cycle"}, {"extends extends-cycle"}}, reason: "both ends"},
		{name: "self", docs: [][]byte{self}, want: [][]string{{"extends extends-cycle"}}, reason: "self-reference"},
		{name: "into_cycle", docs: [][]byte{into, a, b}, want: [][]string{{"extends extends-cycle"}, {"extends extends-cycle"}, {"extends extends-cycle"}}, reason: "leading into a cycle"},
		{name: "versions", docs: [][]byte{v2, v1}, want: [][]string{nil, nil}, reason: "a version extending the one before, listed first"},
		{name: "overlap", docs: [][]byte{v1, v2early}, want: [][]string{nil, {"effectiveFrom overlapping-versions"}}, reason: "31 March 2027 in both"},
		{name: "duplicate", docs: [][]byte{v1, v1}, want: [][]string{nil, {"version duplicate-version"}}, reason: "the same id and version"},
		{name: "broken_base", docs: [][]byte{onBroken, broken}, want: [][]string{{"extends unknown-base"}, {"title missing-field"}}, reason: "the base in the set fails"},
		{name: "missing_base", docs: [][]byte{missing}, want: [][]string{{"extends unknown-base"}}, reason: "neither in the set nor a builtin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := thresholds.ParseOptions{}.ParseAll(tt.docs...)
			require.Len(t, got, len(tt.docs))
			require.Len(t, errs, len(tt.docs))
			for i, want := range tt.want {
				if want == nil {
					require.NoError(t, errs[i], "%s: document %d", tt.reason, i)
					continue
				}
				assert.Nil(t, got[i])
				assert.Equal(t, want, ptKeys(t, errs[i]), "%s: document %d", tt.reason, i)
			}
		})
	}
	t.Run("chain_from_files", func(t *testing.T) {
		got, errs := thresholds.ParseOptions{}.ParseAll(ptRead(t, "testdata/chain/lowmere.json"), ptRead(t, "testdata/chain/wyvernshire.json"))
		require.NoError(t, errors.Join(errs...))
		district, county := got[0], got[1]
		assert.Equal(t, "wyvernshire@1.0.0", district.Base())
		assert.Equal(t, "wyvernshire", district.Extends())
		assert.True(t, district.DerivesFrom("england"))
		assert.True(t, district.DerivesFrom("wyvernshire"))
		assert.False(t, county.DerivesFrom("lowmere"), "lineage runs up, not down")
		assert.Equal(t, "Lowmere Universal - Level 1", district.Label(continuum.Universal), "the district's label")
		assert.Equal(t, "Wyvernshire Early Help - Level 2", district.Label(continuum.Additional), "the county's, inherited")
		assert.Equal(t, ptEngland2023(t).Label(continuum.Specialist), district.Label(continuum.Specialist), "england's, two levels up")
		_, ok := district.Indicator(continuum.MustParseCode("WYV-EDU-2-01"))
		assert.False(t, ok, "the county's addition, removed by the district")
		_, ok = district.Indicator(continuum.MustParseCode("EDU-1-01"))
		assert.False(t, ok, "removed by the county")
		hlt, ok := district.Indicator(continuum.MustParseCode("HLT-2-01"))
		require.True(t, ok)
		assert.Contains(t, hlt.Summary, "Fixture wording", "the county's replacement")
		d, err := district.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("LOW-HSG-2-01")}})
		require.NoError(t, err)
		assert.Equal(t, continuum.Intensive, d.Level, "the district's step-up: 2 needs across 2 sides")
		d, err = county.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("HSG-2-01")}})
		require.NoError(t, err)
		assert.Equal(t, continuum.Additional, d.Level, "the county keeps england's 3 needs")
		assert.Equal(t, ptEngland2023(t).Len(), county.Len(), "the county removes one and adds one")
		assert.Equal(t, county.Len(), district.Len(), "so does the district")
		assert.Len(t, slices.Collect(district.Sources()), len(slices.Collect(ptEngland2023(t).Sources()))+2, "one source each added")
	})
}

// TestChainWithBase resolves the three-level chain through ParseOptions.Base, each level
// parsed on its own with a lookup of those already parsed, and gets what a set gives.
func TestChainWithBase(t *testing.T) {
	parsed := map[string]*thresholds.Framework{}
	var asked []string
	opts := thresholds.ParseOptions{Base: func(ref string) (*thresholds.Framework, error) {
		asked = append(asked, ref)
		if fw, ok := parsed[ref]; ok {
			return fw, nil
		}
		if ref == "england@1.0.0" {
			return thresholds.BuiltinOn("england", time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC))
		}
		return nil, errors.New("not parsed yet")
	}}
	county, err := opts.Parse(ptRead(t, "testdata/chain/wyvernshire.json"))
	require.NoError(t, err)
	parsed["wyvernshire@1.0.0"] = county
	district, err := opts.Parse(ptRead(t, "testdata/chain/lowmere.json"))
	require.NoError(t, err)
	assert.Equal(t, []string{"england@1.0.0", "wyvernshire@1.0.0"}, asked, "Base receives the reference as written")

	set, errs := thresholds.ParseOptions{}.ParseAll(ptRead(t, "testdata/chain/wyvernshire.json"), ptRead(t, "testdata/chain/lowmere.json"))
	require.NoError(t, errors.Join(errs...))
	assert.Equal(t, set[0].Digest(), county.Digest())
	assert.Equal(t, set[1].Digest(), district.Digest())
}

// TestExtendsNoEcho checks that no finding or error repeats a reference or id a caller
// wrote.
func TestExtendsNoEcho(t *testing.T) {
	const probe = "zqxprobe"
	docs := [][]byte{
		ptEditExt(t, func(m map[string]any) { m["extends"] = probe + "@9.9.9" }),
		ptEditExt(t, func(m map[string]any) { m["extends"] = probe }),
		ptEditExt(t, func(m map[string]any) { m["extends"] = "england@" + probe }),
	}
	for _, doc := range docs {
		_, err := thresholds.Parse(doc)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), probe)
		_, errs := thresholds.ParseOptions{}.ParseAll(doc, doc)
		for _, err := range errs {
			assert.NotContains(t, err.Error(), probe)
		}
	}
	_, err := thresholds.Builtin(probe)
	assert.NotContains(t, err.Error(), probe)
	_, err = thresholds.BuiltinOn(probe, time.Now())
	assert.NotContains(t, err.Error(), probe)
}
