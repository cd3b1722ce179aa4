package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// kind is what a document is.
type kind string

const (
	frameworkKind kind = "framework"
	policyKind    kind = "policy"
)

// fileResult is validate's verdict on one file, named by its position on the command
// line, never by its name or its id.
type fileResult struct {
	File     int                `json:"file"`
	Kind     kind               `json:"kind"`
	Valid    bool               `json:"valid"`
	Findings continuum.Findings `json:"findings"`
}

// kindOf tells a policy document (which names the framework it goes with) from a
// framework document. Anything that is not a JSON object is taken for a framework,
// whose parser then reports what is wrong with it.
func kindOf(data []byte) kind {
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) == nil {
		if _, ok := top["framework"]; ok {
			return policyKind
		}
	}
	return frameworkKind
}

// runValidate checks framework and policy documents, each extends resolved among the
// files given and the builtins.
func runValidate(e env, args []string) (int, error) {
	fs := flags(e, "validate")
	asJSON := fs.Bool("json", false, "print the findings as JSON")
	if err := parseFlags(e, fs, args, 1, -1); err != nil {
		return 0, err
	}
	docs := make([][]byte, fs.NArg())
	for i, path := range fs.Args() {
		data, err := readFile(fmt.Sprintf("file %d", i+1), path)
		if err != nil {
			return 0, err
		}
		docs[i] = data
	}
	results := validateAll(docs)
	status := exitOK
	for _, r := range results {
		if !r.Valid {
			status = exitFail
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(results); err != nil {
			return 0, errors.New("the findings cannot be written")
		}
		return status, nil
	}
	for _, r := range results {
		verdict := "valid"
		switch {
		case !r.Valid:
			verdict = fmt.Sprintf("%d errors", len(r.Findings.Errors()))
		case len(r.Findings) > 0:
			verdict = fmt.Sprintf("valid, %d queries", len(r.Findings))
		}
		fmt.Fprintf(e.stdout, "file %d (%s): %s\n", r.File, r.Kind, verdict)
		for _, f := range r.Findings {
			fmt.Fprintf(e.stdout, "  %s\n", formatFinding(f))
		}
	}
	return status, nil
}

// result turns a parse error into a fileResult, its findings sorted.
func result(i int, k kind, err error) fileResult {
	res := fileResult{File: i + 1, Kind: k, Valid: true}
	if err == nil {
		return res
	}
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		fs = fs.Add("", document.RuleWrongType, continuum.Error, err, "the document cannot be read")
	}
	res.Findings = fs.Sorted()
	res.Valid = !fs.HasErrors()
	return res
}
