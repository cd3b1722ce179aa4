package referral

import "testing"

// TestCalAddedBefore checks the precomputed count of added one-off bank holidays against
// the walk over calOneOffs in the table's years (outside them calAddedBefore is that
// walk), and pins counts made by hand from calOneOffs: before 2024, 8 one-offs were
// added (not moved) - 1981, 1999, 2002, 2011, 2012, two in 2022 and 2023 - and none since.
func TestCalAddedBefore(t *testing.T) {
	for y := int64(calFirstYear); y <= calLastYear; y++ {
		if got, want := calAddedBefore(y), calAddedBeforeSlow(y); got != want {
			t.Fatalf("year %d: %d added one-offs before it, want %d", y, got, want)
		}
	}
	for _, tt := range []struct{ year, want int64 }{
		{calFirstYear - 3, 0}, {calFirstYear, 0}, {1981, 0}, {1982, 1}, {2024, 8}, {calLastYear, 8}, {calLastYear + 3, 8},
	} {
		if got := calAddedBefore(tt.year); got != tt.want {
			t.Errorf("year %d: %d added one-offs before it, want %d (counted by hand)", tt.year, got, tt.want)
		}
	}
}
