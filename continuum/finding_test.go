package continuum_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

var errTestSentinel = errors.New("test: sentinel")

func TestFindingError(t *testing.T) {
	tests := []struct {
		name   string
		f      continuum.Finding
		want   string
		reason string
	}{
		{"path_rule_msg", continuum.Finding{Path: "indicators[2]", Rule: "unknown-indicator", Severity: continuum.Error, Msg: "no such code"},
			"indicators[2]: unknown-indicator: no such code", ""},
		{"no_path", continuum.Finding{Rule: "json-syntax", Severity: continuum.Error, Msg: "malformed JSON"},
			"json-syntax: malformed JSON", "the path is left out when empty"},
		{"no_msg_err_supplies", continuum.Finding{Path: "to", Rule: "bad-level", Severity: continuum.Error, Err: errTestSentinel},
			"to: bad-level: test: sentinel", "Err supplies the message when Msg is empty"},
		{"msg_wins_over_err", continuum.Finding{Path: "to", Rule: "bad-level", Severity: continuum.Error, Err: errTestSentinel, Msg: "explained"},
			"to: bad-level: explained", "Msg is preferred"},
		{"rule_only", continuum.Finding{Rule: "empty"},
			"empty", "no path, no message"},
		{"query", continuum.Finding{Path: "to", Rule: "level-differs", Severity: continuum.Query, Msg: "asked above the decision"},
			"to: level-differs: asked above the decision (query)", "queries say so"},
		{"query_no_msg", continuum.Finding{Rule: "level-differs", Severity: continuum.Query},
			"level-differs (query)", "queries say so"},
		{"zero", continuum.Finding{}, "", "the zero Finding"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			assert.Equal(t, tt.want, f.Error(), tt.reason)
		})
	}
}

func TestFindingUnwrap(t *testing.T) {
	f := &continuum.Finding{Rule: "r", Err: fmt.Errorf("wrapped: %w", errTestSentinel)}
	assert.ErrorIs(t, f, errTestSentinel)
	assert.Nil(t, (&continuum.Finding{}).Unwrap())
}

// findingsFixture is a list in an unsorted order, with an index path that sorts
// differently as text and as numbers.
func findingsFixture() continuum.Findings {
	var fs continuum.Findings
	fs = fs.Add("indicators[10]", "unknown-indicator", continuum.Error, errTestSentinel, "not in the catalogue")
	fs = fs.Add("to", "level-differs", continuum.Query, nil, "asked above the decision")
	fs = fs.Add("indicators[2]", "unknown-indicator", continuum.Error, nil, "not in the catalogue")
	fs = fs.Add("indicators[2]", "duplicate-code", continuum.Error, nil, "repeated")
	fs = fs.Add("", "consent", continuum.Query, nil, "consent not sought")
	return fs
}

func TestFindingsError(t *testing.T) {
	t.Run("none", func(t *testing.T) {
		assert.Equal(t, "no findings", continuum.Findings(nil).Error())
		assert.Equal(t, "no findings", continuum.Findings{}.Error())
	})
	t.Run("one", func(t *testing.T) {
		fs := continuum.Findings{}.Add("to", "r", continuum.Error, nil, "m")
		assert.Equal(t, "to: r: m", fs.Error())
	})
	t.Run("many_sorted", func(t *testing.T) {
		want := "5 findings:" +
			"\n\tconsent: consent not sought (query)" +
			"\n\tindicators[2]: duplicate-code: repeated" +
			"\n\tindicators[2]: unknown-indicator: not in the catalogue" +
			"\n\tindicators[10]: unknown-indicator: not in the catalogue" +
			"\n\tto: level-differs: asked above the decision (query)"
		if diff := cmp.Diff(want, findingsFixture().Error()); diff != "" {
			t.Errorf("Error() (-want +got):\n%s", diff)
		}
	})
}

func TestFindingsSorted(t *testing.T) {
	tests := []struct {
		name   string
		paths  []string
		want   []string
		reason string
	}{
		{"numeric_index", []string{"indicators[10]", "indicators[2]", "indicators[1]"}, []string{"indicators[1]", "indicators[2]", "indicators[10]"}, "indexes compare as numbers"},
		{"nested_index", []string{"a[1].b[10]", "a[1].b[9]", "a[0].c"}, []string{"a[0].c", "a[1].b[9]", "a[1].b[10]"}, "every number compares as a number"},
		{"leading_zeros", []string{"x[010]", "x[9]"}, []string{"x[9]", "x[010]"}, "leading zeros do not change the number"},
		{"empty_first", []string{"a", ""}, []string{"", "a"}, "the whole input sorts first"},
		{"prefix_first", []string{"ab", "a"}, []string{"a", "ab"}, "a prefix sorts first"},
		{"text", []string{"to", "from", "consent"}, []string{"consent", "from", "to"}, "text sorts as text"},
		{"long_numbers", []string{"i[100000000000000000000001]", "i[99999999999999999999999]"}, []string{"i[99999999999999999999999]", "i[100000000000000000000001]"}, "numbers of any length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var fs continuum.Findings
			for _, p := range tt.paths {
				fs = fs.Add(p, "r", continuum.Error, nil, "")
			}
			var got []string
			for _, f := range fs.Sorted() {
				got = append(got, f.Path)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}

	t.Run("then_rule_then_message", func(t *testing.T) {
		var fs continuum.Findings
		fs = fs.Add("p", "b", continuum.Error, nil, "2")
		fs = fs.Add("p", "a", continuum.Error, nil, "9")
		fs = fs.Add("p", "b", continuum.Error, nil, "1")
		var got []string
		for _, f := range fs.Sorted() {
			got = append(got, f.Rule+f.Msg)
		}
		assert.Equal(t, []string{"a9", "b1", "b2"}, got)
	})

	t.Run("does_not_modify_receiver", func(t *testing.T) {
		fs := findingsFixture()
		before := slices.Clone(fs)
		sorted := fs.Sorted()
		require.Len(t, sorted, len(fs))
		assert.Equal(t, before, fs, "the receiver keeps its order")
		assert.NotEqual(t, fs[0].Path, sorted[0].Path, "the fixture is not already sorted")
		sorted[0] = nil
		assert.NotNil(t, fs[0], "the result does not share the receiver's array")
	})

	t.Run("nil", func(t *testing.T) {
		assert.Empty(t, continuum.Findings(nil).Sorted())
	})
}

func TestFindingsUnwrap(t *testing.T) {
	fs := findingsFixture()
	errs := fs.Unwrap()
	require.Len(t, errs, len(fs))
	for i := range fs {
		assert.Same(t, fs[i], errs[i], "Unwrap returns the findings in order")
	}

	var err error = fs
	assert.ErrorIs(t, err, errTestSentinel, "errors.Is finds a sentinel inside one finding")
	assert.NotErrorIs(t, err, continuum.ErrSyntax)

	var f *continuum.Finding
	require.True(t, errors.As(err, &f), "errors.As finds a *Finding")
	assert.Equal(t, "indicators[10]", f.Path, "the first finding in list order")

	wrapped := fmt.Errorf("routing: %w", fs.Err())
	assert.ErrorIs(t, wrapped, errTestSentinel, "through a wrapping error too")

	var fs2 continuum.Findings
	require.True(t, errors.As(wrapped, &fs2))
	assert.Len(t, fs2, len(fs))

	assert.Empty(t, continuum.Findings(nil).Unwrap())
}

func TestFindingsErr(t *testing.T) {
	t.Run("nil_list", func(t *testing.T) {
		var fs continuum.Findings
		var err error = fs.Err()
		assert.True(t, err == nil, "Err of a nil list is a nil error, not a typed nil")
	})
	t.Run("empty_list", func(t *testing.T) {
		fs := continuum.Findings{}
		var err error = fs.Err()
		assert.True(t, err == nil, "Err of an empty list is a nil error, not a typed nil")
	})
	t.Run("returned_through_a_function", func(t *testing.T) {
		validate := func(fs continuum.Findings) error { return fs.Err() }
		assert.True(t, validate(nil) == nil)
		assert.True(t, validate(continuum.Findings{}) == nil)
		assert.False(t, validate(findingsFixture()) == nil)
	})
	t.Run("non_empty", func(t *testing.T) {
		fs := findingsFixture()
		err := fs.Err()
		require.Error(t, err)
		var got continuum.Findings
		require.True(t, errors.As(err, &got))
		assert.Len(t, got, len(fs))
		assert.Equal(t, fs.Error(), err.Error())
	})
}

func TestFindingsFilters(t *testing.T) {
	fs := findingsFixture()
	assert.True(t, fs.HasErrors())

	errs := fs.Errors()
	assert.Len(t, errs, 3)
	for _, f := range errs {
		assert.Equal(t, continuum.Error, f.Severity)
	}
	queries := fs.Queries()
	assert.Len(t, queries, 2)
	for _, f := range queries {
		assert.Equal(t, continuum.Query, f.Severity)
	}
	assert.Len(t, fs, 5, "the receiver keeps every finding")
	assert.Equal(t, findingsFixture().Error(), fs.Error(), "filters do not change the receiver")

	assert.False(t, queries.HasErrors(), "only queries: nothing blocks")
	assert.False(t, continuum.Findings(nil).HasErrors())
	assert.Empty(t, continuum.Findings(nil).Errors())
	assert.Empty(t, continuum.Findings(nil).Queries())

	zeroSeverity := continuum.Findings{}.Add("", "r", 0, nil, "")
	assert.True(t, zeroSeverity.HasErrors(), "a finding that is not a query blocks")
	assert.Len(t, zeroSeverity.Errors(), 1)
}

func TestFindingsRules(t *testing.T) {
	want := []string{"consent", "duplicate-code", "unknown-indicator", "unknown-indicator", "level-differs"}
	if diff := cmp.Diff(want, findingsFixture().Rules()); diff != "" {
		t.Errorf("Rules() in sorted order, duplicates kept (-want +got):\n%s", diff)
	}
	assert.Empty(t, continuum.Findings(nil).Rules())
}

func TestFindingsAdd(t *testing.T) {
	var fs continuum.Findings
	fs = fs.Add("a", "r", continuum.Query, errTestSentinel, "m")
	require.Len(t, fs, 1)
	want := &continuum.Finding{Path: "a", Rule: "r", Severity: continuum.Query, Err: errTestSentinel, Msg: "m"}
	assert.Equal(t, want, fs[0])
}

func TestFindingJSON(t *testing.T) {
	f := continuum.Finding{Path: "to", Rule: "r", Severity: continuum.Query, Err: errTestSentinel, Msg: "m"}
	b, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"path":"to","rule":"r","severity":"query","message":"m"}`, string(b), "Err is not encoded")
}

func TestFindingsWithin(t *testing.T) {
	fs := continuum.Findings{}.
		Add("indicators[2]", "unknown-indicator", continuum.Error, nil, "m").
		Add("", "missing-field", continuum.Error, nil, "m").
		Add("[0]", "wrong-type", continuum.Query, nil, "m")
	got := fs.Within("case")
	var paths []string
	for _, f := range got {
		paths = append(paths, f.Path)
	}
	assert.Equal(t, []string{"case.indicators[2]", "case", "case[0]"}, paths)
	assert.Equal(t, "indicators[2]", fs[0].Path, "the receiver's findings are unchanged")
	assert.Equal(t, continuum.Query, got[2].Severity, "everything but the path is kept")
	assert.Empty(t, continuum.Findings(nil).Within("case"))
}

// pathRule is the part of a Finding the Merge tests pin.
type pathRule struct {
	Path string
	Rule string
}

// pathRules returns the paths and rules of fs in sorted order.
func pathRules(fs continuum.Findings) []pathRule {
	var out []pathRule
	for _, f := range fs.Sorted() {
		out = append(out, pathRule{f.Path, f.Rule})
	}
	return out
}

func TestFindingsMerge(t *testing.T) {
	var structural continuum.Findings
	structural = structural.Add("levels[0]", "wrong-type", continuum.Error, nil, "want a string")
	var semantic continuum.Findings
	semantic = semantic.Add("levels[0]", "missing-field", continuum.Error, nil, "a value is required")
	semantic = semantic.Add("name", "missing-field", continuum.Error, nil, "a value is required")

	got := structural.Merge(semantic)
	assert.Equal(t, []pathRule{{"levels[0]", "wrong-type"}, {"name", "missing-field"}}, pathRules(got),
		"a path that already has a finding gets no second one")
	assert.Len(t, structural, 1, "the receiver is not changed")

	assert.Equal(t, pathRules(semantic), pathRules(continuum.Findings(nil).Merge(semantic)))
	assert.Equal(t, pathRules(structural), pathRules(structural.Merge(nil)))
	assert.Empty(t, continuum.Findings(nil).Merge(nil))
}

// Regression test (the bug is fixed): Merge appended to its receiver's backing array (out := fs; out = append(out, f)),
// so two merges into the same list, when it had spare capacity, overwrote each other:
// the first result changed when the second was made. Findings are documented as safe to
// share. Input: base with len 1, cap 4; a := base.Merge(x); b := base.Merge(y).
// Expected: a still holds x's finding.
// Source: finding.go, Findings.Merge.
func TestFindingsMergeDoesNotAlias(t *testing.T) {
	base := make(continuum.Findings, 0, 4).Add("a", "r", continuum.Error, nil, "m")
	x := continuum.Findings{}.Add("x", "r", continuum.Error, nil, "m")
	y := continuum.Findings{}.Add("y", "r", continuum.Error, nil, "m")
	first := base.Merge(x)
	second := base.Merge(y)
	assert.Equal(t, []pathRule{{"a", "r"}, {"y", "r"}}, pathRules(second))
	assert.Equal(t, []pathRule{{"a", "r"}, {"x", "r"}}, pathRules(first), "the first merge's result must not change")
}
