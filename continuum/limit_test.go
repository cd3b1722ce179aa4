package continuum_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
)

// cappedFixture returns n findings at paths "p0" to "p(n-1)", in sorted order.
func cappedFixture(n int) continuum.Findings {
	var fs continuum.Findings
	for i := range n {
		fs = fs.Add("p"+strconv.Itoa(i), "r", continuum.Error, nil, "m")
	}
	return fs
}

// omittedCount returns the count of fs's last finding, which must be an Omitted one.
func omittedCount(t *testing.T, fs continuum.Findings) int {
	t.Helper()
	last := fs[len(fs)-1]
	require.Equal(t, continuum.RuleTooManyFindings, last.Rule)
	require.ErrorIs(t, last, continuum.ErrTooManyFindings)
	count, ok := strings.CutSuffix(last.Msg, " more findings are not shown; fix these and check again")
	require.True(t, ok, "the count's message")
	n, err := strconv.Atoi(count)
	require.NoError(t, err)
	return n
}

func TestFindingsCapped(t *testing.T) {
	fs := cappedFixture(3)
	got := fs.Capped(3, 0)
	require.Len(t, got, 3, "at the limit with none left out: fs itself")
	assert.Same(t, fs[0], got[0])

	got = fs.Capped(2, 0)
	require.Len(t, got, 2)
	assert.Equal(t, "p0", got[0].Path)
	assert.Equal(t, 2, omittedCount(t, got), "limit-1 kept, the rest counted")

	got = fs.Capped(3, 5)
	require.Len(t, got, 3)
	assert.Equal(t, 6, omittedCount(t, got), "the caller's count is added")

	got = fs.Capped(0, 0)
	require.Len(t, got, 1, "a limit below 1 counts as 1")
	assert.Equal(t, 3, omittedCount(t, got))

	// Capping findings that were capped before counts every finding once.
	again := append(cappedFixture(2), continuum.Omitted(7))
	again = append(again, cappedFixture(1)...)
	got = again.Capped(10, 0)
	require.Len(t, got, 4, "the old count finding is dropped and a new one counts it")
	assert.Equal(t, []string{"p0", "p0", "p1"}, []string{got[0].Path, got[1].Path, got[2].Path})
	assert.Equal(t, 7, omittedCount(t, got))
	assert.Len(t, again, 4, "fs is unchanged")
	assert.True(t, errors.Is(again[2], continuum.ErrTooManyFindings))

	got = again.Capped(2, 1)
	require.Len(t, got, 2)
	assert.Equal(t, 7+1+2, omittedCount(t, got))

	// A finding of another rule that merely wraps ErrTooManyFindings is kept.
	other := cappedFixture(1).Add("x", "other", continuum.Error, continuum.ErrTooManyFindings, "m")
	assert.Len(t, other.Capped(5, 0), 2)
}
