package thresholds

import (
	"io/fs"

	"github.com/rightsupport/needs/continuum/document"
)

// LoadVersions exposes the builtin loader to the external tests, so that they can load
// synthetic builtin sets (overlapping versions, say). It returns every version it
// loaded, by id, oldest first, and the load's error.
func LoadVersions(fsys fs.FS, dir string) (map[string][]*Framework, error) {
	set := document.LoadVersions(fsys, dir, parse, docKind, builtinFirst...)
	return set.ByID(), set.Err()
}

// ExplainLen is the length Explain reckons a checked decision's paragraph at before
// writing it, or -1 when the decision is refused.
func ExplainLen(f *Framework, d Decision) int {
	var o Outcome
	var ps [3]part
	if f.checkDecision(&d, &o, &ps) != nil {
		return -1
	}
	return f.explainLen(&d, &o, &ps)
}
