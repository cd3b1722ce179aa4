package referral

import (
	"fmt"
	"iter"
	"slices"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// Policy is a parsed referral policy: routes per level and urgency, consent rules per
// level, the allowed transitions and the timescales, for one threshold framework.
//
// A Policy comes from [ParsePolicy], [ParseOptions.Parse], [DefaultPolicy] or
// [BuiltinPolicy]; the zero Policy is not usable. It is immutable after parsing and safe
// for concurrent use: accessors return copies or iterators.
type Policy struct {
	id, framework, title, publisher, version string
	base                                     string   // the ref it extends as written; "" for a base
	lineage                                  []string // the policy ids up the extends chain, nearest first
	period                                   document.Period
	digest                                   string
	sources                                  []continuum.Citation
	notes                                    []string

	routes         []Route
	routeIndex     map[string]int
	routeTimescale []int // per route: index into timescales of the timescale that sets DecideBy

	// routing[level][urgency] is the chosen route's index+1 and its "then" route's
	// index+1 (0: none).
	routing [5][4]struct{ route, then int }
	legal   [5][4]legalInfo // the legal basis of each routing entry (legalbasis.go)
	gates   []gate          // by route index; a zero min: the route has no gate

	consent     [5]consentInfo
	transitions []TransitionRule
	allowed     [5][5]int // [from][to]: index+1 into transitions; 0 = not allowed

	timescales []Timescale
	decision   int // index into timescales

	closure      [5][5]closureSet // [from][to]: the census reasons for closure allowed (closure.go)
	stepUpWindow int              // index+1 into timescales of the step-up window; 0: none (history.go)

	prep prepared // what Route reads, worked out once (prepared.go)
}

// gate is a threshold gate: the route takes decided levels of min and above only. The
// zero gate (min zero) takes every level: no gate.
type gate struct {
	min   continuum.Level
	cites []continuum.Citation
}

type consentInfo struct {
	rule  ConsentRule
	note  string
	cites []continuum.Citation
}

// TransitionRule is a move a policy allows, with what it needs in words and its sources.
// The zero TransitionRule allows nothing.
type TransitionRule struct {
	Transition Transition           `json:"transition"`
	Note       string               `json:"note"`
	Citations  []continuum.Citation `json:"citations"`
	// Closure is the census reasons for closure the move may record; the zero
	// ClosureRule for a move that closes no children's social care episode.
	Closure ClosureRule `json:"closure,omitzero"`
}

// ID returns the policy's id.
func (p *Policy) ID() string { return p.id }

// FrameworkID returns the id of the threshold framework the policy goes with.
func (p *Policy) FrameworkID() string { return p.framework }

// Title returns the policy's title.
func (p *Policy) Title() string { return p.title }

// Publisher returns who publishes the policy.
func (p *Policy) Publisher() string { return p.publisher }

// Version returns the policy's version.
func (p *Policy) Version() string { return p.version }

// Base returns the reference this policy extends as its document writes it
// ("england@1.0.0"), or "" for a base policy.
func (p *Policy) Base() string { return p.base }

// DerivesFrom reports whether the policy is id or extends, directly or further up its
// chain, a policy with that id.
func (p *Policy) DerivesFrom(id string) bool {
	return id != "" && (id == p.id || slices.Contains(p.lineage, id))
}

// EffectiveFrom returns the first day the policy is in force, as midnight in
// Europe/London.
func (p *Policy) EffectiveFrom() time.Time { return p.period.From }

// EffectiveTo returns the last day the policy is in force, as midnight in
// Europe/London; the zero time when it is open-ended.
func (p *Policy) EffectiveTo() time.Time { return p.period.To }

// InForce reports whether the London calendar day that t falls on is within the
// policy's effective period.
func (p *Policy) InForce(t time.Time) bool { return p.period.Contains(t) }

// Digest returns the SHA-256 digest of the policy's canonical document ("sha256:…"),
// the document [Policy.MarshalJSON] returns: the merged content with any base flattened
// in. It covers the id, framework, title, publisher, version, effective period, the
// source register, every route, routing entry, threshold gate, consent rule, transition
// and timescale with their notes and citations, the decision timescale and the notes. It
// does not cover how the document was written (whitespace, the order of keys, of routing
// entries, of gates or of consent rules) nor the lineage; the order of routes,
// transitions, timescales, sources, notes and of each record's citations is content (it
// is the order a reader sees them in).
func (p *Policy) Digest() string { return p.digest }

// String returns the policy's id and version.
func (p *Policy) String() string { return p.id + " " + p.version }

// Sources returns the policy's source register.
func (p *Policy) Sources() iter.Seq[continuum.Citation] { return slices.Values(p.sources) }

// Notes returns the policy's caveats for a safeguarding lead.
func (p *Policy) Notes() iter.Seq[string] { return slices.Values(p.notes) }

// Routes returns copies of the policy's routes, in document order.
func (p *Policy) Routes() iter.Seq[Route] {
	return func(yield func(Route) bool) {
		for _, r := range p.routes {
			r.Services, r.Citations = slices.Clone(r.Services), slices.Clone(r.Citations)
			r.Hours = cloneHours(r.Hours)
			if !yield(r) {
				return
			}
		}
	}
}

// ConsentRule returns the policy's consent rule for a level and its note; the zero rule
// when l is not a valid level.
func (p *Policy) ConsentRule(l continuum.Level) (ConsentRule, string) {
	if !l.IsValid() {
		return 0, ""
	}
	return p.consent[l].rule, p.consent[l].note
}

// Transitions returns copies of the allowed transitions, in document order.
func (p *Policy) Transitions() iter.Seq[TransitionRule] {
	return func(yield func(TransitionRule) bool) {
		for _, t := range p.transitions {
			t.Citations = slices.Clone(t.Citations)
			t.Closure.Reasons, t.Closure.Citations = slices.Clone(t.Closure.Reasons), slices.Clone(t.Closure.Citations)
			if !yield(t) {
				return
			}
		}
	}
}

// Allows reports whether the policy allows the move t.
func (p *Policy) Allows(t Transition) bool {
	return t.Kind().IsValid() && p.allowed[t.From][t.To] != 0
}

// Timescales returns copies of the policy's timescales, in document order.
func (p *Policy) Timescales() iter.Seq[Timescale] {
	return func(yield func(Timescale) bool) {
		for _, t := range p.timescales {
			t.Citations = slices.Clone(t.Citations)
			if !yield(t) {
				return
			}
		}
	}
}

// Timescale returns a copy of the timescale with the given id.
func (p *Policy) Timescale(id string) (Timescale, bool) {
	for _, t := range p.timescales {
		if t.ID == id {
			t.Citations = slices.Clone(t.Citations)
			return t, true
		}
	}
	return Timescale{}, false
}

// Deadline returns the end of the timescale id when its clock starts at start, as
// [Timescale.Deadline] does (London days, Europe/London result); an unknown id is an
// error wrapping [ErrUnknownTimescale], and a date outside the supported calendar
// years one wrapping [ErrDateOutOfRange].
func (p *Policy) Deadline(id string, start time.Time) (time.Time, error) {
	if err := p.usable(); err != nil {
		return time.Time{}, err
	}
	t, ok := p.Timescale(id)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: the policy has no timescale with this id", ErrUnknownTimescale)
	}
	return t.Deadline(start)
}
