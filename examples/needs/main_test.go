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
		{"validate", "a broken and a valid framework: every finding, status 1", []string{"validate", "testdata/broken.json", "testdata/testshire.json"}, ""},
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
		{"impact", "England's Working Together 2023 version (the one testshire extends) to the synthetic testshire over the corpus, as the README shows it",
			[]string{"impact", "england@1.0.0", "testdata/testshire.json", "testdata/cases.jsonl"}, ""},
		{"impact-json", "the same as JSON", []string{"impact", "-json", "england@1.0.0", "testdata/testshire.json", "testdata/cases.jsonl"}, ""},
		{"impact-args", "impact needs three arguments", []string{"impact", "england"}, ""},
		{"impact-england-2023-2026", "England's Working Together 2023 version to its 2026 version over the corpus",
			[]string{"impact", "england@1.0.0", "england@2.0.0", "testdata/cases.jsonl"}, ""},
		{"impact-unknown-version", "a version no builtin has is not repeated", []string{"impact", "england@9.9.9", "england", "testdata/cases.jsonl"}, ""},
		{"graph", "the england policy as Mermaid", []string{"graph", "england"}, ""},
		{"graph-dot", "the kent policy as DOT", []string{"graph", "-format", "dot", "kent"}, ""},
		{"graph-pinned", "the england policy of Working Together 2023, pinned by version", []string{"graph", "england@1.0.0"}, ""},
		{"graph-unknown-version", "a policy version no builtin has is not repeated", []string{"graph", "england@9.9.9"}, ""},
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

// readmeAfter returns the text of the repository's README after the command line
// "$ go run ./examples/needs cmd".
func readmeAfter(t *testing.T, cmd string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	_, rest, ok := strings.Cut(string(readme), "$ go run ./examples/needs "+cmd+"\n")
	require.True(t, ok, "the README shows needs %s", cmd)
	return rest
}

// TestReadmeValidate: the README's validate example is what the command prints.
func TestReadmeValidate(t *testing.T) {
	want, _, _ := strings.Cut(readmeAfter(t, "validate examples/overlay/frameworks/*.json examples/overlay/policies/*.json"), "\n\n")
	files, err := filepath.Glob(filepath.Join("..", "overlay", "frameworks", "*.json"))
	require.NoError(t, err)
	policies, err := filepath.Glob(filepath.Join("..", "overlay", "policies", "*.json"))
	require.NoError(t, err)
	var out, errb bytes.Buffer
	assert.Equal(t, exitOK, run(append([]string{"validate"}, append(files, policies...)...), nil, &out, &errb), errb.String())
	assert.Equal(t, want+"\n", out.String())
}

// TestReadmeImpact: the README's impact example is how the command's report begins, to
// the line of "…" that shortens the rest.
func TestReadmeImpact(t *testing.T) {
	want, _, ok := strings.Cut(readmeAfter(t, "impact england@1.0.0 examples/needs/testdata/testshire.json examples/needs/testdata/cases.jsonl"), "…\n```")
	require.True(t, ok, "the README shortens the report with a line of …")
	require.NotEmpty(t, want)
	var out, errb bytes.Buffer
	require.Equal(t, exitOK, run([]string{"impact", "england@1.0.0", "testdata/testshire.json", "testdata/cases.jsonl"}, nil, &out, &errb), errb.String())
	got := out.String()[:min(len(want), out.Len())]
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the README's impact report is not how the command's begins (-want +got):\n%s", diff)
	}
}

// TestPinnedBuiltins: id@version names that builtin version, of a policy as of a
// framework, and a version no builtin has is an error.
func TestPinnedBuiltins(t *testing.T) {
	n, ids := 0, make(map[string]bool)
	for p := range referral.BuiltinPolicyVersions() {
		n++
		ids[p.ID()] = true
		ref := p.ID() + "@" + p.Version()
		got, err := loadPolicy("POLICY", ref, nil)
		require.NoError(t, err, ref)
		assert.Same(t, p, got, ref)
		var out, errb bytes.Buffer
		require.Equal(t, exitOK, run([]string{"graph", ref}, nil, &out, &errb), errb.String())
		assert.Equal(t, p.Mermaid(), out.String(), ref)
	}
	require.Less(t, len(ids), n, "some builtin policy has more than one version")
	for fw := range thresholds.BuiltinVersions() {
		ref := fw.ID() + "@" + fw.Version()
		got, err := loadFramework("-framework", ref, nil)
		require.NoError(t, err, ref)
		assert.Same(t, fw, got, ref)
	}
	for _, ref := range []string{"england@9.9.9", "england@", "@1.0.0", "england@1.0.0@1.0.0"} {
		_, err := loadPolicy("POLICY", ref, nil)
		assert.Error(t, err, ref)
		_, err = loadFramework("-framework", ref, nil)
		assert.Error(t, err, ref)
	}
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
