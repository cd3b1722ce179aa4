//go:build race

package thresholds_test

// raceEnabled reports whether the tests run with the race detector, under which
// sync.Pool drops some of what it is given, so pooled paths allocate more.
const raceEnabled = true
