package continuum

import (
	"encoding"
	"iter"
)

// Domain is one side of the Assessment Framework triangle (Framework for the Assessment of
// Children in Need and their Families, 2000), which threshold documents use to group
// their indicators.
//
// The zero Domain is not valid. A Domain is a plain value, safe for concurrent use.
type Domain uint8

// The three sides of the triangle. Their text tokens are the codes CDN, PAR and FEF.
const (
	// ChildDevelopment is the child's developmental needs (CDN).
	ChildDevelopment Domain = 1 + iota
	// ParentingCapacity is the parents' or carers' capacity to respond to them (PAR).
	ParentingCapacity
	// FamilyEnvironment is family and environmental factors (FEF).
	FamilyEnvironment
)

var domainEnum = enumTokens{
	typ:    "domain",
	tokens: []string{"", "CDN", "PAR", "FEF"},
	zero:   "no-domain",
	want:   "CDN, PAR or FEF",
	labels: []string{"", "Child's developmental needs", "Parenting capacity", "Family and environmental factors"},
}

var (
	_ encoding.TextMarshaler   = Domain(0)
	_ encoding.TextUnmarshaler = (*Domain)(nil)
	_ encoding.TextAppender    = Domain(0)
)

// ParseDomain parses a domain code, "CDN", "PAR" or "FEF", ignoring case.
func ParseDomain(s string) (Domain, error) {
	v, err := domainEnum.parse(s)
	return Domain(v), err
}

// String returns the domain's code ("PAR"), "no-domain" for zero, "domain(N)" when out of
// range.
func (d Domain) String() string { return domainEnum.name(uint8(d)) }

// Label returns the side's name in plain English ("Parenting capacity"), or "" when d is
// not valid.
func (d Domain) Label() string { return domainEnum.label(uint8(d)) }

// Domains returns the three sides of the triangle in order: CDN, PAR, FEF.
func Domains() iter.Seq[Domain] { return valuesOf[Domain](&domainEnum) }

// IsValid reports whether d is one of the three sides.
func (d Domain) IsValid() bool { return d >= ChildDevelopment && d <= FamilyEnvironment }

// AppendText appends the domain's code; zero appends nothing.
func (d Domain) AppendText(b []byte) ([]byte, error) { return domainEnum.appendText(b, uint8(d)) }

// MarshalText returns the domain's code; zero encodes as empty text.
func (d Domain) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText parses a code as [ParseDomain] does; empty text is the zero Domain.
func (d *Domain) UnmarshalText(text []byte) error {
	v, err := domainEnum.unmarshalText(text)
	if err == nil {
		*d = Domain(v)
	}
	return err
}

// Dimension is one of the 20 dimensions of the Assessment Framework triangle; each belongs
// to one [Domain]. Its text token is a three-letter code ("HLT").
//
// The zero Dimension is not valid. A Dimension is a plain value, safe for concurrent use.
type Dimension uint8

// The 20 dimensions, grouped by side of the triangle.
const (
	Health                    Dimension = 1 + iota // HLT, child's developmental needs
	Education                                      // EDU
	EmotionalBehavioural                           // EBD: emotional and behavioural development
	Identity                                       // IDN
	FamilySocialRelationships                      // FSR: family and social relationships
	SocialPresentation                             // SPR
	SelfCareSkills                                 // SCS
	BasicCare                                      // BCA, parenting capacity
	EnsuringSafety                                 // SAF
	EmotionalWarmth                                // EMW
	Stimulation                                    // STM
	GuidanceBoundaries                             // GBD: guidance and boundaries
	Stability                                      // STB
	FamilyHistoryFunctioning                       // FHF: family history and functioning, family and environmental factors
	WiderFamily                                    // WFM
	Housing                                        // HSG
	Employment                                     // EMP
	Income                                         // INC
	SocialIntegration                              // SOC: the family's social integration
	CommunityResources                             // COM
)

// NumDimensions is the number of valid dimensions.
const NumDimensions = 20

var dimensionEnum = enumTokens{
	typ: "dimension",
	tokens: []string{"",
		"HLT", "EDU", "EBD", "IDN", "FSR", "SPR", "SCS",
		"BCA", "SAF", "EMW", "STM", "GBD", "STB",
		"FHF", "WFM", "HSG", "EMP", "INC", "SOC", "COM"},
	zero: "no-dimension",
	want: "one of the 20 three-letter dimension codes, HLT to COM",
	labels: []string{"",
		"Health", "Education and learning", "Emotional and behavioural development", "Identity",
		"Family and social relationships", "Social presentation", "Self-care skills",
		"Basic care", "Ensuring safety", "Emotional warmth", "Stimulation", "Guidance and boundaries", "Stability",
		"Family history and functioning", "Wider family", "Housing", "Employment", "Income",
		"Family's social integration", "Community resources"},
}

var (
	_ encoding.TextMarshaler   = Dimension(0)
	_ encoding.TextUnmarshaler = (*Dimension)(nil)
	_ encoding.TextAppender    = Dimension(0)
)

// ParseDimension parses a three-letter dimension code ("HLT", "edu"), ignoring case.
func ParseDimension(s string) (Dimension, error) {
	v, err := dimensionEnum.parse(s)
	return Dimension(v), err
}

// Dimensions returns the 20 dimensions in triangle order.
func Dimensions() iter.Seq[Dimension] { return valuesOf[Dimension](&dimensionEnum) }

// String returns the dimension's code ("HLT"), "no-dimension" for zero and
// "dimension(N)" when out of range.
func (d Dimension) String() string { return dimensionEnum.name(uint8(d)) }

// Code returns the dimension's three-letter code, or "" when d is not valid.
func (d Dimension) Code() string {
	if !d.IsValid() {
		return ""
	}
	return dimensionEnum.tokens[d]
}

// Label returns the dimension's name in plain English ("Basic care"), or "" when d is not
// valid.
func (d Dimension) Label() string { return dimensionEnum.label(uint8(d)) }

// Domain returns the side of the triangle d belongs to, or the zero Domain when d is not
// valid.
func (d Dimension) Domain() Domain {
	switch {
	case d >= Health && d <= SelfCareSkills:
		return ChildDevelopment
	case d >= BasicCare && d <= Stability:
		return ParentingCapacity
	case d >= FamilyHistoryFunctioning && d <= CommunityResources:
		return FamilyEnvironment
	}
	return 0
}

// IsValid reports whether d is one of the 20 dimensions.
func (d Dimension) IsValid() bool { return d >= Health && d <= CommunityResources }

// AppendText appends the dimension's code; zero appends nothing.
func (d Dimension) AppendText(b []byte) ([]byte, error) {
	return dimensionEnum.appendText(b, uint8(d))
}

// MarshalText returns the dimension's code; zero encodes as empty text.
func (d Dimension) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText parses a code as [ParseDimension] does; empty text is the zero Dimension.
func (d *Dimension) UnmarshalText(text []byte) error {
	v, err := dimensionEnum.unmarshalText(text)
	if err == nil {
		*d = Dimension(v)
	}
	return err
}
