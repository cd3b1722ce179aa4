package referral_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "gr".

// The -update flag rewrites the golden files under testdata/golden. Another test file of
// the package may register the same flag; then both share it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files under testdata/golden")
	}
}

// grUpdate reports whether -update was given.
func grUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// grGolden compares got with testdata/golden/name, or rewrites it under -update.
func grGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if grUpdate() {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./referral -run TestGraph -update to create it")
	assert.Equal(t, string(want), got, "%s is stale: run go test ./referral -run TestGraph -update and review the diff", path)
}

// grNode is the node id the graphs use for a transition's end.
func grNode(l interface{ Number() int }) string {
	return [...]string{"notknown", "universal", "additional", "intensive", "specialist"}[l.Number()]
}

func TestGraphGolden(t *testing.T) {
	for _, id := range rtBuiltinIDs {
		p, _ := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			grGolden(t, id+".mmd", p.Mermaid())
			grGolden(t, id+".dot", p.DOT())
		})
	}
}

func TestGraphMermaid(t *testing.T) {
	policies := map[string]*referral.Policy{"minimal": polMinimalPolicy(t)}
	for _, id := range rtBuiltinIDs {
		policies[id], _ = rtPair(t, id)
	}
	for name, p := range policies {
		t.Run(name, func(t *testing.T) {
			m := p.Mermaid()
			assert.True(t, strings.HasPrefix(m, "flowchart LR\n"), "a left-to-right Mermaid flowchart")
			assert.True(t, strings.HasSuffix(m, "\n"))
			assert.Equal(t, m, p.Mermaid(), "deterministic")
			var edges []string
			for line := range strings.Lines(m) {
				if strings.Contains(line, "-->") {
					edges = append(edges, line)
				}
			}
			var want []string
			for tr := range p.Transitions() {
				want = append(want, "  "+grNode(tr.Transition.From)+" -->|"+tr.Transition.Kind().String()+"| "+grNode(tr.Transition.To)+"\n")
			}
			assert.Equal(t, want, edges, "one edge per allowed transition, labelled with its kind, in document order")
			if strings.Contains(m, "notknown") {
				assert.Contains(t, m, `  notknown(["Not known to services"])`+"\n", "the entry node is a stadium")
			}
		})
	}
	t.Run("minimal_nodes", func(t *testing.T) {
		assert.Equal(t, "flowchart LR\n"+
			`  notknown(["Not known to services"])`+"\n"+
			`  specialist["Specialist (4)"]`+"\n"+
			"  notknown -->|entry| specialist\n",
			policies["minimal"].Mermaid(), "only the levels a transition uses are drawn")
	})
}

func TestGraphDOT(t *testing.T) {
	for _, id := range rtBuiltinIDs {
		p, _ := rtPair(t, id)
		t.Run(id, func(t *testing.T) {
			d := p.DOT()
			assert.True(t, strings.HasPrefix(d, `digraph "`+id+`" {`+"\n"))
			assert.True(t, strings.HasSuffix(d, "}\n"))
			assert.Equal(t, strings.Count(d, "{"), strings.Count(d, "}"), "balanced braces")
			edges := strings.Count(d, " -> ")
			n := 0
			for tr := range p.Transitions() {
				assert.Contains(t, d, "  "+grNode(tr.Transition.From)+" -> "+grNode(tr.Transition.To)+` [label="`+tr.Transition.Kind().String()+`"];`)
				n++
			}
			assert.Equal(t, n, edges, "one edge per allowed transition")
		})
	}
}
