package referral

import (
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum/document"
)

// ErrInvalidPolicy reports a policy document that breaks a rule of the format; each
// ParsePolicy finding for such a rule wraps it.
var ErrInvalidPolicy = errors.New("referral: invalid policy document")

// ErrUnknownPolicy reports a policy id that names no builtin policy.
var ErrUnknownPolicy = errors.New("referral: unknown policy")

// ErrNotInForce reports a referral received on a London day outside the framework's or
// the policy's effective period, or a day on which no version of a builtin policy is in
// force ([BuiltinPolicyOn]).
var ErrNotInForce = errors.New("referral: not in force on the day received")

// ErrFrameworkMismatch reports a policy used with a framework that does not derive from
// the one it names.
var ErrFrameworkMismatch = errors.New("referral: policy does not go with this framework")

// ErrInvalidReferral reports a referral that cannot be routed; each blocking Route
// finding that is not about an indicator code wraps it.
var ErrInvalidReferral = errors.New("referral: invalid referral")

// ErrNoPolicy reports a nil or zero *Policy given where a parsed one is needed: Route
// and Deadline fail with it instead of routing anything.
var ErrNoPolicy = errors.New("referral: no policy: use ParsePolicy, DefaultPolicy or BuiltinPolicy")

// ErrUnknownTimescale reports a timescale id the policy does not define.
var ErrUnknownTimescale = errors.New("referral: unknown timescale")

// ErrDateOutOfRange reports a date outside the years the calendar supports
// ([FirstCalendarYear] to [LastCalendarYear]): a received date or a deadline
// that would fall there. Findings of rule date-out-of-range wrap it.
var ErrDateOutOfRange = errors.New("referral: date outside the supported calendar years")

// ErrNeedsJudgement reports a Specialist decision asked below Specialist with no
// recorded practitioner judgement; findings of rule needs-judgement wrap it.
var ErrNeedsJudgement = errors.New("referral: a specialist decision routed below specialist needs a recorded judgement")

// The errors of Route's date-out-of-range and needs-judgement findings: like every
// blocking Route finding that is not about an indicator code, each wraps
// [ErrInvalidReferral], and its own sentinel too.
var (
	errReferralDate      = fmt.Errorf("%w: %w", ErrInvalidReferral, ErrDateOutOfRange)
	errReferralJudgement = fmt.Errorf("%w: %w", ErrInvalidReferral, ErrNeedsJudgement)
)

// Rule codes of the findings ParsePolicy and Route report. They are stable: systems and
// conformance cases match on them. The document rules shared with framework documents
// (document.RuleMissingField, document.RuleUnknownSource, …) apply too.
const (
	// ParsePolicy.
	RuleMissingField        = document.RuleMissingField
	RuleDuplicateID         = "duplicate-id"         // two routes or timescales share an id
	RuleUnknownRoute        = "unknown-route"        // a route id that no route defines
	RuleUnknownTimescale    = "unknown-timescale"    // a timescale id that no timescale defines
	RuleRoutingIncomplete   = "routing-incomplete"   // a level and urgency with no route
	RuleDuplicateRouting    = "duplicate-routing"    // a level and urgency routed twice
	RuleInvalidRouting      = "invalid-routing"      // a routing entry that can never apply
	RuleInvalidConsent      = "invalid-consent"      // a consent rule that breaks the semantics
	RuleDuplicateConsent    = "duplicate-consent"    // a level with two consent rules
	RuleInvalidTransition   = "invalid-transition"   // a transition from a level to itself
	RuleDuplicateTransition = "duplicate-transition" // a transition listed twice
	RuleInvalidTimescale    = "invalid-timescale"    // a timescale amount or unit out of range
	RuleInvalidGate         = "invalid-gate"         // a threshold gate that cannot apply
	RuleInvalidHours        = "invalid-hours"        // office hours with a bad day or time
	RuleInvalidLegalBasis   = "invalid-legal-basis"  // a routing's legal basis that does not fit its level
	RuleTooManySources      = "too-many-sources"     // the register holds more than MaxSources sources

	// ParsePolicy: extends, versions and periods (the codes thresholds uses too).
	RuleUnpinnedBase       = document.RuleUnpinnedBase       // extends is not "id@version"
	RuleUnknownBase        = document.RuleUnknownBase        // extends names no policy that can be found
	RuleBaseMismatch       = document.RuleBaseMismatch       // the base found has another id or version than extends names
	RuleExtendsCycle       = document.RuleExtendsCycle       // extends leads back to the policy itself
	RuleBuiltinID          = document.RuleBuiltinID          // a document takes a builtin's id without being a version or copy of it
	RuleInvalidPeriod      = document.RuleInvalidPeriod      // effectiveTo falls before effectiveFrom
	RuleOverlappingVersion = document.RuleOverlappingVersion // two versions of one id are in force on a common day
	RuleDuplicateVersion   = document.RuleDuplicateVersion   // two documents of a set have the same id and version
	RuleRemoveUnknown      = "remove-unknown"                // remove names a record the base does not have
	RuleRemoveConflict     = "remove-conflict"               // a record is both removed and defined
	RuleRemoveWithoutBase  = "remove-without-base"           // remove is used in a policy that extends nothing

	// Route: blocking errors.
	RuleFrameworkMismatch    = "framework-mismatch"     // the framework does not derive from the policy's
	RuleNotInForce           = "not-in-force"           // received outside the framework's or the policy's period
	RuleInvalidLevel         = "invalid-level"          // from or to is not a level
	RuleNotAMove             = "not-a-move"             // from and to are the same level
	RuleMissingReceived      = "missing-received"       // no date the referral was received
	RuleConsentRequired      = "consent-required"       // early help without the family's consent
	RuleHarmBelowSpecialist  = "harm-below-specialist"  // significant harm or danger routed below specialist
	RuleTransitionNotAllowed = "transition-not-allowed" // the policy does not allow the move
	RuleUndecidable          = "undecidable-case"       // the framework could not decide the case
	RuleNeedsJudgement       = "needs-judgement"        // a specialist decision asked below specialist without a judgement
	RuleInvalidJudgement     = "invalid-judgement"      // a judgement without a valid level or reason
	RuleJudgementMismatch    = "judgement-mismatch"     // a judgement whose level is not the level asked for
	RuleInvalidAge           = "invalid-age"            // the case's age band is not a band
	RuleDateOutOfRange       = "date-out-of-range"      // received or deadline outside the supported calendar years

	// Route: queries (non-blocking).
	RuleAboveDecision     = "above-decision"     // asked for more than the decided level
	RuleBelowDecision     = "below-decision"     // asked for less than the decided level
	RuleBelowThreshold    = "below-threshold"    // sent to another route by a threshold gate
	RuleConsentUnrecorded = "consent-unrecorded" // specialist referral that records no consent position
	RuleOutOfHours        = "out-of-hours"       // same-day or immediate referral received while the service is closed
	RuleConsentNotSought  = "consent-not-sought" // voluntary help requested without asking the family, for the child's safety
)
