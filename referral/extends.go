package referral

import (
	"regexp"
	"slices"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

var (
	frameworkIDPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	localIDPattern     = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
)

// ParseOptions configures Parse; its zero value resolves "extends" among the builtin
// policies, so ParsePolicy(data) == ParseOptions{}.Parse(data).
//
// The zero ParseOptions is ready to use. ParseOptions is a plain value: the Base
// function is called from the goroutine that calls Parse.
type ParseOptions struct {
	// Base returns the policy that a document's "extends" names (the text as written,
	// "england@1.0.0"); nil: the builtins. Chains resolve through it: the policy it
	// returns was itself parsed with its own base. Parse checks that the policy returned
	// has the id and version the reference names.
	Base func(ref string) (*Policy, error)
}

// ParsePolicy parses a policy document with the zero [ParseOptions]. See
// [ParseOptions.Parse].
func ParsePolicy(data []byte) (*Policy, error) { return ParseOptions{}.Parse(data) }

// Parse parses a policy document (the format of policies/README.md). It is strict:
// unknown fields, duplicate keys and trailing data are errors. It reports every problem
// it finds, each as a [continuum.Finding] with a path ("routing[3].route") and a rule
// code, in a [continuum.Findings] error.
//
// A document that extends another ("extends": "england@1.0.0") states only what differs
// and is merged onto its base (policies/README.md): its routes, routing entries,
// threshold gates, consent rules, transitions and timescales replace the base's with the
// same key or are added, "remove" drops base records by key, its sources are added to the
// base's register and its notes to the base's. The merged policy is then checked as a
// whole; a finding on a record the document wrote points into the document ("routes[1]"),
// one on a record it inherited points at "extends". The rules on "extends" are those of
// thresholds.ParseOptions.Parse (unpinned-base, extends-cycle, unknown-base,
// base-mismatch), and a document may not take the id of a builtin policy unless it
// extends a version of that policy or is a copy of a builtin version, digest for digest
// (builtin-id).
//
// Which framework a policy goes with is part of the document ("framework"): its own
// framework's id, which an extension states too. Route routes with any framework that
// derives from it.
func (o ParseOptions) Parse(data []byte) (*Policy, error) {
	return checkedParse(data, o.resolver())
}

// ParseAll parses a set of policy documents that may extend one another and the
// builtins, one result and one error per document, in order. An "extends" is looked up
// among the set first, by id and version, then with o.Base (the builtins when nil). A
// cycle among the set is an extends-cycle finding; a base in the set that fails to parse
// leaves its extensions with an unknown-base finding. Two documents of the set with the
// same id and version (duplicate-version), or two versions of one id in force on a
// common day (overlapping-versions), are an error on the later one.
func (o ParseOptions) ParseAll(docs ...[]byte) ([]*Policy, []error) {
	return document.ParseSet(docs, checkedParse, o.resolver(), ErrInvalidPolicy)
}

// resolver returns the function that resolves "extends".
func (o ParseOptions) resolver() func(ref string) (*Policy, error) {
	if o.Base != nil {
		return o.Base
	}
	return builtinRef
}

// checkedParse parses a caller's document: parse, then the impersonation rule
// (builtin-id, [document.Versions.CheckID]).
func checkedParse(data []byte, base func(ref string) (*Policy, error)) (*Policy, error) {
	p, err := parse(data, base)
	if err != nil {
		return nil, err
	}
	return loadPolicies().CheckID(p)
}

// parse parses a document, resolving "extends" with base.
func parse(data []byte, base func(ref string) (*Policy, error)) (*Policy, error) {
	var d policyDoc
	decoded := document.Decode(data, &d)
	if document.Stopped(decoded) {
		return nil, decoded.Err()
	}
	c := &policyChecker{document.Checker{Sentinel: ErrInvalidPolicy}}
	hfs, period := d.Header.CheckPeriod(ErrInvalidPolicy)
	c.Findings = append(c.Findings, hfs...)
	c.checkTexts(&d)
	switch {
	case d.Framework == "":
		c.Add("framework", RuleMissingField, "a value is required")
	case !frameworkIDPattern.MatchString(d.Framework):
		c.Add("framework", document.RuleInvalidID, "a framework id is 2 to 32 lower-case letters, digits and hyphens")
	}
	p := &Policy{
		id: d.ID, framework: d.Framework, title: d.Title, publisher: d.Publisher,
		version: d.Version, base: d.Extends, period: period,
	}
	if d.Extends == "" {
		if d.Remove != nil {
			c.Add("remove", RuleRemoveWithoutBase, "only a policy that extends another can remove records")
		}
		p.notes = slices.Clone(d.Notes)
		p.build(c, &d)
	} else {
		b := document.ResolveBase(&c.Checker, docKind, document.Ref{ID: d.ID, Version: d.Version}, d.Extends, base)
		if b == nil {
			// Without its base an extension cannot be checked further.
			return nil, decoded.Merge(c.Findings).Err()
		}
		p.lineage = append([]string{b.id}, b.lineage...)
		merged, origin := c.overlay(b.canonical(), &d)
		p.notes = slices.Clone(merged.Notes)
		inner := &policyChecker{document.Checker{Sentinel: ErrInvalidPolicy}}
		p.build(inner, merged)
		c.Findings = append(c.Findings, origin.place(inner.Findings)...)
	}
	if all := decoded.Merge(c.Findings); len(all) > 0 {
		return nil, all.Capped(continuum.MaxFindings, 0).Err()
	}
	p.digest = p.canonicalDigest()
	p.prepare()
	return p, nil
}
