package referral_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// Issue 13: no error or finding repeats text a caller passed in. A marker goes into
// every value and as a new key of every object of a policy document, one position at a
// time, and into every field of a referral and of the lookups by id; it never comes
// back, down the whole Unwrap chain.
func TestNoEchoParsePolicy(t *testing.T) {
	docs, err := thresholdstest.EchoMutations(polMinimal(t), thresholdstest.EchoMarkers()...)
	require.NoError(t, err)
	for _, doc := range docs {
		_, err := referral.ParsePolicy(doc)
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "%s: %v", string(doc), err)
	}
}

func TestNoEchoRouteAndLookups(t *testing.T) {
	p := polMinimalPolicy(t)
	eng, err := thresholds.Builtin("england")
	require.NoError(t, err)
	fwDoc := strings.Replace(`{"id": "zqxmark", "title": "t", "publisher": "p", "version": "zqx", "effectiveFrom": "2024-01-01",
		"levels": {"universal": {"label": "a"}, "additional": {"label": "b"}, "intensive": {"label": "c"}, "specialist": {"label": "d"}},
		"sources": [{"id": "ZQX", "title": "t", "url": "https://example.org"}],
		"indicators": [{"code": "ZQXMARK-HLT-2-01", "level": "additional", "dimension": "HLT", "kind": "need", "summary": "s", "sources": ["ZQX"]}],
		"decision": {"stepUp": []}}`, "\n", " ", -1)
	other, err := thresholds.Parse([]byte(fwDoc))
	require.NoError(t, err)
	for _, m := range thresholdstest.EchoMarkers() {
		code, codeErr := continuum.ParseCode(strings.ToUpper(strings.ReplaceAll(m, " ", "-")))
		r := referral.Referral{To: continuum.Specialist, Case: thresholds.Case{Ref: m}, Received: time.Date(9999, 12, 31, 23, 0, 0, 0, time.UTC)}
		if codeErr == nil {
			r.Case.Indicators = []continuum.Code{code, {}}
		}
		for _, fw := range []*thresholds.Framework{eng, other, nil} {
			_, err := p.Route(fw, r)
			require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Route: %v", err)
		}
		_, err := p.Deadline(m, time.Now())
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "Deadline: %v", err)
		require.ErrorIs(t, err, referral.ErrUnknownTimescale)
		_, err = referral.BuiltinPolicy(m)
		require.NoError(t, thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag), "BuiltinPolicy: %v", err)
		require.ErrorIs(t, err, referral.ErrUnknownPolicy)
	}
}
