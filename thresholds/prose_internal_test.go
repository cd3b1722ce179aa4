package thresholds

import (
	"strconv"
	"testing"
)

// TestAppendCount checks the counts Explain writes, from the tables and past them: a
// framework may observe more needs at one level than the tables hold.
func TestAppendCount(t *testing.T) {
	for n := range 1000 {
		want := strconv.Itoa(n) + " needs"
		if n == 1 {
			want = "1 need"
		}
		if got := string(appendCount([]byte("x"), n, &needCounts, "needs")); got != "x"+want {
			t.Fatalf("count %d: got %q, want %q", n, got, "x"+want)
		}
		if got := countLen(n, &needCounts, "needs"); got != len(want) {
			t.Fatalf("count %d: length %d, want %d", n, got, len(want))
		}
	}
	if got := sideCounts[1] + ", " + sideCounts[3]; got != "1 side, 3 sides" {
		t.Fatalf("side counts: got %q", got)
	}
}
