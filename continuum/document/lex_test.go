package document

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"testing"
)

// tokens reads every token with next until an error; it reports whether the input was
// read cleanly to its end.
func tokens(next func() (json.Token, error)) ([]json.Token, bool) {
	var toks []json.Token
	depth := 0
	for range 100000 {
		tok, err := next()
		if err == io.EOF {
			// json.Decoder answers io.EOF even inside an unclosed array or object; only
			// a balanced stream was read cleanly.
			return toks, depth == 0
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '[' || d == '{' {
				depth++
			} else {
				depth--
			}
		}
		if err != nil {
			return toks, false
		}
		toks = append(toks, tok)
	}
	return toks, false
}

// reference reads data with encoding/json's Decoder, the oracle the lexer must agree with.
func reference(data []byte) ([]json.Token, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return tokens(dec.Token)
}

func lexed(data []byte) ([]json.Token, bool) {
	l := lexer{data: data}
	return tokens(l.token)
}

// agree checks the lexer against encoding/json: the same verdict on the whole input, the
// same tokens when both read it cleanly, and one token list a prefix of the other when
// both fail (the two may notice an error a token apart).
func agree(t *testing.T, data []byte) {
	t.Helper()
	want, wantOK := reference(data)
	got, gotOK := lexed(data)
	if wantOK != gotOK {
		t.Fatalf("input %q: encoding/json clean=%v, lexer clean=%v\nwant %v\ngot  %v", data, wantOK, gotOK, want, got)
	}
	n := min(len(want), len(got))
	if wantOK && len(want) != len(got) {
		t.Fatalf("input %q: %d tokens, want %d", data, len(got), len(want))
	}
	if !reflect.DeepEqual(want[:n], got[:n]) {
		t.Fatalf("input %q: tokens differ\nwant %v\ngot  %v", data, want, got)
	}
}

func TestLexerAgreesWithEncodingJSON(t *testing.T) {
	for _, in := range []string{
		``, ` `, `{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}],"c":"d"}`, `[true,false,null]`,
		`"plain"`, `"esc\"aped\\ \/ \b\f\n\r\t \u00e9 \ud83d\ude00"`, `"bad \x escape"`, "\"ctl \x01\"",
		"\"bad utf8 \xff\"", `-0`, `0.5e-3`, `1E+9`, `01`, `1.`, `-`, `1e`, `.5`, `+1`,
		`[1,]`, `{"a":1,}`, `{"a" 1}`, `{"a":}`, `{1:2}`, `[1 2]`, `{"a":1 "b":2}`, `]`, `}`,
		`{"a":[}`, `tru`, `nul`, `truex`, `1 2`, `{} {}`, `{} x`, `[`, `{"a"`, `"unterminated`,
		`"\u12"`, `"\uZZZZ"`, "[\n1\t,\r2 ]",
	} {
		agree(t, []byte(in))
	}
}

// FuzzLexer checks the lexer against encoding/json's Decoder on arbitrary input.
func FuzzLexer(f *testing.F) {
	for _, seed := range []string{
		`{"a":[1,2,{"b":null}],"c":"d"}`,  // nesting of every kind
		`"esc\"aped \u00e9 \ud83d\ude00"`, // escapes and a surrogate pair
		`[1,]`,                            // a trailing comma
		`{} {}`,                           // two top-level values
		"\"\xff\"",                        // invalid UTF-8 in a string
		`-0.5e+10`,                        // every part of a number
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, data)
	})
}

func TestLexerRawValue(t *testing.T) {
	l := lexer{data: []byte(`{"a": [1, {"b": 2}] , "c": 3}`)}
	for _, want := range []any{json.Delim('{'), "a"} {
		tok, err := l.token()
		if err != nil || tok != want {
			t.Fatalf("token = %v, %v; want %v", tok, err, want)
		}
	}
	raw, err := l.rawValue()
	if err != nil || string(raw) != `[1, {"b": 2}]` {
		t.Fatalf("rawValue = %q, %v", raw, err)
	}
	if tok, err := l.token(); err != nil || tok != "c" {
		t.Fatalf("after rawValue: %v, %v", tok, err)
	}
	l = lexer{data: []byte(`{"a": [1, `)}
	l.token()
	l.token()
	if _, err := l.rawValue(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("truncated rawValue error = %v", err)
	}
}
