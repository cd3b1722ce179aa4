package referral_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "ts".

func TestTimescaleDeadline(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	require.NoError(t, err)
	d := func(y int, m time.Month, day int) time.Time { return rtAt(y, m, day, 9, 30) }
	tests := []struct {
		name   string
		amount int
		unit   referral.Unit
		start  time.Time
		want   time.Time
		reason string
	}{
		// Working days: day 0 is the day the clock starts.
		{"wd_1_wednesday", 1, referral.WorkingDays, d(2024, time.March, 6), d(2024, time.March, 7), "the next working day"},
		{"wd_1_friday", 1, referral.WorkingDays, d(2024, time.March, 8), d(2024, time.March, 11), "Friday to Monday"},
		{"wd_1_saturday", 1, referral.WorkingDays, d(2024, time.March, 9), d(2024, time.March, 11), "a Saturday start is day 0; Monday is day 1"},
		{"wd_1_sunday", 1, referral.WorkingDays, d(2024, time.March, 10), d(2024, time.March, 11), "a Sunday start too"},
		{"wd_1_good_friday", 1, referral.WorkingDays, d(2024, time.March, 28), d(2024, time.April, 2), "Thursday before Easter: Good Friday and Easter Monday skipped"},
		{"wd_1_bank_holiday_start", 1, referral.WorkingDays, d(2024, time.April, 1), d(2024, time.April, 2), "a bank holiday start is day 0"},
		{"wd_2_jubilee", 2, referral.WorkingDays, d(2022, time.June, 1), d(2022, time.June, 7), "2 and 3 June 2022 were bank holidays"},
		{"wd_5_week", 5, referral.WorkingDays, d(2024, time.March, 4), d(2024, time.March, 11), "5 working days from Monday is next Monday"},
		{"wd_10", 10, referral.WorkingDays, d(2024, time.March, 4), d(2024, time.March, 18), "10 working days is two weeks"},
		{"wd_3_christmas", 3, referral.WorkingDays, d(2020, time.December, 24), d(2020, time.December, 31), "Christmas 2020: Fri 25, Mon 28 (Boxing Day substitute) off"},
		{"wd_1000", 1000, referral.WorkingDays, d(2024, time.January, 2), referral.AddWorkingDays(d(2024, time.January, 2), 1000), "the largest amount a policy allows"},
		// Days and weeks keep the clock time.
		{"days_1_friday", 1, referral.Days, d(2024, time.March, 8), d(2024, time.March, 9), "calendar days count weekends"},
		{"days_10_leap", 10, referral.Days, d(2024, time.February, 25), d(2024, time.March, 6), "over 29 February"},
		{"days_1_new_year", 1, referral.Days, d(2024, time.December, 31), d(2025, time.January, 1), "over the year end"},
		{"weeks_2", 2, referral.Weeks, d(2024, time.February, 20), d(2024, time.March, 5), "two weeks in a leap year"},
		{"weeks_52", 52, referral.Weeks, d(2023, time.January, 2), d(2024, time.January, 1), "52 weeks is 364 days"},
		// Months clamp to the end of a shorter month.
		{"months_jan31_common", 1, referral.Months, d(2023, time.January, 31), d(2023, time.February, 28), "31 January plus a month is 28 February"},
		{"months_jan31_leap", 1, referral.Months, d(2024, time.January, 31), d(2024, time.February, 29), "or 29 February in a leap year"},
		{"months_mar31", 1, referral.Months, d(2024, time.March, 31), d(2024, time.April, 30), "31 March plus a month is 30 April"},
		{"months_jan30", 1, referral.Months, d(2023, time.January, 30), d(2023, time.February, 28), "30 January clamps too"},
		{"months_mid", 1, referral.Months, d(2024, time.January, 15), d(2024, time.February, 15), "no clamping needed"},
		{"months_3_nov30", 3, referral.Months, d(2023, time.November, 30), d(2024, time.February, 29), "over the year end into a leap February"},
		{"months_6_aug31", 6, referral.Months, d(2024, time.August, 31), d(2025, time.February, 28), "6 months clamp"},
		{"months_12_feb29", 12, referral.Months, d(2024, time.February, 29), d(2025, time.February, 28), "a year from 29 February"},
		{"months_48_feb29", 48, referral.Months, d(2024, time.February, 29), d(2028, time.February, 29), "four years from 29 February"},
		{"months_1_dec31", 1, referral.Months, d(2024, time.December, 31), d(2025, time.January, 31), "December to January"},
		{"months_2_dec31", 2, referral.Months, d(2024, time.December, 31), d(2025, time.February, 28), "over the year end, clamped"},
		{"months_1000", 1000, referral.Months, d(2010, time.January, 31), d(2093, time.May, 31), "83 years and 4 months"},
		// No unit or amount: the start itself.
		{"zero_unit", 5, 0, d(2024, time.March, 6), d(2024, time.March, 6), "the zero Unit counts nothing"},
		{"invalid_unit", 5, 9, d(2024, time.March, 6), d(2024, time.March, 6), "an invalid Unit counts nothing"},
		{"zero_amount_wd", 0, referral.WorkingDays, d(2024, time.March, 9), d(2024, time.March, 9), "0 working days is day 0 itself, even on a Saturday"},
		{"zero_amount_months", 0, referral.Months, d(2024, time.January, 31), d(2024, time.January, 31), "0 months is the start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := referral.Timescale{ID: "t", Amount: tt.amount, Unit: tt.unit}
			got, err := ts.Deadline(tt.start)
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(got), "%s: got %s, want %s", tt.reason, got, tt.want)
			assert.Equal(t, referral.London(), got.Location(), "a deadline is in Europe/London")
			if tt.unit == referral.WorkingDays && tt.amount > 0 {
				assert.Equal(t, tt.amount, referral.WorkingDaysBetween(tt.start, got))
				assert.True(t, referral.IsWorkingDay(got), "a working-day deadline falls on a working day")
			}
		})
	}

	t.Run("zero_timescale", func(t *testing.T) {
		start := d(2024, time.March, 6)
		got, err := referral.Timescale{}.Deadline(start)
		require.NoError(t, err)
		assert.True(t, start.Equal(got), "the zero Timescale ends where it starts")
	})

	t.Run("keeps_location", func(t *testing.T) {
		// Across the start of summer time (31 March 2024) every unit keeps 09:00 London time.
		start := time.Date(2024, time.March, 28, 9, 0, 0, 0, london)
		for _, tt := range []struct {
			unit referral.Unit
			want time.Time
		}{
			{referral.WorkingDays, time.Date(2024, time.April, 2, 9, 0, 0, 0, london)},
			{referral.Days, time.Date(2024, time.March, 29, 9, 0, 0, 0, london)},
			{referral.Weeks, time.Date(2024, time.April, 4, 9, 0, 0, 0, london)},
			{referral.Months, time.Date(2024, time.April, 28, 9, 0, 0, 0, london)},
		} {
			got, err := referral.Timescale{Amount: 1, Unit: tt.unit}.Deadline(start)
			require.NoError(t, err)
			assert.Equal(t, tt.want.Format(time.RFC3339), got.Format(time.RFC3339), "%s", tt.unit)
			assert.Equal(t, london, got.Location(), "%s", tt.unit)
		}
	})

	t.Run("months_end_of_month_in_london", func(t *testing.T) {
		// 31 October 2024 in London (GMT) plus 4 months is 28 February 2025, same clock.
		start := time.Date(2024, time.October, 31, 23, 30, 0, 0, london)
		got, err := referral.Timescale{Amount: 4, Unit: referral.Months}.Deadline(start)
		require.NoError(t, err)
		assert.Equal(t, "2025-02-28T23:30:00Z", got.Format(time.RFC3339))
	})

	t.Run("out_of_range", func(t *testing.T) {
		// The supported years are 1978 to 2100; a start or an end outside them is an
		// error, never a date that cannot be encoded.
		for _, tt := range []struct {
			name  string
			start time.Time
			ts    referral.Timescale
		}{
			{"start_1977", time.Date(1977, time.December, 30, 12, 0, 0, 0, time.UTC), referral.Timescale{Amount: 1, Unit: referral.WorkingDays}},
			{"start_9999", time.Date(9999, time.December, 31, 12, 0, 0, 0, time.UTC), referral.Timescale{Amount: 1, Unit: referral.WorkingDays}},
			{"end_2101", time.Date(2100, time.December, 31, 12, 0, 0, 0, time.UTC), referral.Timescale{Amount: 1, Unit: referral.WorkingDays}},
			{"months_past_2100", time.Date(2024, time.January, 31, 12, 0, 0, 0, time.UTC), referral.Timescale{Amount: 1000, Unit: referral.Months}},
			// 23:30 UTC on 31 December 1977 is 23:30 GMT in London: still 1977.
			{"start_last_minutes_of_1977_utc_and_london", time.Date(1977, time.December, 31, 23, 30, 0, 0, time.UTC), referral.Timescale{Amount: 1, Unit: referral.Days}},
		} {
			got, err := tt.ts.Deadline(tt.start)
			require.ErrorIs(t, err, referral.ErrDateOutOfRange, tt.name)
			assert.True(t, got.IsZero(), tt.name)
		}
		got, err := referral.Timescale{Amount: 1, Unit: referral.WorkingDays}.Deadline(time.Date(1978, time.January, 1, 0, 30, 0, 0, time.UTC))
		require.NoError(t, err, "1 January 1978 is the first supported day")
		assert.Equal(t, "1978-01-03", got.Format(time.DateOnly), "2 January 1978 was the New Year substitute holiday")
	})
}
