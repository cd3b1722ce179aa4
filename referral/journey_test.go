package referral_test

import (
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "jt". Every journey is synthetic: levels, codes and
// dates, nothing about a child.

// jtNFA is a journey: a referral to social care, assessed, closed with no further action,
// and referred again 8 months after the first referral.
func jtNFA() referral.Journey {
	return referral.Journey{Steps: []referral.Step{
		{Referral: referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given,
			Received: hiDay(2024, time.January, 10), Source: referral.SourceSchool},
			Decided: hiDay(2024, time.January, 11), Assessed: hiDay(2024, time.February, 20)},
		{Referral: referral.Referral{From: continuum.Specialist, To: continuum.Universal, Case: rtNoNeeds,
			Received: hiDay(2024, time.March, 1), Closure: referral.NoFurtherAction}},
		{Referral: referral.Referral{To: continuum.Specialist, Case: rtSpecialist, Consent: referral.Given,
			Received: hiDay(2024, time.October, 1)}, Decided: hiDay(2024, time.October, 3)},
	}}
}

func TestCheckJourney(t *testing.T) {
	p, fw := rtPair(t, "england")
	c := p.CheckJourney(fw, jtNFA())
	require.Len(t, c.Steps, 3)
	assert.Empty(t, c.History)
	assert.NoError(t, c.Err(), "only queries: every step was routed")

	assert.True(t, c.Steps[0].OnTime)
	assert.Equal(t, referral.Entry, c.Steps[0].Routing.Kind)
	assert.Equal(t, referral.Closure, c.Steps[1].Routing.Kind)
	assert.False(t, c.Steps[1].OnTime, "no decision recorded: not known to be on time")
	assert.Equal(t, 1, c.Steps[2].Late, "due Wednesday 2 October, decided Thursday 3rd")
	assert.Nil(t, c.Steps[2].Routing.Queries, "the step's queries are in its Findings")

	assert.Equal(t, []string{
		"steps[2].decided decision-late",
		"steps[2].source referral-source-missing",
		"steps[0].received re-referral",
	}, jtPathRules(c.Findings()))
	assert.Contains(t, c.Steps[2].Findings[0].Msg+c.Steps[2].Findings[1].Msg+c.Steps[2].Findings[2].Msg, "8 months after an earlier referral")

	want := []referral.Episode{
		{Level: continuum.Specialist, Referred: hiDay(2024, time.January, 10), Closed: hiDay(2024, time.March, 1), Closure: referral.NoFurtherAction},
		{Level: continuum.Specialist, Referred: hiDay(2024, time.October, 1)},
	}
	assert.Equal(t, want, c.Episodes)
}

// jtPathRules lists "path rule" in the findings' own order.
func jtPathRules(fs continuum.Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path+" "+f.Rule)
	}
	return out
}

func TestCheckJourneyErrors(t *testing.T) {
	p, fw := rtPair(t, "england")
	t.Run("history-in-step", func(t *testing.T) {
		j := jtNFA()
		j.Steps[0].History = []referral.Episode{{Level: continuum.Intensive, Referred: hiDay(2023, time.May, 2)}}
		c := p.CheckJourney(fw, j)
		assert.Equal(t, []string{"steps[0].history history-in-step"}, jtPathRules(c.Steps[0].Findings.Errors()))
		assert.Equal(t, referral.Entry, c.Steps[0].Routing.Kind, "the step is routed with the journey's history")
	})
	t.Run("err-holds-errors-only", func(t *testing.T) {
		j := jtNFA()
		j.Steps[0].Consent = 0
		j.Steps[0].To = continuum.Additional
		j.Steps[0].Case = rtAdditional
		c := p.CheckJourney(fw, j)
		fs := rtFindings(t, c.Err())
		assert.Equal(t, []string{"steps[0].consent consent-required"}, rtPathRules(fs))
		assert.Zero(t, c.Steps[0].Routing, "a step with a blocking finding is not routed")
		assert.Equal(t, continuum.Additional, c.Episodes[0].Level, "the child is taken to have moved as asked")
	})
	t.Run("assessed-before-referral-1103", func(t *testing.T) {
		j := jtNFA()
		j.Steps[0].Assessed = hiDay(2024, time.January, 9)
		j.Steps[1].Assessed = hiDay(2023, time.December, 1) // before the episode's referral
		c := p.CheckJourney(fw, j)
		assert.Equal(t, []string{"steps[0].assessed assessed-before-referral", "steps[1].assessed assessed-before-referral"}, rtPathRules(c.Findings().Errors()))
		j.Steps[1].Assessed = hiDay(2024, time.February, 29) // before the closing step, after the referral: fine
		j.Steps[0].Assessed = time.Time{}
		assert.NoError(t, p.CheckJourney(fw, j).Err())
	})
	t.Run("nil-framework", func(t *testing.T) {
		c := p.CheckJourney(nil, jtNFA())
		for i, s := range c.Steps {
			assert.Equal(t, "steps["+fmt.Sprint(i)+"].framework framework-mismatch", s.Findings[0].Path+" "+s.Findings[0].Rule)
		}
	})
	t.Run("zero-journey", func(t *testing.T) {
		c := p.CheckJourney(fw, referral.Journey{})
		assert.Empty(t, c.Findings())
		assert.NoError(t, c.Err())
		assert.Empty(t, c.Episodes)
	})
	t.Run("zero-step", func(t *testing.T) {
		c := p.CheckJourney(fw, referral.Journey{Steps: make([]referral.Step, 1)})
		assert.Equal(t, []string{"steps[0].received missing-received", "steps[0].to invalid-level"}, rtPathRules(c.Steps[0].Findings))
		assert.Empty(t, c.Episodes, "a step with no level and no date moves nobody")
	})
}

// jtPath is the shape of every journey finding's path.
var jtPath = regexp.MustCompile(`^(history\[\d+\]\.(level|referred|closed|closure)|steps\[\d+\](\.[a-z]+(\.[a-z]+)?(\[\d+\])?)*)$`)

// jtJourney builds a journey from fuzz bytes: a history of up to 4 episodes and up to 6
// steps with levels, consent, sources, closure reasons and dates drawn from the bytes
// (values out of range included), days from 2023-06-01 onward.
func jtJourney(data []byte) referral.Journey {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	day := func() time.Time {
		var b [2]byte
		b[0], b[1] = next(), next()
		if b[0] == 0 && b[1] == 0 {
			return time.Time{}
		}
		n := int(binary.BigEndian.Uint16(b[:]) % 800)
		// Minutes spread the clock time across the day, London's midnight included.
		return time.Date(2023, time.June, 1, 0, int(next())*6, 0, 0, time.UTC).AddDate(0, 0, n)
	}
	codes := []thresholds.Case{rtNoNeeds, rtAdditional, rtMultiple, rtIntensive, rtSpecialist, rtHarm, rtDanger, rtCase("XYZ-9-99")}
	var j referral.Journey
	for range int(next() % 5) {
		j.History = append(j.History, referral.Episode{
			Level: continuum.Level(next() % 6), Referred: day(), Closed: day(), Closure: referral.ClosureReason(next() % 11),
		})
	}
	for range int(next() % 7) {
		j.Steps = append(j.Steps, referral.Step{
			Referral: referral.Referral{
				From: continuum.Level(next() % 6), To: continuum.Level(next() % 6),
				Case: codes[int(next())%len(codes)], Consent: referral.Consent(next() % 5),
				Received: day(), Source: referral.ReferralSource(next() % 24), Closure: referral.ClosureReason(next() % 11),
			},
			Decided: day(), Assessed: day(),
		})
	}
	return j
}

func FuzzCheckJourney(f *testing.F) {
	// No bytes: the zero journey.
	f.Add([]byte{})
	// One entry to specialist with a date.
	f.Add([]byte{0, 1, 0, 4, 4, 1, 0, 10, 3, 5, 0, 0, 12, 3, 0, 0})
	// A history of two overlapping specialist episodes, then three steps.
	f.Add([]byte{2, 4, 0, 10, 0, 1, 20, 0, 7, 4, 0, 15, 0, 1, 30, 0, 7, 3, 0, 4, 4, 1, 1, 40, 3, 5, 0, 0, 0, 0, 0, 0, 4, 1, 0, 1, 0, 2, 0, 8, 0, 0, 0, 0, 0, 0})
	// Out-of-range levels, consent, sources and reasons everywhere.
	f.Add([]byte{4, 5, 255, 255, 255, 10, 5, 0, 0, 0, 0, 0, 0, 10, 6, 5, 5, 7, 4, 255, 255, 255, 23, 10, 255, 255, 255, 255, 255, 255})
	p, fw := rtPair(f, "england")
	kent, kfw := rtPair(f, "kent")
	f.Fuzz(func(t *testing.T, data []byte) {
		j := jtJourney(data)
		for _, pair := range []struct {
			p  *referral.Policy
			fw *thresholds.Framework
		}{{p, fw}, {kent, kfw}} {
			c := pair.p.CheckJourney(pair.fw, j) // must not panic
			if len(c.Steps) != len(j.Steps) {
				t.Fatalf("%d step checks for %d steps", len(c.Steps), len(j.Steps))
			}
			for _, fd := range c.Findings() {
				if fd == nil || fd.Rule == "" || !fd.Severity.IsValid() || !jtPath.MatchString(fd.Path) {
					t.Fatalf("a finding without a journey path or rule: %#v", fd)
				}
				if fd.Severity == continuum.Error && !errors.Is(fd, referral.ErrInvalidReferral) &&
					!errors.Is(fd, referral.ErrFrameworkMismatch) && !errors.Is(fd, referral.ErrNotInForce) &&
					!errors.Is(fd, thresholds.ErrUnknownIndicator) {
					t.Fatalf("an error finding that wraps no sentinel: %#v", fd)
				}
			}
			for i, s := range c.Steps {
				if s.Routing.Kind.IsValid() == (s.Findings.HasErrors() && s.Routing.Route.ID == "") {
					t.Fatalf("step %d: routed %v with errors %v", i, s.Routing.Kind, s.Findings.Errors())
				}
				if s.Late < 0 || (s.Late > 0 && s.OnTime) {
					t.Fatalf("step %d: late %d, on time %v", i, s.Late, s.OnTime)
				}
			}
			for _, e := range c.Episodes {
				if e.Referred.IsZero() && len(j.History) == 0 {
					t.Fatalf("a step opened an episode with no date: %+v", e)
				}
			}
		}
	})
}

func BenchmarkCheckJourney(b *testing.B) {
	p, fw := rtPair(b, "england")
	j := jtNFA()
	b.ReportAllocs()
	for b.Loop() {
		_ = p.CheckJourney(fw, j)
	}
}

func ExamplePolicy_CheckJourney() {
	on := time.Date(2024, time.January, 10, 10, 0, 0, 0, time.UTC)
	p, _ := referral.BuiltinPolicyOn("england", on) // the Working Together 2023 version in force then
	fw, _ := thresholds.BuiltinOn("england", on)
	day := func(m time.Month, d int) time.Time { return time.Date(2024, m, d, 10, 0, 0, 0, time.UTC) }
	specialist := thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("HLT-4-01")}}
	c := p.CheckJourney(fw, referral.Journey{Steps: []referral.Step{
		{Referral: referral.Referral{To: continuum.Specialist, Case: specialist, Consent: referral.Given,
			Received: day(time.January, 10), Source: referral.SourceSchool},
			Decided: day(time.January, 11), Assessed: day(time.February, 20)},
		{Referral: referral.Referral{From: continuum.Specialist, To: continuum.Universal,
			Received: day(time.March, 1), Closure: referral.NoFurtherAction}},
		{Referral: referral.Referral{To: continuum.Specialist, Case: specialist, Consent: referral.Given,
			Received: day(time.October, 1), Source: referral.SourcePolice},
			Decided: day(time.October, 3)},
	}})
	for i, s := range c.Steps {
		fmt.Printf("step %d: %s to %s, on time %v, %d working days late\n", i, s.Routing.Kind, s.Routing.Route.ID, s.OnTime, s.Late)
		for _, f := range s.Findings {
			fmt.Printf("  %s %s: %s\n", f.Path, f.Rule, f.Msg)
		}
	}
	// Output:
	// step 0: entry to childrens-social-care, on time true, 0 working days late
	// step 1: closure to universal-services, on time false, 0 working days late
	// step 2: entry to childrens-social-care, on time false, 1 working days late
	//   steps[2].decided decision-late: the decision came 1 working day after it was due (timescale: Decision on a referral, 1 working day)
	//   steps[0].received re-referral: a re-referral: received 8 months after an earlier referral, within the 12 months the census counts
}
