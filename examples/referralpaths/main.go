// Command referralpaths walks synthetic children's journeys through the continuum of need
// and shows, step by step, what the library says a front door should do with each
// referral.
//
// It demonstrates the library's main job end to end: a builtin threshold framework
// ([thresholds.Builtin]) decides each case, the referral policy of the same id
// ([referral.BuiltinPolicy]) validates the move and routes it, and the program prints the
// indicators observed (by summary), the decision in the framework's own labels, the
// urgency, the kind of transition, the route, the decide-by date in England and Wales
// working days, any queries, and the plain-English explanation. A referral the policy
// blocks (early help without consent) is shown with its findings: that is part of the
// story.
//
// The journeys are data, with no personal data: children are "child A", ages are bands,
// and every date is fixed, so the output is the same on every run.
//
// Usage:
//
//	go run ./examples/referralpaths [-framework england|kent|durham] [-json]
//
// -framework chooses the builtin framework and policy (default kent); -json prints one
// JSON object per step, one per line, for other tools.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
)

// frameworkIDs are the builtin frameworks, each with a builtin policy of the same id.
var frameworkIDs = []string{"england", "kent", "durham"}

func main() {
	fs := flag.NewFlagSet("referralpaths", flag.ContinueOnError)
	framework := fs.String("framework", "kent", "the builtin framework and policy: england, kent or durham")
	asJSON := fs.Bool("json", false, "print one JSON object per step, one per line")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2) // the flag package has printed the problem and the usage
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "referralpaths: unexpected arguments; flags are -framework and -json")
		os.Exit(2)
	}
	if !slices.Contains(frameworkIDs, *framework) {
		fmt.Fprintln(os.Stderr, "referralpaths: -framework must be england, kent or durham")
		os.Exit(2)
	}
	if err := run(os.Stdout, *framework, *asJSON); err != nil {
		fmt.Fprintln(os.Stderr, "referralpaths:", err)
		os.Exit(1)
	}
}
