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
// [Policy.Route] takes a [Referral] (from level, to level, the case, the family's
// consent, the date received) and returns a [Routing]: the threshold decision, the
// [Transition] and its kind ([Entry], [StepUp], [Escalation], [StepDown], [Closure]), the
// route, the deadline for a decision, and non-blocking queries. Blocking problems (a
// child at risk of significant harm routed below Specialist, early help without consent,
// a move the policy does not allow) are errors, every one reported.
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
// # Working days
//
// Deadlines count England and Wales working days: Monday to Friday except bank holidays,
// which [IsBankHoliday] computes by rule for any year, with the one-off changes since 2010.
// Day 0 is the day the clock starts: [AddWorkingDays](t, 1) is the first working day
// after t. [WorkingDaysBetween] counts the other way.
//
// # Pictures
//
// [Policy.Mermaid] and [Policy.DOT] draw the allowed transitions.
package referral
