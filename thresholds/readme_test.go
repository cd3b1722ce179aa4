package thresholds_test

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds"
)

// TestFrameworksReadmeShape parses the document frameworks/README.md shows, its
// placeholders filled in, so that the documented shape stays one Parse accepts.
func TestFrameworksReadmeShape(t *testing.T) {
	readme, err := os.ReadFile("frameworks/README.md")
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "## Shape\n\n```json\n")
	doc, _, ok2 := strings.Cut(rest, "```")
	require.True(t, ok && ok2, "frameworks/README.md lost its Shape example")
	doc = strings.NewReplacer(`"…"`, `"Placeholder text."`, `{ … }`, `{}`).Replace(doc)
	fw, err := thresholds.Parse([]byte(doc))
	require.NoError(t, err, "the README's Shape example does not parse")
	require.True(t, fw.DerivesFrom("england"), "the Shape example extends england")
}
