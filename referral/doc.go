// Package referral answers what a council system asks when a practitioner refers a child:
// is this referral valid, what kind of move is it, where does it go, and by when must
// someone decide.
//
// # Start here
//
// A council system needs three calls: the framework and the policy in force on the day a
// referral was received, then Route.
//
//	fw, err := thresholds.BuiltinOn("kent", received)     // or thresholds.Parse of your own
//	pol, err := referral.BuiltinPolicyOn("kent", received) // or referral.ParsePolicy
//	routing, err := pol.Route(fw, referral.Referral{To: continuum.Intensive, Case: c,
//		Consent: referral.Given, Received: received})
//
// An error is a [continuum.Findings]: every blocking problem, each with a path and a
// stable rule code. A Routing says where the referral goes, by when someone must decide
// (and whether that is statutory), on what legal basis, and what a practitioner should
// look at ([Routing.Queries]); [Routing.Explain] puts it in words. A practitioner who
// decides a level other than the suggestion records a [Judgement]. [Policy.CheckJourney]
// checks a child's whole sequence of referrals; package referraltest runs the shipped
// conformance cases against a council's own policy.
//
// # Policies
//
// A [Policy] is a council's referral rules as data (JSON; the format and its JSON Schema
// are in the policies folder of this package): routes per level and urgency, consent
// rules per level, the allowed moves between levels and the timescales that follow, each
// with its sources. A policy names the threshold framework it goes with. Three are
// embedded, each going with the builtin framework of the same id:
//
//   - "england": the national base, in two versions: Working Together to Safeguard
//     Children 2023 (1.0.0) and Working Together 2026 with Family Help (2.0.0);
//   - "kent": the Integrated Front Door for levels 3 and 4 through the Children's Portal,
//     the early help district conversation below that, 999 first for immediate danger;
//   - "durham": First Contact for safeguarding, the Early Help Request for early help.
//
// [ParsePolicy] reads a council's own policy strictly and reports every problem at once.
// A council policy may extend another, pinned ("extends": "england@1.0.0"), and state
// only the routes, routing entries, gates, consent rules, transitions and timescales it
// adds, replaces or removes; [ParseOptions] says where bases come from and
// [ParseOptions.ParseAll] parses a set of documents that extend one another.
//
// # Versions in force
//
// A policy, like a framework, has an effective period of London calendar days.
// [BuiltinPolicy] returns an id's newest version, [BuiltinPolicyOn] the one in force on a
// day. [Policy.Route] fails with [ErrNotInForce] when the referral was received on a day
// outside the framework's or the policy's period, and routes with any framework that
// derives from the policy's ([thresholds.Framework.DerivesFrom]).
//
// # Routing a referral
//
// [Policy.Route] takes a [Referral] (from level, to level, the case with the child's age
// band, the family's consent, the date received, any recorded judgement) and returns a
// [Routing]: the threshold decision, the [Transition] and its kind ([Entry], [StepUp],
// [Escalation], [StepDown], [Closure]), the route, the deadline for a decision and what
// it is, the judgement as recorded, and non-blocking queries. Blocking problems (a child
// at risk of significant harm routed below Specialist, a Specialist decision routed below
// it without a judgement, early help without consent, a move the policy does not allow, a
// date outside the calendar) are errors, every one reported.
//
// # Journeys and the Children in Need census
//
// A [Referral] may carry the child's earlier episodes ([Referral.History], each an
// [Episode]), the census code of who referred ([ReferralSource], 1A to 10) and, on a move
// that closes a children's social care episode, the census reason for closure
// ([ClosureReason], RC1 to RC9; the policy says which each move allows). Route checks the
// history (order, dates, census reasons, no overlapping social care episodes) and queries
// a re-referral within 12 months, a move back up within a policy's step-up window, a
// From that disagrees with the open episode, and a closure with no further action after
// needs early help serves. [Policy.CheckJourney] walks a child's whole [Journey] of
// referrals and closures step by step: each move allowed, consent, decisions on time or
// late by so many working days, re-referrals, and the census rules on closure reasons
// and referral sources, every finding at a path such as "steps[3].to".
//
// # Working days and London time
//
// Deadlines count England and Wales working days: Monday to Friday except bank holidays,
// which [IsBankHoliday] computes by rule with every one-off change since 1978. Every
// calendar function and every deadline counts the London calendar day an instant falls
// on, whatever location the caller's time.Time carries, and returns Europe/London times
// (the zone data is embedded with time/tzdata). A referral stored as 23:30 UTC on a
// summer Friday was received on Saturday. The supported years are [FirstCalendarYear] to
// [LastCalendarYear]; a date outside them is an error ([ErrDateOutOfRange]), never a
// guess.
//
// The deadline convention, and where it comes from:
//
//  1. Day 0 is the London day the clock starts, whatever kind of day it is:
//     [AddWorkingDays](t, 1) is the first working day after it, and [WorkingDaysBetween]
//     counts the other way. Working Together asks for a decision "within one working day"
//     of a referral, which Sussex's procedures read as on the day received and no later
//     than one working day after (policy sources S80, S81). The DfE CIN census validator
//     (data-to-insight csc-validator-be-cin, utils.england_working_days, rule 8670Q)
//     flags an assessment still open on the census reference date once that date is 45
//     or more working days after its start date, counting the days after the start: the
//     same day this count gives. Its "n-1" offset counts the reference date itself, not
//     the start date, so the census and these deadlines agree on which day is late; only
//     a reference date that is not a working day (31 March 2024 was a Sunday) is read by
//     the validator as the next working day, so it flags one working day sooner there.
//     A test replays the validator's rule on its own holiday list.
//  2. The deadline instant keeps the London clock time of the start on the day found:
//     a referral received at 10:00 is decided by 10:00 on the next working day. This is
//     the "no later than 24 hours after the referral" reading of procedures that give
//     one (policy source S132), and the earlier, safer of the two readings of "within one
//     working day"; a system that measures against the census, which records dates
//     only, compares London days instead.
//
// Each [Routing] says what its deadline is ([DeadlineBasis]): statutory, a local
// standard, or, for a route without a timescale of its own, only a prompt to follow up.
// A same-day or immediate referral received while the deciding service is closed (outside
// its published office hours, or on a weekend or bank holiday) tells the caller to use
// the out-of-hours contact now.
//
// # Judgement
//
// A suggested level supports professional judgement. A [Judgement] records a
// practitioner's different decision with a coded [JudgementReason] taken from the
// sources, never free text: with one, a Specialist decision may be routed below
// Specialist and a difference from the suggestion is recorded instead of queried; without
// one, that routing fails with [ErrNeedsJudgement]. A significant-harm or
// immediate-danger trigger is never routed below Specialist, judgement or not.
// [Routing.Explain] says when a judgement differs and why.
//
// # Pictures
//
// [Policy.Mermaid] and [Policy.DOT] draw the allowed transitions.
package referral
