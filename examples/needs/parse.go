package main

import (
	"fmt"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// parseFramework parses the document asked for as one set with the -with documents, so
// that its extends resolve among them and the builtins.
func parseFramework(d documents) (*thresholds.Framework, error) {
	fws, errs := thresholds.ParseOptions{}.ParseAll(append([][]byte{d.main}, d.with...)...)
	if err := withErrors(errs); err != nil {
		return nil, err
	}
	return fws[0], errs[0]
}

// parsePolicy parses the policy asked for as one set with the -with documents.
func parsePolicy(d documents) (*referral.Policy, error) {
	ps, errs := referral.ParseOptions{}.ParseAll(append([][]byte{d.main}, d.with...)...)
	if err := withErrors(errs); err != nil {
		return nil, err
	}
	return ps[0], errs[0]
}

// withErrors reports the first -with document that did not parse: the document asked
// for cannot be trusted on a broken base.
func withErrors(errs []error) error {
	for i, err := range errs[1:] {
		if err != nil {
			return fmt.Errorf("-with file %d is not valid (run needs validate on it)", i+1)
		}
	}
	return nil
}
