package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// The command prints the library's findings as they are, trusting the library's promise
// (issue 13) that no error or finding repeats text a caller passed in. These tests hold
// the command to the same promise: a marker goes into every value and as a new key of
// every object of a document or a case line, one position at a time, and never comes
// back in what the command writes.

// noEcho fails t when what a command line writes holds an echo marker: its stderr, and
// its stdout when checkOut is set (explain and graph print a valid document's own
// wording by design, so theirs is not).
func noEcho(t *testing.T, args []string, stdin string, checkOut bool) {
	t.Helper()
	var out, errb bytes.Buffer
	run(args, strings.NewReader(stdin), &out, &errb)
	text := errb.String()
	if checkOut {
		text += out.String()
	}
	if err := thresholdstest.CheckNoEcho(errors.New(text), thresholdstest.EchoTag); err != nil {
		t.Fatalf("needs %s: %v", strings.Join(args[:1], " "), err)
	}
}

// mutations returns the echo mutations of a file, failing t when it is not JSON.
func mutations(t *testing.T, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	docs, err := thresholdstest.EchoMutations(data, thresholdstest.EchoMarkers()...)
	require.NoError(t, err)
	require.NotEmpty(t, docs)
	return docs
}

// TestNoEchoDocuments validates mutated framework and policy documents, alone and as the
// extension or the base of a set, and loads them as the document a command works on.
func TestNoEchoDocuments(t *testing.T) {
	tests := []struct {
		name    string
		mutated string // the document mutated
		other   string // the other document of the set, or ""
		base    bool   // mutated is the base other extends
		policy  bool
	}{
		{name: "framework-extending-a-builtin", mutated: "testdata/testshire.json"},
		{name: "framework-extension", mutated: "../overlay/frameworks/southvale.json", other: "../overlay/frameworks/northshire.json"},
		{name: "framework-base", mutated: "../overlay/frameworks/northshire.json", other: "../overlay/frameworks/southvale.json", base: true},
		{name: "policy-extension", mutated: "../overlay/policies/southvale.json", other: "../overlay/policies/northshire.json", policy: true},
		{name: "policy-base", mutated: "../overlay/policies/northshire.json", other: "../overlay/policies/southvale.json", base: true, policy: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(t.TempDir(), "doc.json")
			for _, doc := range mutations(t, tt.mutated) {
				require.NoError(t, os.WriteFile(file, doc, 0o600))
				files := []string{file}
				if tt.other != "" {
					files = append(files, tt.other)
				}
				noEcho(t, append([]string{"validate"}, files...), "", true)
				noEcho(t, append([]string{"validate", "-json"}, files...), "", true)
				// The document a command works on, and a base given with -with.
				doc, with := file, []string{}
				switch {
				case tt.base:
					doc, with = tt.other, []string{"-with", file}
				case tt.other != "":
					with = []string{"-with", tt.other}
				}
				if tt.policy {
					noEcho(t, append(append([]string{"graph"}, with...), doc), "", false)
				} else {
					// No cases: eval writes nothing on stdout, so all of it is checked.
					noEcho(t, append([]string{"eval", "-progress", "0", "-framework", doc}, with...), "", true)
					noEcho(t, append(append([]string{"explain", "-framework", doc}, with...), "HLT-2-01"), "", false)
				}
			}
		})
	}
}

// TestNoEchoCases decides mutated case lines, each alone and all as one stream, and
// compares two frameworks over each.
func TestNoEchoCases(t *testing.T) {
	for _, line := range []string{
		`{"indicators": ["HLT-2-01", "EDU-2-01"]}`,
		`{"indicators": ["SH-02"], "age": "0-1", "ref": "synthetic"}`,
	} {
		docs, err := thresholdstest.EchoMutations([]byte(line), thresholdstest.EchoMarkers()...)
		require.NoError(t, err)
		var all strings.Builder
		for _, doc := range docs {
			in := string(doc) + "\n"
			all.WriteString(in)
			noEcho(t, []string{"eval", "-framework", "kent", "-progress", "0"}, in, true)
			noEcho(t, []string{"impact", "england@1.0.0", "kent", "-"}, in, true)
		}
		noEcho(t, []string{"eval", "-framework", "england", "-progress", "1"}, all.String(), true)
	}
}
