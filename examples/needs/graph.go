package main

import (
	"fmt"
	"io"
)

// runGraph draws a policy's allowed transitions.
func runGraph(e env, args []string) (int, error) {
	fs := flags(e, "graph")
	format := fs.String("format", "mermaid", "mermaid or dot")
	var with files
	fs.Var(&with, "with", "a document `FILE` that extends may name (repeatable)")
	if err := parseFlags(e, fs, args, 1, 1); err != nil {
		return 0, err
	}
	if *format != "mermaid" && *format != "dot" {
		fmt.Fprintln(e.stderr, "needs graph: -format must be mermaid or dot")
		return exitUsage, nil
	}
	p, err := loadPolicy("POLICY", fs.Arg(0), with)
	if err != nil {
		return 0, err
	}
	out := p.Mermaid()
	if *format == "dot" {
		out = p.DOT()
	}
	_, _ = io.WriteString(e.stdout, out)
	return exitOK, nil
}
