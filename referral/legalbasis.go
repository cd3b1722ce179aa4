package referral

import (
	"encoding"
	"fmt"
	"iter"
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// LegalBasis is the footing a referral's route works on: voluntary help, a local
// authority duty under the Children Act 1989, or the stages before and in care
// proceedings. Once targeted early help and section 17 support are one Family Help
// service (Working Together 2026), the level of need no longer tells the legal basis, so a
// policy's routing data states it beside the route.
//
// The zero LegalBasis is "none stated": the routing states no legal basis (universal
// services need none). A LegalBasis is a plain value, safe for concurrent use.
type LegalBasis uint8

// The legal bases.
const (
	// VoluntaryEarlyHelp: targeted early help the family agrees to, outside any
	// statutory duty to the child (Working Together 2023).
	VoluntaryEarlyHelp LegalBasis = 1 + iota
	// FamilyHelp: targeted Family Help, voluntary, with a Family Help Lead Practitioner
	// (Families First Partnership programme; Working Together 2026 chapter 3).
	FamilyHelp
	// Section17: support for a child in need under section 17 of the Children Act 1989,
	// after an assessment.
	Section17
	// Section47: enquiries where there is reasonable cause to suspect a child is
	// suffering, or likely to suffer, significant harm (section 47 of the Children Act
	// 1989); in 2026 with the multi-agency child protection team.
	Section47
	// PreProceedings: the pre-proceedings stage before an application for a care or
	// supervision order, with the family group decision-making offer (Children Act 1989
	// section 31ZA, inserted by the Children's Wellbeing and Schools Act 2026).
	PreProceedings
	// Section31: care or supervision proceedings under section 31 of the Children Act 1989.
	Section31
)

var legalBasisTokens = continuum.NewTokens[LegalBasis]("legal basis", "none-stated",
	continuum.Value{Token: "voluntary-early-help", Label: "Voluntary early help"},
	continuum.Value{Token: "family-help", Label: "Family Help (targeted, voluntary)"},
	continuum.Value{Token: "section-17", Label: "Child in need (Children Act 1989 section 17)"},
	continuum.Value{Token: "section-47", Label: "Child protection enquiries (Children Act 1989 section 47)"},
	continuum.Value{Token: "pre-proceedings", Label: "Pre-proceedings, with the family group decision-making offer"},
	continuum.Value{Token: "section-31", Label: "Care or supervision proceedings (Children Act 1989 section 31)"})

var (
	_ encoding.TextMarshaler   = LegalBasis(0)
	_ encoding.TextAppender    = LegalBasis(0)
	_ encoding.TextUnmarshaler = (*LegalBasis)(nil)
)

// ParseLegalBasis parses "voluntary-early-help", "family-help", "section-17",
// "section-47", "pre-proceedings" or "section-31", ignoring case.
func ParseLegalBasis(s string) (LegalBasis, error) { return legalBasisTokens.Parse(s) }

// LegalBases returns every legal basis, in order.
func LegalBases() iter.Seq[LegalBasis] { return legalBasisTokens.All() }

// String returns the legal basis's token, "none-stated" for zero.
func (b LegalBasis) String() string { return legalBasisTokens.String(b) }

// IsValid reports whether b is one of the legal bases.
func (b LegalBasis) IsValid() bool { return legalBasisTokens.Valid(b) }

// Label returns a short English description of the legal basis.
func (b LegalBasis) Label() string { return legalBasisTokens.Label(b) }

// MarshalText returns the legal basis's token; zero encodes as empty text.
func (b LegalBasis) MarshalText() ([]byte, error) { return legalBasisTokens.AppendText(nil, b) }

// AppendText appends the legal basis's token to buf.
func (b LegalBasis) AppendText(buf []byte) ([]byte, error) {
	return legalBasisTokens.AppendText(buf, b)
}

// UnmarshalText parses a token as [ParseLegalBasis] does; empty text is the zero
// LegalBasis.
func (b *LegalBasis) UnmarshalText(text []byte) error {
	return legalBasisTokens.UnmarshalText(text, b)
}

// statutory reports whether the basis is a local authority's protective duty or a court
// stage, which only a specialist referral can have.
func (b LegalBasis) statutory() bool {
	return b == Section47 || b == PreProceedings || b == Section31
}

// voluntary reports whether the basis is help the family takes up by agreement, which a
// specialist referral cannot have.
func (b LegalBasis) voluntary() bool { return b == VoluntaryEarlyHelp || b == FamilyHelp }

// legalInfo is the legal basis of one routing entry and its sources.
type legalInfo struct {
	basis     LegalBasis
	citations []continuum.Citation
}

// LegalBasis returns the legal basis the policy states for a referral at level l and
// urgency u, and its sources; the zero LegalBasis when it states none or l and u are not
// routed.
func (p *Policy) LegalBasis(l continuum.Level, u continuum.Urgency) (LegalBasis, []continuum.Citation) {
	if !l.IsValid() || !u.IsValid() {
		return 0, nil
	}
	info := p.legal[l][u]
	return info.basis, append([]continuum.Citation(nil), info.citations...)
}

// checkLegalBases reads the legal basis of each routing entry: a stated basis cites its
// sources (sources without a basis are an error too) and fits the level (section 47 and the court stages only at specialist,
// voluntary help only at additional or intensive).
func (p *Policy) checkLegalBases(c *policyChecker, routing []routingDoc, cite func(string, []string) []continuum.Citation) {
	for i, r := range routing {
		path := "routing[" + strconv.Itoa(i) + "]"
		if !r.LegalBasis.IsValid() && len(r.Sources) == 0 {
			continue // no legal basis stated, nothing to cite
		}
		cites := cite(path+".sources", r.Sources) // a stated basis must cite a source
		switch {
		case !r.LegalBasis.IsValid():
			c.Add(path+".legalBasis", RuleMissingField, "sources cite a legal basis: state it")
		case r.Level == continuum.Universal:
			c.Add(path+".legalBasis", RuleInvalidLegalBasis, "universal services are open to every family and need no legal basis")
		case r.LegalBasis.statutory() && r.Level != continuum.Specialist:
			c.Add(path+".legalBasis", RuleInvalidLegalBasis, fmt.Sprintf("%s applies only to a specialist referral", r.LegalBasis))
		case r.LegalBasis.voluntary() && r.Level != continuum.Additional && r.Level != continuum.Intensive:
			c.Add(path+".legalBasis", RuleInvalidLegalBasis, fmt.Sprintf("%s is targeted help at additional or intensive", r.LegalBasis))
		}
		if r.Level.IsValid() && r.Urgency.IsValid() && p.legal[r.Level][r.Urgency].basis == 0 {
			p.legal[r.Level][r.Urgency] = legalInfo{basis: r.LegalBasis, citations: cites}
		}
	}
}
