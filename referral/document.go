package referral

import (
	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// policyDoc is the JSON shape of a policy document (policies/README.md).
type policyDoc struct {
	document.Header
	Framework         string            `json:"framework"`
	Extends           string            `json:"extends,omitempty"`
	Sources           []document.Source `json:"sources,omitempty" limit:"256,too-many-sources"` // MaxSources
	Routes            []routeDoc        `json:"routes,omitempty"`
	Routing           []routingDoc      `json:"routing,omitempty"`
	ThresholdGates    []gateDoc         `json:"thresholdGates,omitempty"`
	Consent           []consentDoc      `json:"consent,omitempty"`
	Transitions       []transitionDoc   `json:"transitions,omitempty"`
	DecisionTimescale string            `json:"decisionTimescale,omitempty"`
	StepUpWindow      string            `json:"stepUpWindow,omitempty"`
	Timescales        []timescaleDoc    `json:"timescales,omitempty"`
	Remove            *removeDoc        `json:"remove,omitempty" null:"reject"`
	Notes             []string          `json:"notes,omitempty"`
}

// removeDoc is what an extension removes from its base, each list by key.
type removeDoc struct {
	Routes         []string           `json:"routes"`
	Routing        []routingKeyDoc    `json:"routing"`
	ThresholdGates []string           `json:"thresholdGates"`
	Consent        []continuum.Level  `json:"consent"`
	Transitions    []transitionKeyDoc `json:"transitions"`
	Timescales     []string           `json:"timescales"`
}

type routingKeyDoc struct {
	Level   continuum.Level   `json:"level"`
	Urgency continuum.Urgency `json:"urgency"`
}

type transitionKeyDoc struct {
	From continuum.Level `json:"from"`
	To   continuum.Level `json:"to"`
}

type routeDoc struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	How        string     `json:"how"`
	Contact    string     `json:"contact,omitempty"`
	OutOfHours string     `json:"outOfHours,omitempty"`
	Services   []string   `json:"services,omitempty"`
	Timescale  string     `json:"timescale,omitempty"`
	Hours      []hoursDoc `json:"hours,omitempty"`
	Sources    []string   `json:"sources"`
}

type routingDoc struct {
	Level      continuum.Level   `json:"level"`
	Urgency    continuum.Urgency `json:"urgency"`
	Route      string            `json:"route"`
	Then       string            `json:"then,omitempty"`
	LegalBasis LegalBasis        `json:"legalBasis,omitzero"`
	Sources    []string          `json:"sources,omitempty"`
}

type gateDoc struct {
	Route    string          `json:"route"`
	MinLevel continuum.Level `json:"minLevel"`
	Sources  []string        `json:"sources"`
}

type consentDoc struct {
	Level   continuum.Level `json:"level"`
	Rule    ConsentRule     `json:"rule"`
	Note    string          `json:"note,omitempty"`
	Sources []string        `json:"sources"`
}

type transitionDoc struct {
	From    continuum.Level `json:"from" required:"true"` // written out, "" for an entry
	To      continuum.Level `json:"to"`
	Note    string          `json:"note,omitempty"`
	Sources []string        `json:"sources"`
	Closure *closureDoc     `json:"closure,omitempty"`
}

type timescaleDoc struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	ClockStarts string        `json:"clockStarts"`
	Amount      int           `json:"amount"`
	Unit        Unit          `json:"unit"`
	Basis       DeadlineBasis `json:"basis,omitempty"`
	Sources     []string      `json:"sources"`
}
