package referral

import (
	"fmt"
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// buildRules fills and checks the rules of a policy that refer to its routes: the routing
// of each level and urgency, the threshold gates, the consent rules and the allowed
// transitions. build calls it once the routes are known; cite resolves a record's source
// ids against the register.
func (p *Policy) buildRules(c *policyChecker, d *policyDoc, cite func(path string, ids []string) []continuum.Citation) {
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
	for l := range continuum.Levels() {
		for u := continuum.Routine; u <= continuum.Immediate; u++ {
			if (u == continuum.Routine || l == continuum.Specialist) && p.routing[l][u].route == 0 {
				c.Add("routing", RuleRoutingIncomplete, fmt.Sprintf("no route for %s at %s", l, u))
			}
		}
	}

	// Threshold gates.
	p.gates = make(map[int]gate)
	for i, g := range d.ThresholdGates {
		path := "thresholdGates[" + strconv.Itoa(i) + "]"
		r := routeRef(path+".route", g.Route)
		switch {
		case !g.MinLevel.IsValid():
			c.Add(path+".minLevel", RuleMissingField, "a level is required")
		case g.MinLevel == continuum.Universal:
			c.Add(path+".minLevel", RuleInvalidGate, "every decided level is at least universal: the gate would never apply")
		}
		cite(path+".sources", g.Sources)
		if _, dup := p.gates[r-1]; dup && r != 0 {
			c.Add(path+".route", RuleInvalidGate, "the route already has a gate")
			continue
		}
		if r != 0 && g.MinLevel.IsValid() {
			p.gates[r-1] = gate{min: g.MinLevel}
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
		case (cd.Level == continuum.Additional || cd.Level == continuum.Intensive) && cd.Rule != Required:
			c.Add(path+".rule", RuleInvalidConsent, "early help is voluntary: additional and intensive need the family's consent (required)")
		case cd.Level == continuum.Specialist && cd.Rule != SeekUnlessRisk:
			c.Add(path+".rule", RuleInvalidConsent, "a safeguarding referral must not wait for consent: specialist is seek-unless-risk")
		}
		cite(path+".sources", cd.Sources)
		p.consent[cd.Level] = consentInfo{rule: cd.Rule, note: cd.Note}
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
			c.Add(path, RuleDuplicateTransition, fmt.Sprintf("%s is already listed", t))
			continue
		}
		p.transitions = append(p.transitions, TransitionRule{Transition: t, Note: td.Note, Citations: cite(path+".sources", td.Sources)})
		p.allowed[t.From][t.To] = len(p.transitions)
	}
	if len(d.Transitions) == 0 {
		c.Add("transitions", RuleMissingField, "a policy allows at least one transition")
	}
}
