package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// The library's findings say what is wrong and where; a few of their messages and paths
// name what the input held (a code, a source id, a key). This command promises never to
// repeat input text, so every finding it prints goes through a redactor built from the
// input: each string and key of the input that is not a word of the documents' own
// vocabulary (the field names and tokens of the JSON Schemas) is replaced by "…" where
// it appears as a whole word.

// redacted replaces an input string in a message or path.
const redacted = "…"

// vocabulary is every key and string of the two JSON Schemas: field names, tokens and
// patterns of the formats, which say nothing about any one input.
var vocabulary = sync.OnceValue(func() map[string]bool {
	v := make(map[string]bool)
	for _, schema := range [][]byte{thresholds.Schema(), referral.Schema()} {
		for _, s := range jsonStrings(schema) {
			v[s] = true
		}
	}
	return v
})

// jsonStrings returns the keys and string values of a JSON text, as far as it is valid.
func jsonStrings(data []byte) []string {
	dec := json.NewDecoder(bytes.NewReader(data))
	var out []string
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if s, ok := tok.(string); ok {
			out = append(out, s)
		}
	}
}

// redactor hides the strings of one input.
type redactor struct {
	secrets []string // longest first
}

// newRedactor returns the redactor of the inputs: their strings outside the
// vocabulary.
func newRedactor(inputs ...[]byte) redactor {
	var r redactor
	vocab := vocabulary()
	for _, input := range inputs {
		for _, s := range jsonStrings(input) {
			if strings.TrimSpace(s) != "" && !vocab[s] {
				r.secrets = append(r.secrets, s)
			}
		}
	}
	slices.SortFunc(r.secrets, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	r.secrets = slices.Compact(r.secrets)
	return r
}

// text returns s with every whole-word occurrence of an input string replaced.
func (r redactor) text(s string) string {
	for _, secret := range r.secrets {
		s = replaceWord(s, secret)
	}
	return s
}

// finding returns a copy of f with its path and message redacted.
func (r redactor) finding(f *continuum.Finding) *continuum.Finding {
	c := *f
	c.Path, c.Msg = r.text(f.Path), r.text(f.Msg)
	return &c
}

// findings redacts every finding of fs, sorted.
func (r redactor) findings(fs continuum.Findings) continuum.Findings {
	out := make(continuum.Findings, 0, len(fs))
	for _, f := range fs.Sorted() {
		out = append(out, r.finding(f))
	}
	return out
}

// replaceWord replaces each occurrence of word in s that is not inside a longer word.
func replaceWord(s, word string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, word)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(word)
		if wordRune(lastRune(s[:i])) || wordRune(firstRune(s[end:])) {
			b.WriteString(s[:end])
			s = s[end:]
			continue
		}
		b.WriteString(s[:i])
		b.WriteString(redacted)
		s = s[end:]
	}
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
