package thresholdstest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

func TestCaseDay(t *testing.T) {
	tests := []struct {
		name, on string
		want     time.Time
		ok       bool
	}{
		{"none", "", time.Time{}, true},
		{"date", "2026-03-18", time.Date(2026, time.March, 18, 0, 0, 0, 0, time.UTC), true},
		{"summer_date", "2026-06-01", time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC), true},
		{"not_a_date", "18/03/2026", time.Time{}, false},
		{"no_month_13", "2026-13-01", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := thresholdstest.Case{On: tt.on}.Day()
			if !tt.ok {
				require.Error(t, err)
				assert.NotContains(t, err.Error(), tt.on, "errors do not echo the input")
				return
			}
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "%s", got)
		})
	}
}

func TestRunCasesOn(t *testing.T) {
	fw := thresholds.Default()
	edu := []continuum.Code{continuum.MustParseCode("EDU-2-01")}
	good := thresholdstest.Case{
		Name: "england/on", Framework: "england", On: "2026-06-01", Indicators: edu,
		Want: thresholdstest.Want{
			Level: continuum.Additional, Urgency: continuum.Routine,
			Rules:   []thresholds.DecisionRule{thresholds.ByHighestNeed},
			Version: fw.Version(), Label: fw.Label(continuum.Additional),
		},
	}
	var days []time.Time
	lookup := func(id string, on time.Time) (*thresholds.Framework, error) {
		days = append(days, on)
		return thresholds.Builtin(id)
	}
	r := &recorder{}
	thresholdstest.RunCasesOn(r, []thresholdstest.Case{good}, lookup)
	assert.Empty(t, r.errors, "version and label match")
	assert.True(t, good.PinsVersion())
	assert.False(t, thresholdstest.Case{}.PinsVersion())
	require.Len(t, days, 1)
	assert.True(t, time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC).Equal(days[0]), "the lookup gets the case's day")

	wrong := good
	wrong.Name, wrong.Want.Version, wrong.Want.Label = "england/wrong-version", "9.9.9", "Nowhere"
	thresholdstest.RunCasesOn(r, []thresholdstest.Case{wrong}, lookup)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "9.9.9", "a stated version is compared")
	assert.Contains(t, r.errors[0], "Nowhere", "a stated label is compared")

	r.errors = nil
	badDay := good
	badDay.Name, badDay.On = "england/bad-day", "not a date"
	thresholdstest.RunCasesOn(r, []thresholdstest.Case{badDay}, lookup)
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "england/bad-day")
	assert.Len(t, days, 2, "a case with a bad day never reaches the lookup")

	r.errors = nil
	unstated := good
	unstated.Name, unstated.Want.Version, unstated.Want.Label = "england/unstated", "", ""
	thresholdstest.RunCasesOn(r, []thresholdstest.Case{unstated}, lookup)
	assert.Empty(t, r.errors, "version and label are compared only when stated")
}
