package thresholds

import (
	"encoding"
	"iter"

	"github.com/rightsupport/needs/continuum"
)

// DecisionRule names the rule of the decision semantics that produced a [Reason]. Its
// tokens are a wire format, used by conformance cases.
//
// The zero DecisionRule is not valid.
type DecisionRule uint8

// The decision rules, in the order Evaluate applies them.
const (
	// ByImmediateDanger: an immediate-danger indicator makes the child Specialist with
	// Immediate urgency (999 first).
	ByImmediateDanger DecisionRule = 1 + iota
	// BySignificantHarm: a significant-harm indicator makes the child Specialist with
	// SameDay urgency.
	BySignificantHarm
	// ByMultipleNeeds: enough needs at the highest level, across enough sides of the
	// triangle, step the child up one level.
	ByMultipleNeeds
	// ByHighestNeed: the level is that of the highest observed need.
	ByHighestNeed
	// ByNoNeeds: no need was observed, so the child is Universal.
	ByNoNeeds
)

var ruleTokens = continuum.NewTokens[DecisionRule]("rule", "no-rule",
	continuum.Value{Token: "immediate-danger", Label: "Immediate danger"},
	continuum.Value{Token: "significant-harm", Label: "Significant harm"},
	continuum.Value{Token: "multiple-needs", Label: "Multiple needs"},
	continuum.Value{Token: "highest-need", Label: "Highest need"},
	continuum.Value{Token: "no-needs", Label: "No needs"})

var (
	_ encoding.TextMarshaler   = DecisionRule(0)
	_ encoding.TextUnmarshaler = (*DecisionRule)(nil)
	_ encoding.TextAppender    = DecisionRule(0)
)

// String returns the rule's token ("multiple-needs"), "no-rule" for zero, or "rule(N)"
// when out of range.
func (r DecisionRule) String() string { return ruleTokens.String(r) }

// IsValid reports whether r is one of the rules.
func (r DecisionRule) IsValid() bool { return ruleTokens.Valid(r) }

// ParseDecisionRule parses a rule token such as "multiple-needs".
func ParseDecisionRule(s string) (DecisionRule, error) { return ruleTokens.Parse(s) }

// Label returns the rule's display label ("Multiple needs"), or "" when r is not valid.
func (r DecisionRule) Label() string { return ruleTokens.Label(r) }

// DecisionRules returns the decision rules in the order Evaluate applies them.
func DecisionRules() iter.Seq[DecisionRule] { return ruleTokens.All() }

// AppendText appends the rule's token; zero appends nothing.
func (r DecisionRule) AppendText(b []byte) ([]byte, error) { return ruleTokens.AppendText(b, r) }

// MarshalText returns the rule's token; zero encodes as empty text.
func (r DecisionRule) MarshalText() ([]byte, error) { return ruleTokens.AppendText(nil, r) }

// UnmarshalText parses a rule token; empty text is the zero DecisionRule.
func (r *DecisionRule) UnmarshalText(text []byte) error { return ruleTokens.UnmarshalText(text, r) }

// Ref identifies the exact framework a decision was made under, so that any decision
// can be reproduced and audited later. The zero Ref identifies no framework.
type Ref struct {
	ID      string `json:"id"`
	Version string `json:"version"`
	Digest  string `json:"digest"`
}

// Reason is one rule that applied to a case: the rule, the level it supports, the
// observed indicators it rests on (sorted by code) and the sources behind them and behind
// the rule's parameters. The zero Reason names no rule. A Reason shares no memory with its
// framework.
type Reason struct {
	Rule       DecisionRule         `json:"rule"`
	Level      continuum.Level      `json:"level"`
	Indicators []continuum.Code     `json:"indicators"`
	Citations  []continuum.Citation `json:"citations"`
}

// Decision is a framework's suggested level for a case, with the urgency and the reasons.
// A suggested level is advice that supports professional judgement, never a checklist.
//
// The zero Decision is "not decided" (its Level is the zero Level). A Decision is a value
// that shares no memory with its framework.
type Decision struct {
	// Level is the suggested level.
	Level continuum.Level `json:"level"`
	// Label is the framework's own label for Level ("Intensive Support - Level 3").
	Label string `json:"label"`
	// Urgency is Immediate or SameDay when a trigger was observed, Routine otherwise.
	Urgency continuum.Urgency `json:"urgency"`
	// Reasons lists every rule that applied, the deciding one first: triggers, then the
	// level the needs alone support.
	Reasons []Reason `json:"reasons"`
	// Strengths are the observed protective strengths, sorted by code. They never lower
	// the level; they are context for the practitioner.
	Strengths []continuum.Code `json:"strengths,omitempty"`
	// Framework identifies the framework, version and content digest.
	Framework Ref `json:"framework"`
}

// Rule returns the rule that decided the level, or zero for the zero Decision.
func (d Decision) Rule() DecisionRule {
	if len(d.Reasons) == 0 {
		return 0
	}
	return d.Reasons[0].Rule
}

// Outcome is the bare result of deciding a resolved case: level, urgency and deciding
// rule, without the reasons' lists, so that it costs no allocation. [Outcome.Decision]
// expands it into a full Decision.
//
// The zero Outcome is "not decided".
type Outcome struct {
	Level   continuum.Level   `json:"level"`
	Urgency continuum.Urgency `json:"urgency"`
	Rule    DecisionRule      `json:"rule"`

	fw   *Framework
	obs  set
	base continuum.Level // the highest observed need's level; 0 with no needs
	trig uint8           // the triggers observed: trigImmediate, trigHarm
	// needs and needsRule are the level the needs alone support and its rule, set by
	// decide when no trigger fired (0 otherwise), so that parts need not apply rules 4
	// and 5 again. They are unexported: a caller who edits an Outcome's Level or Rule
	// does not change its reasons.
	needs     continuum.Level
	needsRule DecisionRule
}

// Evaluate decides a case under the framework. The rules, in order:
//
//  1. Every code must be in the catalogue: each unknown code is a finding at
//     "indicators[i]" wrapping [ErrUnknownIndicator]; all are reported (capped as
//     [Framework.Resolve] caps them) and Evaluate fails.
//     Repeated codes count once.
//  2. Any immediate-danger indicator: Specialist, Immediate.
//  3. Else any significant-harm indicator: Specialist, SameDay.
//  4. Else the base level is the highest level among the observed needs (Universal when
//     there are none): the highest descriptor wins, there is no score.
//  5. When the base is L and the framework steps L up, at least the parameter's number
//     of observed needs at L spanning at least its number of triangle sides make the
//     level L+1.
//  6. Strengths never lower a level; they are listed as context.
//  7. Urgency is Routine unless rule 2 or 3 fired.
//  8. Reasons name the rules that applied, their indicators sorted by code, and their
//     citations; the Decision carries the framework's id, version and digest.
//
// The case's age band does not change the decision: an indicator observed outside its
// age bands still counts, so no harm indicator is ever silently dropped. Call
// [Framework.AgeQueries] for the queries that ask a practitioner to check such an
// indicator (referral.Policy.Route does).
//
// The same case always gets the same Decision. Evaluate reads no clock.
//
// Memory: to save allocations, a Decision's lists are windows of arrays shared with other
// decisions (never overlapping: changing one decision changes no other, and none shares
// memory with the framework). A shared array stays alive while any decision holds a
// window of it, a few kilobytes at most; a system that keeps a few decisions for a long
// time among many it drops can keep [Decision.Clone]s instead.
func (f *Framework) Evaluate(c Case) (Decision, error) {
	var o Outcome
	if err := f.outcome(&o, c.Indicators); err != nil {
		return Decision{}, err
	}
	s := slabs.Get().(*slab)
	d := s.decision(&o)
	slabs.Put(s)
	return d, nil
}

// outcome resolves a case's codes into o, which is zero, and decides them. It fails as
// [Framework.Resolve] does (an unknown code) or with ErrNoFramework.
func (f *Framework) outcome(o *Outcome, codes []continuum.Code) error {
	if err := f.usable(); err != nil {
		return err
	}
	o.fw = f
	if !f.resolveInto(&o.obs, codes) {
		_, err := f.Resolve(Case{Indicators: codes}) // reports every unknown code
		return err
	}
	f.decide(o)
	return nil
}

// Decide decides a resolved case without allocating. It fails with [ErrForeignCase] when
// r was resolved by another framework.
func (f *Framework) Decide(r Resolved) (Outcome, error) {
	if err := f.usable(); err != nil {
		return Outcome{}, err
	}
	if r.fw != f {
		return Outcome{}, ErrForeignCase
	}
	o := Outcome{fw: f, obs: r.bits}
	f.decide(&o)
	return o, nil
}

// Decision expands the outcome into a full Decision with reasons and citations. The zero
// Outcome gives the zero Decision. The Decision's lists are memory that neither the
// framework nor any other Decision can reach (decisions may hold windows of one array,
// never overlapping, each window's capacity ending with it).
func (o Outcome) Decision() Decision {
	if o.fw == nil {
		return Decision{}
	}
	s := slabs.Get().(*slab)
	d := s.decision(&o)
	slabs.Put(s)
	return d
}
