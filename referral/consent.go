package referral

import (
	"encoding"
	"iter"

	"github.com/rightsupport/needs/continuum"
)

// Consent is the family's position on a referral, as the referrer records it.
//
// The zero Consent means "not recorded". It is not valid: early help cannot proceed on
// it, and a specialist referral that records nothing is queried. A Consent is a plain
// value, safe for concurrent use.
type Consent uint8

// The consent positions.
const (
	// Given: those with parental responsibility agreed to the referral.
	Given Consent = 1 + iota
	// Refused: the family was asked and said no. Early help cannot go ahead; a
	// safeguarding referral still can.
	Refused
	// NotSought: consent was withheld deliberately because seeking it could put the child
	// at risk. A specialist (safeguarding) referral may go ahead on it, and so may help
	// whose consent rule is required-unless-risk, with a query; where consent is
	// required it cannot.
	NotSought
)

var consentTokens = continuum.NewTokens[Consent]("consent", "not-recorded",
	continuum.Value{Token: "given", Label: "Consent given"},
	continuum.Value{Token: "refused", Label: "Consent refused"},
	continuum.Value{Token: "not-sought", Label: "Consent not sought: seeking it could put the child at risk"})

var (
	_ encoding.TextMarshaler   = Consent(0)
	_ encoding.TextUnmarshaler = (*Consent)(nil)
	_ encoding.TextAppender    = Consent(0)
)

// ParseConsent parses "given", "refused" or "not-sought", ignoring case.
func ParseConsent(s string) (Consent, error) { return consentTokens.Parse(s) }

// String returns the consent's token, "not-recorded" for zero and "consent(N)" when out of
// range.
func (c Consent) String() string { return consentTokens.String(c) }

// IsValid reports whether c is Given, Refused or NotSought.
func (c Consent) IsValid() bool { return consentTokens.Valid(c) }

// Label returns the consent position's display label, or "" when c is not valid.
func (c Consent) Label() string { return consentTokens.Label(c) }

// Consents returns the consent positions: given, refused, not sought.
func Consents() iter.Seq[Consent] { return consentTokens.All() }

// AppendText appends the consent's token; zero appends nothing.
func (c Consent) AppendText(b []byte) ([]byte, error) { return consentTokens.AppendText(b, c) }

// MarshalText returns the consent's token; zero encodes as empty text.
func (c Consent) MarshalText() ([]byte, error) { return consentTokens.AppendText(nil, c) }

// UnmarshalText parses a token as [ParseConsent] does; empty text is the zero Consent.
func (c *Consent) UnmarshalText(text []byte) error { return consentTokens.UnmarshalText(text, c) }

// ConsentRule is what a policy asks of consent at one level.
//
// The zero ConsentRule is not valid.
type ConsentRule uint8

// The consent rules.
const (
	// Required: the family's consent is needed (early help is voluntary); a referral
	// without it is an error.
	Required ConsentRule = 1 + iota
	// SeekUnlessRisk: consent should be sought, but is not needed where seeking it could
	// put the child at risk, and a refusal does not stop the referral (safeguarding).
	SeekUnlessRisk
	// NotApplicable: no consent rule applies (universal services).
	NotApplicable
	// RequiredUnlessRisk: the family's agreement is needed (the help is voluntary),
	// unless seeking it may itself put the child at risk of significant harm; then the
	// referral goes ahead unasked (NotSought), with a query. A refusal stops it. Kent's
	// Front Door words its consent rule so for every request it takes, Level 3 included.
	RequiredUnlessRisk
)

var consentRuleTokens = continuum.NewTokens[ConsentRule]("consent rule", "no-consent-rule",
	continuum.Value{Token: "required", Label: "Consent required"},
	continuum.Value{Token: "seek-unless-risk", Label: "Seek consent unless that could put the child at risk"},
	continuum.Value{Token: "not-applicable", Label: "No consent needed"},
	continuum.Value{Token: "required-unless-risk", Label: "Consent required unless seeking it may put the child at risk of significant harm"})

var (
	_ encoding.TextMarshaler   = ConsentRule(0)
	_ encoding.TextUnmarshaler = (*ConsentRule)(nil)
	_ encoding.TextAppender    = ConsentRule(0)
)

// ParseConsentRule parses "required", "seek-unless-risk", "not-applicable" or
// "required-unless-risk", ignoring case.
func ParseConsentRule(s string) (ConsentRule, error) { return consentRuleTokens.Parse(s) }

// String returns the rule's token, "no-consent-rule" for zero and "consent rule(N)" when
// out of range.
func (r ConsentRule) String() string { return consentRuleTokens.String(r) }

// Label returns the rule's display label, or "" when r is not valid.
func (r ConsentRule) Label() string { return consentRuleTokens.Label(r) }

// ConsentRules returns the consent rules: required, seek unless risk, not applicable,
// required unless risk.
func ConsentRules() iter.Seq[ConsentRule] { return consentRuleTokens.All() }

// AppendText appends the rule's token; zero appends nothing.
func (r ConsentRule) AppendText(b []byte) ([]byte, error) { return consentRuleTokens.AppendText(b, r) }

// IsValid reports whether r is one of the rules.
func (r ConsentRule) IsValid() bool { return consentRuleTokens.Valid(r) }

// MarshalText returns the rule's token; zero encodes as empty text.
func (r ConsentRule) MarshalText() ([]byte, error) { return consentRuleTokens.AppendText(nil, r) }

// UnmarshalText parses a rule token; empty text is the zero ConsentRule.
func (r *ConsentRule) UnmarshalText(text []byte) error {
	return consentRuleTokens.UnmarshalText(text, r)
}
