package referral

import (
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// origins maps each record of a merged document, by list and index, to the path of the
// extension's record it came from ("routes[1]"), or "" for a record inherited from the
// base.
type origins map[string][]string

// place returns copies of the findings of a merged document with their paths placed in
// the extension: a finding on one of its own records points into it, one on an inherited
// record points at "extends", and a finding on a whole list or field keeps its path.
func (o origins) place(fs continuum.Findings) continuum.Findings {
	out := make(continuum.Findings, len(fs))
	for i, f := range fs {
		g := *f
		out[i] = &g
		field, rest, ok := strings.Cut(g.Path, "[")
		if !ok {
			continue
		}
		num, rest, ok := strings.Cut(rest, "]")
		idx, err := strconv.Atoi(num)
		list := o[field]
		if !ok || err != nil || idx < 0 || idx >= len(list) {
			continue
		}
		if list[idx] != "" {
			g.Path = list[idx] + rest
			continue
		}
		g.Path = "extends"
		g.Msg = "in a record inherited from the base: " + g.Msg
	}
	return out
}

// overlay merges the extension own onto the flattened base document, recording any
// removal that names nothing or something the extension also defines, and returns the
// merged document with the origin of each of its records.
func (c *policyChecker) overlay(base, own *policyDoc) (*policyDoc, origins) {
	var rm removeDoc
	if own.Remove != nil {
		rm = *own.Remove
	}
	m := &policyDoc{Header: own.Header, Framework: own.Framework, DecisionTimescale: base.DecisionTimescale}
	if own.DecisionTimescale != "" {
		m.DecisionTimescale = own.DecisionTimescale
	}
	m.StepUpWindow = base.StepUpWindow
	if own.StepUpWindow != "" {
		m.StepUpWindow = own.StepUpWindow
	}
	o := make(origins)
	m.Sources = append(append(m.Sources, base.Sources...), own.Sources...)
	o["sources"] = appended(len(base.Sources), "sources", len(own.Sources))
	m.Notes = append(append(m.Notes, base.Notes...), own.Notes...)

	m.Routes, o["routes"] = mergeList(c, "routes", base.Routes, own.Routes,
		func(r routeDoc) (string, bool) { return r.ID, r.ID != "" }, rm.Routes)
	m.Timescales, o["timescales"] = mergeList(c, "timescales", base.Timescales, own.Timescales,
		func(t timescaleDoc) (string, bool) { return t.ID, t.ID != "" }, rm.Timescales)
	m.ThresholdGates, o["thresholdGates"] = mergeList(c, "thresholdGates", base.ThresholdGates, own.ThresholdGates,
		func(g gateDoc) (string, bool) { return g.Route, g.Route != "" }, rm.ThresholdGates)
	m.Consent, o["consent"] = mergeList(c, "consent", base.Consent, own.Consent,
		func(d consentDoc) (continuum.Level, bool) { return d.Level, d.Level.IsValid() }, rm.Consent)
	m.Routing, o["routing"] = mergeList(c, "routing", base.Routing, own.Routing,
		func(r routingDoc) (routingKeyDoc, bool) {
			return routingKeyDoc{r.Level, r.Urgency}, r.Level.IsValid() && r.Urgency.IsValid()
		}, rm.Routing)
	m.Transitions, o["transitions"] = mergeList(c, "transitions", base.Transitions, own.Transitions,
		func(t transitionDoc) (transitionKeyDoc, bool) { return transitionKeyDoc{t.From, t.To}, t.To.IsValid() }, rm.Transitions)
	return m, o
}

// appended returns the origins of a list of n inherited records followed by k of the
// extension's own.
func appended(n int, field string, k int) []string {
	out := make([]string, n, n+k)
	for i := range k {
		out = append(out, field+"["+strconv.Itoa(i)+"]")
	}
	return out
}

// mergeList merges one list of the extension onto the base's: a record whose key a base
// record has replaces it in place, a new key is added after the base's records, and a
// key in removes drops the base's record (remove-unknown when the base has none,
// remove-conflict when the extension also defines it). It returns the merged list and
// each record's origin.
func mergeList[T any, K comparable](c *policyChecker, field string, base, own []T, key func(T) (K, bool), removes []K) ([]T, []string) {
	inBase := make(map[K]bool, len(base))
	for _, t := range base {
		if k, ok := key(t); ok {
			inBase[k] = true
		}
	}
	defined := make(map[K]bool, len(own))
	for _, t := range own {
		if k, ok := key(t); ok {
			defined[k] = true
		}
	}
	removed := make(map[K]bool, len(removes))
	for i, k := range removes {
		path := "remove." + field + "[" + strconv.Itoa(i) + "]"
		switch {
		case !inBase[k]:
			c.Add(path, RuleRemoveUnknown, "the base has no record with this key")
		case defined[k]:
			c.Add(path, RuleRemoveConflict, "the record is both removed and defined")
		}
		removed[k] = true
	}
	merged := make([]T, 0, len(base)+len(own))
	origin := make([]string, 0, len(base)+len(own))
	pos := make(map[K]int, len(base))
	for _, t := range base {
		k, ok := key(t)
		if ok && removed[k] {
			continue
		}
		if _, seen := pos[k]; ok && !seen {
			pos[k] = len(merged)
		}
		merged = append(merged, t)
		origin = append(origin, "")
	}
	for i, t := range own {
		path := field + "[" + strconv.Itoa(i) + "]"
		if k, ok := key(t); ok && !removed[k] {
			if at, found := pos[k]; found && origin[at] == "" {
				merged[at], origin[at] = t, path
				continue
			}
		}
		merged = append(merged, t)
		origin = append(origin, path)
	}
	return merged, origin
}
