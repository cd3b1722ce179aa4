package referral

import (
	"io/fs"

	"github.com/rightsupport/needs/continuum/document"
)

// LoadVersions exposes the builtin loader to the external tests, so that they can load
// synthetic builtin sets (overlapping versions, say). It returns every version it
// loaded, by id, oldest first, and the load's error.
func LoadVersions(fsys fs.FS, dir string) (map[string][]*Policy, error) {
	set := document.LoadVersions(fsys, dir, parse, docKind, builtinFirst...)
	return set.ByID(), set.Err()
}
