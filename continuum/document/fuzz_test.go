package document_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

// knownRules are the rule codes Decode may report.
var knownRules = []string{
	document.RuleJSONSyntax, document.RuleDuplicateKey, document.RuleUnknownField,
	document.RuleWrongType, document.RuleInvalidValue, document.RuleTrailingData,
	document.RuleTooDeep, document.RuleEmptyDocument, document.RuleNonCanonical,
	continuum.RuleTooManyFindings,
}

func FuzzDecode(f *testing.F) {
	// A document using every field, in canonical tokens: it decodes without findings, so
	// the comparison with encoding/json and the round trip below run on it.
	f.Add([]byte(`{"$schema":"s","name":"n","count":-1,"small":127,"enabled":true,"levels":["universal","intensive",""],` +
		`"codes":{"k":"HLT-2-01","":""},"a":{"level":"additional","note":"x"},"dimension":"HSG","items":[{"code":"EM-01","level":"specialist"}]}`))
	// The same document in tokens that parse but are not canonical: non-canonical findings.
	f.Add([]byte(`{"$schema":"s","name":"n","count":-1,"small":127,"enabled":true,"levels":["1","Intensive",""],` +
		`"codes":{"k":"HLT-2-01","":""},"a":{"level":"additional","note":"x"},"dimension":"hsg","items":[{"code":"EM-01","level":"4"}]}`))
	f.Add([]byte(`{}`))                                             // the smallest valid document
	f.Add([]byte(`{"a":{"b":1}}`))                                  // an unknown nested field
	f.Add([]byte(`{"items":[{},{},{},{"code":"AB","code":"CD"}]}`)) // a duplicate key in an element
	f.Add([]byte(`{"count":"3"}`))                                  // wrong type
	f.Add([]byte(`{"levels":["Sample Free Text"]}`))                // a bad token
	f.Add([]byte(`{}{}`))                                           // trailing data
	f.Add([]byte(`{} x`))                                           // trailing garbage
	f.Add([]byte(`{"name":}`))                                      // a syntax error
	f.Add([]byte(``))                                               // empty
	f.Add([]byte(`{"count":null}`))                                 // null for a non-pointer
	f.Add([]byte(`{"a":null}`))                                     // null for a pointer
	f.Add([]byte(`{"small":128}`))                                  // int8 overflow
	f.Add([]byte(`{"Sample Free Text":1}`))                         // a key that is not a plain name
	f.Add([]byte(deep("[", "]", 100)))                              // deep nesting
	f.Add([]byte(`{"x":` + deep(`{"x":`, `}`, 70) + `1}`))          // deep nesting in a skipped value
	f.Add([]byte(`{"name":"\ud800\u00e9\xff"}`))                    // a lone surrogate, an escape, invalid UTF-8
	f.Add([]byte(`{"n\u0061me":"x","name":"y"}`))                   // a duplicate spelled with an escape
	f.Fuzz(func(t *testing.T, data []byte) {
		var got testDoc
		fs := document.Decode(data, &got)
		for _, fd := range fs {
			if !slices.Contains(knownRules, fd.Rule) {
				t.Fatalf("unknown rule %q in %v", fd.Rule, fd)
			}
			if fd.Severity != continuum.Error || fd.Msg == "" {
				t.Fatalf("finding %v: severity %v, message %q", fd, fd.Severity, fd.Msg)
			}
			if len(fd.Msg) > 200 {
				// Messages hold no input, so they stay short whatever the input.
				t.Fatalf("finding message is %d bytes: %q", len(fd.Msg), fd.Msg)
			}
		}
		if len(fs) > 0 {
			if fs.Err() == nil {
				t.Fatal("findings but a nil Err")
			}
			return
		}
		if fs.Err() != nil {
			t.Fatal("no findings but a non-nil Err")
		}

		// What decodes strictly decodes the same with encoding/json, which is laxer.
		var lax testDoc
		if err := json.Unmarshal(data, &lax); err != nil {
			t.Fatalf("Decode accepted %q, json.Unmarshal did not: %v", data, err)
		}
		if diff := cmp.Diff(lax, got, docCmp...); diff != "" {
			t.Fatalf("Decode and json.Unmarshal disagree on %q (-json +Decode):\n%s", data, diff)
		}

		// Re-encoding and decoding again gives an equal value.
		b, err := json.Marshal(got)
		if err != nil {
			t.Fatalf("json.Marshal(%+v): %v", got, err)
		}
		var again testDoc
		if fs := document.Decode(b, &again); len(fs) > 0 {
			t.Fatalf("re-encoded %q does not decode: %v", b, fs)
		}
		if diff := cmp.Diff(got, again, docCmp...); diff != "" {
			t.Fatalf("round trip through %q (-first +second):\n%s", b, diff)
		}
	})
}
