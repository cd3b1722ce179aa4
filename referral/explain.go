package referral

import (
	"fmt"
	"strings"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Explain returns a short plain-English paragraph for a practitioner: the framework's
// explanation of the decision ([thresholds.Framework.Explain]), then where the referral
// goes, whether a practitioner's judgement differs from the suggestion and the reason
// given, what the deadline is (statutory with its timescale, a local standard, or only a
// prompt), and whether to use the out-of-hours contact now. The text holds no personal
// data and repeats nothing the caller passed in: no times, only the policy's and the
// framework's own words.
//
// fw must be the framework the decision was made under (else the error of
// fw.Explain); the zero Routing is an error wrapping [continuum.ErrInvalidValue].
func (r Routing) Explain(fw *thresholds.Framework) (string, error) {
	if r.Route.ID == "" {
		return "", fmt.Errorf("referral: explain: %w: the routing has no route", continuum.ErrInvalidValue)
	}
	if fw == nil {
		return "", fmt.Errorf("referral: explain: %w: no framework given", continuum.ErrInvalidValue)
	}
	text, err := fw.Explain(r.Decision)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(text)
	if j := r.Judgement; !j.IsZero() {
		if j.Level != r.Decision.Level {
			fmt.Fprintf(&b, " Practitioner's judgement: %s, not the suggested %s; reason given: %s.",
				fw.Label(j.Level), fw.Label(r.Decision.Level), strings.ToLower(j.Reason.Label()))
		} else {
			fmt.Fprintf(&b, " Practitioner's judgement agrees with the suggestion; reason given: %s.", strings.ToLower(j.Reason.Label()))
		}
	}
	fmt.Fprintf(&b, " Route: %s.", r.Route.Name)
	if r.Then.ID != "" {
		fmt.Fprintf(&b, " Then: %s.", r.Then.Name)
	}
	ts := r.Timescale
	span := amountText(ts)
	switch r.Basis {
	case Statutory:
		fmt.Fprintf(&b, " Statutory deadline: %s within %s (%s, day 0 the day received).", strings.TrimSuffix(ts.Name, "."), span, unitWordsOf(ts.Unit).counted)
	case Local:
		fmt.Fprintf(&b, " Local standard: %s within %s (day 0 the day received).", strings.TrimSuffix(ts.Name, "."), span)
	case Prompt:
		fmt.Fprintf(&b, " No timescale applies to this route: follow up within %s as a prompt, not a deadline.", span)
	}
	if r.OutOfHoursNow {
		b.WriteString(" Received " + closedClause(r.decider()) + ".")
	}
	return b.String(), nil
}

// decider returns the route whose service decides the referral, as
// [destination.decider] chose it when routing: Then when there is one (after 999),
// else Route.
func (r *Routing) decider() *Route {
	if r.Then.ID != "" {
		return &r.Then
	}
	return &r.Route
}
