package thresholdstest_test

import (
	"fmt"
	"log"

	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

// A council that writes its own framework document checks it in its tests. In a test
// function it would call
//
//	if err := thresholdstest.CheckFramework(fw); err != nil {
//		t.Fatal(err)
//	}
//	thresholdstest.RunConformance(t, fw)
//
// Here the same checks run without a testing.TB: CheckFramework and CheckCase return
// errors. The council's document only relabels a level and adds a need, so it decides
// every shipped England case as England does.
func ExampleCheckFramework() {
	fw, err := thresholds.Parse([]byte(`{
	  "id": "testshire", "title": "Testshire thresholds", "publisher": "Testshire Council",
	  "version": "1.0.0", "effectiveFrom": "2026-01-01", "extends": "england@1.0.0",
	  "levels": { "intensive": { "label": "Targeted Support - Level 3" } },
	  "sources": [ { "id": "TST-S01", "title": "Testshire guidance", "url": "https://example.org/testshire" } ],
	  "indicators": [ { "code": "TST-EDU-2-01", "level": "additional", "dimension": "EDU", "kind": "need",
	    "summary": "A local additional need about education.", "sources": ["TST-S01"] } ]
	}`))
	if err != nil {
		log.Fatal(err)
	}
	if err := thresholdstest.CheckFramework(fw); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("ok")

	cases, err := thresholdstest.LoadCases(thresholdstest.Conformance(), "*.json")
	if err != nil {
		log.Fatal(err)
	}
	failed := 0
	for _, c := range cases {
		if c.Framework != "england" || c.PinsVersion() {
			continue // a case that states the version or label is about the builtin itself
		}
		if err := thresholdstest.CheckCase(fw, c); err != nil {
			fmt.Println(err)
			failed++
		}
	}
	fmt.Println("england cases failed:", failed)
	// Output:
	// ok
	// england cases failed: 0
}
