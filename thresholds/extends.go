package thresholds

import (
	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// ParseOptions configures Parse; its zero value resolves "extends" among the builtins, so
// Parse(data) == ParseOptions{}.Parse(data).
//
// The zero ParseOptions is ready to use. ParseOptions is a plain value: the Base
// function is called from the goroutine that calls Parse.
type ParseOptions struct {
	// Base returns the framework that a document's "extends" names (the text as written,
	// "england@1.0.0"); nil: the builtins. Chains (district -> county -> england) resolve
	// through it: the framework it returns was itself parsed with its own base. Parse
	// checks that the framework returned has the id and version the reference names.
	Base func(ref string) (*Framework, error)
}

// Parse parses and compiles a framework document with the zero [ParseOptions]: a
// document that extends another is merged onto the builtin framework version its
// "extends" names. See [ParseOptions.Parse].
func Parse(data []byte) (*Framework, error) { return ParseOptions{}.Parse(data) }

// Parse parses and compiles a framework document (the format of frameworks/README.md).
//
// It is strict: unknown fields, duplicate keys and trailing data are errors. It reports
// every problem it finds, each as a [continuum.Finding] with a path
// ("indicators[12].level") and a rule code, in a [continuum.Findings] error. A document
// that extends another ("extends": "england@1.0.0") is merged onto it; the rules on
// "extends", in order:
//
//  1. It names a base and the version the document was written against, "id@version"
//     (unpinned-base).
//  2. It does not name the document itself (extends-cycle).
//  3. o.Base (or, when nil, the builtins) finds it (unknown-base; a resolver's cycle,
//     as [ParseOptions.ParseAll] reports one, is extends-cycle).
//  4. The framework found has the id and version named (base-mismatch).
//
// A document may not take the id of a builtin framework unless it is a version of that
// builtin (it extends a version of the same id) or its canonical content is a builtin
// version's, digest for digest (builtin-id). So the flattened copy [Framework.MarshalJSON]
// writes of a builtin parses back.
func (o ParseOptions) Parse(data []byte) (*Framework, error) {
	return checkedParse(data, o.resolver())
}

// ParseAll parses a set of framework documents that may extend one another and the
// builtins, one result and one error per document, in order. An "extends" is looked up
// among the set first, by id and version, then with o.Base (the builtins when nil). A
// cycle among the set is an extends-cycle finding; a base in the set that fails to parse
// leaves its extensions with an unknown-base finding. Two documents of the set with the
// same id and version (duplicate-version), or two versions of one id in force on a
// common day (overlapping-versions), are an error on the later one.
func (o ParseOptions) ParseAll(docs ...[]byte) ([]*Framework, []error) {
	return document.ParseSet(docs, checkedParse, o.resolver(), ErrInvalidDocument)
}

// resolver returns the function that resolves "extends".
func (o ParseOptions) resolver() func(ref string) (*Framework, error) {
	if o.Base != nil {
		return o.Base
	}
	return builtinRef
}

// checkedParse parses a caller's document: parse, then the impersonation rule
// (builtin-id, [document.Versions.CheckID]).
func checkedParse(data []byte, base func(ref string) (*Framework, error)) (*Framework, error) {
	f, err := parse(data, base)
	if err != nil {
		return nil, err
	}
	return loadBuiltins().CheckID(f)
}

// parse parses a document, resolving "extends" with base.
func parse(data []byte, base func(ref string) (*Framework, error)) (*Framework, error) {
	var d frameworkDoc
	decoded := document.Decode(data, &d)
	if document.Stopped(decoded) {
		return nil, decoded.Err()
	}
	c := &checker{document.Checker{Sentinel: ErrInvalidDocument}}
	hfs, period := d.Header.CheckPeriod(ErrInvalidDocument)
	c.Findings = append(c.Findings, hfs...)
	c.checkTexts(&d)

	var b *Framework
	if d.Extends != "" {
		if b = document.ResolveBase(&c.Checker, docKind, document.Ref{ID: d.ID, Version: d.Version}, d.Extends, base); b == nil {
			// Without its base an extension cannot be checked further.
			return nil, decoded.Merge(c.Findings).Err()
		}
	}
	f := &Framework{
		id: d.ID, title: d.Title, publisher: d.Publisher, version: d.Version,
		base: d.Extends, period: period,
	}
	if b != nil {
		f.extends = b.id
		f.lineage = append([]string{b.id}, b.lineage...)
	}
	f.merge(c, &d, b)
	if all := decoded.Merge(c.Findings); len(all) > 0 {
		return nil, all.Capped(continuum.MaxFindings, 0).Err()
	}
	f.compile()
	f.digest = f.canonicalDigest()
	return f, nil
}
