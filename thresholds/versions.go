package thresholds

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

//go:embed frameworks/*.json
var builtinFS embed.FS

// builtinFirst lists the builtin ids Builtins yields first, in this order; any other id
// follows in alphabetical order.
var builtinFirst = []string{"england", "kent", "durham"}

// versionSet is a collection of framework versions, by id.
type versionSet struct {
	byID map[string][]*Framework // each id's versions, oldest first
	ids  []string                // the ids, in the order Builtins yields them
}

// loadBuiltins parses every embedded framework once.
var loadBuiltins = sync.OnceValues(func() (*versionSet, error) {
	return loadVersions(builtinFS, "frameworks")
})

// loadVersions parses every framework document in dir of fsys (but the schema) as one
// set, whose documents extend one another by id and version and nothing else, and
// collects the versions by the id inside each. A file that fails, or two versions of one
// id in force on a common day, is an error naming the file; the rest load.
func loadVersions(fsys fs.FS, dir string) (*versionSet, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil {
		return &versionSet{byID: map[string][]*Framework{}}, err
	}
	names = slices.DeleteFunc(names, func(n string) bool { return path.Base(n) == "schema.json" })
	docs := make([][]byte, len(names))
	var errs []error
	for i, n := range names {
		if docs[i], err = fs.ReadFile(fsys, n); err != nil {
			errs = append(errs, err)
		}
	}
	fws, perr := document.ParseSet(docs, parse, nil, ErrInvalidDocument)
	set := &versionSet{byID: make(map[string][]*Framework)}
	for i, f := range fws {
		if perr[i] != nil {
			errs = append(errs, fmt.Errorf("thresholds: builtin framework file %s: %w", path.Base(names[i]), perr[i]))
			continue
		}
		if len(set.byID[f.id]) == 0 {
			set.ids = append(set.ids, f.id)
		}
		set.byID[f.id] = append(set.byID[f.id], f)
	}
	for _, vs := range set.byID {
		slices.SortFunc(vs, func(a, b *Framework) int { return a.period.From.Compare(b.period.From) })
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

// builtinRef resolves a reference "id@version" among the builtin versions.
func builtinRef(ref string) (*Framework, error) {
	r, ok := document.ParseRef(ref)
	if !ok {
		return nil, fmt.Errorf("%w: a reference is id@version", ErrUnknownFramework)
	}
	set, err := loadBuiltins()
	for _, f := range set.byID[r.ID] {
		if f.version == r.Version {
			return f, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w: no builtin framework version has this id and version", ErrUnknownFramework)
}

// Default returns the newest version of the England national base framework: the
// canonical level labels, the national indicator catalogue and the Working Together
// thresholds. It panics only if the embedded data is broken, which the package's tests
// rule out.
func Default() *Framework {
	f, err := Builtin("england")
	if err != nil {
		panic(err)
	}
	return f
}

// Builtin returns the newest version (the latest effectiveFrom) of the embedded
// framework with the given id: "england", "kent" or "durham". An unknown id is an error
// wrapping [ErrUnknownFramework]. The frameworks are parsed once, on first use, and
// shared: they are immutable.
func Builtin(id string) (*Framework, error) {
	set, err := loadBuiltins()
	if vs := set.byID[id]; len(vs) > 0 {
		return vs[len(vs)-1], nil
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w (builtins: england, kent, durham)", ErrUnknownFramework)
}

// BuiltinOn returns the version of the embedded framework id in force on the London
// calendar day that on falls on. An unknown id is an error wrapping
// [ErrUnknownFramework]; a day no version covers, an error wrapping [ErrNotInForce].
func BuiltinOn(id string, on time.Time) (*Framework, error) {
	set, err := loadBuiltins()
	vs := set.byID[id]
	for _, f := range vs {
		if f.period.Contains(on) {
			return f, nil
		}
	}
	switch {
	case len(vs) > 0:
		return nil, fmt.Errorf("%w: no version of this builtin framework covers the day", ErrNotInForce)
	case err != nil:
		return nil, err
	}
	return nil, fmt.Errorf("%w (builtins: england, kent, durham)", ErrUnknownFramework)
}

// Builtins returns the newest version of each embedded framework, England first.
func Builtins() iter.Seq[*Framework] {
	return func(yield func(*Framework) bool) {
		set, _ := loadBuiltins()
		for _, id := range set.ids {
			vs := set.byID[id]
			if !yield(vs[len(vs)-1]) {
				return
			}
		}
	}
}

// BuiltinVersions returns every version of every embedded framework: England's first,
// each id's versions oldest first.
func BuiltinVersions() iter.Seq[*Framework] {
	return func(yield func(*Framework) bool) {
		set, _ := loadBuiltins()
		for _, id := range set.ids {
			for _, f := range set.byID[id] {
				if !yield(f) {
					return
				}
			}
		}
	}
}
