package referral

import (
	"strconv"

	"github.com/rightsupport/needs/continuum/document"
)

// MaxSources is the most sources a policy's register may hold. ParsePolicy stops
// reading the register at the source past it, with a finding of rule
// [RuleTooManySources].
const MaxSources = 256

// usable reports ErrNoPolicy for a nil or zero Policy.
func (p *Policy) usable() error {
	if p == nil || p.routeIndex == nil {
		return ErrNoPolicy
	}
	return nil
}

// checkTexts checks the free text of a policy document that the header and the record
// checks do not: route contacts, out-of-hours text and services, notes of consent rules
// and transitions, and the document's notes. Optional text may be absent; present, it
// must not be blank or hold invisible characters.
func (c *policyChecker) checkTexts(d *policyDoc) {
	for i, r := range d.Routes {
		p := "routes[" + strconv.Itoa(i) + "]"
		c.Text(p+".contact", r.Contact)
		c.Text(p+".outOfHours", r.OutOfHours)
		seen := make(map[string]bool, len(r.Services))
		for j, s := range r.Services {
			c.Required(p+".services["+strconv.Itoa(j)+"]", s)
			if seen[s] {
				c.Add(p+".services["+strconv.Itoa(j)+"]", document.RuleDuplicateItem, "the route already lists this service")
			}
			seen[s] = true
		}
	}
	for i, cd := range d.Consent {
		c.Text("consent["+strconv.Itoa(i)+"].note", cd.Note)
	}
	for i, td := range d.Transitions {
		c.Text("transitions["+strconv.Itoa(i)+"].note", td.Note)
	}
	for i, n := range d.Notes {
		c.Required("notes["+strconv.Itoa(i)+"]", n)
	}
}
