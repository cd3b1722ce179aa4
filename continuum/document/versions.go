package document

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/rightsupport/needs/continuum"
)

// Versioned is what the shared version and lineage logic reads of a parsed document: a
// *thresholds.Framework or a *referral.Policy.
type Versioned interface {
	comparable
	// ID returns the document's id.
	ID() string
	// Version returns the document's version.
	Version() string
	// Base returns the reference the document extends as written ("england@1.0.0"),
	// or "".
	Base() string
	// Digest returns the digest of the document's canonical content.
	Digest() string
	// EffectiveFrom returns midnight in Europe/London of the first day in force.
	EffectiveFrom() time.Time
	// EffectiveTo returns midnight in Europe/London of the last day in force; zero:
	// open-ended.
	EffectiveTo() time.Time
}

// Kind names a kind of document to [Versions] and [ResolveBase], for their messages and
// the sentinels their errors wrap.
type Kind struct {
	// Package is the prefix of errors ("thresholds").
	Package string
	// Noun is the kind of document in messages ("framework", "policy").
	Noun string
	// Invalid is what a finding on a document wraps (thresholds.ErrInvalidDocument).
	Invalid error
	// Unknown is what an unknown id or reference wraps (thresholds.ErrUnknownFramework).
	Unknown error
	// NotInForce is what a day that no version of a known id covers wraps.
	NotInForce error
}

// Versions is a set of builtin document versions, by id: each id's versions oldest
// first (by effective date), and the ids in a stated order. [LoadVersions] makes one; it
// is immutable, and safe for concurrent use.
type Versions[T Versioned] struct {
	kind  Kind
	first []string       // the ids that come first, in order; the others follow alphabetically
	byID  map[string][]T // each id's versions, oldest first
	ids   []string       // the ids, in order
	err   error          // the load's error
}

// LoadVersions parses every document in dir of fsys (but schema.json) with parse as one
// set ([ParseSet]), whose documents extend one another by id and version and nothing
// else, and collects the versions by the id inside each. The ids in first come first, in
// that order, the others alphabetically; first also names the builtins in the error for
// an unknown id. A file that fails, or two versions of one id in force on a common day,
// is an error naming the file, which [Versions.Err] returns; the rest load.
func LoadVersions[T Versioned](fsys fs.FS, dir string, parse func(data []byte, base func(ref string) (T, error)) (T, error), kind Kind, first ...string) *Versions[T] {
	set := &Versions[T]{kind: kind, first: first, byID: make(map[string][]T)}
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		set.err = err
		return set
	}
	names = slices.DeleteFunc(names, func(n string) bool { return path.Base(n) == "schema.json" })
	// An unreadable file is reported by its read error alone: it is not parsed as well
	// (as an empty document).
	docs := make([][]byte, 0, len(names))
	read := make([]string, 0, len(names)) // the names of docs
	var errs []error
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs, read = append(docs, data), append(read, n)
	}
	vs, verr := ParseSet(docs, parse, nil, kind.Invalid)
	for i, v := range vs {
		if verr[i] != nil {
			errs = append(errs, fmt.Errorf("%s: builtin %s file %s: %w", kind.Package, kind.Noun, path.Base(read[i]), verr[i]))
			continue
		}
		if len(set.byID[v.ID()]) == 0 {
			set.ids = append(set.ids, v.ID())
		}
		set.byID[v.ID()] = append(set.byID[v.ID()], v)
	}
	for _, vs := range set.byID {
		slices.SortFunc(vs, func(a, b T) int { return a.EffectiveFrom().Compare(b.EffectiveFrom()) })
	}
	rank := func(id string) int {
		if i := slices.Index(first, id); i >= 0 {
			return i
		}
		return len(first)
	}
	slices.SortFunc(set.ids, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	set.err = errors.Join(errs...)
	return set
}

// Err returns the load's error: every file that failed, each named; nil when all loaded.
func (s *Versions[T]) Err() error { return s.err }

// ByID returns every version loaded, by id, oldest first. The map and its slices are
// the set's own: the caller must not change them.
func (s *Versions[T]) ByID() map[string][]T { return s.byID }

// unknown returns the error for an id no version has: the load's error if any (the id's
// file may have failed), else one wrapping Kind.Unknown.
func (s *Versions[T]) unknown() error {
	if s.err != nil {
		return s.err
	}
	return fmt.Errorf("%w (builtins: %s)", s.kind.Unknown, strings.Join(s.first, ", "))
}

// Ref resolves a reference "id@version" among the versions. A malformed reference or
// one no version has is an error wrapping Kind.Unknown (or the load's error).
func (s *Versions[T]) Ref(ref string) (T, error) {
	var zero T
	r, ok := ParseRef(ref)
	if !ok {
		return zero, fmt.Errorf("%w: a reference is id@version", s.kind.Unknown)
	}
	for _, v := range s.byID[r.ID] {
		if v.Version() == r.Version {
			return v, nil
		}
	}
	if s.err != nil {
		return zero, s.err
	}
	return zero, fmt.Errorf("%w: no builtin %s version has this id and version", s.kind.Unknown, s.kind.Noun)
}

// Newest returns the newest version (the latest effective date) of id. An unknown id
// is an error wrapping Kind.Unknown (or the load's error).
func (s *Versions[T]) Newest(id string) (T, error) {
	if vs := s.byID[id]; len(vs) > 0 {
		return vs[len(vs)-1], nil
	}
	var zero T
	return zero, s.unknown()
}

// On returns the version of id in force on the London calendar day that on falls on.
// An unknown id is an error wrapping Kind.Unknown (or the load's error); a day no
// version covers, an error wrapping Kind.NotInForce.
func (s *Versions[T]) On(id string, on time.Time) (T, error) {
	var zero T
	vs := s.byID[id]
	for _, v := range vs {
		if (Period{From: v.EffectiveFrom(), To: v.EffectiveTo()}).Contains(on) {
			return v, nil
		}
	}
	if len(vs) > 0 {
		return zero, fmt.Errorf("%w: no version of this builtin %s covers the day", s.kind.NotInForce, s.kind.Noun)
	}
	return zero, s.unknown()
}

// Latest returns the newest version of each id, in the set's order of ids.
func (s *Versions[T]) Latest() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, id := range s.ids {
			vs := s.byID[id]
			if !yield(vs[len(vs)-1]) {
				return
			}
		}
	}
}

// All returns every version: the ids in the set's order, each id's versions oldest
// first.
func (s *Versions[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for _, id := range s.ids {
			for _, v := range s.byID[id] {
				if !yield(v) {
					return
				}
			}
		}
	}
}

// CheckID returns v, or a builtin-id finding (wrapping Kind.Invalid) when v takes the id
// of a builtin without being a version of it (it extends a version of the same id) or a
// copy of a builtin version, digest for digest.
func (s *Versions[T]) CheckID(v T) (T, error) {
	versions := s.byID[v.ID()]
	if r, _ := ParseRef(v.Base()); len(versions) == 0 || r.ID == v.ID() ||
		slices.ContainsFunc(versions, func(b T) bool { return b.Digest() == v.Digest() }) {
		return v, nil
	}
	var zero T
	return zero, continuum.Findings{}.Add("id", RuleBuiltinID, continuum.Error, s.kind.Invalid,
		"the id is a builtin "+s.kind.Noun+"'s: a document may take it only as a version of that builtin (extending a version of it) or as an exact copy of one").Err()
}

// ResolveBase finds the base that a document extends (its "extends" as written), with
// base, or records on c why it cannot and returns the zero T. self is the document's
// own id and version. The rules, in order: extends names the base and its version
// (unpinned-base), not the document itself (extends-cycle), base finds it (unknown-base,
// wrapping kind.Unknown; [ErrCycle] from base is extends-cycle), and what base returns
// has the id and version named (base-mismatch).
func ResolveBase[T Versioned](c *Checker, kind Kind, self Ref, extends string, base func(ref string) (T, error)) T {
	var zero T
	ref, ok := ParseRef(extends)
	switch {
	case !ok:
		c.Add("extends", RuleUnpinnedBase, "extends names the base and the version this document was written against, as id@version")
		return zero
	case ref == self:
		c.Add("extends", RuleExtendsCycle, "a "+kind.Noun+" cannot extend itself")
		return zero
	}
	b, err := base(extends)
	switch {
	case errors.Is(err, ErrCycle):
		c.Add("extends", RuleExtendsCycle, "following extends through the documents leads round in a cycle")
	case err != nil || b == zero:
		c.Findings = c.Findings.Add("extends", RuleUnknownBase, continuum.Error, kind.Unknown,
			"no "+kind.Noun+" is known by this reference")
	case b.ID() != ref.ID || b.Version() != ref.Version:
		c.Add("extends", RuleBaseMismatch, "the "+kind.Noun+" found for this reference has another id or version")
	default:
		return b
	}
	return zero
}

// Digest returns the digest of a document's canonical bytes, which m's MarshalJSON
// writes: "sha256:" and the SHA-256 sum in lower-case hex. It panics when MarshalJSON
// fails, which a canonical document, made only of strings, numbers and text-marshalled
// values of this module that never fail, cannot.
func (k Kind) Digest(m json.Marshaler) string {
	data, err := m.MarshalJSON()
	if err != nil {
		panic(k.Package + ": canonical document: " + err.Error())
	}
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}
