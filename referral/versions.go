package referral

import (
	"embed"
	"iter"
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

// docKind names policy documents to the shared version and lineage logic.
var docKind = document.Kind{
	Package: "referral", Noun: "policy",
	Invalid: ErrInvalidPolicy, Unknown: ErrUnknownPolicy, NotInForce: ErrNotInForce,
}

// loadPolicies parses every embedded policy once.
var loadPolicies = sync.OnceValue(func() *document.Versions[*Policy] {
	return document.LoadVersions(builtinFS, "policies", parse, docKind, builtinFirst...)
})

// builtinRef resolves a reference "id@version" among the builtin policy versions.
func builtinRef(ref string) (*Policy, error) { return loadPolicies().Ref(ref) }

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
func BuiltinPolicy(id string) (*Policy, error) { return loadPolicies().Newest(id) }

// BuiltinPolicyOn returns the version of the embedded policy id in force on the London
// calendar day that on falls on. An unknown id is an error wrapping [ErrUnknownPolicy]; a
// day no version covers, an error wrapping [ErrNotInForce].
func BuiltinPolicyOn(id string, on time.Time) (*Policy, error) { return loadPolicies().On(id, on) }

// BuiltinPolicies returns the newest version of each embedded policy, England first.
func BuiltinPolicies() iter.Seq[*Policy] { return loadPolicies().Latest() }

// BuiltinPolicyVersions returns every version of every embedded policy: England's first,
// each id's versions oldest first.
func BuiltinPolicyVersions() iter.Seq[*Policy] { return loadPolicies().All() }
