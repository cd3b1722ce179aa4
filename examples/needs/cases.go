package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/thresholds"
)

// maxLine is the longest case line read: far more than any real case's codes.
const maxLine = 1 << 20

// caseLine is one line of a cases file: its number, and the case or the findings that
// stopped its decoding.
type caseLine struct {
	n        int
	raw      []byte // the line, valid until the next is read
	c        thresholds.Case
	findings continuum.Findings
}

// readCases yields the cases of r, one per non-blank line, decoded strictly; a line too
// long to read ends the sequence with an error.
func readCases(r io.Reader, errp *error) iter.Seq[caseLine] {
	return func(yield func(caseLine) bool) {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, 64*1024), maxLine)
		n := 0
		for sc.Scan() {
			n++
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			cl := caseLine{n: n, raw: line}
			cl.findings = document.Decode(line, &cl.c)
			if !yield(cl) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				*errp = fmt.Errorf("line %d is longer than %d bytes", n+1, maxLine)
				return
			}
			*errp = errors.New("the cases cannot be read")
		}
	}
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
