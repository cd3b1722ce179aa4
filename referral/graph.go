package referral

import (
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// nodeNames are the graph node ids and captions, index = Level (0: not known).
var nodeNames = [5][2]string{
	{"notknown", "Not known to services"},
	{"universal", "Universal (1)"},
	{"additional", "Additional (2)"},
	{"intensive", "Intensive (3)"},
	{"specialist", "Specialist (4)"},
}

// Mermaid renders the policy's allowed transitions as a Mermaid flowchart, one edge per
// allowed move labelled with its kind, in document order. The text is deterministic.
func (p *Policy) Mermaid() string {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	p.writeNodes(func(id, caption string, entry bool) {
		open, close := "[", "]"
		if entry {
			open, close = "([", "])"
		}
		b.WriteString("  " + id + open + "\"" + caption + "\"" + close + "\n")
	})
	for _, t := range p.transitions {
		b.WriteString("  " + nodeNames[t.Transition.From][0] + " -->|" + t.Transition.Kind().String() + "| " + nodeNames[t.Transition.To][0] + "\n")
	}
	return b.String()
}

// DOT renders the policy's allowed transitions as a Graphviz DOT digraph, one edge per
// allowed move labelled with its kind, in document order. The text is deterministic.
func (p *Policy) DOT() string {
	var b strings.Builder
	b.WriteString("digraph \"" + p.id + "\" {\n  rankdir=LR;\n  node [shape=box];\n")
	p.writeNodes(func(id, caption string, entry bool) {
		shape := ""
		if entry {
			shape = ", shape=ellipse"
		}
		b.WriteString("  " + id + " [label=\"" + caption + "\"" + shape + "];\n")
	})
	for _, t := range p.transitions {
		b.WriteString("  " + nodeNames[t.Transition.From][0] + " -> " + nodeNames[t.Transition.To][0] + " [label=\"" + t.Transition.Kind().String() + "\"];\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// writeNodes calls node for every level that appears in a transition, lowest first, with
// the "not known" node first when there are entries.
func (p *Policy) writeNodes(node func(id, caption string, entry bool)) {
	var used [5]bool
	for _, t := range p.transitions {
		used[t.Transition.From], used[t.Transition.To] = true, true
	}
	for l := continuum.Level(0); l <= continuum.Specialist; l++ {
		if used[l] {
			node(nodeNames[l][0], nodeNames[l][1], l == 0)
		}
	}
}
