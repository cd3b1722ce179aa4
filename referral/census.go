package referral

import (
	"encoding"
	"fmt"
	"iter"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// ReferralSource is who made a referral, as the DfE Children in Need census codes it
// ("ReferralSource", 1A to 10). Its tokens are the census codes; its labels paraphrase
// the census meanings (the CIN census code set as kept in the CIN schema files of
// SocialFinanceDigitalLabs/liia-tools, 5D from the 2022 schema; the list of valid codes
// checked by rule 8866 of the open validator data-to-insight/csc-validator-be-cin).
//
// The zero ReferralSource means "not recorded". A ReferralSource is a plain value, safe
// for concurrent use.
type ReferralSource uint8

// The census referral sources.
const (
	SourceFamily              ReferralSource = 1 + iota // 1A: a family member, relative or carer
	SourceAcquaintance                                  // 1B: an acquaintance, neighbours and childminders among them
	SourceSelf                                          // 1C: the child
	SourceOtherIndividual                               // 1D: another individual, strangers among them
	SourceSchool                                        // 2A: a school
	SourceEducationServices                             // 2B: education services
	SourceGP                                            // 3A: a general practitioner
	SourceHealthVisitor                                 // 3B: a health visitor
	SourceSchoolNurse                                   // 3C: a school nurse
	SourceOtherPrimaryHealth                            // 3D: other primary health services
	SourceEmergencyDepartment                           // 3E: an accident and emergency department
	SourceOtherHealth                                   // 3F: other health services, a hospice for instance
	SourceHousing                                       // 4: local authority housing or a housing association
	SourceLASocialCare                                  // 5A: the local authority's social care, adult services for instance
	SourceLAOtherInternal                               // 5B: another department of the local authority (not housing)
	SourceLAExternal                                    // 5C: another local authority's services
	SourceLAEarlyHelp                                   // 5D: the local authority's early help (a census code since 2022)
	SourcePolice                                        // 6: the police
	SourceOtherLegalAgency                              // 7: courts, probation, immigration, Cafcass or prison
	SourceOther                                         // 8: children's centres, independent providers, voluntary organisations
	SourceAnonymous                                     // 9: anonymous
	SourceUnknown                                       // 10: unknown
)

var sourceTokens = continuum.NewTokens[ReferralSource]("referral source", "not-recorded",
	continuum.Value{Token: "1A", Label: "Individual: family member, relative or carer"},
	continuum.Value{Token: "1B", Label: "Individual: acquaintance"},
	continuum.Value{Token: "1C", Label: "Individual: self"},
	continuum.Value{Token: "1D", Label: "Individual: other"},
	continuum.Value{Token: "2A", Label: "Schools"},
	continuum.Value{Token: "2B", Label: "Education services"},
	continuum.Value{Token: "3A", Label: "Health: GP"},
	continuum.Value{Token: "3B", Label: "Health: health visitor"},
	continuum.Value{Token: "3C", Label: "Health: school nurse"},
	continuum.Value{Token: "3D", Label: "Health: other primary health services"},
	continuum.Value{Token: "3E", Label: "Health: accident and emergency"},
	continuum.Value{Token: "3F", Label: "Health: other"},
	continuum.Value{Token: "4", Label: "Housing"},
	continuum.Value{Token: "5A", Label: "Local authority: social care"},
	continuum.Value{Token: "5B", Label: "Local authority: other internal"},
	continuum.Value{Token: "5C", Label: "Local authority: external"},
	continuum.Value{Token: "5D", Label: "Local authority: early help"},
	continuum.Value{Token: "6", Label: "Police"},
	continuum.Value{Token: "7", Label: "Other legal agency"},
	continuum.Value{Token: "8", Label: "Other"},
	continuum.Value{Token: "9", Label: "Anonymous"},
	continuum.Value{Token: "10", Label: "Unknown"})

var (
	_ encoding.TextMarshaler   = ReferralSource(0)
	_ encoding.TextAppender    = ReferralSource(0)
	_ encoding.TextUnmarshaler = (*ReferralSource)(nil)
)

// ParseReferralSource parses a census code, "1A" to "10", ignoring case.
func ParseReferralSource(s string) (ReferralSource, error) { return sourceTokens.Parse(s) }

// ReferralSources yields the census referral sources in code-list order, 1A to 10.
func ReferralSources() iter.Seq[ReferralSource] { return sourceTokens.All() }

// String returns the census code ("3E"), "not-recorded" for zero and
// "referral source(N)" when out of range.
func (s ReferralSource) String() string { return sourceTokens.String(s) }

// Label returns the census meaning in short ("Health: GP"), or "" when s is not valid.
func (s ReferralSource) Label() string { return sourceTokens.Label(s) }

// IsValid reports whether s is one of the census codes.
func (s ReferralSource) IsValid() bool { return sourceTokens.Valid(s) }

// AppendText appends the census code; zero appends nothing.
func (s ReferralSource) AppendText(b []byte) ([]byte, error) { return sourceTokens.AppendText(b, s) }

// MarshalText returns the census code; zero encodes as empty text.
func (s ReferralSource) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText parses a code as [ParseReferralSource] does; empty text is the zero
// ReferralSource.
func (s *ReferralSource) UnmarshalText(text []byte) error {
	return sourceTokens.UnmarshalText(text, s)
}

// Rule codes of the census checks on a referral's codes (Route and CheckJourney). The
// census rule each follows is cited beside it; the rules are those of the open CIN
// census validator (data-to-insight/csc-validator-be-cin), read in its 2022-23 rule set,
// which later years inherit unchanged.
const (
	// RuleInvalidReferralSource: a referral source that is not a census code (8866).
	RuleInvalidReferralSource = "invalid-referral-source"
	// RuleReferralSourceMissing: a referral to children's social care (specialist) that
	// records no source (8866, a query here: the library routes without it).
	RuleReferralSourceMissing = "referral-source-missing"
	// RuleNoEarlyHelpOffer: a case closed with no further action (RC8) although the
	// decision found needs below the specialist threshold that early help serves: RC9
	// (closed after assessment, referred to early help) records the offer.
	RuleNoEarlyHelpOffer = "no-early-help-offer"
	// RuleClosureWithoutAssessment: RC8 or RC9 on an episode with no assessment (8825Q).
	RuleClosureWithoutAssessment = "closure-without-assessment"
	// RuleNoFactorsClosure: the episode's only assessment found no factors (census
	// factor 21) but the reason for closure is neither RC8 nor RC9 (8873Q).
	RuleNoFactorsClosure = "no-factors-closure"
	// RuleClosureReasonMissing: a move that closes a children's social care episode
	// records no reason for closure (8805: a closure date needs a reason).
	RuleClosureReasonMissing = "closure-reason-missing"
)

// checkSource reports a referral source that is not a census code (rule 8866).
func checkSource(r *Referral) continuum.Findings {
	if r.Source == 0 || r.Source.IsValid() {
		return nil
	}
	return continuum.Findings{}.Add("source", RuleInvalidReferralSource, continuum.Error, ErrInvalidReferral,
		"the referral source is not a census code 1A to 10 (CIN census rule 8866)")
}

// closureQueries returns the queries on a routed referral's reason for closure: RC8
// after a decision that found needs early help serves (Additional or Intensive) asks
// whether early help was offered, the RC8/RC9 distinction the census draws.
func closureQueries(r *Referral, d *thresholds.Decision) continuum.Findings {
	if r.Closure != NoFurtherAction {
		return nil
	}
	if d.Level != continuum.Additional && d.Level != continuum.Intensive {
		return nil
	}
	return continuum.Findings{}.Add("closure", RuleNoEarlyHelpOffer, continuum.Query, nil,
		fmt.Sprintf("the indicators suggest %s needs, below children's social care and within early help; the case closes with no further action (RC8): offer early help and record RC9, or record why not", d.Level))
}
