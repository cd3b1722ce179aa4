package main

import (
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// validateAll parses the framework documents as one set and the policy documents as
// another, so that each extends resolves among the files given (then the builtins), and
// returns a result for each document in the order given.
func validateAll(docs [][]byte) []fileResult {
	out := make([]fileResult, len(docs))
	var fwIdx, polIdx []int
	var fwDocs, polDocs [][]byte
	for i, data := range docs {
		if kindOf(data) == policyKind {
			polIdx, polDocs = append(polIdx, i), append(polDocs, data)
		} else {
			fwIdx, fwDocs = append(fwIdx, i), append(fwDocs, data)
		}
	}
	if len(fwDocs) > 0 {
		_, errs := thresholds.ParseOptions{}.ParseAll(fwDocs...)
		for j, err := range errs {
			out[fwIdx[j]] = result(fwIdx[j], frameworkKind, err)
		}
	}
	if len(polDocs) > 0 {
		_, errs := referral.ParseOptions{}.ParseAll(polDocs...)
		for j, err := range errs {
			out[polIdx[j]] = result(polIdx[j], policyKind, err)
		}
	}
	return out
}
