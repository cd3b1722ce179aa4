package referral

import (
	"encoding"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// ClosureReason is why a children's social care (child in need) episode closed, as the
// DfE Children in Need census codes it ("ReasonForClosure", RC1 to RC9). Its tokens are
// the census codes; its labels paraphrase the census meanings (the CIN census code set
// as kept in the CIN schema files of SocialFinanceDigitalLabs/liia-tools, RC9 from the
// 2023 schema; the list of valid codes checked by rule 8640 of the open validator
// data-to-insight/csc-validator-be-cin).
//
// The zero ClosureReason means "none recorded": an open episode, or a move that closes
// nothing. A ClosureReason is a plain value, safe for concurrent use.
type ClosureReason uint8

// The census reasons for closure.
const (
	// Adopted (RC1).
	Adopted ClosureReason = 1 + iota
	// Died (RC2).
	Died
	// ChildArrangementsOrder (RC3): a child arrangements order was made.
	ChildArrangementsOrder
	// SpecialGuardianshipOrder (RC4): a special guardianship order was made.
	SpecialGuardianshipOrder
	// TransferredToAnotherAuthority (RC5): another local authority's services took over.
	TransferredToAnotherAuthority
	// TransferredToAdultServices (RC6): adult social care took over.
	TransferredToAdultServices
	// ServicesCeased (RC7): services ended for any other reason, the child being no longer
	// in need among them.
	ServicesCeased
	// NoFurtherAction (RC8): the case closed after an assessment with no further action.
	NoFurtherAction
	// ReferredToEarlyHelp (RC9): the case closed after an assessment and the child was
	// referred to early help (a census code since 2023).
	ReferredToEarlyHelp
)

var closureTokens = continuum.NewTokens[ClosureReason]("closure reason", "no-closure-reason",
	continuum.Value{Token: "RC1", Label: "Adopted"},
	continuum.Value{Token: "RC2", Label: "Died"},
	continuum.Value{Token: "RC3", Label: "Child arrangements order"},
	continuum.Value{Token: "RC4", Label: "Special guardianship order"},
	continuum.Value{Token: "RC5", Label: "Transferred to another local authority's services"},
	continuum.Value{Token: "RC6", Label: "Transferred to adult social care"},
	continuum.Value{Token: "RC7", Label: "Services ceased for any other reason, including no longer in need"},
	continuum.Value{Token: "RC8", Label: "Closed after assessment, no further action"},
	continuum.Value{Token: "RC9", Label: "Closed after assessment, referred to early help"})

var (
	_ encoding.TextMarshaler   = ClosureReason(0)
	_ encoding.TextAppender    = ClosureReason(0)
	_ encoding.TextUnmarshaler = (*ClosureReason)(nil)
)

// ParseClosureReason parses a census code, "RC1" to "RC9", ignoring case.
func ParseClosureReason(s string) (ClosureReason, error) { return closureTokens.Parse(s) }

// ClosureReasons yields the census reasons for closure in code order, RC1 to RC9.
func ClosureReasons() iter.Seq[ClosureReason] { return closureTokens.All() }

// String returns the census code ("RC8"), "no-closure-reason" for zero and
// "closure reason(N)" when out of range.
func (c ClosureReason) String() string { return closureTokens.String(c) }

// Label returns the census meaning in short ("Closed after assessment, no further
// action"), or "" when c is not valid.
func (c ClosureReason) Label() string { return closureTokens.Label(c) }

// IsValid reports whether c is one of RC1 to RC9.
func (c ClosureReason) IsValid() bool { return closureTokens.Valid(c) }

// AfterAssessment reports whether c is RC8 or RC9, the reasons that record a case closed
// straight after an assessment; the census queries either without an assessment on the
// episode (rule 8825Q).
func (c ClosureReason) AfterAssessment() bool {
	return c == NoFurtherAction || c == ReferredToEarlyHelp
}

// AppendText appends the census code; zero appends nothing.
func (c ClosureReason) AppendText(b []byte) ([]byte, error) { return closureTokens.AppendText(b, c) }

// MarshalText returns the census code; zero encodes as empty text.
func (c ClosureReason) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText parses a code as [ParseClosureReason] does; empty text is the zero
// ClosureReason.
func (c *ClosureReason) UnmarshalText(text []byte) error {
	return closureTokens.UnmarshalText(text, c)
}

// ClosureRule is what a policy allows a move that closes a children's social care
// episode to record: the census reasons for closure valid for it, with their sources.
// The zero ClosureRule allows no reason (the move closes no census episode).
type ClosureRule struct {
	Reasons   []ClosureReason      `json:"reasons"`
	Citations []continuum.Citation `json:"citations,omitempty"`
}

// closureDoc is the "closure" object of a transition in a policy document.
type closureDoc struct {
	Reasons []ClosureReason `json:"reasons"`
	Sources []string        `json:"sources"`
}

// closureSet is a set of closure reasons, bit i for reason i.
type closureSet uint16

func (s closureSet) has(c ClosureReason) bool { return c.IsValid() && s&(1<<c) != 0 }

// ClosureReasons yields the census reasons for closure the policy allows on the move t,
// in code order; none for a move that closes no children's social care episode.
func (p *Policy) ClosureReasons(t Transition) iter.Seq[ClosureReason] {
	return func(yield func(ClosureReason) bool) {
		if !t.Kind().IsValid() {
			return
		}
		for c := range ClosureReasons() {
			if p.closure[t.From][t.To].has(c) && !yield(c) {
				return
			}
		}
	}
}

// AllowsClosure reports whether the policy allows the move t to record the reason c.
func (p *Policy) AllowsClosure(t Transition, c ClosureReason) bool {
	return t.Kind().IsValid() && p.closure[t.From][t.To].has(c)
}

// Rule codes of the closure rules of a policy document (ParsePolicy) and of a referral's
// closure reason (Route).
const (
	// RuleInvalidClosureReason: a reason that is not one of RC1 to RC9 (census rule 8640),
	// or a policy listing reasons on a move that closes no children's social care episode.
	RuleInvalidClosureReason = "invalid-closure-reason"
	// RuleDuplicateClosureReason: a policy lists a reason twice on one move.
	RuleDuplicateClosureReason = "duplicate-closure-reason"
	// RuleClosureReasonMismatch: a reason whose census meaning contradicts the move (RC9
	// refers to early help, so the move goes to additional or intensive; the others end
	// services here, so the move goes to universal).
	RuleClosureReasonMismatch = "closure-reason-mismatch"
	// RuleClosureNotAllowed: a referral records a reason the policy does not allow on
	// its move.
	RuleClosureNotAllowed = "closure-not-allowed"
)

// checkClosureRule checks the "closure" object of transition i (moving t) and records
// the reasons it allows. Census reasons close a child in need episode, which the
// library places at specialist: only moves down from specialist carry them.
func (p *Policy) checkClosureRule(c *policyChecker, path string, t Transition, d *closureDoc, cite func(string, []string) []continuum.Citation) ClosureRule {
	if d == nil {
		return ClosureRule{}
	}
	path += ".closure"
	var rule ClosureRule
	if len(d.Reasons) == 0 {
		c.Add(path+".reasons", RuleMissingField, "a closure rule lists at least one reason")
	}
	if t.From != continuum.Specialist || t.To >= t.From {
		c.Add(path, RuleInvalidClosureReason, "census reasons for closure close a children's social care episode: only moves down from specialist carry them")
	}
	var seen closureSet
	for j, r := range d.Reasons {
		rp := path + ".reasons[" + strconv.Itoa(j) + "]"
		switch {
		case !r.IsValid():
			c.Add(rp, RuleMissingField, "a reason for closure is required")
			continue
		case seen.has(r):
			c.Add(rp, RuleDuplicateClosureReason, "the reason is already listed")
			continue
		case r == ReferredToEarlyHelp && t.To != continuum.Additional && t.To != continuum.Intensive:
			c.Add(rp, RuleClosureReasonMismatch, "RC9 records a referral to early help: the move must go to additional or intensive")
		case r != ReferredToEarlyHelp && r != ServicesCeased && t.To != continuum.Universal:
			c.Add(rp, RuleClosureReasonMismatch, fmt.Sprintf("%s ends services here: the move must go to universal", r))
		}
		seen |= 1 << r
		rule.Reasons = append(rule.Reasons, r)
	}
	rule.Citations = cite(path+".sources", d.Sources)
	if t.Kind().IsValid() {
		p.closure[t.From][t.To] = seen
	}
	slices.Sort(rule.Reasons)
	return rule
}

// checkClosure reports a referral's closure reason that is not a census code (rule 8640)
// or that the policy does not allow on the referral's move.
func (p *Policy) checkClosure(r *Referral) continuum.Findings {
	var fs continuum.Findings
	t := Transition{From: r.From, To: r.To}
	switch {
	case r.Closure == 0:
	case !r.Closure.IsValid():
		fs = fs.Add("closure", RuleInvalidClosureReason, continuum.Error, ErrInvalidReferral,
			"the reason for closure is not a census code RC1 to RC9 (CIN census rule 8640)")
	case t.Kind().IsValid() && !p.AllowsClosure(t, r.Closure):
		fs = fs.Add("closure", RuleClosureNotAllowed, continuum.Error, ErrInvalidReferral,
			fmt.Sprintf("the policy does not allow %s (%s) on a move from %s to %s", r.Closure, r.Closure.Label(), r.From, r.To))
	}
	return fs
}

// doc returns the rule in its document form (nil for the zero rule), so that a policy
// written back out as a document (extends, canonical digests) keeps its closure rules.
func (r ClosureRule) doc() *closureDoc {
	if len(r.Reasons) == 0 {
		return nil
	}
	d := &closureDoc{Reasons: append([]ClosureReason(nil), r.Reasons...)}
	for _, c := range r.Citations {
		d.Sources = append(d.Sources, c.Source)
	}
	return d
}
