package main

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReferralsByVersion: a referral is routed under the England version in force on the
// day it was received: Working Together 2023 until 17 March 2026, 2026 from the next day.
func TestReferralsByVersion(t *testing.T) {
	h, _ := newTestServer()
	tests := []struct {
		name, received, route, basis, version string
	}{
		{"last_day_2023", "2026-03-17T10:00:00Z", "early-help", "voluntary-early-help", "1.0.0"},
		{"first_day_2026", "2026-03-18T10:00:00Z", "family-help", "family-help", "2.0.0"},
		{"summer_2026", "2026-06-03T09:00:00Z", "family-help", "family-help", "2.0.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(h, http.MethodPost, "/v1/referrals", "application/json",
				`{"framework":"england","to":"additional","case":{"indicators":["EDU-2-01"]},"consent":"given","received":"`+tt.received+`"}`)
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			var got struct {
				Routing struct {
					Decision struct {
						Framework struct {
							Version string `json:"version"`
						} `json:"framework"`
					} `json:"decision"`
					Route struct {
						ID string `json:"id"`
					} `json:"route"`
					LegalBasis string `json:"legalBasis"`
				} `json:"routing"`
			}
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
			assert.Equal(t, tt.route, got.Routing.Route.ID)
			assert.Equal(t, tt.basis, got.Routing.LegalBasis)
			assert.Equal(t, tt.version, got.Routing.Decision.Framework.Version)
		})
	}
}
