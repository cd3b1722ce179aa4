package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// runExplain decides the case the codes on the command line make and explains it.
func runExplain(e env, args []string) (int, error) {
	fs := flags(e, "explain")
	ref := fs.String("framework", "england", "the framework: a builtin id, id@version or a document's path")
	var with files
	fs.Var(&with, "with", "a document `FILE` that extends may name (repeatable)")
	asJSON := fs.Bool("json", false, "print the decision and the explanation as JSON")
	if err := parseFlags(e, fs, args, 0, -1); err != nil {
		return 0, err
	}
	var c thresholds.Case
	for i, arg := range fs.Args() {
		code, err := continuum.ParseCode(arg)
		if err != nil {
			return 0, fmt.Errorf("argument %d is not an indicator code (DIM-L-NN, SH-NN, EM-NN or a prefixed local code)", i+1)
		}
		c.Indicators = append(c.Indicators, code)
	}
	fw, err := loadFramework("-framework", *ref, with)
	if err != nil {
		return 0, err
	}
	d, err := fw.Evaluate(c)
	if err != nil {
		var fs continuum.Findings
		if errors.As(err, &fs) {
			for _, f := range fs.Sorted() {
				if f.Rule == thresholds.RuleUnknownIndicator {
					fmt.Fprintf(e.stderr, "needs explain: argument %s is not in the framework's catalogue\n", argNumber(f.Path))
				}
			}
		}
		return 0, errors.New("the case cannot be decided")
	}
	text, err := fw.Explain(d)
	if err != nil {
		return 0, errors.New("the decision cannot be explained")
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Decision    thresholds.Decision `json:"decision"`
			Explanation string              `json:"explanation"`
		}{d, text}); err != nil {
			return 0, errors.New("the decision cannot be written")
		}
		return exitOK, nil
	}
	fmt.Fprintf(e.stdout, "Framework:  %s\n", fw)
	fmt.Fprintf(e.stdout, "Level:      %s (%s)\n", d.Label, d.Level)
	fmt.Fprintf(e.stdout, "Urgency:    %s\n", d.Urgency)
	for i, r := range d.Reasons {
		head := "Reasons:   "
		if i > 0 {
			head = "           "
		}
		fmt.Fprintf(e.stdout, "%s %s at %s: %s\n", head, r.Rule, r.Level, codes(r.Indicators))
	}
	if len(d.Strengths) > 0 {
		fmt.Fprintf(e.stdout, "Strengths:  %s\n", codes(d.Strengths))
	}
	fmt.Fprintf(e.stdout, "\n%s\n", wrap(text, 88))
	return exitOK, nil
}

// argNumber turns a finding's path "indicators[i]" into the argument's number, i+1.
func argNumber(path string) string {
	var i int
	if _, err := fmt.Sscanf(path, "indicators[%d]", &i); err != nil {
		return "?"
	}
	return fmt.Sprint(i + 1)
}
