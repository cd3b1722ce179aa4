package document

import (
	"regexp"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// Rule codes of the checks documents share (framework and policy documents alike). They
// are stable.
const (
	RuleInvalidID       = "invalid-id"       // an id breaks its grammar
	RuleInvalidDate     = "invalid-date"     // a date is not YYYY-MM-DD
	RuleInvalidURL      = "invalid-url"      // a source URL is not an absolute https URL
	RuleDuplicateSource = "duplicate-source" // a source id is registered twice
	RuleUnknownSource   = "unknown-source"   // a citation names a source not in the register
	RuleMissingCitation = "missing-citation" // a record cites no source
	RuleInvalidText     = "invalid-text"     // text holds a control, zero-width, byte-order-mark or other invisible character
	RuleDuplicateItem   = "duplicate-item"   // a list that is a set (citations, age bands, CIN factors, removals, services) names an item twice
)

var (
	docIDPattern    = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	sourceIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,31}$`)
)

// Header is the part every framework and policy document opens with. Documents embed it;
// [Decode] reads its fields as if they were the document's own. The zero Header is
// empty, and Check reports each required field missing.
type Header struct {
	Schema        string `json:"$schema,omitempty"`     // ignored: lets an editor find the JSON Schema
	ID            string `json:"id"`                    // lower-case token, 2 to 32 characters
	Title         string `json:"title"`                 // plain text
	Publisher     string `json:"publisher"`             // who publishes the rules
	Version       string `json:"version"`               // the document's own version
	EffectiveFrom string `json:"effectiveFrom"`         // YYYY-MM-DD, the first London day in force
	EffectiveTo   string `json:"effectiveTo,omitempty"` // YYYY-MM-DD, the last London day in force; "" open-ended
}

// Check checks the header and returns its findings, each wrapping sentinel, and the
// effective date (zero when it is missing or malformed).
func (h *Header) Check(sentinel error) (continuum.Findings, time.Time) {
	c := Checker{Sentinel: sentinel}
	switch {
	case h.ID == "":
		c.Add("id", RuleMissingField, "a value is required")
	case !docIDPattern.MatchString(h.ID):
		c.Add("id", RuleInvalidID, "an id is 2 to 32 lower-case letters, digits and hyphens, starting with a letter")
	}
	c.Required("title", h.Title)
	c.Required("publisher", h.Publisher)
	c.Required("version", h.Version)
	var eff time.Time
	if h.EffectiveFrom == "" {
		c.Add("effectiveFrom", RuleMissingField, "a value is required")
	} else if t, err := time.Parse(time.DateOnly, h.EffectiveFrom); err != nil {
		c.Add("effectiveFrom", RuleInvalidDate, "want a date as YYYY-MM-DD")
	} else {
		eff = t
	}
	return c.Findings, eff
}

// Source is an entry of a document's source register as documents write it. The zero
// Source is empty, which CheckSources reports.
type Source struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Citation returns the source as a [continuum.Citation].
func (s Source) Citation() continuum.Citation {
	return continuum.Citation{Source: s.ID, Title: s.Title, URL: s.URL}
}

// CheckSources checks a source register at path "sources": every entry has a
// well-formed, unique id (not one of taken, a base document's), a title and an absolute
// https URL. continuum.Findings wrap sentinel.
func CheckSources(srcs []Source, taken func(id string) bool, sentinel error) continuum.Findings {
	c := Checker{Sentinel: sentinel}
	seen := make(map[string]bool, len(srcs))
	for i, s := range srcs {
		p := "sources[" + strconv.Itoa(i) + "]"
		switch {
		case s.ID == "":
			c.Add(p+".id", RuleMissingField, "a value is required")
		case !sourceIDPattern.MatchString(s.ID):
			c.Add(p+".id", RuleInvalidID, "a source id is 1 to 32 letters, digits and hyphens")
		case seen[s.ID] || (taken != nil && taken(s.ID)):
			c.Add(p+".id", RuleDuplicateSource, "the source id is already registered")
		}
		seen[s.ID] = true
		c.Required(p+".title", s.Title)
		if s.URL == "" {
			c.Add(p+".url", RuleMissingField, "a value is required")
		} else if !validURL(s.URL) {
			c.Add(p+".url", RuleInvalidURL, "want an absolute https URL with a host and no user name or password")
		}
	}
	return c.Findings
}

// CheckCitations checks that the record at path cites at least one source and only
// sources known to its register. continuum.Findings wrap sentinel.
func CheckCitations(path string, ids []string, known func(id string) bool, sentinel error) continuum.Findings {
	var fs continuum.Findings
	if len(ids) == 0 {
		return fs.Add(path, RuleMissingCitation, continuum.Error, sentinel, "a record cites at least one source")
	}
	seen := make(map[string]bool, len(ids))
	for j, id := range ids {
		if seen[id] {
			fs = fs.Add(path+"["+strconv.Itoa(j)+"]", RuleDuplicateItem, continuum.Error, sentinel, "the source is already cited by this record")
			continue
		}
		seen[id] = true
		if !known(id) {
			fs = fs.Add(path+"["+strconv.Itoa(j)+"]", RuleUnknownSource, continuum.Error, sentinel, "the source is not in the register")
		}
	}
	return fs
}

// Checker collects the findings of one document's validation, each an [Error] wrapping
// the same sentinel (thresholds.ErrInvalidDocument, referral.ErrInvalidPolicy). The zero
// Checker collects findings that wrap nothing.
type Checker struct {
	// Findings are the findings so far.
	Findings continuum.Findings
	// Sentinel is the error every finding wraps.
	Sentinel error
}

// Add records a finding.
func (c *Checker) Add(path, rule, msg string) {
	c.Findings = c.Findings.Add(path, rule, continuum.Error, c.Sentinel, msg)
}

// Required records a missing-field finding when value is empty or blank, and an
// invalid-text finding when it holds a character no text of a document may hold (see
// [CheckText]).
func (c *Checker) Required(path, value string) {
	if rule, msg := CheckText(value); rule != "" {
		c.Add(path, rule, msg)
	}
}

// Text records an invalid-text finding when value, which may be empty, holds a
// character no text of a document may hold, and a missing-field finding when it is not
// empty but blank (a label of only spaces).
func (c *Checker) Text(path, value string) {
	if value == "" {
		return
	}
	c.Required(path, value)
}
