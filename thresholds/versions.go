package thresholds

import (
	"embed"
	"iter"
	"sync"
	"time"

	"github.com/rightsupport/needs/continuum/document"
)

//go:embed frameworks/*.json
var builtinFS embed.FS

// builtinFirst lists the builtin ids Builtins yields first, in this order; any other id
// follows in alphabetical order.
var builtinFirst = []string{"england", "kent", "durham"}

// docKind names framework documents to the shared version and lineage logic.
var docKind = document.Kind{
	Package: "thresholds", Noun: "framework",
	Invalid: ErrInvalidDocument, Unknown: ErrUnknownFramework, NotInForce: ErrNotInForce,
}

// loadBuiltins parses every embedded framework once.
var loadBuiltins = sync.OnceValue(func() *document.Versions[*Framework] {
	return document.LoadVersions(builtinFS, "frameworks", parse, docKind, builtinFirst...)
})

// builtinRef resolves a reference "id@version" among the builtin framework versions.
func builtinRef(ref string) (*Framework, error) { return loadBuiltins().Ref(ref) }

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
func Builtin(id string) (*Framework, error) { return loadBuiltins().Newest(id) }

// BuiltinOn returns the version of the embedded framework id in force on the London
// calendar day that on falls on. An unknown id is an error wrapping
// [ErrUnknownFramework]; a day no version covers, an error wrapping [ErrNotInForce].
func BuiltinOn(id string, on time.Time) (*Framework, error) { return loadBuiltins().On(id, on) }

// Builtins returns the newest version of each embedded framework, England first.
func Builtins() iter.Seq[*Framework] { return loadBuiltins().Latest() }

// BuiltinVersions returns every version of every embedded framework: England's first,
// each id's versions oldest first.
func BuiltinVersions() iter.Seq[*Framework] { return loadBuiltins().All() }
