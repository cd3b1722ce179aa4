package thresholds

import (
	"iter"

	"github.com/rightsupport/needs/continuum"
)

// Change is one case of a corpus that two frameworks decide differently, or that one of
// them cannot decide (a code the other's catalogue lacks). The zero Change is the first
// case with nothing decided.
type Change struct {
	// Index is the case's position in the corpus.
	Index int `json:"index"`
	// Before and After are the two outcomes; an undecidable side has the zero Level and
	// its error in BeforeErr or AfterErr.
	Before Summary `json:"before"`
	After  Summary `json:"after"`
	// BeforeErr and AfterErr are why a side could not be decided (nil when it was). JSON
	// shows them as "beforeErrors" and "afterErrors": lists of findings, each with a
	// path, a rule code, a severity and a message.
	BeforeErr error `json:"-"`
	AfterErr  error `json:"-"`
}

// Summary is the gist of a decision: level, urgency and deciding rule. The zero Summary
// is "not decided".
type Summary struct {
	Level   continuum.Level   `json:"level"`
	Urgency continuum.Urgency `json:"urgency"`
	Rule    DecisionRule      `json:"rule"`
}

// Impact summarises how a change of framework (a new version, or a council's own
// framework against the base) changes the decisions on a corpus of cases, so that a
// safeguarding lead can see a change's effect before adopting it. The zero Impact is an
// empty comparison.
type Impact struct {
	// Cases is the number of cases compared.
	Cases int `json:"cases"`
	// Up and Down count the cases whose level rose or fell.
	Up   int `json:"up"`
	Down int `json:"down"`
	// Urgency counts the cases whose level stayed but whose urgency changed.
	Urgency int `json:"urgency"`
	// Undecidable counts the cases one of the frameworks cannot decide.
	Undecidable int `json:"undecidable"`
	// Changes lists every changed or undecidable case, in corpus order.
	Changes []Change `json:"changes"`
}

// CompareFrameworks decides every case of the corpus under before and after and reports
// what changed. Each case is resolved once per framework and decided without
// allocation, so large corpora compare quickly. Cases carry no personal data here any
// more than anywhere: only codes.
func CompareFrameworks(before, after *Framework, cases iter.Seq[Case]) Impact {
	var im Impact
	i := 0
	for c := range cases {
		im.add(i, c, before, after)
		i++
	}
	return im
}

// add compares case i of a corpus, c, under before and after and records the result.
func (im *Impact) add(i int, c Case, before, after *Framework) {
	b, berr := before.summarise(c)
	a, aerr := after.summarise(c)
	im.Cases++
	switch {
	case berr != nil || aerr != nil:
		im.Undecidable++
	case a.Level > b.Level:
		im.Up++
	case a.Level < b.Level:
		im.Down++
	case a.Urgency != b.Urgency:
		im.Urgency++
	case a.Rule == b.Rule:
		return
	}
	im.Changes = append(im.Changes, Change{Index: i, Before: b, After: a, BeforeErr: berr, AfterErr: aerr})
}

// summarise decides a case and returns its gist, allocating nothing unless the case
// has unknown codes.
func (f *Framework) summarise(c Case) (Summary, error) {
	var o Outcome
	if err := f.outcome(&o, c.Indicators); err != nil {
		return Summary{}, err
	}
	return Summary{Level: o.Level, Urgency: o.Urgency, Rule: o.Rule}, nil
}
