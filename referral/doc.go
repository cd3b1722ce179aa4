// Package referral answers what a council system asks when a practitioner refers a child:
// is this referral valid, what kind of move is it, where does it go, and by when must
// someone decide.
//
// # Policies
//
// A [Policy] is a council's referral rules as data (JSON; the format and its JSON Schema
// are in the policies folder of this package): routes per level and urgency, consent
// rules per level, the allowed moves between levels and the timescales that follow, each
// with its sources. A policy names the threshold framework it goes with. Three are
// embedded, each going with the builtin framework of the same id:
//
//   - "england": the Working Together to Safeguard Children 2023 base;
//   - "kent": the Integrated Front Door for levels 3 and 4 through the Children's Portal,
//     the early help district conversation below that, 999 first for immediate danger;
//   - "durham": First Contact for safeguarding, the Early Help Request for early help.
//
// [ParsePolicy] reads a council's own policy strictly and reports every problem at once.
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
