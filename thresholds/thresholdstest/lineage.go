package thresholdstest

import "github.com/rightsupport/needs/thresholds"

// derives reports whether fw is id or extends it, directly or not.
func derives(fw *thresholds.Framework, id string) bool { return fw.DerivesFrom(id) }
