package referral

import (
	"embed"
	"errors"
	"fmt"
	"iter"
	"path"
	"sync"
)

//go:embed policies/*.json
var builtinFS embed.FS

// builtinIDs lists the builtin policies in the order BuiltinPolicies yields them. Each
// goes with the builtin framework of the same id.
var builtinIDs = []string{"england", "kent", "durham"}

// loadPolicies parses every embedded policy once.
var loadPolicies = sync.OnceValues(func() (map[string]*Policy, error) {
	all := make(map[string]*Policy, len(builtinIDs))
	var errs []error
	for _, id := range builtinIDs {
		data, err := builtinFS.ReadFile(path.Join("policies", id+".json"))
		if err != nil {
			errs = append(errs, fmt.Errorf("referral: builtin policy %s: %w", id, err))
			continue
		}
		p, err := ParsePolicy(data)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("referral: builtin policy %s: %w", id, err))
		case p.id != id:
			errs = append(errs, fmt.Errorf("referral: builtin policy file %s.json has id %q", id, p.id))
		default:
			all[id] = p
		}
	}
	return all, errors.Join(errs...)
})

// DefaultPolicy returns the England policy (Working Together to Safeguard Children 2023
// base), which goes with thresholds.Default(). It panics only if the embedded data is
// broken, which the package's tests rule out.
func DefaultPolicy() *Policy {
	p, err := BuiltinPolicy("england")
	if err != nil {
		panic(err)
	}
	return p
}

// BuiltinPolicy returns the embedded policy with the given id: "england", "kent" or
// "durham", each going with the builtin framework of the same id. An unknown id is an
// error wrapping [ErrUnknownPolicy]. Policies are parsed once, on first use, and shared:
// they are immutable.
func BuiltinPolicy(id string) (*Policy, error) {
	all, err := loadPolicies()
	if p, ok := all[id]; ok {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("%w: no builtin policy has this id (builtins: england, kent, durham)", ErrUnknownPolicy)
}

// BuiltinPolicies returns the embedded policies, England first.
func BuiltinPolicies() iter.Seq[*Policy] {
	return func(yield func(*Policy) bool) {
		all, _ := loadPolicies()
		for _, id := range builtinIDs {
			if p, ok := all[id]; ok && !yield(p) {
				return
			}
		}
	}
}
