package document

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckText reports whether s is acceptable as required text of a document: not empty
// or blank (rule RuleMissingField), valid UTF-8 without control characters (tab and
// newline included: document text is one line), format characters such as zero-width
// spaces and joiners, byte-order marks, bidirectional overrides, or unassigned, private
// or surrogate code points (rule RuleInvalidText). The message names neither s nor the
// character.
func CheckText(s string) (rule, msg string) {
	if strings.TrimSpace(s) == "" {
		return RuleMissingField, "a value is required"
	}
	if !utf8.ValidString(s) {
		return RuleInvalidText, "the text is not valid UTF-8"
	}
	for _, r := range s {
		if !visible(r) {
			return RuleInvalidText, "the text holds a control, zero-width, byte-order-mark or other invisible character"
		}
	}
	return "", ""
}

// visible reports whether r may appear in document text: a graphic character or an
// ordinary space.
func visible(r rune) bool {
	switch {
	case r == ' ':
		return true
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r):
		return false // format (zero-width, BOM, bidi), private use, surrogates
	case unicode.IsControl(r):
		return false
	}
	return unicode.IsGraphic(r) && !unicode.IsSpace(r) || r == '\u00a0'
}

// validURL reports whether s is an absolute https URL with a host and no user
// information (a user name or password has no place in a published source).
func validURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || !strings.HasPrefix(s, "https://") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return false
	}
	rule, _ := CheckText(s)
	return rule == ""
}
