package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// result is what the program reports for one step; -json prints it as one line.
type result struct {
	Framework thresholds.Ref `json:"framework"`
	Policy    string         `json:"policy"` // id and version

	Journey int               `json:"journey"`
	Title   string            `json:"title"`
	Child   string            `json:"child"`
	Age     continuum.AgeBand `json:"age"`
	Step    int               `json:"step"`
	Steps   int               `json:"steps"`
	Story   string            `json:"story"`

	From       continuum.Level         `json:"from"`
	To         continuum.Level         `json:"to"`
	Kind       referral.TransitionKind `json:"kind"`
	Consent    referral.Consent        `json:"consent"`
	Received   time.Time               `json:"received"` // in Europe/London
	Judgement  referral.Judgement      `json:"judgement,omitzero"`
	Indicators []observed              `json:"indicators"`

	// Routed is false when the policy blocked the referral; Blocked then says why.
	Routed  bool               `json:"routed"`
	Blocked continuum.Findings `json:"blocked,omitempty"`

	// Decision is the framework's decision on the case, whether or not it was routed.
	Decision    *thresholds.Decision `json:"decision,omitempty"`
	Explanation string               `json:"explanation,omitempty"`

	ConsentRule  referral.ConsentRule   `json:"consentRule,omitempty"`
	Route        *referral.Route        `json:"route,omitempty"`
	Then         *referral.Route        `json:"then,omitempty"`
	Note         string                 `json:"note,omitempty"`
	Timescale    *referral.Timescale    `json:"timescale,omitempty"`
	DecideBy     *time.Time             `json:"decideBy,omitempty"` // in Europe/London
	Basis        referral.DeadlineBasis `json:"basis,omitzero"`
	OutOfHours   bool                   `json:"outOfHoursNow,omitempty"`
	BankHolidays []string               `json:"bankHolidaysSkipped,omitempty"`
	Queries      continuum.Findings     `json:"queries,omitempty"`

	// Check is what Policy.CheckJourney found on this step when the whole journey was
	// checked as one sequence.
	Check *stepCheck `json:"check,omitempty"`
}

// observed is an indicator as the output shows it; the decision carries the citations.
type observed struct {
	Code      continuum.Code      `json:"code"`
	Kind      continuum.Kind      `json:"kind"`
	Level     continuum.Level     `json:"level"`
	Dimension continuum.Dimension `json:"dimension"`
	Summary   string              `json:"summary"`
}

// run walks every journey under the builtin framework and policy frameworkID and writes
// the result of every step to w: as text for a reader, or as JSON lines.
func run(w io.Writer, frameworkID string, asJSON bool) error {
	fw, pol, err := builtinsAsAt(frameworkID)
	if err != nil {
		return err
	}
	var out printer = &textPrinter{w: w, fw: fw, pol: pol}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		out = jsonPrinter{enc}
	}
	if err := out.header(); err != nil {
		return err
	}
	for ji, j := range journeys {
		if err := out.journey(ji+1, j); err != nil {
			return err
		}
		jc := pol.CheckJourney(fw, j.asJourney())
		for si, s := range j.steps {
			res, err := walk(fw, pol, j.age, s)
			if err != nil {
				return fmt.Errorf("journey %d step %d: %w", ji+1, si+1, err)
			}
			res.Journey, res.Title, res.Child, res.Age = ji+1, j.title, j.child, j.age
			res.Step, res.Steps = si+1, len(j.steps)
			res.Check = checkOf(jc.Steps[si])
			if err := out.step(res); err != nil {
				return err
			}
		}
		if err := out.checked(jc); err != nil {
			return err
		}
	}
	return nil
}

// walk routes one step of a child in the age band and gathers what to report. A referral the policy blocks is a
// result, not an error; an error is a broken journey (a code the framework lacks).
func walk(fw *thresholds.Framework, pol *referral.Policy, age continuum.AgeBand, s step) (result, error) {
	res := result{
		Framework: fw.Ref(), Policy: pol.String(), Story: s.story,
		From: s.from, To: s.to, Kind: referral.Transition{From: s.from, To: s.to}.Kind(),
		Consent: s.consent, Received: s.received.In(referral.London()), Judgement: s.judgement,
	}
	for _, code := range s.codes {
		ind, ok := fw.Indicator(code)
		if !ok {
			return result{}, fmt.Errorf("%s is not in the %s catalogue", code, fw.ID())
		}
		res.Indicators = append(res.Indicators, observed{
			Code: ind.Code, Kind: ind.Kind, Level: ind.Level, Dimension: ind.Dimension, Summary: ind.Summary,
		})
	}
	c := thresholds.Case{Indicators: s.codes, Age: age}
	routing, err := pol.Route(fw, s.referral(age))
	var d thresholds.Decision
	if err != nil {
		var fs continuum.Findings
		if !errors.As(err, &fs) {
			return result{}, err
		}
		res.Blocked = fs.Sorted()
		if d, err = fw.Evaluate(c); err != nil {
			return result{}, err
		}
	} else {
		res.Routed = true
		d = routing.Decision
		res.ConsentRule = routing.Consent
		res.Route = &routing.Route
		if routing.Then.ID != "" {
			res.Then = &routing.Then
		}
		res.Note = routing.Note
		res.Timescale = &routing.Timescale
		res.DecideBy = &routing.DecideBy
		res.Basis = routing.Basis
		res.OutOfHours = routing.OutOfHoursNow
		if routing.Timescale.Unit == referral.WorkingDays {
			for day := res.Received.AddDate(0, 0, 1); !after(day, routing.DecideBy); day = day.AddDate(0, 0, 1) {
				if referral.IsBankHoliday(day) {
					res.BankHolidays = append(res.BankHolidays, day.Format(time.DateOnly))
				}
			}
		}
		res.Queries = routing.Queries.Sorted()
	}
	res.Decision = &d
	if res.Routed {
		res.Explanation, err = routing.Explain(fw)
	} else {
		res.Explanation, err = fw.Explain(d)
	}
	if err != nil {
		return result{}, err
	}
	return res, nil
}

// after reports whether a's calendar date is after b's (both in Europe/London).
func after(a, b time.Time) bool {
	return a.Format(time.DateOnly) > b.Format(time.DateOnly)
}

// printer writes the results in one format.
type printer interface {
	header() error
	journey(n int, j journey) error
	step(r result) error
	checked(c referral.JourneyCheck) error
}

// jsonPrinter writes one JSON object per step, one per line, and nothing else.
type jsonPrinter struct{ enc *json.Encoder }

func (jsonPrinter) header() error              { return nil }
func (jsonPrinter) journey(int, journey) error { return nil }
func (p jsonPrinter) step(r result) error      { return p.enc.Encode(r) }

// checked prints nothing more: each step's line carries its check.
func (jsonPrinter) checked(referral.JourneyCheck) error { return nil }

// textPrinter writes the results for a front-door worker to read.
type textPrinter struct {
	w   io.Writer
	fw  *thresholds.Framework
	pol *referral.Policy
	err error
}

const (
	width  = 96 // wrap long text at this column
	indent = 18 // where values start
)

func (p *textPrinter) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// field prints a label and a value, wrapping the value under itself.
func (p *textPrinter) field(label, value string) {
	p.printf("  %-*s%s\n", indent-2, label, wrap(value, indent, width))
}

// more prints another paragraph under the previous field's value.
func (p *textPrinter) more(value string) {
	p.printf("%s%s\n", strings.Repeat(" ", indent), wrap(value, indent, width))
}

func (p *textPrinter) header() error {
	p.printf("Referral paths under the %s framework, %s (version %s),\n", p.fw.ID(), p.fw.Title(), p.fw.Version())
	p.printf("with the %s referral policy, version %s.\n", p.pol.ID(), p.pol.Version())
	p.printf("Synthetic journeys: no real children, no names; ages are bands and dates are fixed.\n")
	p.printf("A suggested level supports professional judgement; it is not a checklist.\n")
	return p.err
}

func (p *textPrinter) journey(n int, j journey) error {
	p.printf("\n%s\nJourney %d of %d: %s\n%s, age band %s\n", strings.Repeat("=", width), n, len(journeys), j.title, j.child, j.age)
	return p.err
}

func (p *textPrinter) step(r result) error {
	p.printf("\n  Step %d of %d, received %s London time\n", r.Step, r.Steps, r.Received.Format("Mon 2 Jan 2006 15:04 MST"))
	p.field("What happened", r.Story)
	p.field("Move", fmt.Sprintf("%s → %s (%s)", p.levelOrNotKnown(r.From), p.fw.Label(r.To), r.Kind))
	consent := r.Consent.String()
	if rule, _ := p.pol.ConsentRule(r.To); rule.IsValid() {
		consent += " (this policy's rule at " + r.To.String() + ": " + rule.String() + ")"
	}
	p.field("Consent", consent)
	if !r.Judgement.IsZero() {
		p.field("Judgement", fmt.Sprintf("%s, because: %s", p.fw.Label(r.Judgement.Level), strings.ToLower(r.Judgement.Reason.Label())))
	}
	for i, ind := range r.Indicators {
		label := ""
		if i == 0 {
			label = "Observed"
		}
		p.field(label, fmt.Sprintf("%s (%s): %s", ind.Code, kindText(ind), ind.Summary))
	}
	if len(r.Indicators) == 0 {
		p.field("Observed", "no indicators")
	}
	d := r.Decision
	p.field("Decision", fmt.Sprintf("%s, by the %s rule", d.Label, d.Rule()))
	p.field("Urgency", urgencyText(d.Urgency))
	if !r.Routed {
		p.field("NOT ROUTED", "the policy blocks this referral:")
		for _, f := range r.Blocked {
			p.more(fmt.Sprintf("- %s [%s]: %s", pathOrWhole(f.Path), f.Rule, f.Msg))
		}
	} else {
		if r.Then != nil {
			p.field("Route", "first "+routeText(*r.Route))
			p.more("then " + routeText(*r.Then))
		} else {
			p.field("Route", routeText(*r.Route))
		}
		p.field("Decide by", p.decideBy(r))
		if r.OutOfHours {
			p.field("OUT OF HOURS", "the service is closed now: use its out-of-hours contact at once (see the queries)")
		}
		if r.Note != "" {
			p.field("Policy says", r.Note)
		}
		if len(r.Queries) == 0 {
			p.field("Queries", "none")
		}
		for i, q := range r.Queries {
			label := ""
			if i == 0 {
				label = "Queries"
			}
			p.field(label, fmt.Sprintf("%s [%s]: %s", pathOrWhole(q.Path), q.Rule, q.Msg))
		}
	}
	p.field("Explanation", r.Explanation)
	return p.err
}

func (p *textPrinter) levelOrNotKnown(l continuum.Level) string {
	if l == 0 {
		return "not known to services"
	}
	return p.fw.Label(l)
}

// decideBy says when a decision is due (London time), what kind of deadline it is, how it
// was counted and which bank holidays the count skipped.
func (p *textPrinter) decideBy(r result) string {
	t := r.Timescale
	due := r.DecideBy.Format("Mon 2 Jan 2006 15:04 MST")
	var s string
	switch r.Basis {
	case referral.Prompt:
		s = fmt.Sprintf("%s: a follow-up prompt, not a deadline (no timescale applies to this route), %s from %s", due, amount(t.Amount, t.Unit), r.Received.Format("Mon 2 Jan"))
	default:
		s = fmt.Sprintf("%s: %s (%s), %s from %s", due, t.Name, strings.ToLower(r.Basis.Label()), amount(t.Amount, t.Unit), r.Received.Format("Mon 2 Jan"))
	}
	for _, h := range r.BankHolidays {
		day, _ := time.Parse(time.DateOnly, h)
		s += "; skips the bank holiday on " + day.Format("Mon 2 Jan 2006")
	}
	return s
}

func amount(n int, u referral.Unit) string {
	unit := strings.ReplaceAll(u.String(), "-", " ")
	if n == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return strconv.Itoa(n) + " " + unit
}

func kindText(ind observed) string {
	switch ind.Kind {
	case continuum.SignificantHarm:
		return "significant harm"
	case continuum.ImmediateDanger:
		return "immediate danger"
	case continuum.Strength:
		return "strength"
	}
	return ind.Level.String() + " need"
}

func urgencyText(u continuum.Urgency) string {
	switch u {
	case continuum.Immediate:
		return "immediate: call the police on 999 first, then refer to children's social care"
	case continuum.SameDay:
		return "same day: refer to children's social care today"
	}
	return u.String()
}

func routeText(r referral.Route) string {
	s := r.Name + ". " + r.How
	if r.Contact != "" {
		s += " Contact: " + r.Contact + "."
	}
	return s
}

func pathOrWhole(path string) string {
	if path == "" {
		return "referral"
	}
	return path
}

// wrap breaks s into lines of at most width columns, continuing lines at column indent.
// Words longer than a line (a URL) are left whole.
func wrap(s string, indent, width int) string {
	var b strings.Builder
	col := indent
	for i, word := range strings.Fields(s) {
		n := len([]rune(word))
		switch {
		case i == 0:
		case col+1+n > width:
			b.WriteString("\n")
			b.WriteString(strings.Repeat(" ", indent))
			col = indent
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}
