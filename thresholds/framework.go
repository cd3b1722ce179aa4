package thresholds

import (
	"fmt"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// Catalogue and register bounds. A framework's compiled tables are fixed-size bit sets,
// so that deciding a case allocates nothing.
const (
	MaxIndicators = 512 // indicators in one framework, base included
	MaxSources    = 256 // sources in one framework's register, base included
)

// The compiled sets hold exactly MaxIndicators bits.
var _ [setWords*64 - MaxIndicators]struct{}
var _ [MaxIndicators - setWords*64]struct{}

// Framework is a parsed, compiled threshold framework: the local labels of the four
// levels, the indicator catalogue, the decision parameters and the source register, with
// the document's id, version and content digest.
//
// A Framework comes from [Parse], [ParseOptions.Parse], [Default] or [Builtin]; the
// zero Framework is not usable. It is immutable after parsing and safe for concurrent
// use: every accessor returns copies or iterators, never a slice or map of its own.
type Framework struct {
	id, title, publisher, version string
	extends, base                 string   // the base's id and the ref as written; "" for a base
	lineage                       []string // the ids up the extends chain, nearest first
	period                        document.Period
	digest                        string

	levels  [5]levelInfo // index = Level
	sources []continuum.Citation
	notes   []string

	// The catalogue, dense: bit i of a set is inds[i].
	inds  []continuum.Indicator
	cites []sourceSet // per indicator, its citations as register bits

	engine // the decision path's tables (engine.go)

	stepUp [5]stepUp // index = Level; needs == 0: never steps up
}

type levelInfo struct {
	label, definition, labelNote string
	cites                        sourceSet
}

type stepUp struct {
	needs, domains int
	note           string
	cites          sourceSet
}

// ID returns the framework's id ("kent").
func (f *Framework) ID() string { return f.id }

// Title returns the framework's title.
func (f *Framework) Title() string { return f.title }

// Publisher returns who publishes the framework's thresholds.
func (f *Framework) Publisher() string { return f.publisher }

// Version returns the document's version, which every [Decision] carries.
func (f *Framework) Version() string { return f.version }

// Extends returns the id of the framework this one extends, or "" for a base framework.
func (f *Framework) Extends() string { return f.extends }

// Base returns the reference this framework extends as its document writes it
// ("england@1.0.0"), or "" for a base framework.
func (f *Framework) Base() string { return f.base }

// DerivesFrom reports whether the framework is id or extends, directly or further up
// its chain, a framework with that id.
func (f *Framework) DerivesFrom(id string) bool {
	return id != "" && (id == f.id || slices.Contains(f.lineage, id))
}

// EffectiveFrom returns the first day the framework is in force, as midnight in
// Europe/London.
func (f *Framework) EffectiveFrom() time.Time { return f.period.From }

// EffectiveTo returns the last day the framework is in force, as midnight in
// Europe/London; the zero time when it is open-ended.
func (f *Framework) EffectiveTo() time.Time { return f.period.To }

// InForce reports whether the London calendar day that t falls on is within the
// framework's effective period.
func (f *Framework) InForce(t time.Time) bool { return f.period.Contains(t) }

// Digest returns the SHA-256 digest of the framework's canonical document ("sha256:…"):
// the document [Framework.MarshalJSON] returns, which is the merged content with any
// base flattened in. It covers the id, title, publisher, version, effective period,
// every level's label, definition, label note and citations, the source register in
// its order, every indicator (sorted by code) with its level, dimension, kind, summary,
// age bands, CIN factors and citations, the decision parameters with their notes and
// citations, and the notes. It does not cover how the document was written (whitespace,
// the order of keys or of catalogue records, whether content came from a base) nor the
// lineage: two frameworks with the same digest decide and explain every case the same
// way.
func (f *Framework) Digest() string { return f.digest }

// Ref returns the framework's id, version and digest, as every Decision records them.
func (f *Framework) Ref() Ref { return Ref{ID: f.id, Version: f.version, Digest: f.digest} }

// Label returns the framework's own label for a level ("Intensive Support - Level 3"),
// or "" when l is not a valid level.
func (f *Framework) Label(l continuum.Level) string {
	if !l.IsValid() {
		return ""
	}
	return f.levels[l].label
}

// Definition returns the framework's definition of a level, or "" when it has none.
func (f *Framework) Definition(l continuum.Level) string {
	if !l.IsValid() {
		return ""
	}
	return f.levels[l].definition
}

// LabelNote returns the framework's caveat about a level's label, such as that a local
// label could not be confirmed from a source; "" when there is none.
func (f *Framework) LabelNote(l continuum.Level) string {
	if !l.IsValid() {
		return ""
	}
	return f.levels[l].labelNote
}

// Indicator returns a copy of the catalogue entry for code, and whether there is one.
func (f *Framework) Indicator(code continuum.Code) (continuum.Indicator, bool) {
	if f.usable() != nil {
		return continuum.Indicator{}, false
	}
	i := f.table.find(code.String())
	if i < 0 {
		return continuum.Indicator{}, false
	}
	return f.inds[i].Clone(), true
}

// Indicators returns copies of the catalogue's indicators, sorted by code.
func (f *Framework) Indicators() iter.Seq[continuum.Indicator] {
	return func(yield func(continuum.Indicator) bool) {
		for _, ind := range f.inds {
			if !yield(ind.Clone()) {
				return
			}
		}
	}
}

// Len returns the number of indicators in the catalogue.
func (f *Framework) Len() int { return len(f.inds) }

// Sources returns the source register, base sources first.
func (f *Framework) Sources() iter.Seq[continuum.Citation] { return slices.Values(f.sources) }

// Notes returns the document's caveats for a safeguarding lead, base notes first.
func (f *Framework) Notes() iter.Seq[string] { return slices.Values(f.notes) }

// StepUp returns the multiple-needs parameters for a level: a child whose highest need
// is at l steps up to the next level when at least needs observed needs at l span at
// least domains sides of the triangle. ok is false when l never steps up.
func (f *Framework) StepUp(l continuum.Level) (needs, domains int, ok bool) {
	if !l.IsValid() || f.stepUp[l].needs == 0 {
		return 0, 0, false
	}
	return f.stepUp[l].needs, f.stepUp[l].domains, true
}

// String returns the framework's id and version ("kent 1.0.0").
func (f *Framework) String() string { return f.id + " " + f.version }

// merge fills f from the document d on top of base b (nil for a base framework),
// checking as it goes.
func (f *Framework) merge(c *checker, d *frameworkDoc, b *Framework) {
	// The source register: the base's, then the document's own.
	baseIDs := make(map[string]bool)
	if b != nil {
		f.sources = slices.Clone(b.sources)
		f.notes = slices.Clone(b.notes)
		for _, s := range b.sources {
			baseIDs[s.Source] = true
		}
	}
	if len(d.Sources) == 0 && b == nil {
		c.Add("sources", RuleMissingField, "a framework registers at least one source")
	}
	c.Findings = append(c.Findings, document.CheckSources(d.Sources, func(id string) bool { return baseIDs[id] }, ErrInvalidDocument)...)
	for _, s := range d.Sources {
		f.sources = append(f.sources, s.Citation())
	}
	if len(f.sources) > MaxSources {
		c.Add("sources", RuleTooManySources, fmt.Sprintf("the register holds %d sources; at most %d are allowed", len(f.sources), MaxSources))
		return
	}
	reg := make(map[string]int, len(f.sources))
	for i, s := range f.sources {
		if _, dup := reg[s.Source]; !dup {
			reg[s.Source] = i
		}
	}
	known := func(id string) bool { _, ok := reg[id]; return ok }
	citeSet := func(ids []string) sourceSet {
		var s sourceSet
		for _, id := range ids {
			if i, ok := reg[id]; ok {
				s.add(i)
			}
		}
		return s
	}
	f.notes = append(f.notes, d.Notes...)

	// Levels.
	if b != nil {
		f.levels = b.levels
	} else if d.Levels == nil {
		c.Add("levels", RuleMissingField, "a base framework labels all four levels")
	}
	for l, ld := range d.Levels.byLevel() {
		lv := continuum.Level(l)
		if lv == 0 {
			continue
		}
		p := "levels." + lv.String()
		if ld == nil {
			if b == nil && d.Levels != nil {
				c.Add(p, RuleMissingLabel, "a base framework labels all four levels")
			}
			continue
		}
		info := &f.levels[l]
		switch {
		case ld.Label != "":
			info.label = ld.Label
		case b == nil:
			c.Add(p+".label", RuleMissingLabel, "a base framework labels all four levels")
		}
		if ld.Definition != "" {
			info.definition = ld.Definition
		}
		if ld.LabelNote != "" {
			info.labelNote = ld.LabelNote
		}
		if len(ld.Sources) > 0 || ld.Definition != "" {
			c.checkCitations(p+".sources", ld.Sources, known)
			info.cites = citeSet(ld.Sources)
		}
	}

	// The catalogue: the base's minus removals, with replacements in place, then additions.
	var pos map[continuum.Code]int
	if b != nil {
		f.inds = make([]continuum.Indicator, 0, len(b.inds)+len(d.Indicators))
		f.cites = make([]sourceSet, 0, len(b.inds)+len(d.Indicators))
		removed := make(map[continuum.Code]bool)
		defined := make(map[continuum.Code]bool)
		for _, ind := range d.Indicators {
			defined[ind.Code] = true
		}
		for i, code := range d.Remove {
			p := "remove[" + strconv.Itoa(i) + "]"
			switch {
			case !code.IsValid():
				c.Add(p, RuleMissingField, "a code is required")
			case b.table.find(code.String()) < 0:
				c.Add(p, RuleRemoveUnknown, "the base has no indicator with this code")
			case defined[code]:
				c.Add(p, RuleRemoveConflict, "the code is both removed and defined")
			}
			removed[code] = true
		}
		for i, ind := range b.inds {
			if !removed[ind.Code] {
				f.inds = append(f.inds, ind)
				f.cites = append(f.cites, b.cites[i])
			}
		}
		pos = make(map[continuum.Code]int, len(f.inds))
		for i, ind := range f.inds {
			pos[ind.Code] = i
		}
	} else {
		if len(d.Remove) > 0 {
			c.Add("remove", RuleRemoveWithoutBase, "only a framework that extends another can remove indicators")
		}
		if len(d.Indicators) == 0 {
			c.Add("indicators", RuleMissingField, "a base framework has at least one indicator")
		}
		pos = make(map[continuum.Code]int, len(d.Indicators))
	}
	own := make(map[continuum.Code]int, len(d.Indicators))
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		p := "indicators[" + strconv.Itoa(i) + "]"
		c.checkIndicator(p, ind, known)
		if first, dup := own[ind.Code]; dup && ind.Code.IsValid() {
			c.Add(p+".code", RuleDuplicateCode, "the code is already defined at indicators["+strconv.Itoa(first)+"]")
			continue
		}
		own[ind.Code] = i
		rec := continuum.Indicator{
			Code: ind.Code, Level: ind.Level, Dimension: ind.Dimension, Kind: ind.Kind,
			Summary: ind.Summary, Ages: continuum.NewAgeBands(ind.Ages...),
			CINFactors: continuum.NewCINFactors(ind.CINFactors...),
		}
		cs := citeSet(ind.Sources)
		for j := range cs.all() {
			rec.Citations = append(rec.Citations, f.sources[j])
		}
		if at, replaces := pos[ind.Code]; replaces {
			f.inds[at], f.cites[at] = rec, cs
			continue
		}
		pos[ind.Code] = len(f.inds)
		f.inds = append(f.inds, rec)
		f.cites = append(f.cites, cs)
	}
	if len(f.inds) > MaxIndicators {
		c.Add("indicators", RuleTooManyIndicators, fmt.Sprintf("the catalogue holds %d indicators; at most %d are allowed", len(f.inds), MaxIndicators))
	}

	// Decision parameters: the document's replace the base's whole.
	switch {
	case d.Decision != nil:
		c.checkDecision(d.Decision, known)
		for _, s := range d.Decision.StepUp {
			if s.Level.IsValid() && s.Level < continuum.Specialist {
				f.stepUp[s.Level] = stepUp{needs: s.Needs, domains: s.Domains, note: s.Note, cites: citeSet(s.Sources)}
			}
		}
	case b != nil:
		f.stepUp = b.stepUp
	default:
		c.Add("decision", RuleMissingField, "a base framework states its decision parameters")
	}
}

// compile sorts the catalogue by code, so that every set's positions run in code order
// and reasons need no sorting, and builds the index and the bit-set masks Evaluate uses.
func (f *Framework) compile() {
	order := make([]int, len(f.inds))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return f.inds[a].Code.Compare(f.inds[b].Code) })
	inds, cites := make([]continuum.Indicator, len(f.inds)), make([]sourceSet, len(f.inds))
	for to, from := range order {
		inds[to], cites[to] = f.inds[from], f.cites[from]
	}
	f.inds, f.cites = inds, cites

	f.compileEngine()
}
