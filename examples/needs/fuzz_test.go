package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/rightsupport/needs/thresholds"
)

// FuzzEval feeds eval arbitrary input: it never panics, exits 0 or 1, and writes one
// valid JSON object per non-blank input line.
func FuzzEval(f *testing.F) {
	f.Add([]byte(`{"indicators": ["HLT-2-01"]}` + "\n"))              // a case
	f.Add([]byte(`{"indicators": ["ZZ-99", "SH-01"]}` + "\n\n"))      // an unknown code, a blank line
	f.Add([]byte(`{"indicators": "Sample Free Text"}`))               // a wrong type, no newline
	f.Add([]byte(`{"Sample Free Text": 1, "indicators": []}` + "\n")) // an unknown key
	f.Add([]byte("{\n}\n[1,2]\nnull\n"))                              // fragments and other values
	f.Add([]byte{0xff, '\n', '{'})                                    // not UTF-8, truncated
	f.Fuzz(func(t *testing.T, data []byte) {
		var out, errb bytes.Buffer
		code := run([]string{"eval", "-framework", "kent", "-progress", "0"}, bytes.NewReader(data), &out, &errb)
		if code != exitOK && code != exitFail {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		want := 0
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 2*thresholds.MaxCaseLine)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) > 0 {
				want++
			}
		}
		got := 0
		lines := bufio.NewScanner(&out)
		lines.Buffer(nil, 8*thresholds.MaxCaseLine)
		for lines.Scan() {
			got++
			if !json.Valid(lines.Bytes()) {
				t.Fatalf("line %d of the output is not JSON", got)
			}
		}
		if got != want {
			t.Fatalf("%d output lines for %d cases", got, want)
		}
	})
}
