package main

import (
	"fmt"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// runSchema prints the JSON Schema of a framework or policy document.
func runSchema(e env, args []string) (int, error) {
	fs := flags(e, "schema")
	if err := parseFlags(e, fs, args, 1, 1); err != nil {
		return 0, err
	}
	var schema []byte
	switch fs.Arg(0) {
	case "framework":
		schema = thresholds.Schema()
	case "policy":
		schema = referral.Schema()
	default:
		fmt.Fprintln(e.stderr, "needs schema: the argument must be framework or policy")
		return exitUsage, nil
	}
	_, _ = e.stdout.Write(schema)
	return exitOK, nil
}
