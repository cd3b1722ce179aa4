package continuum_test

import (
	"bytes"
	"encoding"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rightsupport/needs/continuum"
)

// The properties every fuzz target checks, netip style:
//  1. nothing panics;
//  2. on success the value is valid (or the zero value, for empty text), and its
//     String/MarshalText parses back to a value == to it;
//  3. on failure the result is the zero value (or the target is unchanged), the error
//     wraps the type's sentinel, and its text does not repeat the input.

// enumValue is an enum type: a comparable value with a token.
type enumValue interface {
	comparable
	IsValid() bool
	String() string
	encoding.TextMarshaler
}

// checkEnumParse checks a Parse function on input s. numeric allows the single-digit
// spellings ParseLevel accepts.
func checkEnumParse[T enumValue](t *testing.T, s string, parse func(string) (T, error), numeric bool) {
	t.Helper()
	var zero T
	v, err := parse(s)
	if err != nil {
		if !errors.Is(err, continuum.ErrUnknownToken) {
			t.Fatalf("Parse(%q): error %v does not wrap ErrUnknownToken", s, err)
		}
		if v != zero {
			t.Fatalf("Parse(%q) failed but returned %v, not the zero value", s, v)
		}
		// The error text is the same for every bad input, so it cannot repeat any.
		_, ref := parse("\x00")
		if err.Error() != ref.Error() {
			t.Fatalf("Parse(%q): error text %q depends on the input (reference %q)", s, err, ref)
		}
		return
	}
	if !v.IsValid() {
		t.Fatalf("Parse(%q) = %v, which is not valid", s, v)
	}
	if !strings.EqualFold(s, v.String()) && !(numeric && len(s) == 1 && '1' <= s[0] && s[0] <= '9') {
		t.Fatalf("Parse(%q) = %v: the input is not the token, ignoring case", s, v)
	}
	back, err := parse(v.String())
	if err != nil || back != v {
		t.Fatalf("Parse(%q) = %v, but Parse(String()) = %v, %v", s, v, back, err)
	}
	text, err := v.MarshalText()
	if err != nil || string(text) != v.String() {
		t.Fatalf("%v: MarshalText = %q, %v; want String()", v, text, err)
	}
}

// checkUnmarshal checks UnmarshalText on text: valid reports whether a decoded value is
// valid, parse (if not nil) is the type's Parse, which UnmarshalText must agree with on
// non-empty text.
func checkUnmarshal[T interface {
	comparable
	encoding.TextMarshaler
}, P textPtr[T]](t *testing.T, text []byte, sentinel error, valid func(T) bool, parse func(string) (T, error)) {
	t.Helper()
	var zero T
	var v T
	err := P(&v).UnmarshalText(text)
	if parse != nil && len(text) > 0 {
		pv, perr := parse(string(text))
		if (perr == nil) != (err == nil) || pv != v {
			t.Fatalf("UnmarshalText(%q) = %v, %v; Parse = %v, %v: they disagree", text, v, err, pv, perr)
		}
	}
	if err != nil {
		if !errors.Is(err, sentinel) {
			t.Fatalf("UnmarshalText(%q): error %v does not wrap %v", text, err, sentinel)
		}
		if v != zero {
			t.Fatalf("UnmarshalText(%q) failed but changed the value to %v", text, v)
		}
		if sentinel == continuum.ErrUnknownToken {
			// Token errors have one text per type, so they cannot repeat the input.
			// (Code's syntax errors are checked against their templates in checkCode.)
			var ref T
			if rerr := P(&ref).UnmarshalText([]byte("\x00")); rerr == nil || rerr.Error() != err.Error() {
				t.Fatalf("UnmarshalText(%q): error text %q depends on the input (reference %v)", text, err, rerr)
			}
		}
		return
	}
	if len(text) == 0 {
		if v != zero {
			t.Fatalf("UnmarshalText(\"\") = %v, not the zero value", v)
		}
	} else if !valid(v) {
		t.Fatalf("UnmarshalText(%q) = %v, which is not valid", text, v)
	}
	m, err := v.MarshalText()
	if err != nil {
		t.Fatalf("UnmarshalText(%q) = %v, which does not encode: %v", text, v, err)
	}
	var back T
	if err := P(&back).UnmarshalText(m); err != nil || back != v {
		t.Fatalf("UnmarshalText(%q) = %v; MarshalText = %q decodes to %v, %v", text, v, m, back, err)
	}
	m2, err := back.MarshalText()
	if err != nil || !bytes.Equal(m, m2) {
		t.Fatalf("MarshalText is not stable: %q then %q, %v", m, m2, err)
	}
}

func isValid[T interface{ IsValid() bool }](v T) bool { return v.IsValid() }

func FuzzParseLevel(f *testing.F) {
	f.Add("intensive")        // a canonical token
	f.Add("SPECIALIST")       // case is ignored
	f.Add("1")                // the numeric form, lowest
	f.Add("4")                // the numeric form, highest
	f.Add("0")                // just below the numbers
	f.Add("5")                // just above the numbers
	f.Add("")                 // empty: an error for Parse
	f.Add(" universal")       // white space is not trimmed
	f.Add("not-assessed")     // the zero Level's String
	f.Add("level(9)")         // an out-of-range String
	f.Add("\u017fpecialist")  // Unicode case folding (long s)
	f.Add("\xff")             // invalid UTF-8
	f.Add("Sample Free Text") // free text a caller passed by mistake
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseLevel, true)
	})
}

func FuzzParseUrgency(f *testing.F) {
	f.Add("routine")     // canonical
	f.Add("Same-Day")    // mixed case with a hyphen
	f.Add("same day")    // the hyphen is part of the token
	f.Add("immediate")   // canonical, highest
	f.Add("1")           // urgencies have no numbers
	f.Add("")            // empty
	f.Add("not-decided") // the zero value's String
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseUrgency, false)
	})
}

func FuzzParseKind(f *testing.F) {
	f.Add("need")             // canonical, shortest
	f.Add("SIGNIFICANT-HARM") // upper case with a hyphen
	f.Add("immediate-danger") // canonical, a trigger
	f.Add("strengths")        // a near miss
	f.Add("")                 // empty
	f.Add("kind(5)")          // an out-of-range String
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseKind, false)
	})
}

func FuzzParseDimension(f *testing.F) {
	f.Add("HLT")          // first dimension
	f.Add("com")          // last dimension, lower case
	f.Add("Scs")          // mixed case
	f.Add("\u017fCS")     // Unicode case folding of S
	f.Add("HL")           // a prefix
	f.Add("HLTX")         // one too many letters
	f.Add("CDN")          // a domain code, not a dimension
	f.Add("")             // empty
	f.Add("no-dimension") // the zero value's String
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseDimension, false)
	})
}

func FuzzParseDomain(f *testing.F) {
	f.Add("CDN") // canonical
	f.Add("fef") // lower case
	f.Add("HLT") // a dimension code, not a domain
	f.Add("")    // empty
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseDomain, false)
	})
}

func FuzzParseSeverity(f *testing.F) {
	f.Add("error")   // canonical
	f.Add("QUERY")   // upper case
	f.Add("warning") // not a severity here
	f.Add("")        // empty
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseSeverity, false)
	})
}

func FuzzParseAgeBand(f *testing.F) {
	f.Add("unborn")  // the only word token
	f.Add("0-1")     // digits and a hyphen
	f.Add("18-25")   // last band
	f.Add("5 - 11")  // spaces inside a token
	f.Add("0-1,1-4") // a set is not a band
	f.Add("")        // empty
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseAgeBand, false)
	})
}

func FuzzParseCINFactor(f *testing.F) {
	f.Add("1A")  // first code
	f.Add("24a") // last code, lower case
	f.Add("20")  // a code without a letter
	f.Add("18A") // a legacy code
	f.Add("8A")  // a pre-2018 code
	f.Add("")    // empty
	f.Fuzz(func(t *testing.T, s string) {
		checkEnumParse(t, s, continuum.ParseCINFactor, false)
	})
}

// codeErrorTemplates are ParseCode's error texts with every number replaced by N: the
// only texts a syntax error may have, so none can repeat the input.
var codeErrorTemplates = []string{
	"continuum: code: syntax error: length N, want N to N characters",
	"continuum: code: syntax error: must start with an upper-case letter",
	"continuum: code: syntax error: two hyphens together at position N",
	"continuum: code: syntax error: must not end with a hyphen",
	"continuum: code: syntax error: character at position N is not an upper-case letter, digit or hyphen",
}

var digitRun = regexp.MustCompile(`[0-9]+`)

func checkCode(t *testing.T, s string) {
	t.Helper()
	c, err := continuum.ParseCode(s)
	if want := validCodeOracle(s); (err == nil) != want {
		t.Fatalf("ParseCode(%q): err = %v, but the grammar says valid = %v", s, err, want)
	}
	if err != nil {
		if !errors.Is(err, continuum.ErrSyntax) {
			t.Fatalf("ParseCode(%q): error %v does not wrap ErrSyntax", s, err)
		}
		if c != (continuum.Code{}) {
			t.Fatalf("ParseCode(%q) failed but returned %v", s, c)
		}
		if msg := digitRun.ReplaceAllString(err.Error(), "N"); !slices.Contains(codeErrorTemplates, msg) {
			t.Fatalf("ParseCode(%q): unexpected error text %q", s, err)
		}
		return
	}
	if !c.IsValid() || c.String() != s {
		t.Fatalf("ParseCode(%q) = %q, valid %v", s, c, c.IsValid())
	}
	back, err := continuum.ParseCode(c.String())
	if err != nil || back != c {
		t.Fatalf("ParseCode(%q): String does not parse back: %v, %v", s, back, err)
	}
	if c.Compare(back) != 0 {
		t.Fatalf("ParseCode(%q): Compare with itself is not 0", s)
	}
}

func FuzzParseCode(f *testing.F) {
	f.Add("HLT-2-01")                  // a need code
	f.Add("SH-02")                     // a significant-harm trigger
	f.Add("EM-01")                     // an immediate-danger trigger
	f.Add("KENT-EDU-2-01")             // a local addition
	f.Add("AB")                        // shortest
	f.Add(strings.Repeat("A", 24))     // longest
	f.Add(strings.Repeat("A", 25))     // one too long
	f.Add("A")                         // one too short
	f.Add("")                          // empty
	f.Add("hlt-2-01")                  // lower case
	f.Add("1ABC")                      // digit first
	f.Add("-AB")                       // hyphen first
	f.Add("AB-")                       // hyphen last
	f.Add("A--B")                      // double hyphen
	f.Add("A B")                       // a space
	f.Add("AB_1")                      // an underscore
	f.Add("\u00c5B")                   // non-ASCII first
	f.Add("A\xff")                     // invalid UTF-8
	f.Add("ABCDEFGHIJ-KLMNOPQRS-1234") // 25 with hyphens
	f.Fuzz(checkCode)
}

func FuzzLevelUnmarshalText(f *testing.F) {
	f.Add([]byte("specialist")) // canonical
	f.Add([]byte("3"))          // numeric
	f.Add([]byte(""))           // empty: the zero Level
	f.Add([]byte("0"))          // zero is not a level
	f.Add([]byte("Universal ")) // trailing space
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Level], continuum.ParseLevel)
	})
}

func FuzzUrgencyUnmarshalText(f *testing.F) {
	f.Add([]byte("same-day"))  // canonical with a hyphen
	f.Add([]byte("IMMEDIATE")) // upper case
	f.Add([]byte(""))          // empty: the zero Urgency
	f.Add([]byte("urgent"))    // a near miss
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Urgency], continuum.ParseUrgency)
	})
}

func FuzzDomainUnmarshalText(f *testing.F) {
	f.Add([]byte("PAR")) // canonical
	f.Add([]byte("cdn")) // lower case
	f.Add([]byte(""))    // empty: the zero Domain
	f.Add([]byte("ABC")) // unknown
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Domain], continuum.ParseDomain)
	})
}

func FuzzDimensionUnmarshalText(f *testing.F) {
	f.Add([]byte("HSG"))           // canonical
	f.Add([]byte("ebd"))           // lower case
	f.Add([]byte(""))              // empty: the zero Dimension
	f.Add([]byte("\u017fOC"))      // Unicode folding
	f.Add([]byte("dimension(21)")) // an out-of-range String
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Dimension], continuum.ParseDimension)
	})
}

func FuzzKindUnmarshalText(f *testing.F) {
	f.Add([]byte("strength"))         // canonical
	f.Add([]byte("Immediate-Danger")) // mixed case
	f.Add([]byte(""))                 // empty: the zero Kind
	f.Add([]byte("harm"))             // a near miss
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Kind], continuum.ParseKind)
	})
}

func FuzzSeverityUnmarshalText(f *testing.F) {
	f.Add([]byte("query")) // canonical
	f.Add([]byte("Error")) // mixed case
	f.Add([]byte(""))      // empty: the zero Severity
	f.Add([]byte("fatal")) // not a severity
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.Severity], continuum.ParseSeverity)
	})
}

func FuzzAgeBandUnmarshalText(f *testing.F) {
	f.Add([]byte("12-17"))   // canonical
	f.Add([]byte("UNBORN"))  // upper case
	f.Add([]byte(""))        // empty: the zero AgeBand
	f.Add([]byte("0-1,1-4")) // a set is not a band
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.AgeBand], continuum.ParseAgeBand)
	})
}

func FuzzCINFactorUnmarshalText(f *testing.F) {
	f.Add([]byte("16A")) // canonical
	f.Add([]byte("9a"))  // lower case
	f.Add([]byte("21"))  // no letter
	f.Add([]byte(""))    // empty: the zero CINFactor
	f.Add([]byte("19A")) // legacy
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrUnknownToken, isValid[continuum.CINFactor], continuum.ParseCINFactor)
	})
}

func FuzzCodeUnmarshalText(f *testing.F) {
	f.Add([]byte("HLT-2-01")) // valid
	f.Add([]byte(""))         // empty: the zero Code
	f.Add([]byte("hlt-2-01")) // lower case
	f.Add([]byte("A--B"))     // double hyphen
	f.Fuzz(func(t *testing.T, text []byte) {
		checkUnmarshal(t, text, continuum.ErrSyntax, isValid[continuum.Code], nil)
		if len(text) > 0 {
			checkCode(t, string(text)) // UnmarshalText is ParseCode on non-empty text
			var c continuum.Code
			err := c.UnmarshalText(text)
			if (err == nil) != validCodeOracle(string(text)) {
				t.Fatalf("UnmarshalText(%q) = %v disagrees with the grammar", text, err)
			}
		}
	})
}

// setOracle parses a comma-separated list the obvious way with the single-value parser:
// ok is false when any item (trimmed of white space) does not parse.
func setOracle[T comparable](text string, parse func(string) (T, error)) (items []T, ok bool) {
	for _, item := range strings.Split(text, ",") {
		v, err := parse(strings.TrimSpace(item))
		if err != nil {
			return nil, false
		}
		items = append(items, v)
	}
	return items, true
}

func FuzzAgeBandsUnmarshalText(f *testing.F) {
	f.Add([]byte("0-1,1-4"))       // canonical, two bands
	f.Add([]byte("1-4, 0-1"))      // out of order, a space
	f.Add([]byte("unborn,unborn")) // a repeat
	f.Add([]byte(""))              // empty: every age
	f.Add([]byte(","))             // empty items
	f.Add([]byte("0-1,"))          // a trailing comma
	f.Add([]byte("every age"))     // String of the empty set
	f.Fuzz(func(t *testing.T, text []byte) {
		valid := func(s continuum.AgeBands) bool { _, err := s.MarshalText(); return err == nil }
		checkUnmarshal[continuum.AgeBands](t, text, continuum.ErrUnknownToken, valid, nil)
		if len(text) == 0 {
			return
		}
		var got continuum.AgeBands
		err := got.UnmarshalText(text)
		items, ok := setOracle(string(text), continuum.ParseAgeBand)
		if ok != (err == nil) {
			t.Fatalf("UnmarshalText(%q): err = %v, but the oracle says ok = %v", text, err, ok)
		}
		if ok && got != continuum.NewAgeBands(items...) {
			t.Fatalf("UnmarshalText(%q) = %v, want %v", text, got, continuum.NewAgeBands(items...))
		}
	})
}

func FuzzCINFactorsUnmarshalText(f *testing.F) {
	f.Add([]byte("1A,24A"))   // canonical, first and last
	f.Add([]byte("16a, 17a")) // lower case, a space
	f.Add([]byte("20,21,20")) // codes without letters, a repeat
	f.Add([]byte(""))         // empty: the empty set
	f.Add([]byte("16A,18A"))  // a legacy code in the list
	f.Add([]byte("16A,,17A")) // an empty item
	f.Fuzz(func(t *testing.T, text []byte) {
		valid := func(s continuum.CINFactors) bool { _, err := s.MarshalText(); return err == nil }
		checkUnmarshal[continuum.CINFactors](t, text, continuum.ErrUnknownToken, valid, nil)
		if len(text) == 0 {
			return
		}
		var got continuum.CINFactors
		err := got.UnmarshalText(text)
		items, ok := setOracle(string(text), continuum.ParseCINFactor)
		if ok != (err == nil) {
			t.Fatalf("UnmarshalText(%q): err = %v, but the oracle says ok = %v", text, err, ok)
		}
		if ok && got != continuum.NewCINFactors(items...) {
			t.Fatalf("UnmarshalText(%q) = %v, want %v", text, got, continuum.NewCINFactors(items...))
		}
	})
}
