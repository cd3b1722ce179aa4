package thresholds_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// lowerStepUp extends england so that 2 additional needs in one side step up: every
// case changes level up or not at all.
const lowerStepUp = `{
  "id": "england-lower-step-up",
  "extends": "england@1.0.0",
  "title": "England with a lower step-up (a test of impact comparison)",
  "publisher": "rightsupport/needs tests",
  "version": "0.0.1",
  "effectiveFrom": "2026-11-22",
  "sources": [{"id": "TEST-DESIGN", "title": "DESIGN.md decision semantics", "url": "https://github.com/rightsupport/needs"}],
  "decision": {"stepUp": [{"level": "additional", "needs": 2, "domains": 1, "sources": ["TEST-DESIGN"]}]}
}`

func TestCompareFrameworks(t *testing.T) {
	before := thresholds.Default()
	after, err := thresholds.Parse([]byte(lowerStepUp))
	require.NoError(t, err)

	var codes []continuum.Code
	for ind := range before.Indicators() {
		codes = append(codes, ind.Code)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	cases := make([]thresholds.Case, 2000)
	for i := range cases {
		for range rng.IntN(6) {
			cases[i].Indicators = append(cases[i].Indicators, codes[rng.IntN(len(codes))])
		}
	}
	// One case only the base catalogue cannot decide.
	cases = append(cases, thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("ZZ-01")}})

	im := thresholds.CompareFrameworks(before, after, slices.Values(cases))

	// The oracle: Evaluate every case under both and classify by hand.
	var up, down, urgency, undecidable, changed int
	for _, c := range cases {
		b, berr := before.Evaluate(c)
		a, aerr := after.Evaluate(c)
		switch {
		case berr != nil || aerr != nil:
			undecidable++
		case a.Level > b.Level:
			up++
		case a.Level < b.Level:
			down++
		case a.Urgency != b.Urgency:
			urgency++
		case a.Rule() != b.Rule():
		default:
			continue
		}
		changed++
	}
	assert.Equal(t, len(cases), im.Cases)
	assert.Equal(t, up, im.Up, "up")
	assert.Equal(t, down, im.Down, "down")
	assert.Equal(t, 0, im.Down, "a lower step-up never lowers a level")
	assert.Equal(t, urgency, im.Urgency, "urgency")
	assert.Equal(t, 1, im.Undecidable)
	assert.Equal(t, undecidable, im.Undecidable)
	assert.Len(t, im.Changes, changed)
	assert.Positive(t, im.Up, "some cases with two additional needs must step up")
	for _, ch := range im.Changes {
		require.Less(t, ch.Index, len(cases))
		if ch.BeforeErr == nil && ch.AfterErr == nil {
			assert.GreaterOrEqual(t, ch.After.Level, ch.Before.Level)
		}
	}
	last := im.Changes[len(im.Changes)-1]
	assert.Equal(t, len(cases)-1, last.Index)
	assert.ErrorIs(t, last.BeforeErr, thresholds.ErrUnknownIndicator)
}

func TestCompareFrameworksSameFramework(t *testing.T) {
	fw := thresholds.Default()
	cases := []thresholds.Case{{}, {Indicators: []continuum.Code{continuum.MustParseCode("SH-02")}}}
	im := thresholds.CompareFrameworks(fw, fw, slices.Values(cases))
	assert.Equal(t, thresholds.Impact{Cases: 2}, im)
}
