package thresholds_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// ptFile returns the path of the newest embedded document of the builtin framework id
// (files are named id-YEAR.json, so the newest sorts last).
func ptFile(t testing.TB, id string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("frameworks", id+"-*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, names, "no document of builtin framework %s", id)
	slices.Sort(names)
	return filepath.ToSlash(names[len(names)-1])
}
