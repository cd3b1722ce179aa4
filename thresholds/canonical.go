package thresholds

import (
	"encoding/json"
	"slices"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

var _ json.Marshaler = (*Framework)(nil)

// MarshalJSON returns the framework's canonical document: a base framework document
// (no "extends", no "remove") holding the merged content, with keys in a fixed order,
// the catalogue sorted by code, each list of citations in register order, empty
// optional fields left out and no insignificant whitespace. [Parse] reads it back to a
// framework with the same [Framework.Digest], which is the SHA-256 digest of these
// bytes.
//
// The canonical document of a framework that extends another keeps the id of the
// framework itself, not of its base; it is a copy, not a version, so parsing it gives a
// framework with no lineage ([Framework.Base] is "").
func (f *Framework) MarshalJSON() ([]byte, error) {
	return json.Marshal(f.canonical())
}

// canonicalDigest returns the digest of the canonical document.
func (f *Framework) canonicalDigest() string { return docKind.Digest(f) }

// canonical returns the flattened document of f.
func (f *Framework) canonical() *frameworkDoc {
	d := &frameworkDoc{
		Header: document.Header{
			ID: f.id, Title: f.title, Publisher: f.publisher, Version: f.version,
			EffectiveFrom: document.FormatDay(f.period.From), EffectiveTo: document.FormatDay(f.period.To),
		},
		Levels:   &levelsDoc{},
		Sources:  make([]document.Source, len(f.sources)),
		Decision: &decisionDoc{},
		Notes:    slices.Clone(f.notes),
	}
	for i, s := range f.sources {
		d.Sources[i] = document.Source{ID: s.Source, Title: s.Title, URL: s.URL}
	}
	ids := func(s sourceSet) []string {
		var out []string
		for i := range s.all() {
			out = append(out, f.sources[i].Source)
		}
		return out
	}
	levels := [...]**levelDoc{nil, &d.Levels.Universal, &d.Levels.Additional, &d.Levels.Intensive, &d.Levels.Specialist}
	for l := range continuum.Levels() {
		info := f.levels[l]
		*levels[l] = &levelDoc{Label: info.label, Definition: info.definition, LabelNote: info.labelNote, Sources: ids(info.cites)}
	}
	d.Indicators = make([]indicatorDoc, len(f.inds))
	for i, ind := range f.inds {
		d.Indicators[i] = indicatorDoc{
			Code: ind.Code, Level: ind.Level, Dimension: ind.Dimension, Kind: ind.Kind, Summary: ind.Summary,
			Ages: slices.Collect(ind.Ages.All()), CINFactors: slices.Collect(ind.CINFactors.All()),
			Sources: ids(f.cites[i]),
		}
	}
	for l := range continuum.Levels() {
		if s := f.stepUp[l]; s.needs != 0 {
			d.Decision.StepUp = append(d.Decision.StepUp, stepUpDoc{
				Level: l, Needs: s.needs, Domains: s.domains, Note: s.note, Sources: ids(s.cites),
			})
		}
	}
	return d
}
