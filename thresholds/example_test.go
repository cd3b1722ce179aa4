package thresholds_test

import (
	"errors"
	"fmt"
	"log"
	"slices"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// Three additional needs over two sides of the assessment triangle (child's
// development and parenting capacity) step the child up to Kent's Level 3.
func ExampleFramework_Evaluate() {
	kent, err := thresholds.Builtin("kent")
	if err != nil {
		log.Fatal(err)
	}
	d, err := kent.Evaluate(thresholds.Case{Indicators: []continuum.Code{
		continuum.MustParseCode("KENT-HLT-2-01"), // child's development: health
		continuum.MustParseCode("KENT-EBD-2-01"), // child's development: behaviour
		continuum.MustParseCode("BCA-2-01"),      // parenting capacity: basic care
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("level:", d.Level)
	fmt.Println("label:", d.Label)
	fmt.Println("urgency:", d.Urgency)
	fmt.Println("rule:", d.Rule())
	fmt.Println("indicators:", d.Reasons[0].Indicators)
	// Output:
	// level: intensive
	// label: Intensive Support - Level 3
	// urgency: routine
	// rule: multiple-needs
	// indicators: [BCA-2-01 KENT-EBD-2-01 KENT-HLT-2-01]
}

func ExampleFramework_Explain() {
	fw := thresholds.Default()
	d, err := fw.Evaluate(thresholds.Case{Indicators: []continuum.Code{continuum.MustParseCode("SH-09")}})
	if err != nil {
		log.Fatal(err)
	}
	text, err := fw.Explain(d)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(text)
	// Output:
	// Suggested level: Multi-agency child protection (section 47). There is reasonable cause to suspect significant harm, so the level is Multi-agency child protection (section 47). Observed: A child has been abandoned or left without any carer [SH-09]. Urgency: same day. Refer to children's social care today. Note on the label: Label chosen by this project from the Families First programme's terms; each council publishes its own in a refreshed threshold document. The 2023 indicators were not re-levelled, so a few specialist needs now met by Family Help under section 17 (such as a severe disability) still decide this level. This suggestion supports professional judgement; it is not a checklist and does not replace the practitioner's assessment. (england framework, version 2.0.0.)
}

// A local framework extends the England base and states only what differs: here it
// relabels one level and removes one indicator. A document with mistakes is reported
// in full, every finding with a path and a rule code.
func ExampleParse() {
	fw, err := thresholds.Parse([]byte(`{
		"id": "example-council",
		"title": "Example council thresholds",
		"publisher": "Example council",
		"version": "2.1.0",
		"effectiveFrom": "2026-04-01",
		"extends": "england@1.0.0",
		"levels": {"intensive": {"label": "Targeted Family Support - Level 3"}},
		"remove": ["EDU-1-01"]
	}`))
	if err != nil {
		log.Fatal(err)
	}
	_, kept := fw.Indicator(continuum.MustParseCode("EDU-1-01"))
	fmt.Println(fw, "extends", fw.Extends())
	fmt.Println("intensive:", fw.Label(continuum.Intensive))
	fmt.Println("additional:", fw.Label(continuum.Additional))
	fmt.Println("EDU-1-01 kept:", kept)
	fmt.Println("indicators:", fw.Len(), "of", thresholds.Default().Len())

	_, err = thresholds.Parse([]byte(`{
		"id": "example-council",
		"title": "Example council thresholds",
		"publisher": "Example council",
		"version": "2.1.1",
		"effectiveFrom": "1 April 2026",
		"extends": "england@1.0.0",
		"remove": ["EDU-1-99"]
	}`))
	var findings continuum.Findings
	if errors.As(err, &findings) {
		for _, f := range findings.Sorted() {
			fmt.Printf("%s: %s\n", f.Path, f.Rule)
		}
	}
	// Output:
	// example-council 2.1.0 extends england
	// intensive: Targeted Family Support - Level 3
	// additional: Additional
	// EDU-1-01 kept: false
	// indicators: 111 of 112
	// effectiveFrom: invalid-date
	// remove[0]: remove-unknown
}

func ExampleBuiltin() {
	for fw := range thresholds.Builtins() {
		fmt.Printf("%s %s: %s\n", fw.ID(), fw.Version(), fw.Label(continuum.Intensive))
	}
	_, err := thresholds.Builtin("atlantis")
	fmt.Println(errors.Is(err, thresholds.ErrUnknownFramework))
	// Output:
	// england 2.0.0: Family Help (section 17)
	// kent 1.0.0: Intensive Support - Level 3
	// durham 1.0.0: Child in Need: more complex cases - Level 3 Amber
	// true
}

// A safeguarding lead compares two frameworks over a corpus of cases before adopting a
// change: here Kent's framework against the England base it extends.
func ExampleCompareFrameworks() {
	england, kent := thresholds.Default(), must(thresholds.Builtin("kent"))
	code := continuum.MustParseCode
	corpus := []thresholds.Case{
		{Indicators: []continuum.Code{code("EDU-2-01")}},                             // the same need under both
		{Indicators: []continuum.Code{code("HLT-4-03")}},                             // Kent rewords it, same level
		{Indicators: []continuum.Code{code("KENT-HLT-2-01"), code("KENT-EBD-2-01")}}, // Kent-only codes
	}
	im := thresholds.CompareFrameworks(england, kent, slices.Values(corpus))
	fmt.Println("cases:", im.Cases, "up:", im.Up, "down:", im.Down, "undecidable:", im.Undecidable)
	for _, c := range im.Changes {
		fmt.Println("case", c.Index, "before error:", c.BeforeErr != nil, "after:", c.After.Level)
	}
	// Output:
	// cases: 3 up: 0 down: 0 undecidable: 1
	// case 2 before error: true after: additional
}

// Resolve a case once and Decide it without allocating, for example to score many cases
// or to compare versions; Outcome.Decision expands the result when reasons are needed.
func ExampleFramework_Decide() {
	fw := thresholds.Default()
	r, err := fw.Resolve(thresholds.Case{Indicators: []continuum.Code{
		continuum.MustParseCode("EDU-2-01"), continuum.MustParseCode("SH-01"),
	}})
	if err != nil {
		log.Fatal(err)
	}
	o, err := fw.Decide(r)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(o.Level, o.Urgency, o.Rule)
	d := o.Decision()
	fmt.Println(len(d.Reasons), "reasons; the first cites", len(d.Reasons[0].Citations) > 0)
	// Output:
	// specialist same-day significant-harm
	// 2 reasons; the first cites true
}

func must[T any](v T, err error) T {
	if err != nil {
		log.Fatal(err)
	}
	return v
}

// A district builds on its county, which builds on the England base: ParseAll parses the
// set in one call, resolving "extends" among the documents first and then the builtins.
func ExampleParseOptions_ParseAll() {
	county := []byte(`{
		"id": "example-county", "title": "Example county thresholds", "publisher": "Example county",
		"version": "1.0.0", "effectiveFrom": "2026-04-01", "extends": "england@1.0.0",
		"levels": {"additional": {"label": "Early Help - Level 2"}}
	}`)
	district := []byte(`{
		"id": "example-district", "title": "Example district thresholds", "publisher": "Example district",
		"version": "1.0.0", "effectiveFrom": "2026-09-01", "extends": "example-county@1.0.0",
		"levels": {"universal": {"label": "Everyday Help - Level 1"}}
	}`)
	loop := []byte(`{
		"id": "example-loop", "title": "A document that extends itself", "publisher": "Example",
		"version": "1.0.0", "effectiveFrom": "2026-09-01", "extends": "example-loop@1.0.0"
	}`)
	fws, errs := thresholds.ParseOptions{}.ParseAll(district, county, loop)
	d := fws[0]
	fmt.Println(d, "extends", d.Base())
	fmt.Println("derives from england:", d.DerivesFrom("england"))
	fmt.Println("universal:", d.Label(continuum.Universal))
	fmt.Println("additional:", d.Label(continuum.Additional))
	fmt.Println("in force from:", d.EffectiveFrom().Format(time.DateOnly))
	fmt.Println(errs[2])
	// Output:
	// example-district 1.0.0 extends example-county@1.0.0
	// derives from england: true
	// universal: Everyday Help - Level 1
	// additional: Early Help - Level 2
	// in force from: 2026-09-01
	// extends: extends-cycle: a framework cannot extend itself
}
