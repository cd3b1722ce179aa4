package referral

import (
	"encoding"
	"fmt"
	"iter"
	"slices"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Judgement is a practitioner's recorded decision where it differs from the suggestion:
// the level decided and a coded reason. It carries no free text.
//
// The zero Judgement records none. A Judgement is a comparable value, safe for
// concurrent use.
type Judgement struct {
	// Level is the level the practitioner decided; it must be the level the referral
	// asks for.
	Level continuum.Level `json:"level"`
	// Reason is why, from the sources' own reasons for deciding otherwise.
	Reason JudgementReason `json:"reason"`
}

// IsZero reports whether j records no judgement.
func (j Judgement) IsZero() bool { return j == Judgement{} }

// JudgementReason is a coded reason for a practitioner's judgement, taken from the
// reasons the sources give for deciding otherwise than a threshold document suggests.
// Each reason's sources are returned by [JudgementReason.Citations].
//
// The zero JudgementReason is not valid. Its tokens are a wire format: never renamed. A
// JudgementReason is a plain value, safe for concurrent use.
type JudgementReason uint8

// The reasons, with where the sources give them (domain notes §5 and §6).
const (
	// InformationBeyondIndicators: the practitioner holds information the indicators
	// do not, from assessment or from the child and family; the continuum is a shared
	// language, not a tick-box exercise or a substitute for professional judgement
	// (London threshold document [S40]; East Sussex [S63]; Hertfordshire [S52]).
	InformationBeyondIndicators JudgementReason = 1 + iota
	// HistoryOrCumulativeConcern: history or the accumulation of concerns over time
	// sets the level, not any one indicator: usually a combination of criteria (Kent
	// 2015 threshold criteria [S12]); needs that show only through cumulative
	// information (GIRFEC [S120]).
	HistoryOrCumulativeConcern
	// NeedsPersistDespiteSupport: needs carry on or grow despite support at the lower
	// level, a step-up signal (Brighton & Hove [S72]; Leeds [S56]).
	NeedsPersistDespiteSupport
	// RiskReducedAtReview: a review found risks reduced or needs met, so support steps
	// down with a named lead practitioner (step-down procedures [S99]).
	RiskReducedAtReview
	// StrengthsAndProtectiveFactors: family strengths and protective factors, weighed
	// against the concerns, change the level (Wales Safeguarding Procedures, initial
	// conference decision-making [S122]).
	StrengthsAndProtectiveFactors
	// DisagreementResolved: the level was settled by the local procedure for
	// resolving professional disagreement (escalation policies [S98]; Durham [S20]).
	DisagreementResolved
)

var reasonTokens = continuum.NewTokens[JudgementReason]("judgement reason", "no-reason",
	continuum.Value{Token: "information-beyond-indicators", Label: "Information the indicators do not hold"},
	continuum.Value{Token: "history-or-cumulative-concern", Label: "History or cumulative concern"},
	continuum.Value{Token: "needs-persist-despite-support", Label: "Needs persist despite support"},
	continuum.Value{Token: "risk-reduced-at-review", Label: "Risk reduced or needs met at review"},
	continuum.Value{Token: "strengths-and-protective-factors", Label: "Strengths and protective factors"},
	continuum.Value{Token: "disagreement-resolved", Label: "Professional disagreement resolved"})

// reasonSources are the sources of each reason (domain notes §0 register), by reason.
var reasonSources = [...][]continuum.Citation{
	InformationBeyondIndicators: {
		{Source: "S40", Title: "Kingston & Richmond SCP, Threshold (London Threshold Document: Continuum of Help and Support)", URL: "https://kingstonandrichmondsafeguardingchildrenpartnership.org.uk/guidance-policies-and-procedures/threshold"},
		{Source: "S63", Title: "East Sussex, Level indicators (continuum of need)", URL: "https://www.eastsussex.gov.uk/children-families/professional-resources/level-indicators?print=true"},
		{Source: "S52", Title: "Herts Grid, Families First & Continuum of Needs", URL: "http://thegrid.org.uk/leadership/integrated/index.shtml"},
	},
	HistoryOrCumulativeConcern: {
		{Source: "S12", Title: "KSCB, Kent Inter-Agency Threshold Criteria for Children and Young People (2015)", URL: "https://studylib.net/doc/7710625/threshold-criteria"},
		{Source: "S120", Title: "Scottish Government, GIRFEC Practice Guidance 1: Using the National Practice Model", URL: "https://www.gov.scot/publications/getting-right-child-girfec-practice-guidance-1-using-national-practice-model/pages/7/"},
	},
	NeedsPersistDespiteSupport: {
		{Source: "S72", Title: "Brighton & Hove threshold framework", URL: "https://www.brightonandhovesafeguarding.org.uk/threshold-framework/blog/2019/01/08/could-you-befriend-a-young-person/"},
		{Source: "S56", Title: "Leeds CSWS, Transfer to Children's Social Work Service from Early Help", URL: "https://leedscs.trixonline.co.uk/chapter/transfer-to-childrens-social-work-service-from-early-help"},
	},
	RiskReducedAtReview: {
		{Source: "S99", Title: "Hull procedures, Step up and step down", URL: "https://hullchserv.proceduresonline.com/p_step_up_down.html"},
	},
	StrengthsAndProtectiveFactors: {
		{Source: "S122", Title: "Wales Safeguarding Procedures, initial child protection conference decision-making", URL: "https://safeguarding.wales/en/chi-i/chi-i-c3pt2/c3pt2-p9"},
	},
	DisagreementResolved: {
		{Source: "S98", Title: "Hertfordshire SCP, Resolution of professional differences including escalations", URL: "https://hertfordshirescp.trixonline.co.uk/chapter/resolution-of-professional-differences-including-escalations"},
		{Source: "S20", Title: "Durham Safeguarding Children Partnership, Thresholds", URL: "https://durham-scp.org.uk/professionals/thresholds"},
	},
}

var (
	_ encoding.TextMarshaler   = JudgementReason(0)
	_ encoding.TextAppender    = JudgementReason(0)
	_ encoding.TextUnmarshaler = (*JudgementReason)(nil)
)

// ParseJudgementReason parses a reason token such as "information-beyond-indicators".
func ParseJudgementReason(s string) (JudgementReason, error) { return reasonTokens.Parse(s) }

// JudgementReasons returns every reason, in order.
func JudgementReasons() iter.Seq[JudgementReason] { return reasonTokens.All() }

// String returns the reason's token, "no-reason" for zero, or "judgement reason(N)" when
// out of range.
func (r JudgementReason) String() string { return reasonTokens.String(r) }

// IsValid reports whether r is one of the reasons.
func (r JudgementReason) IsValid() bool { return reasonTokens.Valid(r) }

// Label returns the reason in words ("Information the indicators do not hold").
func (r JudgementReason) Label() string { return reasonTokens.Label(r) }

// Citations returns a copy of the sources that give the reason; nil when r is not valid.
func (r JudgementReason) Citations() []continuum.Citation {
	if !r.IsValid() {
		return nil
	}
	return slices.Clone(reasonSources[r])
}

// AppendText appends the reason's token; zero appends nothing.
func (r JudgementReason) AppendText(b []byte) ([]byte, error) { return reasonTokens.AppendText(b, r) }

// MarshalText returns the reason's token; zero encodes as empty text.
func (r JudgementReason) MarshalText() ([]byte, error) { return reasonTokens.AppendText(nil, r) }

// UnmarshalText parses a reason token; empty text is the zero JudgementReason.
func (r *JudgementReason) UnmarshalText(text []byte) error {
	return reasonTokens.UnmarshalText(text, r)
}

// judge reports the blocking problems of a referral's judgement against the decision:
//
//  1. A recorded judgement needs a valid level (invalid-judgement), which is the level
//     asked for (judgement-mismatch), and a valid reason (invalid-judgement).
//  2. A Specialist decision of routine urgency asked below Specialist needs a judgement
//     (needs-judgement, [ErrNeedsJudgement]). A trigger (same-day or immediate) below
//     Specialist is harm-below-specialist, reported by Route whatever the judgement.
func judge(r *Referral, d *thresholds.Decision) continuum.Findings {
	var fs continuum.Findings
	bad := func(path, rule, msg string) {
		fs = fs.Add(path, rule, continuum.Error, ErrInvalidReferral, msg)
	}
	j := r.Judgement
	if !j.IsZero() {
		switch {
		case !j.Level.IsValid():
			bad("judgement.level", RuleInvalidJudgement, "a judgement records the level decided")
		case r.To.IsValid() && j.Level != r.To:
			bad("judgement.level", RuleJudgementMismatch, "the judgement's level is not the level asked for")
		}
		if !j.Reason.IsValid() {
			bad("judgement.reason", RuleInvalidJudgement, "a judgement records one of the coded reasons")
		}
		return fs
	}
	if d.Level == continuum.Specialist && d.Urgency == continuum.Routine && r.To.IsValid() && r.To < continuum.Specialist {
		fs = fs.Add("to", RuleNeedsJudgement, continuum.Error, errReferralJudgement,
			fmt.Sprintf("the indicators suggest specialist: routing to %s needs a recorded practitioner judgement with its reason", r.To))
	}
	return fs
}

// judgedLevel returns the judgement's level in place of the suggestion, for the route's
// threshold gate: a practitioner's recorded level is what the front door is asked to
// take. The zero Judgement leaves the decision's level.
func judgedLevel(d *thresholds.Decision, j Judgement) continuum.Level {
	if j.Level.IsValid() {
		return j.Level
	}
	return d.Level
}

// levelQuery returns the query of a routed referral whose level asked for differs from
// the suggestion, or nothing when a judgement records the difference.
func levelQuery(r *Referral, d *thresholds.Decision) (rule, msg string) {
	switch {
	case !r.Judgement.IsZero():
		return "", ""
	case r.To > d.Level:
		return RuleAboveDecision, levelText(r.To, d.Level)
	case r.To < d.Level:
		return RuleBelowDecision, levelText(r.To, d.Level)
	}
	return "", ""
}

// levelText is levelMessage, from the table of levels for valid levels.
func levelText(to, d continuum.Level) string {
	if to.IsValid() && d.IsValid() {
		return levelMessages[to][d]
	}
	return levelMessage(to, d)
}
