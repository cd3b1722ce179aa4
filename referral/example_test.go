package referral_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

func ExamplePolicy_Route() {
	policy, err := referral.BuiltinPolicy("kent")
	if err != nil {
		panic(err)
	}
	fw, err := thresholds.Builtin(policy.FrameworkID())
	if err != nil {
		panic(err)
	}
	// Three additional needs across two sides of the triangle (child development and
	// parenting capacity), asked at intensive with the family's consent. The codes are
	// synthetic examples from the catalogue; a Case holds no personal data.
	r := referral.Referral{
		From: continuum.Additional,
		To:   continuum.Intensive,
		Case: thresholds.Case{Indicators: []continuum.Code{
			continuum.MustParseCode("EDU-2-01"),
			continuum.MustParseCode("HLT-2-01"),
			continuum.MustParseCode("SAF-2-01"),
		}},
		Consent:  referral.Given,
		Received: time.Date(2024, time.March, 8, 10, 0, 0, 0, time.UTC), // a Friday
	}
	routing, err := policy.Route(fw, r)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("kind:", routing.Kind)
	fmt.Println("decision:", routing.Decision.Level, "by", routing.Decision.Rule())
	fmt.Println("route:", routing.Route.Name)
	fmt.Println("decide by:", routing.DecideBy.Format("Mon 2 January 2006"))
	fmt.Println("queries:", len(routing.Queries))
	// Output:
	// kind: step-up
	// decision: intensive by multiple-needs
	// route: Kent Integrated Front Door
	// decide by: Mon 11 March 2024
	// queries: 0
}

func ExamplePolicy_Mermaid() {
	fmt.Print(referral.DefaultPolicy().Mermaid())
	// Output:
	// flowchart LR
	//   notknown(["Not known to services"])
	//   universal["Universal (1)"]
	//   additional["Additional (2)"]
	//   intensive["Intensive (3)"]
	//   specialist["Specialist (4)"]
	//   notknown -->|entry| universal
	//   notknown -->|entry| additional
	//   notknown -->|entry| intensive
	//   notknown -->|entry| specialist
	//   universal -->|step-up| additional
	//   universal -->|step-up| intensive
	//   universal -->|escalation| specialist
	//   additional -->|step-up| intensive
	//   additional -->|escalation| specialist
	//   intensive -->|escalation| specialist
	//   specialist -->|step-down| intensive
	//   specialist -->|step-down| additional
	//   intensive -->|step-down| additional
	//   specialist -->|closure| universal
	//   intensive -->|closure| universal
	//   additional -->|closure| universal
}

func ExampleAddWorkingDays() {
	// Day 0 is the London day the clock starts; day 1 is the next working day. The
	// result is in Europe/London at the London clock time of the start.
	for _, received := range []time.Time{
		time.Date(2022, time.June, 1, 8, 0, 0, 0, time.UTC),                     // 09:00 BST; Platinum Jubilee: 2 and 3 June
		time.Date(2023, time.May, 5, 16, 0, 0, 0, time.UTC),                     // a Friday, 17:00 BST; the coronation Monday
		time.Date(2024, time.December, 24, 9, 0, 0, 0, time.UTC),                // Christmas Eve, 09:00 GMT
		time.Date(2026, time.June, 4, 23, 30, 0, 0, time.UTC),                   // Thursday 23:30 UTC is Friday 00:30 in London
		time.Date(2026, time.May, 22, 19, 0, 0, 0, time.FixedZone("", -5*3600)), // Friday 19:00 in New York is Saturday in London
	} {
		due := referral.AddWorkingDays(received, 1)
		fmt.Println(received.In(referral.London()).Format("Mon 2 Jan 2006 15:04"), "→", due.Format("Mon 2 Jan 2006 15:04 MST"))
	}
	// Output:
	// Wed 1 Jun 2022 09:00 → Mon 6 Jun 2022 09:00 BST
	// Fri 5 May 2023 17:00 → Tue 9 May 2023 17:00 BST
	// Tue 24 Dec 2024 09:00 → Fri 27 Dec 2024 09:00 GMT
	// Fri 5 Jun 2026 00:30 → Mon 8 Jun 2026 00:30 BST
	// Sat 23 May 2026 01:00 → Tue 26 May 2026 01:00 BST
}

// WorkingDaysBetween counts England and Wales working days after the first date up to
// and including the second: how many working days an assessment took, say.
func ExampleWorkingDaysBetween() {
	started := time.Date(2024, time.December, 20, 10, 0, 0, 0, time.UTC) // a Friday
	for _, done := range []time.Time{
		time.Date(2024, time.December, 23, 10, 0, 0, 0, time.UTC), // the Monday after
		time.Date(2025, time.January, 2, 10, 0, 0, 0, time.UTC),   // over Christmas and New Year
	} {
		fmt.Println(done.Format("2 Jan 2006"), referral.WorkingDaysBetween(started, done))
	}
	// Output:
	// 23 Dec 2024 1
	// 2 Jan 2025 6
}

func ExampleJudgement() {
	// The England versions in force on the day (Working Together 2023).
	day := time.Date(2025, time.June, 4, 10, 0, 0, 0, referral.London())
	policy, err := referral.BuiltinPolicyOn("england", day)
	if err != nil {
		panic(err)
	}
	fw, err := thresholds.BuiltinOn("england", day)
	if err != nil {
		panic(err)
	}
	// Severe neglect is a Specialist need. Routing it to early help needs a practitioner's
	// recorded judgement: a level and a coded reason, never free text.
	r := referral.Referral{
		To:       continuum.Additional,
		Case:     thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("BCA-4-01")}},
		Consent:  referral.Given,
		Received: day,
	}
	_, err = policy.Route(fw, r)
	fmt.Println("without a judgement:", errors.Is(err, referral.ErrNeedsJudgement))

	r.Judgement = referral.Judgement{Level: continuum.Additional, Reason: referral.HistoryOrCumulativeConcern}
	routing, err := policy.Route(fw, r)
	if err != nil {
		panic(err)
	}
	fmt.Println("with one:", routing.Route.ID, routing.Judgement.Reason)
	fmt.Println("deadline:", routing.Basis.Label())
	// Output:
	// without a judgement: true
	// with one: early-help history-or-cumulative-concern
	// deadline: Follow-up prompt (not a deadline)
}

func ExamplePolicy_Route_londonDay() {
	received := time.Date(2025, time.June, 5, 23, 30, 0, 0, time.UTC)
	policy, err := referral.BuiltinPolicyOn("england", received)
	if err != nil {
		panic(err)
	}
	fw, err := thresholds.BuiltinOn("england", received)
	if err != nil {
		panic(err)
	}
	// Stored as 23:30 UTC on a Thursday in June: 00:30 on Friday in London, so the
	// decision clock starts on Friday and the decision is due on Monday, London time.
	routing, err := policy.Route(fw, referral.Referral{
		To:       continuum.Specialist,
		Case:     thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("HLT-4-01")}},
		Consent:  referral.Given,
		Received: received,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(routing.DecideBy.Format("Mon 2 Jan 2006 15:04 MST"), routing.Basis)
	// Output:
	// Mon 9 Jun 2025 00:30 BST statutory
}

// A council overlay: the England policy with the council's own early-help route, and
// the England framework with one level relabelled. The England policy routes with the
// overlay framework too, because it derives from england; a referral received before
// either is in force is refused.
func ExampleParseOptions_Parse() {
	fw, err := thresholds.Parse([]byte(`{
		"id": "example-council", "title": "Example council thresholds", "publisher": "Example council",
		"version": "1.0.0", "effectiveFrom": "2026-04-01", "extends": "england@1.0.0",
		"levels": {"additional": {"label": "Early Help - Level 2"}}
	}`))
	if err != nil {
		panic(err)
	}
	policy, err := referral.ParseOptions{}.Parse([]byte(`{
		"id": "example-council", "framework": "example-council", "title": "Example council referrals",
		"publisher": "Example council", "version": "1.0.0", "effectiveFrom": "2026-04-01",
		"extends": "england@1.0.0",
		"sources": [{"id": "EX1", "title": "Example council early help page", "url": "https://example.org/early-help"}],
		"routes": [{"id": "early-help", "name": "Example Family Hub", "how": "Ring the family hub.", "sources": ["EX1"]}]
	}`))
	if err != nil {
		panic(err)
	}
	r := referral.Referral{
		To:       continuum.Additional,
		Case:     thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("EDU-2-01")}},
		Consent:  referral.Given,
		Received: time.Date(2026, time.May, 1, 10, 0, 0, 0, time.UTC),
	}
	for _, p := range []*referral.Policy{policy, referral.DefaultPolicy()} {
		routing, err := p.Route(fw, r)
		if err != nil {
			panic(err)
		}
		fmt.Println(p.ID(), "->", routing.Route.Name)
	}
	r.Received = time.Date(2026, time.March, 31, 10, 0, 0, 0, time.UTC)
	_, err = policy.Route(fw, r)
	fmt.Println(errors.Is(err, referral.ErrNotInForce))
	// Output:
	// example-council -> Example Family Hub
	// england -> Local Family Help service
	// true
}

// A council's policy is a few lines on top of the England base it was written against:
// here a fictional council renames the front door and gives its own contact. Everything
// else (early help, consent, the moves allowed, the timescales) is England's.
func ExampleParsePolicy() {
	pol, err := referral.ParsePolicy([]byte(`{
	  "id": "testshire", "framework": "england", "title": "Testshire referral policy (fictional)",
	  "publisher": "Testshire Council (fictional)", "version": "1.0.0", "effectiveFrom": "2024-04-01",
	  "extends": "england@1.0.0",
	  "sources": [ { "id": "TST-P01", "title": "Testshire front door guide (fictional)", "url": "https://example.org/testshire" } ],
	  "routes": [ { "id": "childrens-social-care", "name": "Testshire Front Door", "how": "Request support through the Testshire portal.",
	    "contact": "01632 960000", "timescale": "referral-decision", "sources": ["TST-P01"] } ]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(pol, "extends", pol.Base())
	fw := must(thresholds.BuiltinOn("england", time.Date(2025, time.June, 2, 0, 0, 0, 0, time.UTC)))
	routing, err := pol.Route(fw, referral.Referral{
		To:       continuum.Specialist,
		Case:     thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("SH-01")}},
		Consent:  referral.NotSought,
		Received: time.Date(2025, time.June, 2, 10, 0, 0, 0, referral.London()),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(routing.Route.Name, routing.Route.Contact)
	fmt.Println(routing.DecideBy.Format("Mon 2 Jan 2006 15:04"), routing.Basis)
	// Output:
	// testshire 1.0.0 extends england@1.0.0
	// Testshire Front Door 01632 960000
	// Tue 3 Jun 2025 10:00 statutory
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
