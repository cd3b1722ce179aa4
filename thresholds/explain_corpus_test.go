package thresholds_test

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// TestExplainCorpusDigest pins Explain's text over 40,000 random decisions of each of two
// frameworks that do not change (the semantics test framework, which has strengths and
// every rule, and the released England 1.0.0), one case in ten with up to 90 codes so
// that needs step up and triggers and needs meet. Explain's text must stay the same when
// Explain is made faster (issue 14); the digests were taken from the text before the
// paragraph was built from precomputed sentences. A deliberate change of wording changes
// them.
func TestExplainCorpusDigest(t *testing.T) {
	for _, tc := range []struct {
		fw     *thresholds.Framework
		digest string
	}{
		{evSemantics(t), "9a0cc9574125f0a88a7d25a81ecbf1ccc0cbd1c6a53289de903626af411758f2"},
		{ptEngland2023(t), "ae86c461dad07cb0bed6f80a828a5ee845f45e4c626c07ae35458412edad93b3"},
	} {
		t.Run(tc.fw.String(), func(t *testing.T) {
			var codes []continuum.Code
			for ind := range tc.fw.Indicators() {
				codes = append(codes, ind.Code)
			}
			r := rand.New(rand.NewPCG(7, 11))
			h := sha256.New()
			for i := range 40000 {
				n := r.IntN(8)
				if i%10 == 0 {
					n = r.IntN(90)
				}
				c := make([]continuum.Code, n)
				for j := range c {
					c[j] = codes[r.IntN(len(codes))]
				}
				d, err := tc.fw.Evaluate(thresholds.Case{Indicators: c})
				require.NoError(t, err)
				text, err := tc.fw.Explain(d)
				require.NoError(t, err)
				if n := thresholds.ExplainLen(tc.fw, d); n != len(text) {
					t.Fatalf("case %d: Explain reckoned %d bytes and wrote %d", i, n, len(text))
				}
				h.Write([]byte(text))
				h.Write([]byte{'\n'})
			}
			require.Equal(t, tc.digest, hex.EncodeToString(h.Sum(nil)), "Explain's text changed")
		})
	}
}
