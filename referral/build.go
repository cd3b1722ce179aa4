package referral

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// policyChecker collects the findings of one policy document.
type policyChecker struct {
	document.Checker
}

// localID checks a route or timescale id and that it is new.
func (c *policyChecker) localID(path, id string, seen map[string]int) {
	switch {
	case id == "":
		c.Add(path, RuleMissingField, "a value is required")
	case !localIDPattern.MatchString(id):
		c.Add(path, document.RuleInvalidID, "an id is 1 to 32 lower-case letters, digits and hyphens, starting with a letter")
	default:
		if _, dup := seen[id]; dup {
			c.Add(path, RuleDuplicateID, "the id is already defined")
		}
	}
}

// build fills p from d, checking every record.
func (p *Policy) build(c *policyChecker, d *policyDoc) {
	if len(d.Sources) == 0 {
		c.Add("sources", RuleMissingField, "a policy registers at least one source")
	}
	c.Findings = append(c.Findings, document.CheckSources(d.Sources, nil, ErrInvalidPolicy)...)
	reg := make(map[string]int, len(d.Sources))
	for _, s := range d.Sources {
		if _, dup := reg[s.ID]; !dup {
			reg[s.ID] = len(p.sources)
			p.sources = append(p.sources, s.Citation())
		}
	}
	cite := func(path string, ids []string) []continuum.Citation {
		c.Findings = append(c.Findings, document.CheckCitations(path, ids, func(id string) bool { _, ok := reg[id]; return ok }, ErrInvalidPolicy)...)
		var out []continuum.Citation
		var seen [MaxSources/64 + 1]uint64 // register positions cited so far: linear in ids
		for _, id := range ids {
			if i, ok := reg[id]; ok && i < MaxSources && seen[i/64]&(1<<(i%64)) == 0 {
				seen[i/64] |= 1 << (i % 64)
				out = append(out, p.sources[i])
			}
		}
		return out
	}

	// Timescales first: routes refer to them.
	tsIndex := make(map[string]int, len(d.Timescales))
	if len(d.Timescales) == 0 {
		c.Add("timescales", RuleMissingField, "a policy states at least its decision timescale")
	}
	for i, t := range d.Timescales {
		path := "timescales[" + strconv.Itoa(i) + "]"
		c.localID(path+".id", t.ID, tsIndex)
		c.Required(path+".name", t.Name)
		c.Required(path+".clockStarts", t.ClockStarts)
		if t.Amount < 1 || t.Amount > 1000 {
			c.Add(path+".amount", RuleInvalidTimescale, "amount is a whole number from 1 to 1000")
		}
		if !t.Unit.IsValid() {
			c.Add(path+".unit", RuleMissingField, "a unit is required")
		}
		c.checkBasis(path+".basis", t.Basis)
		if _, dup := tsIndex[t.ID]; !dup {
			tsIndex[t.ID] = len(p.timescales)
		}
		p.timescales = append(p.timescales, Timescale{
			ID: t.ID, Name: t.Name, ClockStarts: t.ClockStarts, Amount: t.Amount, Unit: t.Unit, Basis: t.Basis,
			Citations: cite(path+".sources", t.Sources),
		})
	}
	if i, ok := tsIndex[d.DecisionTimescale]; ok {
		p.decision = i
	} else if d.DecisionTimescale == "" {
		c.Add("decisionTimescale", RuleMissingField, "a value is required")
	} else {
		c.Add("decisionTimescale", RuleUnknownTimescale, "no timescale has this id")
	}
	p.checkStepUpWindow(c, d.StepUpWindow, tsIndex)

	// Routes.
	p.routeIndex = make(map[string]int, len(d.Routes))
	if len(d.Routes) == 0 {
		c.Add("routes", RuleMissingField, "a policy has at least one route")
	}
	for i, r := range d.Routes {
		path := "routes[" + strconv.Itoa(i) + "]"
		c.localID(path+".id", r.ID, p.routeIndex)
		c.Required(path+".name", r.Name)
		c.Required(path+".how", r.How)
		ts := p.decision
		if r.Timescale != "" {
			if i, ok := tsIndex[r.Timescale]; ok {
				ts = i
			} else {
				c.Add(path+".timescale", RuleUnknownTimescale, "no timescale has this id")
			}
		}
		p.routeTimescale = append(p.routeTimescale, ts)
		if _, dup := p.routeIndex[r.ID]; !dup {
			p.routeIndex[r.ID] = len(p.routes)
		}
		p.routes = append(p.routes, Route{
			ID: r.ID, Name: r.Name, How: r.How, Contact: r.Contact, OutOfHours: r.OutOfHours,
			Hours: c.checkHours(path+".hours", r.Hours, cite), Services: slices.Clone(r.Services), Timescale: r.Timescale,
			Citations: cite(path+".sources", r.Sources),
		})
	}
	routeRef := func(path, id string) int {
		if id == "" {
			c.Add(path, RuleMissingField, "a route id is required")
			return 0
		}
		i, ok := p.routeIndex[id]
		if !ok {
			c.Add(path, RuleUnknownRoute, "no route has this id")
			return 0
		}
		return i + 1
	}

	// Routing: every level at routine, and specialist at same-day and immediate.
	for i, r := range d.Routing {
		path := "routing[" + strconv.Itoa(i) + "]"
		switch {
		case !r.Level.IsValid():
			c.Add(path+".level", RuleMissingField, "a level is required")
			continue
		case !r.Urgency.IsValid():
			c.Add(path+".urgency", RuleMissingField, "an urgency is required")
			continue
		case r.Urgency != continuum.Routine && r.Level != continuum.Specialist:
			c.Add(path+".urgency", RuleInvalidRouting, "same-day and immediate referrals are always specialist")
			continue
		case p.routing[r.Level][r.Urgency].route != 0:
			c.Add(path, RuleDuplicateRouting, fmt.Sprintf("%s at %s is already routed", r.Level, r.Urgency))
			continue
		}
		choice := &p.routing[r.Level][r.Urgency]
		choice.route = routeRef(path+".route", r.Route)
		if r.Then != "" {
			choice.then = routeRef(path+".then", r.Then)
			if r.Then == r.Route {
				c.Add(path+".then", RuleInvalidRouting, "then names the same route")
			}
		}
	}
	p.checkLegalBases(c, d.Routing, cite)
	for l := range continuum.Levels() {
		for u := continuum.Routine; u <= continuum.Immediate; u++ {
			if (u == continuum.Routine || l == continuum.Specialist) && p.routing[l][u].route == 0 {
				c.Add("routing", RuleRoutingIncomplete, fmt.Sprintf("no route for %s at %s", l, u))
			}
		}
	}

	// Threshold gates.
	p.gates = make([]gate, len(p.routes))
	for i, g := range d.ThresholdGates {
		path := "thresholdGates[" + strconv.Itoa(i) + "]"
		r := routeRef(path+".route", g.Route)
		switch {
		case !g.MinLevel.IsValid():
			c.Add(path+".minLevel", RuleMissingField, "a level is required")
		case g.MinLevel == continuum.Universal:
			c.Add(path+".minLevel", RuleInvalidGate, "every decided level is at least universal: the gate would never apply")
		}
		gcites := cite(path+".sources", g.Sources)
		if r != 0 && p.gates[r-1].min != 0 {
			c.Add(path+".route", RuleInvalidGate, "the route already has a gate")
			continue
		}
		if r != 0 && g.MinLevel.IsValid() {
			p.gates[r-1] = gate{min: g.MinLevel, cites: gcites}
			// A referral below the gate goes to its decided level's route, which must
			// not be the gated route itself.
			for l := continuum.Universal; l < g.MinLevel; l++ {
				if p.routing[l][continuum.Routine].route == r {
					c.Add(path+".route", RuleInvalidGate, fmt.Sprintf("the route is also the route for %s, below the gate: a referral the gate turns away would come back to it", l))
					break
				}
			}
		}
	}

	// Consent: one rule per level; early help needs consent, safeguarding must not.
	for i, cd := range d.Consent {
		path := "consent[" + strconv.Itoa(i) + "]"
		switch {
		case !cd.Level.IsValid():
			c.Add(path+".level", RuleMissingField, "a level is required")
			continue
		case !cd.Rule.IsValid():
			c.Add(path+".rule", RuleMissingField, "a consent rule is required")
			continue
		case p.consent[cd.Level].rule != 0:
			c.Add(path+".level", RuleDuplicateConsent, fmt.Sprintf("%s already has a consent rule", cd.Level))
			continue
		case (cd.Level == continuum.Additional || cd.Level == continuum.Intensive) && cd.Rule != Required && cd.Rule != RequiredUnlessRisk:
			c.Add(path+".rule", RuleInvalidConsent, "early help is voluntary: additional and intensive need the family's consent (required, or required-unless-risk)")
		case (cd.Level == continuum.Universal || cd.Level == continuum.Specialist) && cd.Rule == RequiredUnlessRisk:
			c.Add(path+".rule", RuleInvalidConsent, "required-unless-risk is for voluntary help at additional or intensive")
		case cd.Level == continuum.Specialist && cd.Rule != SeekUnlessRisk:
			c.Add(path+".rule", RuleInvalidConsent, "a safeguarding referral must not wait for consent: specialist is seek-unless-risk")
		}
		p.consent[cd.Level] = consentInfo{rule: cd.Rule, note: cd.Note, cites: cite(path+".sources", cd.Sources)}
	}
	for l := range continuum.Levels() {
		if p.consent[l].rule == 0 {
			c.Add("consent", RuleMissingField, fmt.Sprintf("no consent rule for %s", l))
		}
	}

	// Transitions.
	for i, td := range d.Transitions {
		path := "transitions[" + strconv.Itoa(i) + "]"
		t := Transition{From: td.From, To: td.To}
		switch {
		case !td.To.IsValid():
			c.Add(path+".to", RuleMissingField, "a level is required")
			continue
		case td.From == td.To:
			c.Add(path+".to", RuleInvalidTransition, "a move goes to another level")
			continue
		case p.allowed[t.From][t.To] != 0:
			c.Add(path, RuleDuplicateTransition, "the move is already listed")
			continue
		}
		p.transitions = append(p.transitions, TransitionRule{Transition: t, Note: td.Note, Citations: cite(path+".sources", td.Sources),
			Closure: p.checkClosureRule(c, path, t, td.Closure, cite)})
		p.allowed[t.From][t.To] = len(p.transitions)
	}
	if len(d.Transitions) == 0 {
		c.Add("transitions", RuleMissingField, "a policy allows at least one transition")
	}
}
