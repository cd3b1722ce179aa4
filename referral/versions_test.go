package referral_test

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// polFile returns the path of the newest embedded document of the builtin policy id
// (files are named id-YEAR.json, so the newest sorts last).
func polFile(t testing.TB, id string) string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join("policies", id+"-*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, names, "no document of builtin policy %s", id)
	slices.Sort(names)
	return filepath.ToSlash(names[len(names)-1])
}
