package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// evalLine is one line eval writes: the decision on a case, or the findings that
// stopped it, with the case's line number and never its content.
type evalLine struct {
	Line     int                  `json:"line"`
	Decision *thresholds.Decision `json:"decision,omitempty"`
	Error    string               `json:"error,omitempty"`
	Findings continuum.Findings   `json:"findings,omitempty"`
}

// runEval decides JSON lines of cases as they come, writing one JSON line per case.
func runEval(e env, args []string) (int, error) {
	fs := flags(e, "eval")
	ref := fs.String("framework", "england", "the framework: a builtin id, id@version or a document's path")
	var with files
	fs.Var(&with, "with", "a document `FILE` that extends may name (repeatable)")
	progress := fs.Int("progress", 10000, "write a progress line on stderr every `N` cases (0: never)")
	if err := parseFlags(e, fs, args, 0, 1); err != nil {
		return 0, err
	}
	if *progress < 0 {
		fmt.Fprintln(e.stderr, "needs eval: -progress must be 0 or more")
		return exitUsage, nil
	}
	fw, err := loadFramework("-framework", *ref, with)
	if err != nil {
		return 0, err
	}
	in, err := openCases(e, fs.Args())
	if err != nil {
		return 0, err
	}
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	var readErr error
	cases, failed := 0, 0
	for cl := range readCases(in, &readErr) {
		cases++
		line := evalLine{Line: cl.n}
		if len(cl.findings) > 0 {
			line.Error, line.Findings = "the line is not a case", cl.findings.Sorted()
		} else if d, err := fw.Evaluate(cl.c); err != nil {
			line.Error = "the case cannot be decided"
			var fs continuum.Findings
			if errors.As(err, &fs) {
				line.Findings = fs.Sorted()
			}
		} else {
			line.Decision = &d
		}
		if line.Error != "" {
			failed++
		}
		if err := enc.Encode(line); err != nil {
			return 0, errors.New("the decisions cannot be written")
		}
		if *progress > 0 && cases%*progress == 0 {
			if err := out.Flush(); err != nil {
				return 0, errors.New("the decisions cannot be written")
			}
			fmt.Fprintf(e.stderr, "needs eval: %d cases decided, %d not\n", cases-failed, failed)
		}
	}
	if err := out.Flush(); err != nil {
		return 0, errors.New("the decisions cannot be written")
	}
	if readErr != nil {
		return 0, readErr
	}
	if *progress > 0 && cases >= *progress {
		fmt.Fprintf(e.stderr, "needs eval: done: %d cases decided, %d not\n", cases-failed, failed)
	}
	if failed > 0 {
		return exitFail, nil
	}
	return exitOK, nil
}
