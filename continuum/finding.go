package continuum

import (
	"cmp"
	"encoding"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a [Finding] blocks.
//
// The zero Severity is not valid. A Severity is a plain value, safe for concurrent use.
type Severity uint8

// The severities.
const (
	// Error blocks: the document does not parse, the case cannot be decided, the referral
	// cannot be routed.
	Error Severity = 1 + iota
	// Query does not block: a practitioner should look before going on.
	Query
)

var severityEnum = enumTokens{
	typ:    "severity",
	tokens: []string{"", "error", "query"},
	zero:   "no-severity",
	want:   "error or query",
	labels: []string{"", "Error", "Query"},
}

var (
	_ encoding.TextMarshaler   = Severity(0)
	_ encoding.TextUnmarshaler = (*Severity)(nil)
	_ encoding.TextAppender    = Severity(0)
)

// ParseSeverity parses "error" or "query", ignoring case.
func ParseSeverity(s string) (Severity, error) {
	v, err := severityEnum.parse(s)
	return Severity(v), err
}

// String returns the severity's token, "no-severity" for zero, "severity(N)" when out of
// range.
func (s Severity) String() string { return severityEnum.name(uint8(s)) }

// Label returns the severity's display label ("Query"), or "" when s is not valid.
func (s Severity) Label() string { return severityEnum.label(uint8(s)) }

// Severities returns the two severities, Error then Query.
func Severities() iter.Seq[Severity] { return valuesOf[Severity](&severityEnum) }

// IsValid reports whether s is Error or Query.
func (s Severity) IsValid() bool { return s == Error || s == Query }

// AppendText appends the severity's token; zero appends nothing.
func (s Severity) AppendText(b []byte) ([]byte, error) { return severityEnum.appendText(b, uint8(s)) }

// MarshalText returns the severity's token; zero encodes as empty text.
func (s Severity) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText parses a token as [ParseSeverity] does; empty text is the zero Severity.
func (s *Severity) UnmarshalText(text []byte) error {
	v, err := severityEnum.unmarshalText(text)
	if err == nil {
		*s = Severity(v)
	}
	return err
}

// Finding is one problem found while parsing a document, deciding a case or routing a
// referral: where it is, which rule it broke, how much it matters and why.
//
// A Finding never carries personal data: messages name fields, rules and codes, never
// values a caller supplied as free text. The zero Finding is empty; a *Finding is an
// error. Findings are not changed after they are returned, so they are safe to share.
type Finding struct {
	// Path locates the problem in the input, as a JSON path without the leading "$":
	// "indicators[12].level", "to", or "" for the whole input.
	Path string `json:"path"`
	// Rule is the stable code of the rule that was broken ("duplicate-code"). Rule codes
	// are a wire format: they are never renamed.
	Rule string `json:"rule"`
	// Severity says whether the finding blocks.
	Severity Severity `json:"severity"`
	// Err is the sentinel or underlying error, for errors.Is and errors.As; may be nil.
	Err error `json:"-"`
	// Msg explains the problem in plain English.
	Msg string `json:"message"`
}

// Error returns "path: rule: message" (the path is left out when empty, the message
// when Msg is empty and Err supplies it).
func (f *Finding) Error() string {
	var b strings.Builder
	if f.Path != "" {
		b.WriteString(f.Path)
		b.WriteString(": ")
	}
	b.WriteString(f.Rule)
	msg := f.Msg
	if msg == "" && f.Err != nil {
		msg = f.Err.Error()
	}
	if msg != "" {
		b.WriteString(": ")
		b.WriteString(msg)
	}
	if f.Severity == Query {
		b.WriteString(" (query)")
	}
	return b.String()
}

// Unwrap returns Err.
func (f *Finding) Unwrap() error { return f.Err }

// Findings is a list of findings, the error every validator in this module returns: it
// reports every problem it found, not the first. Use [Findings.Err] to turn a list into
// an error, so that an empty list is a nil error.
//
// A nil Findings is empty.
type Findings []*Finding

// Add appends a finding built from its parts and returns the list.
func (fs Findings) Add(path, rule string, sev Severity, err error, msg string) Findings {
	return append(fs, &Finding{Path: path, Rule: rule, Severity: sev, Err: err, Msg: msg})
}

// Error returns the findings in sorted order (see [Findings.Sorted]), one per line after
// a count.
func (fs Findings) Error() string {
	switch len(fs) {
	case 0:
		return "no findings"
	case 1:
		return fs[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(fs)))
	b.WriteString(" findings:")
	for _, f := range fs.Sorted() {
		b.WriteString("\n\t")
		b.WriteString(f.Error())
	}
	return b.String()
}

// Unwrap returns the findings as errors, so that errors.Is and errors.As look into
// each one.
func (fs Findings) Unwrap() []error {
	errs := make([]error, len(fs))
	for i, f := range fs {
		errs[i] = f
	}
	return errs
}

// Err returns nil when fs is empty and fs otherwise. Return fs.Err() from a function
// whose result is an error, never fs itself: a nil Findings in an error interface is not
// a nil error.
func (fs Findings) Err() error {
	if len(fs) == 0 {
		return nil
	}
	return fs
}

// Within returns copies of the findings with their paths placed under the field name
// prefix, for a validator that checks a part of a larger input: under "case", the path
// "indicators[2]" becomes "case.indicators[2]" and "" becomes "case". fs is unchanged.
func (fs Findings) Within(prefix string) Findings {
	out := make(Findings, len(fs))
	for i, f := range fs {
		g := *f
		switch {
		case g.Path == "":
			g.Path = prefix
		case g.Path[0] == '[':
			g.Path = prefix + g.Path
		default:
			g.Path = prefix + "." + g.Path
		}
		out[i] = &g
	}
	return out
}

// HasErrors reports whether any finding has Severity Error.
func (fs Findings) HasErrors() bool {
	return slices.ContainsFunc(fs, func(f *Finding) bool { return f.Severity != Query })
}

// Errors returns the findings whose Severity is not Query, in a new list.
func (fs Findings) Errors() Findings {
	return slices.DeleteFunc(slices.Clone(fs), func(f *Finding) bool { return f.Severity == Query })
}

// Queries returns the findings whose Severity is Query, in a new list.
func (fs Findings) Queries() Findings {
	return slices.DeleteFunc(slices.Clone(fs), func(f *Finding) bool { return f.Severity != Query })
}

// Rules returns the rule codes of the findings in sorted order, duplicates included.
func (fs Findings) Rules() []string {
	rules := make([]string, len(fs))
	for i, f := range fs.Sorted() {
		rules[i] = f.Rule
	}
	return rules
}

// Sorted returns a sorted copy of fs: by path (numbers within paths compared as numbers,
// so indicators[2] comes before indicators[10]), then rule, then message. The order is
// deterministic whatever order the findings were found in.
func (fs Findings) Sorted() Findings {
	s := slices.Clone(fs)
	slices.SortStableFunc(s, func(a, b *Finding) int {
		return cmp.Or(comparePaths(a.Path, b.Path), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Msg, b.Msg))
	})
	return s
}

// comparePaths compares two paths, treating runs of digits as numbers.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		if isDigit(a[0]) && isDigit(b[0]) {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			// Compare by length after stripping zeros, then lexically: numeric order.
			na, nb = strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), cmp.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// Merge returns fs followed by the findings of more whose path has no finding in fs yet.
// Validators use it to add their semantic findings to the document decoder's structural ones
// without reporting a value twice (a wrong-type level is not also a missing level).
func (fs Findings) Merge(more Findings) Findings {
	if len(fs) == 0 {
		return more
	}
	seen := make(map[string]bool, len(fs))
	for _, f := range fs {
		seen[f.Path] = true
	}
	out := slices.Clone(fs)
	for _, f := range more {
		if !seen[f.Path] {
			out = append(out, f)
		}
	}
	return out
}
