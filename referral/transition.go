package referral

import (
	"encoding"
	"iter"

	"github.com/rightsupport/needs/continuum"
)

// TransitionKind is the kind of a move between levels; it follows from the levels.
//
// The zero TransitionKind is "not a move" (from and to are the same, or a level is
// invalid).
type TransitionKind uint8

// The transition kinds.
const (
	// Entry: the child is not known to services (From is the zero Level).
	Entry TransitionKind = 1 + iota
	// StepUp: up to Additional or Intensive.
	StepUp
	// StepDown: down to Additional or Intensive.
	StepDown
	// Escalation: up to Specialist.
	Escalation
	// Closure: down to Universal; targeted support ends and universal services carry on.
	Closure
)

var kindTokens = continuum.NewTokens[TransitionKind]("transition kind", "not-a-move",
	continuum.Value{Token: "entry", Label: "Entry"},
	continuum.Value{Token: "step-up", Label: "Step up"},
	continuum.Value{Token: "step-down", Label: "Step down"},
	continuum.Value{Token: "escalation", Label: "Escalation"},
	continuum.Value{Token: "closure", Label: "Closure"})

var (
	_ encoding.TextMarshaler   = TransitionKind(0)
	_ encoding.TextUnmarshaler = (*TransitionKind)(nil)
	_ encoding.TextAppender    = TransitionKind(0)
)

// ParseTransitionKind parses "entry", "step-up", "step-down", "escalation" or "closure".
func ParseTransitionKind(s string) (TransitionKind, error) { return kindTokens.Parse(s) }

// String returns the kind's token, "not-a-move" for zero.
func (k TransitionKind) String() string { return kindTokens.String(k) }

// IsValid reports whether k is one of the kinds.
func (k TransitionKind) IsValid() bool { return kindTokens.Valid(k) }

// Label returns the kind's display label ("Step up"), or "" when k is not valid.
func (k TransitionKind) Label() string { return kindTokens.Label(k) }

// TransitionKinds returns the transition kinds: entry, step-up, step-down, escalation,
// closure.
func TransitionKinds() iter.Seq[TransitionKind] { return kindTokens.All() }

// AppendText appends the kind's token; zero appends nothing.
func (k TransitionKind) AppendText(b []byte) ([]byte, error) { return kindTokens.AppendText(b, k) }

// MarshalText returns the kind's token; zero encodes as empty text.
func (k TransitionKind) MarshalText() ([]byte, error) { return kindTokens.AppendText(nil, k) }

// UnmarshalText parses a kind token; empty text is the zero TransitionKind.
func (k *TransitionKind) UnmarshalText(text []byte) error { return kindTokens.UnmarshalText(text, k) }

// Transition is a move from one level to another. From is the zero Level for a child not
// known to services.
//
// The zero Transition is not a move.
type Transition struct {
	From continuum.Level `json:"from"`
	To   continuum.Level `json:"to"`
}

// Kind returns the kind of the move:
//
//  1. Entry when From is the zero Level (and To is valid);
//  2. Escalation when To is above From and is Specialist;
//  3. StepUp when To is above From (Additional or Intensive);
//  4. Closure when To is below From and is Universal;
//  5. StepDown when To is below From (Additional or Intensive);
//  6. zero when From equals To or a level is out of range.
func (t Transition) Kind() TransitionKind {
	switch {
	case !t.To.IsValid() || (t.From != 0 && !t.From.IsValid()) || t.From == t.To:
		return 0
	case t.From == 0:
		return Entry
	case t.To > t.From && t.To == continuum.Specialist:
		return Escalation
	case t.To > t.From:
		return StepUp
	case t.To == continuum.Universal:
		return Closure
	default:
		return StepDown
	}
}

// String returns the move as "from→to (kind)", with "not-known" for a zero From.
func (t Transition) String() string {
	from := "not-known"
	if t.From != 0 {
		from = t.From.String()
	}
	return from + "→" + t.To.String() + " (" + t.Kind().String() + ")"
}
