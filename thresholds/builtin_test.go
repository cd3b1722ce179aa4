package thresholds_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

func TestBuiltin(t *testing.T) {
	tests := []struct {
		name    string
		reason  string
		id      string
		wantErr error
	}{
		{"england", "the national base is embedded", "england", nil},
		{"kent", "Kent extends england", "kent", nil},
		{"durham", "Durham extends england", "durham", nil},
		{"unknown", "an id that names no builtin", "nope", thresholds.ErrUnknownFramework},
		{"empty", "the empty id names no builtin", "", thresholds.ErrUnknownFramework},
		{"wrong_case", "ids are lower-case tokens, matched exactly", "England", thresholds.ErrUnknownFramework},
		{"schema", "the schema file beside the frameworks is not a framework", "schema", thresholds.ErrUnknownFramework},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fw, err := thresholds.Builtin(tt.id)
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr, tt.reason)
				assert.Nil(t, fw)
				return
			}
			require.NoError(t, err, tt.reason)
			require.NotNil(t, fw)
			assert.Equal(t, tt.id, fw.ID())
			assert.NotEmpty(t, fw.Title())
			assert.NotEmpty(t, fw.Version())
			assert.False(t, fw.EffectiveFrom().IsZero())
			again, err := thresholds.Builtin(tt.id)
			require.NoError(t, err)
			assert.Same(t, fw, again, "builtins are parsed once and shared")
		})
	}
}

func TestBuiltinsOrder(t *testing.T) {
	var ids []string
	for fw := range thresholds.Builtins() {
		ids = append(ids, fw.ID())
	}
	assert.Equal(t, []string{"england", "kent", "durham"}, ids)

	// Stopping early is honoured.
	var first []string
	for fw := range thresholds.Builtins() {
		first = append(first, fw.ID())
		break
	}
	assert.Equal(t, []string{"england"}, first)
}

func TestDefault(t *testing.T) {
	england, err := thresholds.Builtin("england")
	require.NoError(t, err)
	assert.Same(t, england, thresholds.Default())
	assert.Equal(t, "2.0.0", england.Version(), "the newest England version: Working Together 2026")
	assert.Equal(t, "england@1.0.0", england.Base(), "a version of england built on the one before it")
	assert.True(t, england.DerivesFrom("england"))
	assert.Empty(t, ptEngland2023(t).Extends(), "the first England version is a base framework")
}

// TestBuiltinCatalogues checks every record of every builtin.
func TestBuiltinCatalogues(t *testing.T) {
	for fw := range thresholds.Builtins() {
		t.Run(fw.ID(), func(t *testing.T) {
			register := map[string]continuum.Citation{}
			for s := range fw.Sources() {
				assert.NotContains(t, register, s.Source, "source %s registered twice", s.Source)
				register[s.Source] = s
				assert.True(t, strings.HasPrefix(s.URL, "https://"), "source %s url %q", s.Source, s.URL)
			}
			seen := map[continuum.Code]bool{}
			n := 0
			for ind := range fw.Indicators() {
				n++
				code := ind.Code.String()
				assert.True(t, ind.Code.IsValid(), "indicator %d has no code", n)
				assert.False(t, seen[ind.Code], "%s appears twice", code)
				seen[ind.Code] = true
				assert.True(t, ind.Level.IsValid(), "%s level", code)
				assert.True(t, ind.Dimension.IsValid(), "%s dimension", code)
				assert.True(t, ind.Kind.IsValid(), "%s kind", code)
				assert.NotEmpty(t, strings.TrimSpace(ind.Summary), "%s summary", code)
				if assert.NotEmpty(t, ind.Citations, "%s has no citation", code) {
					for _, c := range ind.Citations {
						assert.Equal(t, register[c.Source], c, "%s cites %s, which must be in Sources()", code, c.Source)
					}
				}
				if ind.Kind.IsTrigger() {
					assert.Equal(t, continuum.Specialist, ind.Level, "%s is a trigger and must be Specialist", code)
				}
				got, ok := fw.Indicator(ind.Code)
				assert.True(t, ok, "Indicator(%s)", code)
				assert.Equal(t, ind, got, "Indicator(%s) agrees with Indicators()", code)
			}
			assert.Equal(t, fw.Len(), n, "Len agrees with Indicators")
			for l := range continuum.Levels() {
				assert.NotEmpty(t, fw.Label(l), "label of %s", l)
			}
			assert.Empty(t, fw.Label(0), "the zero Level has no label")
		})
	}
}

func TestBuiltinEngland(t *testing.T) {
	fw := thresholds.Default()
	kinds := map[continuum.Kind]int{}
	needLevels := map[continuum.Level]int{}
	needDims := map[continuum.Dimension]bool{}
	for ind := range fw.Indicators() {
		kinds[ind.Kind]++
		if ind.Kind == continuum.Need {
			needLevels[ind.Level]++
			needDims[ind.Dimension] = true
		}
	}
	assert.Equal(t, 13, kinds[continuum.SignificantHarm], "significant-harm indicators")
	assert.Equal(t, 3, kinds[continuum.ImmediateDanger], "immediate-danger indicators")
	for l := range continuum.Levels() {
		assert.Positive(t, needLevels[l], "needs at %s", l)
	}
	for d := range continuum.Dimensions() {
		assert.True(t, needDims[d], "no need filed under %s (%s)", d, d.Label())
	}
	assert.Len(t, needDims, continuum.NumDimensions)

	tests := []struct {
		name                string
		reason              string
		level               continuum.Level
		wantNeeds, wantDoms int
		wantOK              bool
	}{
		{"universal", "Universal never steps up", continuum.Universal, 0, 0, false},
		{"additional", "DESIGN §5: 3 needs across 2 domains", continuum.Additional, 3, 2, true},
		{"intensive", "DESIGN §5: Intensive never steps up to Specialist", continuum.Intensive, 0, 0, false},
		{"specialist", "Specialist is the top", continuum.Specialist, 0, 0, false},
		{"zero_level", "the zero Level is not a level", 0, 0, 0, false},
		{"out_of_range", "Level(9) is not a level", 9, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run("step_up_"+tt.name, func(t *testing.T) {
			n, d, ok := fw.StepUp(tt.level)
			assert.Equal(t, []any{tt.wantNeeds, tt.wantDoms, tt.wantOK}, []any{n, d, ok}, tt.reason)
		})
	}
}

func TestBuiltinKentLabels(t *testing.T) {
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	want := []string{
		"Universal Support - Level 1",
		"Additional Support - Level 2",
		"Intensive Support - Level 3",
		"Specialist Support - Level 4",
	}
	var got []string
	for l := range continuum.Levels() {
		got = append(got, kent.Label(l))
	}
	assert.Equal(t, want, got)
	assert.Equal(t, "england", kent.Extends())
}

func TestBuiltinDurhamLabelNotes(t *testing.T) {
	durham, err := thresholds.Builtin("durham")
	require.NoError(t, err)
	england := ptEngland2023(t) // the version Durham pins
	unconfirmed := 0
	for l := range continuum.Levels() {
		t.Run(l.String(), func(t *testing.T) {
			if durham.Label(l) == england.Label(l) {
				// Durham's own label could not be confirmed: the England label stands in,
				// and the note must say so.
				unconfirmed++
				assert.NotEmpty(t, durham.LabelNote(l), "Durham shows England's label for %s without a note", l)
			}
		})
	}
	assert.Positive(t, unconfirmed, "Durham has levels whose labels are not confirmed")
	assert.Equal(t, "Child in Need: more complex cases - Level 3 Amber", durham.Label(continuum.Intensive))
	assert.Empty(t, durham.LabelNote(0))
	for l := range continuum.Levels() {
		assert.Empty(t, england.LabelNote(l), "England's canonical labels need no caveat (%s)", l)
	}
}

// TestIndicatorReturnsCopy checks that a caller changing what it got changes no
// framework.
func TestIndicatorReturnsCopy(t *testing.T) {
	fw := thresholds.Default()
	code := continuum.MustParseCode("HLT-2-01")

	first, ok := fw.Indicator(code)
	require.True(t, ok)
	require.NotEmpty(t, first.Citations)
	want := first.Citations[0]
	first.Citations[0].Title = "changed"
	first.Citations[0].Source = "XX"
	first.Summary = "changed"
	second, ok := fw.Indicator(code)
	require.True(t, ok)
	assert.Equal(t, want, second.Citations[0], "Indicator returned shared citations")
	assert.NotEqual(t, "changed", second.Summary)

	for ind := range fw.Indicators() {
		require.NotEmpty(t, ind.Citations)
		ind.Citations[0] = continuum.Citation{Source: "XX", Title: "changed"}
	}
	for ind := range fw.Indicators() {
		assert.NotEqual(t, "XX", ind.Citations[0].Source, "Indicators returned shared citations (%s)", ind.Code)
	}
	third, _ := fw.Indicator(code)
	assert.Equal(t, want, third.Citations[0])

	_, ok = fw.Indicator(continuum.MustParseCode("NOPE-1"))
	assert.False(t, ok)
	_, ok = fw.Indicator(continuum.Code{})
	assert.False(t, ok)
}

// TestBuiltinDigests checks digests: distinct between builtins, stable across calls, and
// the same when the embedded file is parsed again.
func TestBuiltinDigests(t *testing.T) {
	seen := map[string]string{}
	for fw := range thresholds.Builtins() {
		t.Run(fw.ID(), func(t *testing.T) {
			d := fw.Digest()
			assert.True(t, strings.HasPrefix(d, "sha256:"), "digest %q", d)
			assert.Len(t, d, len("sha256:")+64)
			if other, dup := seen[d]; dup {
				t.Errorf("%s and %s share digest %s", other, fw.ID(), d)
			}
			seen[d] = fw.ID()
			again, err := thresholds.Builtin(fw.ID())
			require.NoError(t, err)
			assert.Equal(t, d, again.Digest(), "stable across calls")
			assert.Equal(t, d, fw.Digest())
			assert.Equal(t, thresholds.Ref{ID: fw.ID(), Version: fw.Version(), Digest: d}, fw.Ref())

			data, err := os.ReadFile(ptFile(t, fw.ID()))
			require.NoError(t, err)
			parsed, err := thresholds.Parse(data)
			require.NoError(t, err)
			assert.Equal(t, d, parsed.Digest(), "parsing the same file gives the same digest")
		})
	}
	assert.Len(t, seen, 3)
	keys := slices.Sorted(func(yield func(string) bool) {
		for _, v := range seen {
			if !yield(v) {
				return
			}
		}
	})
	assert.Equal(t, []string{"durham", "england", "kent"}, keys)
}
