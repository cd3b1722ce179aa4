package thresholds

import (
	"errors"

	"github.com/rightsupport/needs/continuum/document"
)

// ErrUnknownIndicator reports an indicator code that is not in the framework's catalogue.
// Evaluate reports one finding wrapping it for every unknown code in a case (up to
// [continuum.MaxFindings]).
var ErrUnknownIndicator = errors.New("thresholds: unknown indicator")

// ErrUnknownFramework reports a framework id that names no builtin framework, whether
// asked of Builtin or named by a document's "extends".
var ErrUnknownFramework = errors.New("thresholds: unknown framework")

// ErrNotInForce reports that no version of a framework is in force on the day asked
// for ([BuiltinOn]).
var ErrNotInForce = errors.New("thresholds: no version in force on that day")

// ErrInvalidDocument reports a framework document that breaks a rule of the format; each
// Parse finding for such a rule wraps it.
var ErrInvalidDocument = errors.New("thresholds: invalid framework document")

// ErrForeignCase reports a resolved case used with a framework other than the one that
// resolved it.
var ErrForeignCase = errors.New("thresholds: case resolved by another framework")

// ErrForeignDecision reports a decision explained by a framework other than the one that
// made it.
var ErrForeignDecision = errors.New("thresholds: decision made under another framework")

// Rule codes of the findings Parse and Evaluate report. They are stable: systems and
// conformance cases match on them. The structural rules of document.Decode
// (document.RuleUnknownField and the rest) apply too.
const (
	RuleMissingField       = document.RuleMissingField       // a required field is absent or empty
	RuleInvalidID          = document.RuleInvalidID          // an id breaks its grammar
	RuleInvalidDate        = document.RuleInvalidDate        // a date is not YYYY-MM-DD
	RuleInvalidURL         = document.RuleInvalidURL         // a source URL is not an absolute https URL
	RuleDuplicateSource    = document.RuleDuplicateSource    // a source id is registered twice
	RuleUnknownSource      = document.RuleUnknownSource      // a citation names a source not in the register
	RuleMissingCitation    = document.RuleMissingCitation    // a record cites no source
	RuleDuplicateCode      = "duplicate-code"                // an indicator code appears twice
	RuleTriggerLevel       = "trigger-not-specialist"        // a trigger is not at Specialist
	RuleCodeMismatch       = "code-mismatch"                 // a DIM-L-NN code disagrees with its dimension or level
	RuleInvalidParameter   = "invalid-parameter"             // a decision parameter is out of range
	RuleDuplicateParameter = "duplicate-parameter"           // a level has two step-up parameters
	RuleMissingLabel       = "missing-label"                 // a base framework leaves a level unlabelled
	RuleUnknownBase        = document.RuleUnknownBase        // extends names no framework that can be found
	RuleExtendsCycle       = document.RuleExtendsCycle       // extends leads back to the framework itself
	RuleUnpinnedBase       = document.RuleUnpinnedBase       // extends is not "id@version"
	RuleBaseMismatch       = document.RuleBaseMismatch       // the base found has another id or version than extends names
	RuleBuiltinID          = document.RuleBuiltinID          // a document takes a builtin's id without being a version or copy of it
	RuleInvalidPeriod      = document.RuleInvalidPeriod      // effectiveTo falls before effectiveFrom
	RuleOverlappingVersion = document.RuleOverlappingVersion // two versions of one id are in force on a common day
	RuleDuplicateVersion   = document.RuleDuplicateVersion   // two documents of a set have the same id and version
	RuleRemoveUnknown      = "remove-unknown"                // remove names a code the base does not have
	RuleRemoveWithoutBase  = "remove-without-base"           // remove is used in a framework that extends nothing
	RuleRemoveConflict     = "remove-conflict"               // a code is both removed and defined
	RuleTooManyIndicators  = "too-many-indicators"           // the catalogue exceeds MaxIndicators
	RuleTooManySources     = "too-many-sources"              // the register exceeds MaxSources
	RuleUnknownIndicator   = "unknown-indicator"             // a case names a code not in the catalogue
	RuleInvalidCode        = "invalid-code"                  // a case holds the zero Code, or text that is not a code
	RuleUndecidable        = "undecidable"                   // a case could not be decided, for a reason other than its findings
)

// ErrNoFramework reports a nil or zero *Framework given where a parsed one is needed:
// Evaluate, Resolve, Decide and Explain fail with it, and CompareFrameworks counts every
// case as undecidable with it, instead of deciding anything.
var ErrNoFramework = errors.New("thresholds: no framework: use Parse, Default or Builtin")

// ErrInvalidDecision reports a decision that the framework could not have made (a forged
// rule, level or urgency, an unknown code, a rule out of range): Explain refuses it.
var ErrInvalidDecision = errors.New("thresholds: not a decision this framework makes")
