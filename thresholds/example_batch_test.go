package thresholds_test

import (
	"fmt"
	"strings"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

// One buffer decides case after case without allocating; a decision to keep is cloned.
func ExampleFramework_EvaluateInto() {
	fw := thresholds.Default()
	var buf thresholds.DecisionBuffer
	var kept []thresholds.Decision
	for _, codes := range [][]string{{"HLT-2-01", "EDU-2-01", "FHF-2-01"}, {"SH-01"}} {
		c := thresholds.Case{}
		for _, s := range codes {
			c.Indicators = append(c.Indicators, continuum.MustParseCode(s))
		}
		d, err := fw.EvaluateInto(c, &buf)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(d.Level, d.Urgency, d.Rule(), d.Reasons[0].Indicators)
		kept = append(kept, d.Clone()) // d itself is overwritten by the next use of buf
	}
	fmt.Println(len(kept), kept[0].Level)
	// Output:
	// intensive routine multiple-needs [EDU-2-01 FHF-2-01 HLT-2-01]
	// specialist same-day significant-harm [SH-01]
	// 2 intensive
}

// A JSON-lines corpus is read, scored on every core and compared with another
// framework; a bad line is a finding under its line number.
func ExampleReadCases() {
	corpus := `{"indicators":["HLT-2-01","EDU-2-01"]}
{"indicators":["EDU-2-01","FHF-2-01","HLT-2-01"]}
{"indicators":"HLT-2-01"}
{"indicators":["SH-01"]}
`
	cases, err := thresholds.ReadCases(strings.NewReader(corpus))
	fmt.Println(len(cases), "cases;", err)
	summaries, errs := thresholds.Default().SummariseAll(cases)
	fmt.Println(summaries[1].Level, summaries[2].Urgency, errs == nil)
	kent, _ := thresholds.Builtin("kent")
	im := thresholds.CompareCorpus(thresholds.Default(), kent, cases)
	fmt.Println(im.Cases, "compared,", len(im.Changes), "changed")
	// Output:
	// 3 cases; lines[3].indicators: wrong-type: want an array, got a string
	// intensive same-day true
	// 3 compared, 0 changed
}
