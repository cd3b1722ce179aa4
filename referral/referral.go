package referral

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// This file holds the records Route takes and gives: a Referral in, a Routing out, and
// the Route a referral goes to.

// Route is where a referral goes: a service, how to reach it and the signposts it leads
// to, with its sources.
//
// The zero Route is "no route".
type Route struct {
	// ID is the route's id within its policy ("front-door").
	ID string `json:"id"`
	// Name is the service's name ("Kent Integrated Front Door").
	Name string `json:"name"`
	// How says how to make the referral.
	How string `json:"how"`
	// Contact is the service's public contact, if the policy gives one.
	Contact string `json:"contact,omitempty"`
	// OutOfHours is the out-of-hours contact, if any.
	OutOfHours string `json:"outOfHours,omitempty"`
	// Hours are the service's office hours where a source publishes them; none when no
	// source does (see [Route.OpenAt]).
	Hours []OfficeHours `json:"hours,omitempty"`
	// Services are services and signposts the route leads to.
	Services []string `json:"services,omitempty"`
	// Timescale is the id of the timescale that sets DecideBy on this route; "" for the
	// policy's decision timescale.
	Timescale string `json:"timescale,omitempty"`
	// Citations are the sources of the route.
	Citations []continuum.Citation `json:"citations,omitempty"`
}

// Referral is a request to move a child to a level of need: the input record of
// [Policy.Route], filled by a literal.
//
// The zero Referral is not routable (it asks for no level and has no date).
type Referral struct {
	// From is the child's current level; the zero Level when not known to services.
	From continuum.Level `json:"from"`
	// To is the level asked for.
	To continuum.Level `json:"to"`
	// Case is what the referrer observed.
	Case thresholds.Case `json:"case"`
	// Consent is the family's recorded position.
	Consent Consent `json:"consent"`
	// Received is when the service received the referral; the decision clock starts then.
	// Its day is the London calendar day it falls on, whatever location it carries (23:30
	// UTC on a summer Friday was received on Saturday); it must be in a supported
	// calendar year ([InCalendar]).
	Received time.Time `json:"received"`
	// Judgement is the practitioner's recorded judgement where the level asked for
	// differs from the suggestion; the zero Judgement records none.
	Judgement Judgement `json:"judgement,omitzero"`
	// Source is who made the referral, as the CIN census codes it; zero when not
	// recorded.
	Source ReferralSource `json:"source,omitzero"`
	// Closure is the census reason for closure of a move that closes a children's
	// social care episode; the policy says which reasons each move allows.
	Closure ClosureReason `json:"closure,omitzero"`
	// History is the child's earlier episodes, oldest first (history.go).
	History []Episode `json:"history,omitempty"`
}

// String describes the referral without personal data: the move, the consent position,
// the case's codes (its Ref redacted) and the London day received.
func (r Referral) String() string {
	return fmt.Sprintf("Referral{%s consent:%s %s received:%s}", Transition{r.From, r.To}, r.Consent, r.Case, r.Received.In(London()).Format(time.DateOnly))
}

// LogValue logs the move, the consent, the case (whose Ref is redacted), the London day
// received and any judgement (its level and coded reason).
func (r Referral) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("from", r.From.String()),
		slog.String("to", r.To.String()),
		slog.String("consent", r.Consent.String()),
		slog.Any("case", r.Case),
		slog.String("received", r.Received.In(London()).Format(time.DateOnly)),
	}
	if !r.Judgement.IsZero() {
		attrs = append(attrs, slog.Group("judgement",
			slog.String("level", r.Judgement.Level.String()), slog.String("reason", r.Judgement.Reason.String())))
	}
	return slog.GroupValue(attrs...)
}

// Routing is the answer to a referral: the threshold decision, the kind of move, where
// the referral goes (and next, after 999), by when someone must decide, and anything a
// practitioner should look at.
//
// The zero Routing is "not routed".
type Routing struct {
	// Decision is the threshold framework's decision on the referral's case.
	Decision thresholds.Decision `json:"decision"`
	// Transition is the move asked for.
	Transition Transition `json:"transition"`
	// Kind is Transition.Kind(), for readers of the JSON.
	Kind TransitionKind `json:"kind"`
	// Route is where the referral goes first.
	Route Route `json:"route"`
	// Then is where it goes next (the front door after 999); the zero Route when nothing
	// follows.
	Then Route `json:"then,omitzero"`
	// Consent is the policy's consent rule for the level the referral lands at: the
	// level asked for, or the decided level when a threshold gate turns the referral
	// away to that level's route.
	Consent ConsentRule `json:"consentRule"`
	// LegalBasis is the legal basis the policy's routing states for the route taken;
	// zero when it states none (universal services).
	LegalBasis LegalBasis `json:"legalBasis,omitzero"`
	// LegalBasisCitations are the sources of the legal basis.
	LegalBasisCitations []continuum.Citation `json:"legalBasisCitations,omitempty"`
	// Note says what the move needs, in the policy's words.
	Note string `json:"note,omitempty"`
	// Timescale is the timescale that set DecideBy.
	Timescale Timescale `json:"timescale"`
	// DecideBy is when a decision on the referral is due, in Europe/London: Timescale
	// counted from Received in its unit (England and Wales working days, calendar days,
	// weeks or months) by London calendar day, day 0 being the London day received, at
	// Received's London clock time (see the package doc for the convention and its
	// sources).
	DecideBy time.Time `json:"decideBy"`
	// Basis says what DecideBy is: statutory (Timescale cites it), a local standard, or,
	// for a route with no timescale of its own, only a prompt to follow up.
	Basis DeadlineBasis `json:"basis"`
	// Judgement is the referral's practitioner judgement, as recorded; zero when none.
	Judgement Judgement `json:"judgement,omitzero"`
	// OutOfHoursNow is true when a same-day or immediate referral was received while the
	// service that decides it is closed: use its out-of-hours contact now (an
	// out-of-hours query says which).
	OutOfHoursNow bool `json:"outOfHoursNow,omitempty"`
	// Queries are non-blocking findings: a practitioner should look before going on.
	Queries continuum.Findings `json:"queries,omitempty"`
}
