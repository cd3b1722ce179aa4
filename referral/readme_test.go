package referral_test

import (
	"os"
	"strings"
	"testing"

	"github.com/rightsupport/needs/referral"
)

// TestReadmeDiagramIsCurrent keeps the README's diagram in step with the England policy.
func TestReadmeDiagramIsCurrent(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	want := "```mermaid\n" + referral.DefaultPolicy().Mermaid() + "```"
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md does not show the England policy's current Mermaid diagram; put this in it:\n%s", want)
	}
}

// TestPoliciesReadmeExtension parses the small council policy that policies/README.md
// shows, so that the documented syntax stays the syntax.
func TestPoliciesReadmeExtension(t *testing.T) {
	readme, err := os.ReadFile("policies/README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "A small council policy is a few dozen lines:\n\n```json\n")
	doc, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("policies/README.md lost its example extension")
	}
	p, err := referral.ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatalf("the README's example extension does not parse: %v", err)
	}
	if p.Base() != "england@1.0.0" || !p.DerivesFrom("england") {
		t.Errorf("the README's example extends %q", p.Base())
	}
}
