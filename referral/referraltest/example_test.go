package referraltest_test

import (
	"fmt"
	"log"

	"github.com/rightsupport/needs/referral/referraltest"
)

// A council checks its own policy against the shipped referral conformance cases. In a
// test function it would call
//
//	referraltest.RunConformance(t, pol, fw)
//
// which runs every case its policy and framework must keep passing and skips, with the
// reason, the cases its own choices excuse (see Applies). Here the cases are loaded and
// checked one by one: each case names the builtin policy and framework it runs under and
// the day the referral was received.
func ExampleCheckCase() {
	cases, err := referraltest.LoadCases(referraltest.Conformance(), "*.json")
	if err != nil {
		log.Fatal(err)
	}
	failed, run := 0, 0
	for _, c := range cases {
		if c.Policy != "england" {
			continue
		}
		pol, fw, err := referraltest.BuiltinsOn(c.Policy, c.Framework, c.Received)
		if err != nil {
			continue // an id that is not builtin (a day no version is in force gets the newest)
		}
		run++
		if err := referraltest.CheckCase(pol, fw, c); err != nil {
			fmt.Println(err)
			failed++
		}
	}
	fmt.Println("england cases run:", run > 50, "failed:", failed)
	// Output:
	// england cases run: true failed: 0
}
