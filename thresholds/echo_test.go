package thresholds_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// Issue 13: no error, finding or explanation repeats text a caller passed in. A marker
// goes into every value and as a new key of every object of two framework documents
// (a base and an extension), one position at a time, and into every field of cases and
// decisions, and of the builtin lookups; it never comes back, down the whole Unwrap
// chain. (A framework's own labels and summaries are its wording, which Explain quotes
// by design; the marker test covers what fails.)
func TestNoEchoParse(t *testing.T) {
	for _, name := range []string{"minimal.json", "extension.json"} {
		t.Run(name, func(t *testing.T) {
			docs, err := thresholdstest.EchoMutations(ptRead(t, "testdata/parse/"+name), thresholdstest.EchoMarkers()...)
			require.NoError(t, err)
			for _, doc := range docs {
				_, err := thresholds.Parse(doc)
				require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "%s: %v", string(doc), err)
			}
		})
	}
}

func TestNoEchoCasesAndDecisions(t *testing.T) {
	fw := ptBuiltin(t, "kent")
	for _, m := range thresholdstest.EchoMarkers() {
		code, err := continuum.ParseCode(strings.ToUpper(strings.ReplaceAll(m, " ", "-")))
		if err != nil {
			continue
		}
		_, err = fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{code, {}}, Ref: m})
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Evaluate: %v", err)
		_, err = fw.Resolve(thresholds.Case{Indicators: []continuum.Code{code}, Ref: m})
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Resolve: %v", err)
		d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("HLT-2-01")}, Ref: m})
		require.NoError(t, err)
		forged := []thresholds.Decision{d, d, d, d}
		forged[0].Framework.ID, forged[0].Framework.Version = m, m
		forged[1].Reasons = []thresholds.Reason{{Rule: thresholds.ByHighestNeed, Level: d.Level, Indicators: []continuum.Code{code}}}
		forged[2].Strengths = []continuum.Code{code}
		forged[3].Label = m
		for _, f := range forged {
			text, err := fw.Explain(f)
			require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Explain: %v", err)
			require.Error(t, err)
			require.Empty(t, text)
		}
		_, err = thresholds.Builtin(m)
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Builtin: %v", err)
		require.ErrorIs(t, err, thresholds.ErrUnknownFramework)
	}
}
