package referral

import "testing"

// TestCalAddedBefore checks the precomputed count of added one-off bank holidays
// against the walk over calOneOffs, inside the table's years and beyond them.
func TestCalAddedBefore(t *testing.T) {
	for y := int64(calFirstYear - 3); y <= calLastYear+3; y++ {
		if got, want := calAddedBefore(y), calAddedBeforeSlow(y); got != want {
			t.Fatalf("year %d: %d added one-offs before it, want %d", y, got, want)
		}
	}
	if calAddedBefore(calLastYear+1) == 0 {
		t.Fatal("the one-offs are counted at all")
	}
}
