// Command overlay is a worked example for a council adopting the library: a fictional
// county, Northshire County Council, and a fictional district within it, Southvale
// District, each with its own threshold framework and referral policy. The district
// extends the county and the county extends the England base, each naming the version
// it was written against. Neither council exists; their differences from England are
// plausible but invented, and labelled so in the documents.
//
// The program loads the four documents as a council's code would (see load.go), shows
// the chain with each document's version, period and digest, and routes synthetic
// referrals under the district, so that the county's and the district's own routes and
// labels can be seen. Its tests run the shipped conformance cases against the overlay
// with thresholdstest.RunConformance and referraltest.RunConformance.
//
// Usage:
//
//	go run ./examples/overlay
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "overlay: the program takes no arguments")
		os.Exit(2)
	}
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "overlay:", err)
		os.Exit(1)
	}
}
