package thresholdstest

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
	"github.com/rightsupport/needs/thresholds"
)

// File is a conformance-case file: language-neutral JSON any system can run. The zero
// File has no cases (LoadCases rejects such a file).
//
//	{
//	  "description": "what the cases cover",
//	  "cases": [
//	    { "name": "england/three-needs-two-sides", "reason": "rule 5: step-up",
//	      "framework": "england", "indicators": ["HLT-2-01", "EDU-2-01", "FHF-2-01"],
//	      "want": { "level": "intensive", "urgency": "routine", "rules": ["multiple-needs"] } },
//	    { "name": "england/unknown-code", "framework": "england", "indicators": ["ZZ-99"],
//	      "want": { "errors": [ { "path": "indicators[0]", "rule": "unknown-indicator" } ] } }
//	  ]
//	}
type File struct {
	Description string `json:"description"`
	Cases       []Case `json:"cases"`
}

// Case is one threshold conformance case: a framework, the observed indicator codes and
// the expected decision, or the expected findings when the case must fail. The zero Case
// has no name (LoadCases rejects it).
type Case struct {
	// Name identifies the case; unique across the files loaded together.
	Name string `json:"name"`
	// Reason says what rule or edge the case covers.
	Reason string `json:"reason,omitempty"`
	// Framework is the id of the framework to decide under.
	Framework string `json:"framework"`
	// On is the London day, YYYY-MM-DD, whose version of the framework decides the case
	// (see [RunCasesOn]); "" leaves the choice to the lookup.
	On string `json:"on,omitempty"`
	// Indicators are the observed codes.
	Indicators []continuum.Code `json:"indicators"`
	// Want is the expected result.
	Want Want `json:"want"`
}

// Want is the expected result of a case: a decision's level, urgency, the rules of its
// reasons in order and its strengths; or, when Errors is not empty, the findings of a
// failed evaluation. The zero Want expects the zero Decision, which no evaluation gives.
type Want struct {
	Level     continuum.Level           `json:"level,omitzero"`
	Urgency   continuum.Urgency         `json:"urgency,omitzero"`
	Rules     []thresholds.DecisionRule `json:"rules,omitempty"`
	Strengths []continuum.Code          `json:"strengths,omitempty"`
	// Version, when stated, is the version of the framework that must decide the case.
	Version string `json:"version,omitempty"`
	// Label, when stated, is the framework's label for the decided level.
	Label  string        `json:"label,omitempty"`
	Errors []WantFinding `json:"errors,omitempty"`
}

// WantFinding is an expected finding: its path and rule code. The zero WantFinding
// matches a finding with no path and no rule.
type WantFinding struct {
	Path string `json:"path"`
	Rule string `json:"rule"`
}

// FindingsOf returns the path and rule of every finding in err, sorted as
// continuum.Findings sorts them; an error that is not Findings gives one entry with
// rule "error".
func FindingsOf(err error) []WantFinding {
	if err == nil {
		return nil
	}
	var fs continuum.Findings
	if !errors.As(err, &fs) {
		return []WantFinding{{Rule: "error"}}
	}
	out := make([]WantFinding, 0, len(fs))
	for _, f := range fs.Sorted() {
		out = append(out, WantFinding{Path: f.Path, Rule: f.Rule})
	}
	return out
}

// Got returns what a decision or an evaluation error looks like as a [Want], so that it
// can be compared with cmp.Diff(want, Got(d, err)).
func Got(d thresholds.Decision, err error) Want {
	if err != nil {
		return Want{Errors: FindingsOf(err)}
	}
	w := Want{Level: d.Level, Urgency: d.Urgency, Strengths: d.Strengths}
	for _, r := range d.Reasons {
		w.Rules = append(w.Rules, r.Rule)
	}
	return w
}

// LoadCases reads every file of fsys matching the glob patterns (path.Match syntax, such
// as "conformance/*.json"), strictly, and returns their cases in file and document
// order. Malformed files, a file with no cases, and case names used twice are errors.
func LoadCases(fsys fs.FS, patterns ...string) ([]Case, error) {
	return Load(fsys, func(c Case) string { return c.Name }, patterns...)
}

// Load reads conformance-case files of any case type C: each file a JSON object with a
// "description" and a "cases" array of C. It is what LoadCases and the referral
// conformance loader share. name returns a case's name, which must be non-empty and
// unique across the files.
func Load[C any](fsys fs.FS, name func(C) string, patterns ...string) ([]C, error) {
	var files []string
	for _, p := range patterns {
		m, err := fs.Glob(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("thresholdstest: pattern %q: %w", p, err)
		}
		files = append(files, m...)
	}
	slices.Sort(files)
	files = slices.Compact(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("thresholdstest: no file matches %q", patterns)
	}
	var cases []C
	seen := make(map[string]string)
	for _, file := range files {
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("thresholdstest: %w", err)
		}
		var f struct {
			Description string `json:"description"`
			Cases       []C    `json:"cases"`
		}
		if fs := document.Decode(data, &f); len(fs) > 0 {
			return nil, fmt.Errorf("thresholdstest: %s: %w", file, fs.Err())
		}
		if len(f.Cases) == 0 {
			return nil, fmt.Errorf("thresholdstest: %s: no cases", file)
		}
		for _, c := range f.Cases {
			n := name(c)
			if n == "" {
				return nil, fmt.Errorf("thresholdstest: %s: a case has no name", file)
			}
			if other, dup := seen[n]; dup {
				return nil, fmt.Errorf("thresholdstest: %s: case %q is also in %s", file, n, other)
			}
			seen[n] = file
		}
		cases = append(cases, f.Cases...)
	}
	return cases, nil
}

// CheckCase decides c under fw and returns nil, or an error holding the cmp.Diff of what
// was wanted and what was got. The version and the label are compared only when the case
// states them.
func CheckCase(fw *thresholds.Framework, c Case) error {
	d, err := fw.Evaluate(thresholds.Case{Indicators: c.Indicators})
	got := Got(d, err)
	if err == nil && c.Want.Version != "" {
		got.Version = fw.Version()
	}
	if err == nil && c.Want.Label != "" {
		got.Label = fw.Label(d.Level)
	}
	if diff := cmp.Diff(c.Want, got, CmpOptions()); diff != "" {
		return fmt.Errorf("case %s (%s) under %s: mismatch (-want +got):\n%s", c.Name, c.Reason, fw, diff)
	}
	return nil
}

// RunCases runs every case against the framework framework(c.Framework) returns
// (thresholds.Builtin, or a lookup of the caller's own). It works with any testing.TB:
// with a *testing.T each case is a subtest named after it; otherwise failures are
// reported with the case's name.
func RunCases(t testing.TB, cases []Case, framework func(id string) (*thresholds.Framework, error)) {
	t.Helper()
	for _, c := range cases {
		Run(t, c.Name, func(t testing.TB) {
			t.Helper()
			fw, err := framework(c.Framework)
			if err != nil {
				t.Errorf("case %s: framework %q: %v", c.Name, c.Framework, err)
				return
			}
			if err := CheckCase(fw, c); err != nil {
				t.Error(err)
			}
		})
	}
}

// PinsVersion reports whether the case states the version or the level label it wants:
// such a case is about that builtin version itself, and a council framework that
// extends it runs only the others.
func (c Case) PinsVersion() bool { return c.Want.Version != "" || c.Want.Label != "" }

// Day returns the day a case is decided on, as midnight UTC, which falls on the same
// London day: the zero time when it states none, an error when its "on" is not a date
// as YYYY-MM-DD.
func (c Case) Day() (time.Time, error) {
	if c.On == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, c.On)
	if err != nil {
		return time.Time{}, errors.New("thresholdstest: on is not a date as YYYY-MM-DD")
	}
	return d, nil
}

// RunCasesOn runs every case against the framework framework(c.Framework, day) returns,
// day being the case's [Case.Day] (zero when it states none): pass thresholds.BuiltinOn
// wrapped to take the newest version on the zero day, or a lookup of the caller's own
// versions. It reports like [RunCases].
func RunCasesOn(t testing.TB, cases []Case, framework func(id string, on time.Time) (*thresholds.Framework, error)) {
	t.Helper()
	for _, c := range cases {
		Run(t, c.Name, func(t testing.TB) {
			t.Helper()
			day, err := c.Day()
			if err != nil {
				t.Errorf("case %s: %v", c.Name, err)
				return
			}
			fw, err := framework(c.Framework, day)
			if err != nil {
				t.Errorf("case %s: framework %q: %v", c.Name, c.Framework, err)
				return
			}
			if err := CheckCase(fw, c); err != nil {
				t.Error(err)
			}
		})
	}
}

// BuiltinOn looks a framework up among the builtin versions: the one in force on the
// day, or the newest on the zero day (a case that states no day). Pass it to
// [RunCasesOn].
func BuiltinOn(id string, on time.Time) (*thresholds.Framework, error) {
	if on.IsZero() {
		return thresholds.Builtin(id)
	}
	return thresholds.BuiltinOn(id, on)
}

// Run runs f as a subtest named name when t is a *testing.T (or anything with such a Run
// method), and directly otherwise. Conformance runners of other packages use it too.
func Run(t testing.TB, name string, f func(testing.TB)) {
	t.Helper()
	if r, ok := t.(interface {
		Run(string, func(*testing.T)) bool
	}); ok {
		r.Run(name, func(t *testing.T) { f(t) })
		return
	}
	f(t)
}
