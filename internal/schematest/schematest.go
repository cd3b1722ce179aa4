// Package schematest compiles the module's JSON Schemas with a real validator
// (github.com/santhosh-tekuri/jsonschema/v6: draft 2020-12, Go's RE2 regexps, formats
// asserted), for the tests in thresholds and referral that check a schema agrees with
// its parser. One place holds the validator's settings, so that both schemas are judged
// alike. It is for tests only.
package schematest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Compile compiles the JSON Schema file at path (slash-separated), with format
// assertion on, so that "format": "date" is checked as the parsers check dates. It fails
// the test when the schema does not compile, for instance a look-ahead RE2 refuses.
func Compile(t testing.TB, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.FromSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatalf("the schema does not compile with RE2 regexps (no look-ahead): %v", err)
	}
	return sch
}

// Valid reports whether data is valid under sch, and the validator's reason when not. It
// fails the test when data is not JSON.
func Valid(t testing.TB, sch *jsonschema.Schema, data []byte) (bool, string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		return false, err.Error()
	}
	return true, ""
}
