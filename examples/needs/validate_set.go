package main

import (
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// validateAll parses every document and returns a result for each, in order.
// TODO(issue9): parse the frameworks and the policies each as one set with ParseAll, so
// that extends resolve among the files given.
func validateAll(docs [][]byte) []fileResult {
	out := make([]fileResult, len(docs))
	r := newRedactor(docs...)
	for i, data := range docs {
		switch k := kindOf(data); k {
		case policyKind:
			_, err := referral.ParsePolicy(data)
			out[i] = result(i, k, r, err)
		default:
			_, err := thresholds.Parse(data)
			out[i] = result(i, k, r, err)
		}
	}
	return out
}
