package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// isPath reports whether a framework or policy reference names a file rather than a
// builtin id.
func isPath(ref string) bool {
	return strings.ContainsAny(ref, `/\`) || strings.HasSuffix(ref, ".json")
}

// readFile reads a file named on the command line; its errors describe the problem
// without the name, which the caller knows by its place (what).
func readFile(what, path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: the file does not exist", what)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("%s: the file cannot be read (permission)", what)
	case err != nil:
		return nil, fmt.Errorf("%s: the file cannot be read", what)
	}
	return data, nil
}

// documents are the files of a command line: the one asked for and those given with
// -with, which its "extends" may name.
type documents struct {
	what string   // which argument asked for the document, for messages
	main []byte   // the document asked for
	with [][]byte // the -with documents
}

// readDocuments reads the document ref names (when it is a file) and the -with files.
func readDocuments(what, ref string, with []string) (documents, error) {
	d := documents{what: what}
	if isPath(ref) {
		data, err := readFile(what, ref)
		if err != nil {
			return d, err
		}
		d.main = data
	}
	for i, path := range with {
		data, err := readFile(fmt.Sprintf("-with file %d", i+1), path)
		if err != nil {
			return d, err
		}
		if bytes.Equal(data, d.main) {
			continue // the document asked for, also given with -with: read once
		}
		d.with = append(d.with, data)
	}
	return d, nil
}

// redactor hides the strings of every document read.
func (d documents) redactor() redactor {
	return newRedactor(append([][]byte{d.main}, d.with...)...)
}

// loadFramework returns the framework ref names: a builtin, or a parsed file whose
// extends resolve among the -with files and the builtins.
func loadFramework(what, ref string, with []string) (*thresholds.Framework, error) {
	d, err := readDocuments(what, ref, with)
	if err != nil {
		return nil, err
	}
	if d.main == nil {
		if len(with) > 0 {
			return nil, fmt.Errorf("%s: -with applies only to a framework read from a file", what)
		}
		fw, err := builtinFramework(ref)
		if err != nil {
			return nil, fmt.Errorf("%s: no builtin framework has that id (or id@version), and it is not a file (a path has a slash or ends in .json)", what)
		}
		return fw, nil
	}
	fw, err := parseFramework(d)
	if err != nil {
		return nil, documentError(what, d.redactor(), err)
	}
	return fw, nil
}

// loadPolicy returns the policy ref names: a builtin, or a parsed file.
func loadPolicy(what, ref string, with []string) (*referral.Policy, error) {
	d, err := readDocuments(what, ref, with)
	if err != nil {
		return nil, err
	}
	if d.main == nil {
		if len(with) > 0 {
			return nil, fmt.Errorf("%s: -with applies only to a policy read from a file", what)
		}
		p, err := referral.BuiltinPolicy(ref)
		if err != nil {
			return nil, fmt.Errorf("%s: no builtin policy has that id, and it is not a file (a path has a slash or ends in .json)", what)
		}
		return p, nil
	}
	p, err := parsePolicy(d)
	if err != nil {
		return nil, documentError(what, d.redactor(), err)
	}
	return p, nil
}

// documentError describes a document that did not parse: its findings, one a line.
func documentError(what string, r redactor, err error) error {
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		return fmt.Errorf("%s: the document is not valid", what)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: the document is not valid (run needs validate for the details):", what)
	for _, f := range r.findings(fs.Errors()) {
		b.WriteString("\n  ")
		b.WriteString(formatFinding(f))
	}
	return errors.New(b.String())
}

// formatFinding writes a finding as "path: rule (severity): message".
func formatFinding(f *continuum.Finding) string {
	path := f.Path
	if path == "" {
		path = "(document)"
	}
	return fmt.Sprintf("%s: %s (%s): %s", path, f.Rule, f.Severity, f.Msg)
}

// builtinFramework returns the builtin framework ref names: an id (its newest version) or
// id@version (that version, e.g. england@1.0.0 for Working Together 2023).
func builtinFramework(ref string) (*thresholds.Framework, error) {
	id, version, pinned := strings.Cut(ref, "@")
	if !pinned {
		return thresholds.Builtin(ref)
	}
	for fw := range thresholds.BuiltinVersions() {
		if fw.ID() == id && fw.Version() == version {
			return fw, nil
		}
	}
	return nil, thresholds.ErrUnknownFramework
}
