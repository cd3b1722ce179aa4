package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from the current output")

// invocation is one command line, its standard input and what it is for.
type invocation struct {
	name   string
	reason string
	args   []string
	stdin  string
}

func invocations() []invocation {
	return []invocation{
		{"usage", "no command: the usage, status 2", nil, ""},
		{"unknown-command", "an unknown command is not repeated", []string{"Sample-Free-Text"}, ""},
		{"validate", "a broken and a valid framework: every finding, redacted, status 1", []string{"validate", "testdata/broken.json", "testdata/testshire.json"}, ""},
		{"validate-json", "the same as JSON", []string{"validate", "-json", "testdata/broken.json", "testdata/testshire.json"}, ""},
		{"validate-valid", "a valid framework: status 0", []string{"validate", "testdata/testshire.json"}, ""},
		{"validate-missing", "a file that does not exist is named by its position", []string{"validate", "testdata/testshire.json", "testdata/Sample-Free-Text.json"}, ""},
		{"eval", "decisions as JSON lines, line numbers past a blank line, unknown codes", []string{"eval", "-framework", "testdata/testshire.json", "testdata/cases.jsonl"}, ""},
		{"eval-stdin-progress", "cases on stdin with a progress line every 2 cases", []string{"eval", "-framework", "kent", "-progress", "2"},
			"{\"indicators\": [\"HLT-2-01\"]}\n{\"indicators\": \"Sample Free Text\"}\n{\"Sample Free Text\": 1}\n{\"indicators\": [\"SH-01\"]}\n"},
		{"eval-bad-framework", "an unknown builtin id is not repeated", []string{"eval", "-framework", "Sample-Free-Text"}, ""},
		{"eval-bad-flag", "a bad flag value is not repeated", []string{"eval", "-progress", "Sample-Free-Text"}, ""},
		{"explain", "three needs over two sides under kent", []string{"explain", "-framework", "kent", "HLT-2-01", "EDU-2-01", "FHF-2-01"}, ""},
		{"explain-json", "the same as JSON", []string{"explain", "-framework", "kent", "-json", "HLT-2-01", "EDU-2-01", "FHF-2-01"}, ""},
		{"explain-unknown", "unknown and malformed codes are named by position", []string{"explain", "ZZ-99", "HLT-2-01"}, ""},
		{"explain-malformed", "a malformed code", []string{"explain", "HLT-2-01", "Sample Free Text"}, ""},
		{"impact", "england to the synthetic testshire over the corpus", []string{"impact", "england", "testdata/testshire.json", "testdata/cases.jsonl"}, ""},
		{"impact-json", "the same as JSON", []string{"impact", "-json", "england", "testdata/testshire.json", "testdata/cases.jsonl"}, ""},
		{"impact-args", "impact needs three arguments", []string{"impact", "england"}, ""},
		{"impact-england-2023-2026", "England's Working Together 2023 version to its 2026 version over the corpus",
			[]string{"impact", "england@1.0.0", "england@2.0.0", "testdata/cases.jsonl"}, ""},
		{"impact-unknown-version", "a version no builtin has is not repeated", []string{"impact", "england@9.9.9", "england", "testdata/cases.jsonl"}, ""},
		{"graph", "the england policy as Mermaid", []string{"graph", "england"}, ""},
		{"graph-dot", "the kent policy as DOT", []string{"graph", "-format", "dot", "kent"}, ""},
		{"holidays", "2026, with Easter and the substitute Boxing Day", []string{"holidays", "2026"}, ""},
		{"holidays-2022", "2022, with the one-off jubilee and state funeral", []string{"holidays", "2022"}, ""},
		{"holidays-bad", "a year out of range is not repeated", []string{"holidays", "1900"}, ""},
		{"schema-bad", "an unknown schema name is not repeated", []string{"schema", "Sample-Free-Text"}, ""},
		{"validate-overlay", "the fictional county and district: extends resolve among the files given",
			[]string{"validate", "../overlay/frameworks/southvale.json", "../overlay/policies/southvale.json", "../overlay/frameworks/northshire.json", "../overlay/policies/northshire.json"}, ""},
		{"validate-overlay-missing-base", "the district without the county: its extends finds nothing",
			[]string{"validate", "-json", "../overlay/frameworks/southvale.json", "../overlay/policies/southvale.json"}, ""},
		{"explain-overlay", "a district framework, its county given with -with",
			[]string{"explain", "-framework", "../overlay/frameworks/southvale.json", "-with", "../overlay/frameworks/northshire.json", "SVL-SOC-2-01", "FSR-2-01", "HSG-2-01"}, ""},
		{"explain-overlay-no-base", "the district without its county cannot be read",
			[]string{"explain", "-framework", "../overlay/frameworks/southvale.json", "HLT-2-01"}, ""},
		{"graph-overlay", "the district policy, its county given with -with",
			[]string{"graph", "-with", "../overlay/policies/northshire.json", "../overlay/policies/southvale.json"}, ""},
		{"impact-overlay", "the county against the district over the corpus",
			[]string{"impact", "-with", "../overlay/frameworks/northshire.json", "../overlay/frameworks/northshire.json", "../overlay/frameworks/southvale.json", "testdata/cases.jsonl"}, ""},
	}
}

// transcript runs an invocation and returns its exit status and outputs as one text.
func transcript(inv invocation) string {
	var out, errb bytes.Buffer
	code := run(inv.args, strings.NewReader(inv.stdin), &out, &errb)
	return fmt.Sprintf("$ needs %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(inv.args, " "), code, out.String(), errb.String())
}

// TestGolden keeps every command's output as it is in testdata/golden; run
// go test ./examples/needs -update to accept a change.
func TestGolden(t *testing.T) {
	for _, inv := range invocations() {
		t.Run(inv.name, func(t *testing.T) {
			got := transcript(inv)
			golden := filepath.Join("testdata", "golden", inv.name+".txt")
			if *update {
				require.NoError(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "run go test -update to create the golden file")
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s: output differs from %s (-want +got); run go test -update if the change is intended:\n%s", inv.reason, golden, diff)
			}
		})
	}
}

// TestNoEcho: no invocation's error output repeats the probe text it was given.
func TestNoEcho(t *testing.T) {
	for _, inv := range invocations() {
		var out, errb bytes.Buffer
		run(inv.args, strings.NewReader(inv.stdin), &out, &errb)
		for _, probe := range []string{"Sample Free Text", "Sample-Free-Text", "NOPE-S99", "ZZ-99"} {
			assert.NotContains(t, errb.String(), probe, "%s: stderr repeats input", inv.name)
			if strings.Contains(inv.name, "validate") || strings.Contains(inv.name, "eval") {
				assert.NotContains(t, out.String(), probe, "%s: findings repeat input", inv.name)
			}
		}
	}
}

// TestSchemas: the schema command prints each schema as the library embeds it, valid
// JSON.
func TestSchemas(t *testing.T) {
	for name, want := range map[string][]byte{"framework": thresholds.Schema(), "policy": referral.Schema()} {
		var out, errb bytes.Buffer
		require.Equal(t, exitOK, run([]string{"schema", name}, nil, &out, &errb), name)
		assert.Equal(t, string(want), out.String(), name)
		assert.True(t, json.Valid(out.Bytes()), name)
	}
}

// TestEvalStreams decides a large corpus and checks one output line per case, in order,
// and the progress lines.
func TestEvalStreams(t *testing.T) {
	var in strings.Builder
	const n = 2500
	for range n {
		in.WriteString(`{"indicators": ["HLT-2-01", "EDU-2-01", "FHF-2-01"]}` + "\n")
	}
	var out, errb bytes.Buffer
	require.Equal(t, exitOK, run([]string{"eval", "-framework", "england", "-progress", "1000"}, strings.NewReader(in.String()), &out, &errb))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, n)
	var last evalLine
	require.NoError(t, json.Unmarshal([]byte(lines[n-1]), &last))
	assert.Equal(t, n, last.Line)
	require.NotNil(t, last.Decision)
	assert.Equal(t, "intensive", last.Decision.Level.String())
	assert.Equal(t, "needs eval: 1000 cases decided, 0 not\nneeds eval: 2000 cases decided, 0 not\nneeds eval: done: 2500 cases decided, 0 not\n", errb.String())
}

func TestReplaceWord(t *testing.T) {
	tests := []struct{ s, word, want string }{
		{"code ZZ-99 is unknown", "ZZ-99", "code … is unknown"},
		{"ZZ-99", "ZZ-99", "…"},
		{"ZZ-990 stays", "ZZ-99", "ZZ-990 stays"},
		{"a ZZ-99, ZZ-99.", "ZZ-99", "a …, …."},
		{"xZZ-99", "ZZ-99", "xZZ-99"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, replaceWord(tt.s, tt.word), tt.s)
	}
}

// TestReadmeValidate: the README's validate example is what the command prints.
func TestReadmeValidate(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	const cmd = "$ go run ./examples/needs validate examples/overlay/frameworks/*.json examples/overlay/policies/*.json\n"
	_, rest, ok := strings.Cut(string(readme), cmd)
	require.True(t, ok, "the README shows validate on the overlay")
	want, _, _ := strings.Cut(rest, "\n\n")
	files, err := filepath.Glob(filepath.Join("..", "overlay", "frameworks", "*.json"))
	require.NoError(t, err)
	policies, err := filepath.Glob(filepath.Join("..", "overlay", "policies", "*.json"))
	require.NoError(t, err)
	var out, errb bytes.Buffer
	assert.Equal(t, exitOK, run(append([]string{"validate"}, append(files, policies...)...), nil, &out, &errb), errb.String())
	assert.Equal(t, want+"\n", out.String())
}

// TestEvalLongLine: a line longer than the reader takes is reported as a bad line, by
// number and without its text, and the lines after it are still decided.
func TestEvalLongLine(t *testing.T) {
	long := `{"indicators": ["` + strings.Repeat("Z", thresholds.MaxCaseLine) + `"]}`
	in := long + "\n" + `{"indicators": ["SH-01"]}` + "\n"
	var out, errb bytes.Buffer
	require.Equal(t, exitFail, run([]string{"eval", "-progress", "0"}, strings.NewReader(in), &out, &errb), errb.String())
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2)
	var first, second evalLine
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	assert.Equal(t, 1, first.Line)
	require.Len(t, first.Findings, 1)
	assert.Equal(t, thresholds.RuleLineTooLong, first.Findings[0].Rule)
	assert.Empty(t, first.Findings[0].Path, "the whole line")
	assert.NotContains(t, lines[0], "ZZZZ")
	assert.Equal(t, 2, second.Line)
	require.NotNil(t, second.Decision)

	out.Reset()
	errb.Reset()
	code := run([]string{"impact", "england", "kent", "-"}, strings.NewReader(in), &out, &errb)
	assert.NotEqual(t, exitOK, code)
	assert.Contains(t, errb.String(), "line 1 is not a case")
	assert.NotContains(t, errb.String(), "ZZZZ")
}
