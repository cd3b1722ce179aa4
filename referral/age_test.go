package referral_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

func TestRouteAge(t *testing.T) {
	sh02 := rtCase("EDU-2-01", "SH-02")
	tests := []struct {
		name    string
		age     continuum.AgeBand
		errs    []string
		queries []string
	}{
		{"adolescent", continuum.Adolescent, nil, []string{"case.indicators[1] outside-age-band"}},
		{"baby", continuum.UnderOne, nil, nil},
		{"unknown", 0, nil, nil},
		{"invalid", 42, []string{"case.age invalid-age"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, id := range rtBuiltinIDs {
				p, fw := rtPair(t, id)
				c := sh02
				c.Age = tt.age
				got, err := p.Route(fw, referral.Referral{To: continuum.Specialist, Case: c, Consent: referral.NotSought, Received: rtReceived})
				if tt.errs != nil {
					assert.Equal(t, tt.errs, rtPathRules(rtFindings(t, err)), id)
					continue
				}
				require.NoError(t, err, id)
				// The indicator still counts: significant harm, same day, at specialist.
				assert.Equal(t, continuum.Specialist, got.Decision.Level, id)
				assert.Equal(t, continuum.SameDay, got.Decision.Urgency, id)
				if tt.queries == nil {
					assert.Empty(t, got.Queries, id)
				} else {
					assert.Equal(t, tt.queries, rtPathRules(got.Queries), id)
					assert.Equal(t, continuum.Query, got.Queries[0].Severity)
				}
			}
		})
	}
}

func TestReferralLogValueJudgement(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	r := referral.Referral{To: continuum.Additional, Case: thresholds.Case{Ref: "synthetic-ref"}, Received: rtReceived,
		Judgement: referral.Judgement{Level: continuum.Additional, Reason: referral.StrengthsAndProtectiveFactors}}
	log.Info("routed", "referral", r)
	assert.Contains(t, buf.String(), `"judgement":{"level":"additional","reason":"strengths-and-protective-factors"}`)
	assert.NotContains(t, buf.String(), "synthetic-ref")
}
