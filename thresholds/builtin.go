package thresholds

import (
	"embed"
	"errors"
	"fmt"
	"iter"
	"path"
	"slices"
	"sync"
)

//go:embed frameworks/*.json
var builtinFS embed.FS

// builtinOrder lists the builtin frameworks in the order Builtins yields them.
var builtinOrder = []string{"england", "kent", "durham"}

// errCycle marks a base lookup that would recurse into a framework being loaded.
var errCycle = errors.New("thresholds: extends cycle")

func isCycle(err error) bool { return errors.Is(err, errCycle) }

// loadBuiltins parses every embedded framework once, bases before extensions.
var loadBuiltins = sync.OnceValues(func() (map[string]*Framework, error) {
	loaded := make(map[string]*Framework)
	loading := make(map[string]bool)
	var errs []error
	var load func(id string) (*Framework, error)
	load = func(id string) (*Framework, error) {
		if f, ok := loaded[id]; ok {
			return f, nil
		}
		if loading[id] {
			return nil, errCycle
		}
		data, err := builtinFS.ReadFile(path.Join("frameworks", id+".json"))
		if err != nil || !slices.Contains(builtinOrder, id) {
			return nil, fmt.Errorf("%w: no builtin framework has this id", ErrUnknownFramework)
		}
		loading[id] = true
		defer delete(loading, id)
		f, err := parse(data, load)
		if err != nil {
			return nil, fmt.Errorf("thresholds: builtin framework %s: %w", id, err)
		}
		if f.id != id {
			return nil, fmt.Errorf("thresholds: builtin framework file %s.json has id %q", id, f.id)
		}
		loaded[id] = f
		return f, nil
	}
	for _, id := range builtinOrder {
		if _, err := load(id); err != nil && !errors.Is(err, errCycle) {
			errs = append(errs, err)
		}
	}
	return loaded, errors.Join(errs...)
})

// Default returns the England national base framework: the canonical level labels, the
// national indicator catalogue and the Working Together thresholds. It panics only if the
// embedded data is broken, which the package's tests rule out.
func Default() *Framework {
	f, err := Builtin("england")
	if err != nil {
		panic(err)
	}
	return f
}

// Builtin returns the embedded framework with the given id: "england", "kent" or
// "durham". An unknown id is an error wrapping [ErrUnknownFramework]. The frameworks are
// parsed once, on first use, and shared: they are immutable.
func Builtin(id string) (*Framework, error) {
	all, err := loadBuiltins()
	if f, ok := all[id]; ok {
		return f, nil
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w: no builtin framework has this id (builtins: england, kent, durham)", ErrUnknownFramework)
}

// Builtins returns the embedded frameworks, England first.
func Builtins() iter.Seq[*Framework] {
	return func(yield func(*Framework) bool) {
		all, _ := loadBuiltins()
		for _, id := range builtinOrder {
			if f, ok := all[id]; ok && !yield(f) {
				return
			}
		}
	}
}
