package main

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// caseLine is one line of a cases file: its number, and the case or the findings that
// stopped its decoding.
type caseLine struct {
	n        int
	c        thresholds.Case
	findings continuum.Findings // paths within the line
}

// readCases yields the cases of r, one per non-blank line, through the library's JSON-lines
// reader (its scanner for the plain shape, the strict decoder for the rest); a bad line,
// one too long included, comes with its findings, and a failure to read ends the sequence
// with an error.
func readCases(r io.Reader, errp *error) iter.Seq[caseLine] {
	return func(yield func(caseLine) bool) {
		cr := thresholds.NewCaseReader(r)
		for {
			c, err := cr.Next()
			if err == io.EOF {
				return
			}
			cl := caseLine{n: cr.Line(), c: c}
			if err != nil {
				var fs continuum.Findings
				if !errors.As(err, &fs) {
					*errp = errors.New("the cases cannot be read")
					return
				}
				cl.findings = withinLine(fs, cr.Line())
			}
			if !yield(cl) {
				return
			}
		}
	}
}

// withinLine returns findings of line n with their paths made relative to the line, as
// the output names the line by number.
func withinLine(fs continuum.Findings, n int) continuum.Findings {
	prefix := "lines[" + strconv.Itoa(n) + "]"
	out := make(continuum.Findings, len(fs))
	for i, f := range fs {
		g := *f // the caller's finding is left as it is
		g.Path = strings.TrimPrefix(strings.TrimPrefix(f.Path, prefix), ".")
		out[i] = &g
	}
	return out
}

// openCases returns the reader of the cases: the file named, or stdin for none or "-".
func openCases(e env, args []string) (io.Reader, error) {
	if len(args) == 0 || args[0] == "-" {
		return e.stdin, nil
	}
	data, err := readFile("the cases file", args[0])
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(data), nil
}
