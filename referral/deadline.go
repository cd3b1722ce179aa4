package referral

import (
	"encoding"
	"errors"
	"iter"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// DeadlineBasis says what a deadline is: a statutory time limit, a council's local
// standard, or only a prompt to follow up where no timescale applies.
//
// The zero DeadlineBasis is not valid. A DeadlineBasis is a plain value, safe for
// concurrent use.
type DeadlineBasis uint8

// The bases of a deadline.
const (
	// Statutory: set by statutory guidance or regulations (Working Together to
	// Safeguard Children), cited by the timescale.
	Statutory DeadlineBasis = 1 + iota
	// Local: a council's own published standard, cited by the timescale.
	Local
	// Prompt: no timescale applies to the route; [Policy.Route] times a reminder to
	// follow up with the policy's decision timescale. It is not a deadline.
	Prompt
)

var basisTokens = continuum.NewTokens[DeadlineBasis]("deadline basis", "no-basis",
	continuum.Value{Token: "statutory", Label: "Statutory deadline"},
	continuum.Value{Token: "local", Label: "Local standard"},
	continuum.Value{Token: "prompt", Label: "Follow-up prompt (not a deadline)"})

var (
	_ encoding.TextMarshaler   = DeadlineBasis(0)
	_ encoding.TextAppender    = DeadlineBasis(0)
	_ encoding.TextUnmarshaler = (*DeadlineBasis)(nil)
)

// ParseDeadlineBasis parses a basis token: "statutory", "local" or "prompt".
func ParseDeadlineBasis(s string) (DeadlineBasis, error) { return basisTokens.Parse(s) }

// DeadlineBases returns every basis, in order.
func DeadlineBases() iter.Seq[DeadlineBasis] { return basisTokens.All() }

// String returns the basis's token ("statutory"), "no-basis" for zero, or
// "deadline basis(N)" when out of range.
func (b DeadlineBasis) String() string { return basisTokens.String(b) }

// IsValid reports whether b is one of the bases.
func (b DeadlineBasis) IsValid() bool { return basisTokens.Valid(b) }

// Label returns the basis in words ("Statutory deadline").
func (b DeadlineBasis) Label() string { return basisTokens.Label(b) }

// AppendText appends the basis's token; zero appends nothing.
func (b DeadlineBasis) AppendText(buf []byte) ([]byte, error) {
	return basisTokens.AppendText(buf, b)
}

// MarshalText returns the basis's token; zero encodes as empty text.
func (b DeadlineBasis) MarshalText() ([]byte, error) { return basisTokens.AppendText(nil, b) }

// UnmarshalText parses a basis token; empty text is the zero DeadlineBasis.
func (b *DeadlineBasis) UnmarshalText(text []byte) error {
	return basisTokens.UnmarshalText(text, b)
}

// due is a routed referral's deadline: the index of the timescale that sets it, its
// basis and the deadline itself.
type due struct {
	timescale int
	basis     DeadlineBasis
	end       time.Time
}

// dueOn works out a routed referral's deadline: the deciding route's own timescale
// ([destination.decider]: after 999, the next route's), or, for a route with none, the
// policy's decision timescale as a prompt.
func (p *Policy) dueOn(received londonTime, dest *destination) (due, error) {
	on := dest.decider()
	ts := p.routeTimescale[on]
	timescale := &p.timescales[ts]
	basis := timescale.Basis
	if p.routes[on].Timescale == "" {
		basis = Prompt
	}
	end, err := timescale.deadlineAt(received)
	return due{timescale: ts, basis: basis, end: end}, err
}

// checkDates reports a received date outside the supported calendar years, or one whose
// deadline would fall outside them (rule date-out-of-range); for a routed referral it
// records the deadline in dest. received is r.Received in London.
func (p *Policy) checkDates(r *Referral, received londonTime, dest *destination, routed bool) continuum.Findings {
	var fs continuum.Findings
	switch {
	case r.Received.IsZero():
		// missing-received is reported by check.
	case !calInRange(received.day):
		fs = fs.Add("received", RuleDateOutOfRange, continuum.Error, errReferralDate,
			"the date received is outside the years the working-day calendar supports")
	case routed:
		var err error
		if dest.due, err = p.dueOn(received, dest); errors.Is(err, ErrDateOutOfRange) {
			fs = fs.Add("received", RuleDateOutOfRange, continuum.Error, errReferralDate,
				"the decision deadline would fall outside the years the working-day calendar supports")
		}
	}
	return fs
}

// checkBasis checks a timescale's basis: statutory or local (prompts are what Route
// gives a route with no timescale, never a policy's timescale).
func (c *policyChecker) checkBasis(path string, b DeadlineBasis) {
	switch {
	case !b.IsValid():
		c.Add(path, RuleMissingField, "a timescale says whether it is statutory or local")
	case b == Prompt:
		c.Add(path, RuleInvalidTimescale, "a timescale is statutory or local; a prompt is what a route without a timescale gets")
	}
}
