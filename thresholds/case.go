package thresholds

import (
	"iter"
	"log/slog"
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// Case is what a practitioner observed about one child: the codes of the indicators seen.
// It is an input record, filled by a literal and checked by [Framework.Evaluate] or
// [Framework.Resolve].
//
// The zero Case observes nothing and evaluates to Universal. A Case holds no personal
// data; Ref, the caller's own reference, is never printed by this package.
type Case struct {
	// Indicators are the codes of the observed indicators, in any order. A repeated code
	// counts once.
	Indicators []continuum.Code `json:"indicators"`
	// Age is the child's age band; the zero AgeBand when not known. An observed indicator
	// outside its age bands still counts in [Framework.Evaluate] (a harm indicator is never
	// dropped); [Framework.AgeQueries] says which to check.
	Age continuum.AgeBand `json:"age,omitzero"`
	// Ref is an optional reference of the caller's (a case number). It is carried for the
	// caller's convenience and redacted by String and LogValue.
	Ref string `json:"ref,omitempty"`
}

// String returns the case's codes, with Ref redacted.
func (c Case) String() string {
	var b strings.Builder
	b.WriteString("Case{")
	if c.Ref != "" {
		b.WriteString("ref:[redacted] ")
	}
	b.WriteString("indicators:[")
	for i, code := range c.Indicators {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(code.String())
	}
	b.WriteString("]}")
	return b.String()
}

// LogValue logs the number of indicators and their codes, never Ref.
func (c Case) LogValue() slog.Value {
	codes := make([]string, len(c.Indicators))
	for i, code := range c.Indicators {
		codes[i] = code.String()
	}
	return slog.GroupValue(
		slog.Int("indicators", len(c.Indicators)),
		slog.String("codes", strings.Join(codes, ",")),
	)
}

// Resolved is a case resolved against one framework's catalogue: a small fixed-size set,
// so that deciding it with [Framework.Decide] allocates nothing. Resolve once, decide many
// times (for instance when comparing framework versions).
//
// The zero Resolved belongs to no framework. A Resolved is a value, safe for concurrent
// use.
type Resolved struct {
	fw   *Framework
	bits set
}

// Resolve checks every code of c against the catalogue and returns the case as a set.
// Every unknown code is a finding at "indicators[i]" wrapping [ErrUnknownIndicator]; all
// are reported (up to [continuum.MaxFindings]; past that, one last finding counts the
// rest), in a [continuum.Findings] error. Repeated codes count once.
func (f *Framework) Resolve(c Case) (Resolved, error) {
	if err := f.usable(); err != nil {
		return Resolved{}, err
	}
	r := Resolved{fw: f}
	var fs continuum.Findings
	more := 0
	for i, code := range c.Indicators {
		idx := f.table.find(code.String())
		if idx < 0 {
			if len(fs) >= continuum.MaxFindings {
				more++
				continue
			}
			fs = f.unknownCode(fs, i, code)
			continue
		}
		r.bits.add(idx)
	}
	if len(fs) > 0 {
		return Resolved{}, fs.Capped(continuum.MaxFindings, more).Err()
	}
	return r, nil
}

func (f *Framework) unknownCode(fs continuum.Findings, i int, code continuum.Code) continuum.Findings {
	p := "indicators[" + strconv.Itoa(i) + "]"
	if !code.IsValid() {
		return fs.Add(p, RuleInvalidCode, continuum.Error, ErrUnknownIndicator, "an indicator code is required")
	}
	return fs.Add(p, RuleUnknownIndicator, continuum.Error, ErrUnknownIndicator,
		"the code is well-formed but not in the framework's catalogue")
}

// Framework returns the framework r was resolved against, or nil for the zero Resolved.
func (r Resolved) Framework() *Framework { return r.fw }

// Len returns the number of distinct indicators in r.
func (r Resolved) Len() int { return r.bits.count() }

// Has reports whether r holds the indicator code.
func (r Resolved) Has(code continuum.Code) bool {
	if r.fw == nil {
		return false
	}
	i := r.fw.table.find(code.String())
	return i >= 0 && r.bits.has(i)
}

// Codes returns the codes in r sorted by code.
func (r Resolved) Codes() iter.Seq[continuum.Code] {
	return func(yield func(continuum.Code) bool) {
		if r.fw == nil {
			return
		}
		for i := range r.bits.all() {
			if !yield(r.fw.inds[i].Code) {
				return
			}
		}
	}
}
