package referral

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// policyDoc is the JSON shape of a policy document (policies/README.md).
type policyDoc struct {
	document.Header
	Framework         string            `json:"framework"`
	Sources           []document.Source `json:"sources"`
	Routes            []routeDoc        `json:"routes"`
	Routing           []routingDoc      `json:"routing"`
	ThresholdGates    []gateDoc         `json:"thresholdGates"`
	Consent           []consentDoc      `json:"consent"`
	Transitions       []transitionDoc   `json:"transitions"`
	DecisionTimescale string            `json:"decisionTimescale"`
	Timescales        []timescaleDoc    `json:"timescales"`
	Notes             []string          `json:"notes"`
}

type routeDoc struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	How        string     `json:"how"`
	Contact    string     `json:"contact"`
	OutOfHours string     `json:"outOfHours"`
	Services   []string   `json:"services"`
	Timescale  string     `json:"timescale"`
	Hours      []hoursDoc `json:"hours"`
	Sources    []string   `json:"sources"`
}

type routingDoc struct {
	Level   continuum.Level   `json:"level"`
	Urgency continuum.Urgency `json:"urgency"`
	Route   string            `json:"route"`
	Then    string            `json:"then"`
}

type gateDoc struct {
	Route    string          `json:"route"`
	MinLevel continuum.Level `json:"minLevel"`
	Sources  []string        `json:"sources"`
}

type consentDoc struct {
	Level   continuum.Level `json:"level"`
	Rule    ConsentRule     `json:"rule"`
	Note    string          `json:"note"`
	Sources []string        `json:"sources"`
}

type transitionDoc struct {
	From    continuum.Level `json:"from"`
	To      continuum.Level `json:"to"`
	Note    string          `json:"note"`
	Sources []string        `json:"sources"`
}

type timescaleDoc struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	ClockStarts string        `json:"clockStarts"`
	Amount      int           `json:"amount"`
	Unit        Unit          `json:"unit"`
	Basis       DeadlineBasis `json:"basis"`
	Sources     []string      `json:"sources"`
}

var (
	frameworkIDPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	localIDPattern     = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
)

// Policy is a parsed referral policy: routes per level and urgency, consent rules per
// level, the allowed transitions and the timescales, for one threshold framework.
//
// A Policy comes from [ParsePolicy], [DefaultPolicy] or [BuiltinPolicy]; the zero Policy
// is not usable. It is immutable after parsing and safe for concurrent use: accessors
// return copies or iterators.
type Policy struct {
	id, framework, title, publisher, version string
	effective                                time.Time
	digest                                   string
	sources                                  []continuum.Citation
	notes                                    []string

	routes         []Route
	routeIndex     map[string]int
	routeTimescale []int // per route: index into timescales of the timescale that sets DecideBy

	// routing[level][urgency] is the chosen route's index+1 and its "then" route's
	// index+1 (0: none).
	routing [5][4]struct{ route, then int }
	gates   map[int]gate // by route index

	consent     [5]consentInfo
	transitions []TransitionRule
	allowed     [5][5]int // [from][to]: index+1 into transitions; 0 = not allowed

	timescales []Timescale
	decision   int // index into timescales
}

// gate is a threshold gate: the route takes decided levels of min and above only.
type gate struct {
	min continuum.Level
}

type consentInfo struct {
	rule ConsentRule
	note string
}

// TransitionRule is a move a policy allows, with what it needs in words and its sources.
// The zero TransitionRule allows nothing.
type TransitionRule struct {
	Transition Transition           `json:"transition"`
	Note       string               `json:"note"`
	Citations  []continuum.Citation `json:"citations"`
}

// ID returns the policy's id.
func (p *Policy) ID() string { return p.id }

// FrameworkID returns the id of the threshold framework the policy goes with.
func (p *Policy) FrameworkID() string { return p.framework }

// Title returns the policy's title.
func (p *Policy) Title() string { return p.title }

// Publisher returns who publishes the policy.
func (p *Policy) Publisher() string { return p.publisher }

// Version returns the policy's version.
func (p *Policy) Version() string { return p.version }

// EffectiveFrom returns the date the policy applies from.
func (p *Policy) EffectiveFrom() time.Time { return p.effective }

// Digest returns the SHA-256 digest of the policy document ("sha256:…").
func (p *Policy) Digest() string { return p.digest }

// String returns the policy's id and version.
func (p *Policy) String() string { return p.id + " " + p.version }

// Sources returns the policy's source register.
func (p *Policy) Sources() iter.Seq[continuum.Citation] { return slices.Values(p.sources) }

// Notes returns the policy's caveats for a safeguarding lead.
func (p *Policy) Notes() iter.Seq[string] { return slices.Values(p.notes) }

// Routes returns copies of the policy's routes, in document order.
func (p *Policy) Routes() iter.Seq[Route] {
	return func(yield func(Route) bool) {
		for _, r := range p.routes {
			r.Services, r.Citations = slices.Clone(r.Services), slices.Clone(r.Citations)
			r.Hours = cloneHours(r.Hours)
			if !yield(r) {
				return
			}
		}
	}
}

// ConsentRule returns the policy's consent rule for a level and its note; the zero rule
// when l is not a valid level.
func (p *Policy) ConsentRule(l continuum.Level) (ConsentRule, string) {
	if !l.IsValid() {
		return 0, ""
	}
	return p.consent[l].rule, p.consent[l].note
}

// Transitions returns copies of the allowed transitions, in document order.
func (p *Policy) Transitions() iter.Seq[TransitionRule] {
	return func(yield func(TransitionRule) bool) {
		for _, t := range p.transitions {
			t.Citations = slices.Clone(t.Citations)
			if !yield(t) {
				return
			}
		}
	}
}

// Allows reports whether the policy allows the move t.
func (p *Policy) Allows(t Transition) bool {
	return t.Kind().IsValid() && p.allowed[t.From][t.To] != 0
}

// Timescales returns copies of the policy's timescales, in document order.
func (p *Policy) Timescales() iter.Seq[Timescale] {
	return func(yield func(Timescale) bool) {
		for _, t := range p.timescales {
			t.Citations = slices.Clone(t.Citations)
			if !yield(t) {
				return
			}
		}
	}
}

// Timescale returns a copy of the timescale with the given id.
func (p *Policy) Timescale(id string) (Timescale, bool) {
	for _, t := range p.timescales {
		if t.ID == id {
			t.Citations = slices.Clone(t.Citations)
			return t, true
		}
	}
	return Timescale{}, false
}

// Deadline returns the end of the timescale id when its clock starts at start, as
// [Timescale.Deadline] does (London days, Europe/London result); an unknown id is an
// error wrapping [ErrUnknownTimescale], and a date outside the supported calendar
// years one wrapping [ErrDateOutOfRange].
func (p *Policy) Deadline(id string, start time.Time) (time.Time, error) {
	t, ok := p.Timescale(id)
	if !ok {
		return time.Time{}, fmt.Errorf("%w: %q", ErrUnknownTimescale, truncate(id))
	}
	return t.Deadline(start)
}

// ParsePolicy parses a policy document (the format of policies/README.md). It is strict:
// unknown fields, duplicate keys and trailing data are errors. It reports every problem
// it finds, each as a [continuum.Finding] with a path ("routing[3].route") and a rule
// code, in a [continuum.Findings] error.
//
// Which framework a policy goes with is part of the document ("framework"); Route
// refuses to route with any other.
func ParsePolicy(data []byte) (*Policy, error) {
	var d policyDoc
	decoded := document.Decode(data, &d)
	if document.Stopped(decoded) {
		return nil, decoded.Err()
	}
	c := &policyChecker{document.Checker{Sentinel: ErrInvalidPolicy}}
	hfs, eff := d.Header.Check(ErrInvalidPolicy)
	c.Findings = append(c.Findings, hfs...)
	p := &Policy{
		id: d.ID, framework: d.Framework, title: d.Title, publisher: d.Publisher,
		version: d.Version, effective: eff, notes: slices.Clone(d.Notes),
	}
	switch {
	case d.Framework == "":
		c.Add("framework", RuleMissingField, "a value is required")
	case !frameworkIDPattern.MatchString(d.Framework):
		c.Add("framework", document.RuleInvalidID, "a framework id is 2 to 32 lower-case letters, digits and hyphens")
	}
	p.build(c, &d)
	if all := decoded.Merge(c.Findings); len(all) > 0 {
		return nil, all.Err()
	}
	sum := sha256.Sum256(data)
	p.digest = "sha256:" + hex.EncodeToString(sum[:])
	return p, nil
}

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
			c.Add(path, RuleDuplicateID, fmt.Sprintf("%s is already defined", id))
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
		for _, id := range ids {
			if i, ok := reg[id]; ok && !slices.Contains(out, p.sources[i]) {
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
		hours, hourCites := c.checkHours(path+".hours", r.Hours, cite)
		p.routes = append(p.routes, Route{
			ID: r.ID, Name: r.Name, How: r.How, Contact: r.Contact, OutOfHours: r.OutOfHours,
			Hours: hours, Services: slices.Clone(r.Services), Timescale: r.Timescale,
			Citations: appendNew(cite(path+".sources", r.Sources), hourCites),
		})
	}
	p.buildRules(c, d, cite)
}

// truncate shortens a caller's id for a message.
func truncate(s string) string {
	if len(s) > 32 {
		return s[:32] + "…"
	}
	return s
}
