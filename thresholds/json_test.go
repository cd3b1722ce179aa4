package thresholds_test

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

func TestImpactJSON(t *testing.T) {
	eng, err := thresholds.Builtin("england")
	require.NoError(t, err)
	kent, err := thresholds.Builtin("kent")
	require.NoError(t, err)
	code := continuum.MustParseCode
	cases := []thresholds.Case{
		{Indicators: []continuum.Code{code("EDU-2-01")}},      // the same under both
		{Indicators: []continuum.Code{code("KENT-EDU-4-01")}}, // only Kent knows it
	}
	im := thresholds.CompareFrameworks(eng, kent, slices.Values(cases))
	b, err := json.Marshal(im)
	require.NoError(t, err)
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	for _, key := range []string{"cases", "up", "down", "urgency", "undecidable", "changes"} {
		assert.Contains(t, got, key, "lower-camel key %s", key)
	}
	changes := got["changes"].([]any)
	require.Len(t, changes, 1)
	change := changes[0].(map[string]any)
	for _, key := range []string{"index", "before", "after", "beforeErrors"} {
		assert.Contains(t, change, key)
	}
	assert.NotContains(t, change, "afterErrors", "a side that was decided has no errors")
	finding := change["beforeErrors"].([]any)[0].(map[string]any)
	assert.Equal(t, "unknown-indicator", finding["rule"], "errors are codes and messages")
	assert.Equal(t, "indicators[0]", finding["path"])
	assert.NotEmpty(t, finding["message"])

	other, err := json.Marshal(thresholds.Change{Index: 2, AfterErr: errors.New("thresholds: sample failure")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"index":2,"before":{"level":"","urgency":"","rule":""},"after":{"level":"","urgency":"","rule":""},
		"afterErrors":[{"path":"","rule":"undecidable","severity":"error","message":"thresholds: sample failure"}]}`, string(other))
}

func TestOutcomeJSON(t *testing.T) {
	fw := thresholds.Default()
	r, err := fw.Resolve(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("SH-01")}})
	require.NoError(t, err)
	o, err := fw.Decide(r)
	require.NoError(t, err)
	b, err := json.Marshal(o)
	require.NoError(t, err)
	assert.JSONEq(t, `{"level":"specialist","urgency":"same-day","rule":"significant-harm"}`, string(b))
}
