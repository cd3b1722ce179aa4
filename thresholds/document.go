package thresholds

import (
	"regexp"
	"strconv"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// document is the JSON shape of a framework document (frameworks/README.md).
type frameworkDoc struct {
	document.Header
	Extends    string            `json:"extends,omitempty"`
	Levels     *levelsDoc        `null:"reject" json:"levels,omitempty"`
	Sources    []document.Source `json:"sources,omitempty" limit:"256,too-many-sources"`       // MaxSources
	Indicators []indicatorDoc    `json:"indicators,omitempty" limit:"512,too-many-indicators"` // MaxIndicators
	Remove     []continuum.Code  `json:"remove,omitempty" limit:"512,too-many-indicators"`     // MaxIndicators
	Decision   *decisionDoc      `null:"reject" json:"decision,omitempty"`
	Notes      []string          `json:"notes,omitempty"`
}

type levelsDoc struct {
	Universal  *levelDoc `json:"universal,omitempty" null:"reject"`
	Additional *levelDoc `json:"additional,omitempty" null:"reject"`
	Intensive  *levelDoc `json:"intensive,omitempty" null:"reject"`
	Specialist *levelDoc `json:"specialist,omitempty" null:"reject"`
}

// byLevel returns the level entries indexed by level (index 0 unused).
func (l *levelsDoc) byLevel() [5]*levelDoc {
	if l == nil {
		return [5]*levelDoc{}
	}
	return [5]*levelDoc{nil, l.Universal, l.Additional, l.Intensive, l.Specialist}
}

type levelDoc struct {
	Label      string   `json:"label"`
	Definition string   `json:"definition,omitempty"`
	LabelNote  string   `json:"labelNote,omitempty"`
	Sources    []string `json:"sources,omitempty"`
}

type indicatorDoc struct {
	Code       continuum.Code        `json:"code"`
	Level      continuum.Level       `json:"level"`
	Dimension  continuum.Dimension   `json:"dimension"`
	Kind       continuum.Kind        `json:"kind"`
	Summary    string                `json:"summary"`
	Ages       []continuum.AgeBand   `json:"ages,omitempty"`
	CINFactors []continuum.CINFactor `json:"cinFactors,omitempty"`
	Sources    []string              `json:"sources"`
}

type decisionDoc struct {
	StepUp []stepUpDoc `json:"stepUp,omitempty"`
}

type stepUpDoc struct {
	Level   continuum.Level `json:"level"`
	Needs   int             `json:"needs"`
	Domains int             `json:"domains"`
	Sources []string        `json:"sources"`
	Note    string          `json:"note,omitempty"`
}

var (
	// needCode is the DIM-L-NN form, optionally behind a local prefix (KENT-EDU-2-01).
	needCode = regexp.MustCompile(`^(?:[A-Z0-9]+-)?([A-Z]{3})-([1-4])-[0-9]{2}$`)
)

// checker collects the findings of one document.
type checker struct {
	document.Checker
}

// checkCitations checks that a record cites at least one registered source.
func (c *checker) checkCitations(path string, ids []string, known func(string) bool) {
	c.Findings = append(c.Findings, document.CheckCitations(path, ids, known, ErrInvalidDocument)...)
}

// checkIndicator checks one catalogue record.
func (c *checker) checkIndicator(p string, ind *indicatorDoc, known func(string) bool) {
	if !ind.Code.IsValid() {
		c.Add(p+".code", RuleMissingField, "a value is required")
	}
	if !ind.Level.IsValid() {
		c.Add(p+".level", RuleMissingField, "a value is required")
	}
	if !ind.Dimension.IsValid() {
		c.Add(p+".dimension", RuleMissingField, "a value is required")
	}
	if !ind.Kind.IsValid() {
		c.Add(p+".kind", RuleMissingField, "a value is required")
	}
	c.Required(p+".summary", ind.Summary)
	if ind.Kind.IsTrigger() && ind.Level.IsValid() && ind.Level != continuum.Specialist {
		c.Add(p+".level", RuleTriggerLevel, "a trigger indicator (immediate danger or significant harm) must be at specialist")
	}
	if m := needCode.FindStringSubmatch(ind.Code.String()); m != nil && ind.Level.IsValid() && ind.Dimension.IsValid() {
		if m[1] != ind.Dimension.Code() || m[2] != strconv.Itoa(ind.Level.Number()) {
			c.Add(p+".code", RuleCodeMismatch, "the code's dimension and level parts do not match the indicator's dimension and level")
		}
	}
	for j, a := range ind.Ages {
		if !a.IsValid() {
			c.Add(p+".ages["+strconv.Itoa(j)+"]", RuleMissingField, "an age band is required")
		}
	}
	c.checkFactors(p, ind.CINFactors)
	c.checkCitations(p+".sources", ind.Sources, known)
}

// checkDecision checks the decision parameters.
func (c *checker) checkDecision(dd *decisionDoc, known func(string) bool) {
	seen := make(map[continuum.Level]bool)
	for i, s := range dd.StepUp {
		p := "decision.stepUp[" + strconv.Itoa(i) + "]"
		switch {
		case !s.Level.IsValid():
			c.Add(p+".level", RuleMissingField, "a value is required")
		case s.Level == continuum.Specialist:
			c.Add(p+".level", RuleInvalidParameter, "specialist is the highest level and cannot step up")
		case seen[s.Level]:
			c.Add(p+".level", RuleDuplicateParameter, "the level already has a step-up parameter")
		}
		seen[s.Level] = true
		if s.Needs < 2 || s.Needs > 64 {
			c.Add(p+".needs", RuleInvalidParameter, "needs is a count from 2 to 64")
		}
		if s.Domains < 1 || s.Domains > 3 {
			c.Add(p+".domains", RuleInvalidParameter, "domains is a count of triangle sides from 1 to 3")
		} else if s.Domains > s.Needs && s.Needs >= 2 {
			c.Add(p+".domains", RuleInvalidParameter, "domains cannot exceed needs")
		}
		c.checkCitations(p+".sources", s.Sources, known)
	}
}
