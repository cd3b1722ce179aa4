package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// impactReport is CompareFrameworks' result arranged for a reader.
type impactReport struct {
	Before      thresholds.Ref `json:"before"`
	After       thresholds.Ref `json:"after"`
	Cases       int            `json:"cases"`
	Unchanged   int            `json:"unchanged"`
	Up          int            `json:"up"`
	Down        int            `json:"down"`
	Urgency     int            `json:"urgencyOnly"`
	RuleOnly    int            `json:"ruleOnly"`
	Undecidable int            `json:"undecidable"`
	Moves       []move         `json:"moves"`
	Rules       []ruleChange   `json:"rules"`
	Stuck       []stuck        `json:"undecidableCases,omitempty"`
}

// move counts the cases whose decision went from one level and urgency to another.
type move struct {
	From, To continuum.Level
	FromU    continuum.Urgency `json:"fromUrgency"`
	ToU      continuum.Urgency `json:"toUrgency"`
	Cases    int               `json:"cases"`
}

// ruleChange counts the changed cases whose deciding rule went from one to another.
type ruleChange struct {
	From  thresholds.DecisionRule `json:"from"`
	To    thresholds.DecisionRule `json:"to"`
	Cases int                     `json:"cases"`
}

// stuck is a case one framework cannot decide, by its line number.
type stuck struct {
	Line   int  `json:"line"`
	Before bool `json:"before"` // undecidable under the old framework
	After  bool `json:"after"`  // undecidable under the new framework
}

// runImpact compares two frameworks over a corpus of cases.
func runImpact(e env, args []string) (int, error) {
	fs := flags(e, "impact")
	var with files
	fs.Var(&with, "with", "a document `FILE` that extends may name (repeatable)")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := parseFlags(e, fs, args, 3, 3); err != nil {
		return 0, err
	}
	before, err := loadFramework("OLD", fs.Arg(0), with)
	if err != nil {
		return 0, err
	}
	after, err := loadFramework("NEW", fs.Arg(1), with)
	if err != nil {
		return 0, err
	}
	in, err := openCases(e, fs.Args()[2:])
	if err != nil {
		return 0, err
	}
	var corpus []thresholds.Case
	var lines []int
	var readErr error
	for cl := range readCases(in, &readErr) {
		if len(cl.findings) > 0 {
			return 0, fmt.Errorf("line %d is not a case: %s", cl.n, formatFinding(cl.findings.Sorted()[0]))
		}
		corpus = append(corpus, cl.c)
		lines = append(lines, cl.n)
	}
	if readErr != nil {
		return 0, readErr
	}
	rep := report(before, after, thresholds.CompareCorpus(before, after, corpus), lines)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return 0, errors.New("the report cannot be written")
		}
		return exitOK, nil
	}
	rep.write(e.stdout)
	return exitOK, nil
}

// report arranges an Impact; lines[i] is the line number of the corpus's case i.
func report(before, after *thresholds.Framework, im thresholds.Impact, lines []int) impactReport {
	rep := impactReport{
		Before: before.Ref(), After: after.Ref(), Cases: im.Cases,
		Up: im.Up, Down: im.Down, Urgency: im.Urgency, Undecidable: im.Undecidable,
	}
	rep.Unchanged = im.Cases - len(im.Changes)
	rep.RuleOnly = len(im.Changes) - im.Up - im.Down - im.Urgency - im.Undecidable
	moves := make(map[move]int)
	rules := make(map[ruleChange]int)
	for _, c := range im.Changes {
		if c.BeforeErr != nil || c.AfterErr != nil {
			rep.Stuck = append(rep.Stuck, stuck{Line: lines[c.Index], Before: c.BeforeErr != nil, After: c.AfterErr != nil})
			continue
		}
		if c.Before.Level != c.After.Level || c.Before.Urgency != c.After.Urgency {
			moves[move{From: c.Before.Level, To: c.After.Level, FromU: c.Before.Urgency, ToU: c.After.Urgency}]++
		}
		rules[ruleChange{From: c.Before.Rule, To: c.After.Rule}]++
	}
	for m, n := range moves {
		m.Cases = n
		rep.Moves = append(rep.Moves, m)
	}
	slices.SortFunc(rep.Moves, func(a, b move) int {
		return cmp.Or(cmp.Compare(b.Cases, a.Cases), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To),
			cmp.Compare(a.FromU, b.FromU), cmp.Compare(a.ToU, b.ToU))
	})
	for _, r := range slices.SortedFunc(maps.Keys(rules), func(a, b ruleChange) int {
		return cmp.Or(cmp.Compare(rules[b], rules[a]), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	}) {
		r.Cases = rules[r]
		rep.Rules = append(rep.Rules, r)
	}
	return rep
}

// write prints the report for a reader.
func (r impactReport) write(w io.Writer) {
	fmt.Fprintf(w, "Impact of moving from %s %s to %s %s over %d cases\n\n", r.Before.ID, r.Before.Version, r.After.ID, r.After.Version, r.Cases)
	pct := func(n int) string {
		if r.Cases == 0 {
			return ""
		}
		return fmt.Sprintf("%5.1f%%", 100*float64(n)/float64(r.Cases))
	}
	for _, row := range []struct {
		name string
		n    int
	}{
		{"unchanged", r.Unchanged}, {"level up", r.Up}, {"level down", r.Down},
		{"urgency only", r.Urgency}, {"rule only", r.RuleOnly}, {"undecidable", r.Undecidable},
	} {
		fmt.Fprintf(w, "  %-14s %6d  %s\n", row.name, row.n, pct(row.n))
	}
	section := func(title string, keep func(move) bool) {
		fmt.Fprintf(w, "\n%s\n", title)
		n := 0
		for _, m := range r.Moves {
			if keep(m) {
				fmt.Fprintf(w, "  %-24s -> %-24s %6d\n", m.From.String()+" ("+m.FromU.String()+")", m.To.String()+" ("+m.ToU.String()+")", m.Cases)
				n++
			}
		}
		if n == 0 {
			fmt.Fprintln(w, "  none")
		}
	}
	section("Moves up (before -> after):", func(m move) bool { return m.To > m.From })
	section("Moves down (before -> after):", func(m move) bool { return m.To < m.From })
	section("Urgency only (before -> after):", func(m move) bool { return m.To == m.From })
	fmt.Fprintln(w, "\nBy deciding rule, changed cases (before -> after):")
	if len(r.Rules) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, c := range r.Rules {
		fmt.Fprintf(w, "  %-24s -> %-24s %6d\n", c.From, c.To, c.Cases)
	}
	if len(r.Stuck) > 0 {
		fmt.Fprintln(w, "\nUndecidable (a code one catalogue lacks):")
		for _, s := range r.Stuck {
			side := "the new framework"
			switch {
			case s.Before && s.After:
				side = "either framework"
			case s.Before:
				side = "the old framework"
			}
			fmt.Fprintf(w, "  line %d: not decidable under %s\n", s.Line, side)
		}
	}
}
