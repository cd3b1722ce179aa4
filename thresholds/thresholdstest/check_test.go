package thresholdstest_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// councilDoc is a council's framework document: it extends the England base, relabels
// one level and adds one local need. Synthetic test data.
const councilDoc = `{
  "id": "testshire",
  "title": "Testshire thresholds (synthetic test document)",
  "publisher": "rightsupport/needs tests",
  "version": "1.0.0",
  "effectiveFrom": "2026-01-01",
  "extends": "england@1.0.0",
  "levels": { "intensive": { "label": "Testshire Targeted Support - Level 3" } },
  "sources": [ { "id": "TST-S01", "title": "Testshire local guidance (synthetic)", "url": "https://example.org/testshire" } ],
  "indicators": [
    { "code": "TST-EDU-2-01", "level": "additional", "dimension": "EDU", "kind": "need",
      "summary": "A synthetic local additional need about education.", "sources": ["TST-S01"] }
  ]
}`

func parseCouncil(t *testing.T) *thresholds.Framework {
	t.Helper()
	fw, err := thresholds.Parse([]byte(councilDoc))
	require.NoError(t, err)
	return fw
}

func TestCheckFrameworkBuiltins(t *testing.T) {
	n := 0
	for fw := range thresholds.Builtins() {
		n++
		t.Run(fw.ID(), func(t *testing.T) {
			assert.NoError(t, thresholdstest.CheckFramework(fw))
		})
	}
	assert.Equal(t, 3, n, "england, kent and durham are checked")
}

func TestCheckFrameworkCouncilDocument(t *testing.T) {
	fw := parseCouncil(t)
	require.Equal(t, "Testshire Targeted Support - Level 3", fw.Label(continuum.Intensive), "the document relabels intensive")
	_, ok := fw.Indicator(continuum.MustParseCode("TST-EDU-2-01"))
	require.True(t, ok, "the document adds its local need")

	assert.NoError(t, thresholdstest.CheckFramework(fw))
}

func TestCheckFrameworkNil(t *testing.T) {
	err := thresholdstest.CheckFramework(nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nil")
}

// TestCouncilRunsEnglandCases shows that the shipped England cases hold for a council
// framework that only relabels a level and adds a need: it decides as England does.
func TestCouncilRunsEnglandCases(t *testing.T) {
	fw := parseCouncil(t)
	cases := loadShipped(t)
	var england []thresholdstest.Case
	for _, c := range cases {
		// Cases that state the version or the label pin the builtin England version
		// itself; a council framework keeps only the decisions.
		if c.Framework == "england" && !c.PinsVersion() {
			england = append(england, c)
		}
	}
	require.NotEmpty(t, england)
	thresholdstest.RunCases(t, england, func(string) (*thresholds.Framework, error) { return fw, nil })
}
