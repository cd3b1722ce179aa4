package thresholds_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// TestConformance runs the language-neutral conformance cases under
// thresholdstest.Conformance() against the builtin frameworks. Another system runs the same
// files with its own engine; a council runs them with thresholdstest.RunCases.
func TestConformance(t *testing.T) {
	cases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(cases), 60, "the issue asks for at least 60 threshold cases")

	perFramework := make(map[string]int)
	for _, c := range cases {
		perFramework[c.Framework]++
		prefix, _, ok := strings.Cut(c.Name, "/")
		assert.True(t, ok && prefix == c.Framework, "case %q is named <framework>/<what> for framework %q", c.Name, c.Framework)
		assert.NotEmpty(t, c.Reason, "case %q names the rule it covers", c.Name)
	}
	for fw := range thresholds.Builtins() {
		assert.GreaterOrEqual(t, perFramework[fw.ID()], 15, "builtin framework %s has at least 15 cases", fw.ID())
	}

	thresholdstest.RunCasesOn(t, cases, thresholdstest.BuiltinOn)
}
