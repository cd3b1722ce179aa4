package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// TestGolden keeps the output of every framework, text and JSON lines, as it is in
// testdata; run with -update to accept a change.
func TestGolden(t *testing.T) {
	for _, id := range frameworkIDs {
		for _, asJSON := range []bool{false, true} {
			name := id + ".txt"
			if asJSON {
				name = id + ".jsonl"
			}
			t.Run(name, func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, run(&buf, id, asJSON))
				golden := filepath.Join("testdata", name)
				if *update {
					require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
				}
				want, err := os.ReadFile(golden)
				require.NoError(t, err, "run go test -update to create the golden file")
				if diff := cmp.Diff(string(want), buf.String()); diff != "" {
					t.Errorf("output differs from %s (-want +got); run go test -update if the change is intended:\n%s", golden, diff)
				}
			})
		}
	}
}

// TestDeterministic runs each framework twice: nothing may depend on the clock or map
// order.
func TestDeterministic(t *testing.T) {
	for _, id := range frameworkIDs {
		var a, b bytes.Buffer
		require.NoError(t, run(&a, id, false))
		require.NoError(t, run(&b, id, false))
		assert.Equal(t, a.String(), b.String(), id)
	}
}

// TestJSONLines checks that every line of -json is one JSON object, one per step, and
// that the journeys tell the stories they are named for.
func TestJSONLines(t *testing.T) {
	steps := 0
	for _, j := range journeys {
		steps += len(j.steps)
	}
	for _, id := range frameworkIDs {
		t.Run(id, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, run(&buf, id, true))
			var got []map[string]any
			sc := bufio.NewScanner(&buf)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var m map[string]any
				require.NoError(t, json.Unmarshal(sc.Bytes(), &m), "line %d", len(got)+1)
				got = append(got, m)
			}
			require.NoError(t, sc.Err())
			require.Len(t, got, steps)
			for _, m := range got {
				fw := m["framework"].(map[string]any)
				assert.Equal(t, id, fw["id"])
				assert.NotEmpty(t, m["explanation"])
			}
		})
	}
}

// TestStories checks the point of each journey under every framework, so that a data
// change that breaks a story fails here with a clear message, not only as a golden diff.
func TestStories(t *testing.T) {
	type want struct {
		journey, step int
		routed        bool
		level         string
		urgency       string
		kind          string
		rule          string // deciding rule, or the blocking rule when not routed
		then          bool   // a second route follows the first (999)
	}
	wants := []want{
		{1, 1, true, "additional", "routine", "entry", "highest-need", false},
		{1, 2, true, "universal", "routine", "closure", "highest-need", false},
		{2, 2, true, "intensive", "routine", "step-up", "multiple-needs", false},
		{3, 1, true, "specialist", "same-day", "entry", "significant-harm", false},
		{4, 1, true, "specialist", "immediate", "entry", "immediate-danger", true},
		{5, 1, true, "intensive", "routine", "step-down", "highest-need", false},
		{5, 2, true, "additional", "routine", "step-down", "highest-need", false},
		{6, 1, true, "additional", "routine", "entry", "highest-need", false},
		{7, 1, false, "additional", "routine", "entry", "consent-required", false},
		{7, 2, true, "specialist", "routine", "entry", "highest-need", false},
		{8, 1, true, "specialist", "routine", "entry", "highest-need", false},
		{8, 2, true, "intensive", "routine", "closure", "highest-need", false},
		{8, 3, true, "specialist", "routine", "entry", "highest-need", false},
		{9, 1, false, "specialist", "routine", "step-down", "needs-judgement", false},
		{9, 2, true, "specialist", "routine", "step-down", "highest-need", false},
		{10, 1, true, "specialist", "same-day", "entry", "significant-harm", false},
	}
	for _, id := range frameworkIDs {
		fw, _, err := builtinsAsAt(id)
		require.NoError(t, err)
		pol := mustPolicy(t, id)
		for _, w := range wants {
			s := journeys[w.journey-1].steps[w.step-1]
			r, err := walk(fw, pol, journeys[w.journey-1].age, s)
			require.NoError(t, err)
			where := id + " journey " + itoa(w.journey) + " step " + itoa(w.step)
			assert.Equal(t, w.routed, r.Routed, where)
			assert.Equal(t, w.level, r.Decision.Level.String(), where)
			assert.Equal(t, w.urgency, r.Decision.Urgency.String(), where)
			assert.Equal(t, w.kind, r.Kind.String(), where)
			if w.routed {
				assert.Equal(t, w.rule, r.Decision.Rule().String(), where)
				assert.Equal(t, w.then, r.Then != nil, where)
			} else {
				assert.Equal(t, []string{w.rule}, r.Blocked.Rules(), where)
			}
		}
		// The first referral crosses the spring bank holiday.
		r, err := walk(fw, pol, journeys[0].age, journeys[0].steps[0])
		require.NoError(t, err)
		assert.Equal(t, []string{"2025-05-26"}, r.BankHolidays, id)
		// The judgement is recorded on the routing and explained.
		r, err = walk(fw, pol, journeys[8].age, journeys[8].steps[1])
		require.NoError(t, err)
		assert.Equal(t, referral.RiskReducedAtReview, r.Judgement.Reason, id)
		assert.Contains(t, r.Explanation, "reason given: risk reduced or needs met at review", id)
		// 23:20 UTC on Sunday 8 June 2025 is Monday 00:20 in London: decided by Tuesday
		// 00:20 London time, statutory.
		r, err = walk(fw, pol, journeys[9].age, journeys[9].steps[0])
		require.NoError(t, err)
		assert.Equal(t, "2025-06-10T00:20:00+01:00", r.DecideBy.Format(time.RFC3339), id)
		assert.Equal(t, referral.London(), r.DecideBy.Location(), id)
		assert.Equal(t, referral.Statutory, r.Basis, id)
		assert.Equal(t, id == "durham", r.OutOfHours, "%s: only Durham publishes First Contact's hours", id)
		// Closing to universal services has no timescale: a prompt, never a deadline.
		r, err = walk(fw, pol, journeys[0].age, journeys[0].steps[1])
		require.NoError(t, err)
		assert.Equal(t, referral.Prompt, r.Basis, id)
		// Level 1-2 needs asked at Level 3 end up with early help: a query says so.
		r, err = walk(fw, pol, journeys[5].age, journeys[5].steps[0])
		require.NoError(t, err)
		assert.NotEmpty(t, r.Queries.Rules(), id)
	}
}

// TestJourneyCheck checks the point of walking journey 8 whole under every framework: the
// closure with no further action after intensive needs is queried, the second referral
// is a re-referral 7 months on and its decision came a working day late.
func TestJourneyCheck(t *testing.T) {
	for _, id := range frameworkIDs {
		fw, _, err := builtinsAsAt(id)
		require.NoError(t, err)
		c := mustPolicy(t, id).CheckJourney(fw, journeys[7].asJourney())
		require.NoError(t, c.Err(), id)
		require.Len(t, c.Steps, 3)
		assert.True(t, c.Steps[0].OnTime, id)
		assert.Contains(t, c.Steps[1].Findings.Rules(), referral.RuleNoEarlyHelpOffer, id)
		assert.Equal(t, []string{referral.RuleReReferral, referral.RuleDecisionLate}, c.Steps[2].Findings.Rules(), id)
		assert.Equal(t, 1, c.Steps[2].Late, id)
		require.Len(t, c.Episodes, 2)
		assert.Equal(t, referral.NoFurtherAction, c.Episodes[0].Closure, id)
		assert.True(t, c.Episodes[1].Open(), id)
	}
}

func TestRunUnknownFramework(t *testing.T) {
	var buf bytes.Buffer
	err := run(&buf, "atlantis", false)
	require.Error(t, err)
	assert.True(t, errors.Is(err, thresholds.ErrUnknownFramework), err)
	assert.Empty(t, buf.String())
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four", 2, 10)
	assert.Equal(t, "one two\n  three\n  four", got)
	assert.False(t, strings.Contains(wrap("", 2, 10), "\n"))
}

func mustPolicy(t *testing.T, id string) *referral.Policy {
	t.Helper()
	_, p, err := builtinsAsAt(id)
	require.NoError(t, err)
	return p
}

func itoa(n int) string { return strconv.Itoa(n) }
