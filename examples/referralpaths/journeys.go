package main

import (
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// A journey is one synthetic child's path through the continuum: no names, an age band,
// and the referrals made about them, in order.
type journey struct {
	title string
	child string            // "child A": never a name
	age   continuum.AgeBand // a band, never a date of birth
	steps []step
}

// A step is one referral: the move asked for, what was observed, the family's consent
// and when the service received it; and, where the story records them, who referred
// (census source), the census reason a closure records, and when the decision was made
// and an assessment concluded.
type step struct {
	story    string // what happened, in a sentence, with no personal data
	from, to continuum.Level
	codes    []continuum.Code
	consent  referral.Consent
	received time.Time
	// judgement is the practitioner's recorded judgement, a level and a coded reason
	// (never free text); zero when none.
	judgement referral.Judgement

	source   referral.ReferralSource
	closure  referral.ClosureReason
	decided  time.Time
	assessed time.Time
}

// asJourney is the journey as [referral.Policy.CheckJourney] takes it.
func (j journey) asJourney() referral.Journey {
	out := referral.Journey{Steps: make([]referral.Step, len(j.steps))}
	for i, s := range j.steps {
		out.Steps[i] = referral.Step{Referral: s.referral(j.age), Decided: s.decided, Assessed: s.assessed}
	}
	return out
}

// referral is the step's referral, for a child in the age band.
func (s step) referral(age continuum.AgeBand) referral.Referral {
	return referral.Referral{From: s.from, To: s.to, Case: thresholds.Case{Indicators: s.codes, Age: age},
		Consent: s.consent, Received: s.received, Source: s.source, Closure: s.closure, Judgement: s.judgement}
}

// codes parses literal indicator codes. Every code used here is in the catalogue of all
// three builtin frameworks (kent and durham extend england and remove none of them).
func codes(ss ...string) []continuum.Code {
	out := make([]continuum.Code, len(ss))
	for i, s := range ss {
		out[i] = continuum.MustParseCode(s)
	}
	return out
}

// at is a fixed time in UK local time, so that the output never depends on the clock.
func at(year int, month time.Month, day, hour, minute int) time.Time {
	return time.Date(year, month, day, hour, minute, 0, 0, london)
}

// london is UK local time, from the zone data the library embeds.
var london = referral.London()

// journeys are the stories the program walks through, in order.
var journeys = []journey{
	{
		title: "Additional needs met by early help, with the family's consent",
		child: "child A", age: continuum.SchoolAge,
		steps: []step{
			{
				story: "The school sees attendance slipping and parental conflict at home; the parents agree to early help.",
				to:    continuum.Additional,
				codes: codes("EDU-2-01", "FHF-2-01"),
				// A Friday before the spring bank holiday: the decide-by date skips Monday.
				consent: referral.Given, received: at(2025, time.May, 23, 14, 30),
			},
			{
				story: "At the review the family and the lead practitioner agree the needs are met; early help closes.",
				from:  continuum.Additional, to: continuum.Universal,
				codes:    codes("EDU-1-01"),
				consent:  referral.Given,
				received: at(2025, time.September, 15, 10, 0),
			},
		},
	},
	{
		title: "Needs that grow across the triangle step up to Intensive (multiple needs)",
		child: "child B", age: continuum.EarlyYears,
		steps: []step{
			{
				story:   "The nursery notices speech and language delay; the parents agree to early help.",
				to:      continuum.Additional,
				codes:   codes("HLT-2-01"),
				consent: referral.Given, received: at(2025, time.January, 14, 11, 0),
			},
			{
				story: "Three months on, the lead practitioner also sees inconsistent care and poor housing: three needs at Level 2, across all three sides of the triangle.",
				from:  continuum.Additional, to: continuum.Intensive,
				codes:   codes("HLT-2-01", "EMW-2-01", "HSG-2-01"),
				consent: referral.Given, received: at(2025, time.April, 9, 9, 45),
			},
		},
	},
	{
		title: "A bruise on a baby who is not yet mobile",
		child: "child C", age: continuum.UnderOne,
		steps: []step{
			{
				story:   "On a Friday afternoon home visit a health visitor sees a bruise on a baby who is not yet rolling. Consent is not sought: asking could put the baby at risk.",
				to:      continuum.Specialist,
				codes:   codes("SH-02"),
				consent: referral.NotSought, received: at(2026, time.March, 6, 15, 20),
				source: referral.SourceHealthVisitor,
			},
		},
	},
	{
		title: "A child in immediate danger: 999 first, then the front door",
		child: "child D", age: continuum.Adolescent,
		steps: []step{
			{
				story:    "A young person tells a youth worker that an adult at home has threatened to hurt them tonight. The worker calls 999; consent is not recorded in the moment.",
				to:       continuum.Specialist,
				codes:    codes("EM-01", "SAF-4-03"),
				received: at(2025, time.November, 13, 16, 50),
			},
		},
	},
	{
		title: "Step-down from Specialist to Intensive to Additional as a plan ends",
		child: "child E", age: continuum.SchoolAge,
		steps: []step{
			{
				story: "The child in need plan ends: risk has reduced, but care is still erratic and the family is in temporary housing. The family agrees to a team around the family.",
				from:  continuum.Specialist, to: continuum.Intensive,
				codes:   codes("EMW-3-01", "HSG-3-01"),
				consent: referral.Given, received: at(2026, time.February, 2, 10, 0),
				closure: referral.ServicesCeased,
			},
			{
				story: "At the review care is steadier and the housing is settled but poor; the family agrees to lighter support.",
				from:  continuum.Intensive, to: continuum.Additional,
				codes:   codes("EMW-2-01", "HSG-2-01"),
				consent: referral.Given, received: at(2026, time.March, 11, 13, 15),
			},
		},
	},
	{
		title: "A request to the front door with Level 1-2 needs, routed back to early help",
		child: "child F", age: continuum.Adolescent,
		steps: []step{
			{
				story:   "A school asks for Level 3 support for low mood and two suspensions; the family agrees to a request for support.",
				to:      continuum.Intensive,
				codes:   codes("EBD-2-01", "EDU-2-02"),
				consent: referral.Given, received: at(2024, time.December, 12, 12, 0),
			},
		},
	},
	{
		title: "The family refuses: early help cannot proceed, a safeguarding referral still can",
		child: "child G", age: continuum.SchoolAge,
		steps: []step{
			{
				story:   "A school nurse finds missed health checks and no routine at home; the parents refuse early help.",
				to:      continuum.Additional,
				codes:   codes("HLT-2-02", "GBD-2-01"),
				consent: referral.Refused, received: at(2024, time.July, 8, 9, 30),
			},
			{
				story:   "After the summer the child arrives hungry and unkempt day after day: severe neglect. The parents still refuse, and the school refers to children's social care.",
				to:      continuum.Specialist,
				codes:   codes("BCA-4-01", "HLT-2-02", "GBD-2-01"),
				consent: referral.Refused, received: at(2024, time.September, 10, 11, 0),
				source: referral.SourceSchool,
			},
		},
	},
	{
		title: "Closed with no further action, then referred again within the year",
		child: "child H", age: continuum.SchoolAge,
		steps: []step{
			{
				story:   "The school refers to children's social care after the child says they were hit at home; the parents agree to the referral.",
				to:      continuum.Specialist,
				codes:   codes("SAF-4-01"),
				consent: referral.Given, received: at(2025, time.March, 3, 9, 30),
				source: referral.SourceSchool, decided: at(2025, time.March, 4, 15, 0), assessed: at(2025, time.April, 11, 12, 0),
			},
			{
				story: "The assessment finds domestic abuse between the parents and no further harm to the child; the case closes with no further action and no offer of early help.",
				from:  continuum.Specialist, to: continuum.Universal,
				codes:   codes("SAF-3-02"),
				consent: referral.Given, received: at(2025, time.April, 14, 10, 0),
				closure: referral.NoFurtherAction,
			},
			{
				story:   "The police attend another domestic abuse incident at home and refer the child to children's social care again.",
				to:      continuum.Specialist,
				codes:   codes("SAF-4-01", "SAF-3-02"),
				consent: referral.NotSought, received: at(2025, time.October, 6, 10, 0),
				source: referral.SourcePolice, decided: at(2025, time.October, 8, 11, 0),
			},
		},
	},
	{
		title: "A practitioner's judgement: a step-down while one Specialist indicator remains",
		child: "child I", age: continuum.EarlyYears,
		steps: []step{
			{
				story: "At the child in need review the growth concern is still recorded, but the review finds the risk reduced and proposes a team around the family. Nobody records the judgement: the step-down is refused.",
				from:  continuum.Specialist, to: continuum.Intensive,
				codes:   codes("HLT-4-01", "EMW-3-01"),
				consent: referral.Given, received: at(2025, time.October, 8, 14, 0),
			},
			{
				story: "The review chair records the judgement (Intensive, risk reduced at review), and the step-down goes ahead with the judgement on record.",
				from:  continuum.Specialist, to: continuum.Intensive,
				codes:   codes("HLT-4-01", "EMW-3-01"),
				consent: referral.Given, received: at(2025, time.October, 8, 14, 30),
				judgement: referral.Judgement{Level: continuum.Intensive, Reason: referral.RiskReducedAtReview},
			},
		},
	},
	{
		title: "A referral stored in UTC just before midnight counts on the London day",
		child: "child J", age: continuum.Adolescent,
		steps: []step{
			{
				story: "A hospital system stores a referral at 23:20 UTC on a Sunday in June: 00:20 on Monday in London. Suspected physical abuse: the decision clock starts on Monday, at an hour when a front door that publishes office hours is closed.",
				to:    continuum.Specialist,
				codes: codes("SH-01"),
				// Written in UTC on purpose: the calendar counts the London day.
				consent: referral.NotSought, received: time.Date(2025, time.June, 8, 23, 20, 0, 0, time.UTC),
			},
		},
	},
}
