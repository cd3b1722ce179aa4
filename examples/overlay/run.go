package main

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// A referral the example routes: synthetic, codes only, a fixed day.
type example struct {
	story    string
	from, to continuum.Level
	codes    []string
	consent  referral.Consent
	received time.Time
}

// london is UK local time, from the zone data the library embeds.
var london = referral.London()

// examples are routed under the district's policy and framework.
var examples = []example{
	{"A family newly moved into the district, the child not yet at a school or a GP: Southvale's own need, sent to its family hub.",
		0, continuum.Additional, []string{"SVL-SOC-2-01"}, referral.Given, time.Date(2024, 3, 28, 10, 0, 0, 0, london)},
	{"A young carer (the county's wording of England's need) whose attendance is falling, in poor housing: three needs over two sides step up.",
		0, continuum.Intensive, []string{"FSR-2-01", "EDU-2-01", "HSG-2-01"}, referral.Given, time.Date(2024, 6, 3, 9, 30, 0, 0, london)},
	{"A bruise on a baby who is not yet mobile: England's significant-harm trigger, to the county's front door the same day.",
		0, continuum.Specialist, []string{"SH-02"}, referral.NotSought, time.Date(2024, 6, 3, 9, 30, 0, 0, london)},
	{"A request for early help the family refuses: early help is voluntary, so it cannot go ahead.",
		0, continuum.Additional, []string{"HLT-2-01"}, referral.Refused, time.Date(2024, 6, 3, 9, 30, 0, 0, london)},
	{"The county's rural-transport need, which the town district removed: not in Southvale's catalogue.",
		0, continuum.Additional, []string{"NSH-COM-2-01"}, referral.Given, time.Date(2024, 6, 3, 9, 30, 0, 0, london)},
}

// run writes the chain and the routed examples.
func run(w io.Writer) error {
	c, err := load()
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "The chain (a fictional worked example):")
	for _, fw := range []*thresholds.Framework{c.district, c.county} {
		fmt.Fprintf(w, "  framework %-10s %s extends %-16s in force from %s  %s\n", fw.ID(), fw.Version(), fw.Base(), fw.EffectiveFrom().Format(time.DateOnly), fw.Digest()[:19])
	}
	for _, p := range []*referral.Policy{c.districtPol, c.countyPol} {
		fmt.Fprintf(w, "  policy    %-10s %s extends %-16s in force from %s  %s\n", p.ID(), p.Version(), p.Base(), p.EffectiveFrom().Format(time.DateOnly), p.Digest()[:19])
	}
	fmt.Fprintf(w, "  southvale derives from northshire: %t, from england: %t\n", c.district.DerivesFrom("northshire"), c.district.DerivesFrom("england"))
	for i, ex := range examples {
		fmt.Fprintf(w, "\n%d. %s\n", i+1, ex.story)
		r := referral.Referral{From: ex.from, To: ex.to, Consent: ex.consent, Received: ex.received}
		for _, s := range ex.codes {
			r.Case.Indicators = append(r.Case.Indicators, continuum.MustParseCode(s))
		}
		routing, err := c.districtPol.Route(c.district, r)
		if err != nil {
			fmt.Fprintln(w, "   not routed:")
			for _, f := range findings(err) {
				fmt.Fprintf(w, "     %s: %s: %s\n", f.Path, f.Rule, f.Msg)
			}
			continue
		}
		fmt.Fprintf(w, "   decision: %s, %s (%s)\n", routing.Decision.Label, routing.Decision.Urgency, routing.Decision.Rule())
		fmt.Fprintf(w, "   route:    %s", routing.Route.Name)
		if routing.Then.ID != "" {
			fmt.Fprintf(w, ", then %s", routing.Then.Name)
		}
		fmt.Fprintf(w, "\n   decide by %s (%s)\n", routing.DecideBy.In(london).Format("Mon 2 Jan 2006 15:04"), routing.Timescale.Name)
		for _, q := range routing.Queries {
			fmt.Fprintf(w, "   query:    %s: %s\n", q.Rule, q.Msg)
		}
	}
	return nil
}

// findings returns the findings of a Route error, or one for an error of another kind.
func findings(err error) continuum.Findings {
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		return continuum.Findings{}.Add("", "error", continuum.Error, err, "the referral cannot be routed")
	}
	return fs.Sorted()
}
