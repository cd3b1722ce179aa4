package thresholdstest

import "github.com/rightsupport/needs/thresholds"

// derives reports whether fw is id or extends it, directly or not.
// TODO(issue9): fw.DerivesFrom(id) once it lands; until then the chain is walked
// through the builtins, which is all Parse resolves.
func derives(fw *thresholds.Framework, id string) bool {
	for seen := 0; fw != nil && seen < 8; seen++ {
		if fw.ID() == id {
			return true
		}
		if fw.Extends() == "" {
			return false
		}
		base, err := thresholds.Builtin(fw.Extends())
		if err != nil {
			return fw.Extends() == id
		}
		fw = base
	}
	return false
}
