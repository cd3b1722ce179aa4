package referral

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"sync"
	"time"

	"github.com/rightsupport/needs/continuum/document"
)

//go:embed policies/*.json
var builtinFS embed.FS

// builtinFirst lists the builtin ids BuiltinPolicies yields first, in this order; any
// other id follows in alphabetical order. Each goes with the builtin framework of the
// same id.
var builtinFirst = []string{"england", "kent", "durham"}

// versionSet is a collection of policy versions, by id.
type versionSet struct {
	byID map[string][]*Policy // each id's versions, oldest first
	ids  []string             // the ids, in the order BuiltinPolicies yields them
}

// loadPolicies parses every embedded policy once.
var loadPolicies = sync.OnceValues(func() (*versionSet, error) {
	return loadVersions(builtinFS, "policies")
})

// loadVersions parses every policy document in dir of fsys (but the schema) as one set,
// whose documents extend one another by id and version and nothing else, and collects
// the versions by the id inside each. A file that fails, or two versions of one id in
// force on a common day, is an error naming the file; the rest load.
func loadVersions(fsys fs.FS, dir string) (*versionSet, error) {
	set := &versionSet{byID: make(map[string][]*Policy)}
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return set, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return path.Base(n) == "schema.json" })
	docs := make([][]byte, len(names))
	var errs []error
	for i, n := range names {
		if docs[i], err = fs.ReadFile(fsys, n); err != nil {
			errs = append(errs, err)
		}
	}
	ps, perr := document.ParseSet(docs, parse, nil, ErrInvalidPolicy)
	for i, p := range ps {
		if perr[i] != nil {
			errs = append(errs, fmt.Errorf("referral: builtin policy file %s: %w", path.Base(names[i]), perr[i]))
			continue
		}
		if len(set.byID[p.id]) == 0 {
			set.ids = append(set.ids, p.id)
		}
		set.byID[p.id] = append(set.byID[p.id], p)
	}
	for _, vs := range set.byID {
		slices.SortFunc(vs, func(a, b *Policy) int { return a.period.From.Compare(b.period.From) })
	}
	rank := func(id string) int {
		if i := slices.Index(builtinFirst, id); i >= 0 {
			return i
		}
		return len(builtinFirst)
	}
	slices.SortFunc(set.ids, func(a, b string) int { return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b)) })
	return set, errors.Join(errs...)
}

// builtinRef resolves a reference "id@version" among the builtin policy versions.
func builtinRef(ref string) (*Policy, error) {
	r, ok := document.ParseRef(ref)
	if !ok {
		return nil, fmt.Errorf("%w: a reference is id@version", ErrUnknownPolicy)
	}
	set, err := loadPolicies()
	for _, p := range set.byID[r.ID] {
		if p.version == r.Version {
			return p, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w: no builtin policy version has this id and version", ErrUnknownPolicy)
}

// DefaultPolicy returns the newest version of the England policy (Working Together to
// Safeguard Children base), which goes with thresholds.Default(). It panics only if the
// embedded data is broken, which the package's tests rule out.
func DefaultPolicy() *Policy {
	p, err := BuiltinPolicy("england")
	if err != nil {
		panic(err)
	}
	return p
}

// BuiltinPolicy returns the newest version (the latest effectiveFrom) of the embedded
// policy with the given id: "england", "kent" or "durham", each going with the builtin
// framework of the same id. An unknown id is an error wrapping [ErrUnknownPolicy].
// Policies are parsed once, on first use, and shared: they are immutable.
func BuiltinPolicy(id string) (*Policy, error) {
	set, err := loadPolicies()
	if vs := set.byID[id]; len(vs) > 0 {
		return vs[len(vs)-1], nil
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w (builtins: england, kent, durham)", ErrUnknownPolicy)
}

// BuiltinPolicyOn returns the version of the embedded policy id in force on the London
// calendar day that on falls on. An unknown id is an error wrapping [ErrUnknownPolicy]; a
// day no version covers, an error wrapping [ErrNotInForce].
func BuiltinPolicyOn(id string, on time.Time) (*Policy, error) {
	set, err := loadPolicies()
	vs := set.byID[id]
	for _, p := range vs {
		if p.period.Contains(on) {
			return p, nil
		}
	}
	switch {
	case len(vs) > 0:
		return nil, fmt.Errorf("%w: no version of this builtin policy covers the day", ErrNotInForce)
	case err != nil:
		return nil, err
	}
	return nil, fmt.Errorf("%w (builtins: england, kent, durham)", ErrUnknownPolicy)
}

// BuiltinPolicies returns the newest version of each embedded policy, England first.
func BuiltinPolicies() iter.Seq[*Policy] {
	return func(yield func(*Policy) bool) {
		set, _ := loadPolicies()
		for _, id := range set.ids {
			vs := set.byID[id]
			if !yield(vs[len(vs)-1]) {
				return
			}
		}
	}
}

// BuiltinPolicyVersions returns every version of every embedded policy: England's first,
// each id's versions oldest first.
func BuiltinPolicyVersions() iter.Seq[*Policy] {
	return func(yield func(*Policy) bool) {
		set, _ := loadPolicies()
		for _, id := range set.ids {
			for _, p := range set.byID[id] {
				if !yield(p) {
					return
				}
			}
		}
	}
}
