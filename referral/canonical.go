package referral

import (
	"encoding/json"
	"slices"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

var _ json.Marshaler = (*Policy)(nil)

// MarshalJSON returns the policy's canonical document: a base policy document (no
// "extends", no "remove") holding the merged content, with keys in a fixed order, the
// routing entries by level and urgency, the consent rules by level, the threshold gates
// in the order of their routes, routes, transitions, timescales, sources and notes in
// their order, empty optional fields left out and no insignificant whitespace.
// [ParsePolicy] reads it back to a policy with the same [Policy.Digest], which is the
// SHA-256 digest of these bytes.
//
// The canonical document of a policy that extends another keeps the policy's own id; it
// is a copy, not a version, so parsing it gives a policy with no lineage.
func (p *Policy) MarshalJSON() ([]byte, error) {
	return json.Marshal(p.canonical())
}

// canonicalDigest returns the digest of the canonical document.
func (p *Policy) canonicalDigest() string { return docKind.Digest(p) }

// sourceIDs returns the register ids of citations.
func sourceIDs(cs []continuum.Citation) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Source
	}
	return out
}

// canonical returns the flattened document of p.
func (p *Policy) canonical() *policyDoc {
	d := &policyDoc{
		Header: document.Header{
			ID: p.id, Title: p.title, Publisher: p.publisher, Version: p.version,
			EffectiveFrom: document.FormatDay(p.period.From), EffectiveTo: document.FormatDay(p.period.To),
		},
		Framework:         p.framework,
		Sources:           make([]document.Source, len(p.sources)),
		DecisionTimescale: p.timescales[p.decision].ID,
		StepUpWindow:      p.stepUpWindowID(),
		Notes:             slices.Clone(p.notes),
	}
	for i, s := range p.sources {
		d.Sources[i] = document.Source{ID: s.Source, Title: s.Title, URL: s.URL}
	}
	for _, r := range p.routes {
		d.Routes = append(d.Routes, routeDoc{
			ID: r.ID, Name: r.Name, How: r.How, Contact: r.Contact, OutOfHours: r.OutOfHours,
			Services: slices.Clone(r.Services), Timescale: r.Timescale, Hours: hoursDocs(r.Hours),
			Sources: sourceIDs(r.Citations),
		})
	}
	for l := range continuum.Levels() {
		for u := continuum.Routine; u <= continuum.Immediate; u++ {
			choice := p.routing[l][u]
			if choice.route == 0 {
				continue
			}
			rd := routingDoc{Level: l, Urgency: u, Route: p.routes[choice.route-1].ID}
			if choice.then != 0 {
				rd.Then = p.routes[choice.then-1].ID
			}
			if lb := p.legal[l][u]; lb.basis.IsValid() {
				rd.LegalBasis, rd.Sources = lb.basis, sourceIDs(lb.citations)
			}
			d.Routing = append(d.Routing, rd)
		}
	}
	for i, r := range p.routes {
		if g := p.gates[i]; g.min != 0 {
			d.ThresholdGates = append(d.ThresholdGates, gateDoc{Route: r.ID, MinLevel: g.min, Sources: sourceIDs(g.cites)})
		}
	}
	for l := range continuum.Levels() {
		if c := p.consent[l]; c.rule != 0 {
			d.Consent = append(d.Consent, consentDoc{Level: l, Rule: c.rule, Note: c.note, Sources: sourceIDs(c.cites)})
		}
	}
	for _, t := range p.transitions {
		d.Transitions = append(d.Transitions, transitionDoc{
			From: t.Transition.From, To: t.Transition.To, Note: t.Note, Sources: sourceIDs(t.Citations),
			Closure: t.Closure.doc(),
		})
	}
	for _, t := range p.timescales {
		d.Timescales = append(d.Timescales, timescaleDoc{
			ID: t.ID, Name: t.Name, ClockStarts: t.ClockStarts, Amount: t.Amount, Unit: t.Unit,
			Basis: t.Basis, Sources: sourceIDs(t.Citations),
		})
	}
	return d
}
