package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"iter"
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
	main []byte   // the document asked for
	with [][]byte // the -with documents
}

// readDocuments reads the document ref names (when it is a file) and the -with files.
func readDocuments(what, ref string, with []string) (documents, error) {
	var d documents
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

// versioned is a framework or a policy: a document with an id and a version.
type versioned interface {
	ID() string
	Version() string
}

// kindOfDocument is what loading one kind of document (a framework, a policy) needs
// from the library.
type kindOfDocument[T versioned] struct {
	name     string                              // "framework" or "policy", for messages
	newest   func(id string) (T, error)          // a builtin id's newest version
	versions func() iter.Seq[T]                  // every builtin version
	parseAll func(docs ...[]byte) ([]T, []error) // a set of documents, extends resolved among them
}

// frameworks is how threshold frameworks load.
func frameworks() kindOfDocument[*thresholds.Framework] {
	return kindOfDocument[*thresholds.Framework]{
		name: "framework", newest: thresholds.Builtin, versions: thresholds.BuiltinVersions,
		parseAll: thresholds.ParseOptions{}.ParseAll,
	}
}

// policies is how referral policies load.
func policies() kindOfDocument[*referral.Policy] {
	return kindOfDocument[*referral.Policy]{
		name: "policy", newest: referral.BuiltinPolicy, versions: referral.BuiltinPolicyVersions,
		parseAll: referral.ParseOptions{}.ParseAll,
	}
}

// loadFramework returns the framework ref names: a builtin, or a parsed file whose
// extends resolve among the -with files and the builtins.
func loadFramework(what, ref string, with []string) (*thresholds.Framework, error) {
	return load(frameworks(), what, ref, with)
}

// loadPolicy returns the policy ref names: a builtin, or a parsed file whose extends
// resolve among the -with files and the builtins.
func loadPolicy(what, ref string, with []string) (*referral.Policy, error) {
	return load(policies(), what, ref, with)
}

// load returns the document of kind k that ref names: a builtin (id or id@version), or
// a parsed file whose extends resolve among the -with files and the builtins.
func load[T versioned](k kindOfDocument[T], what, ref string, with []string) (T, error) {
	var zero T
	d, err := readDocuments(what, ref, with)
	if err != nil {
		return zero, err
	}
	if d.main == nil {
		if len(with) > 0 {
			return zero, fmt.Errorf("%s: -with applies only to a %s read from a file", what, k.name)
		}
		doc, ok := builtin(k, ref)
		if !ok {
			return zero, fmt.Errorf("%s: no builtin %s has that id (or id@version), and it is not a file (a path has a slash or ends in .json)", what, k.name)
		}
		return doc, nil
	}
	doc, err := parse(k, d)
	if err != nil {
		return zero, documentError(what, err)
	}
	return doc, nil
}

// builtin returns the builtin document of kind k that ref names: an id (its newest
// version) or id@version (that version, e.g. england@1.0.0 for Working Together 2023).
func builtin[T versioned](k kindOfDocument[T], ref string) (T, bool) {
	id, version, pinned := strings.Cut(ref, "@")
	if !pinned {
		doc, err := k.newest(ref)
		return doc, err == nil
	}
	for doc := range k.versions() {
		if doc.ID() == id && doc.Version() == version {
			return doc, true
		}
	}
	var zero T
	return zero, false
}

// documentError describes a document that did not parse: its findings, one a line.
func documentError(what string, err error) error {
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		return fmt.Errorf("%s: the document is not valid", what)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: the document is not valid (run needs validate for the details):", what)
	for _, f := range fs.Errors().Sorted() {
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
