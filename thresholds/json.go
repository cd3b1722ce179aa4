package thresholds

import (
	"encoding/json"
	"errors"

	"github.com/rightsupport/needs/continuum"
)

// MarshalJSON encodes the change with lower-camel keys: "index", "before", "after", and
// for an undecidable side "beforeErrors" or "afterErrors", the findings that say why (a
// path, a rule code, a severity and a message each).
func (c Change) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Index        int                `json:"index"`
		Before       Summary            `json:"before"`
		After        Summary            `json:"after"`
		BeforeErrors continuum.Findings `json:"beforeErrors,omitempty"`
		AfterErrors  continuum.Findings `json:"afterErrors,omitempty"`
	}{c.Index, c.Before, c.After, findingsOf(c.BeforeErr), findingsOf(c.AfterErr)})
}

// MarshalJSON encodes the line's summary with lower-camel keys: "line", then "level",
// "urgency" and "rule" when it was decided, or "errors", the findings that say why not.
func (ls LineSummary) MarshalJSON() ([]byte, error) {
	if ls.Err != nil {
		return json.Marshal(struct {
			Line   int                `json:"line"`
			Errors continuum.Findings `json:"errors"`
		}{ls.Line, findingsOf(ls.Err)})
	}
	return json.Marshal(struct {
		Line int `json:"line"`
		Summary
	}{ls.Line, ls.Summary})
}

// findingsOf returns err as findings: its own when it is a [continuum.Findings], else one
// finding with the rule "undecidable" and the error's message. A nil err gives nil.
func findingsOf(err error) continuum.Findings {
	if err == nil {
		return nil
	}
	if fs, ok := errors.AsType[continuum.Findings](err); ok {
		return fs.Sorted()
	}
	return continuum.Findings{}.Add("", RuleUndecidable, continuum.Error, err, err.Error())
}
