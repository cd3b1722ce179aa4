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
