package main

import "fmt"

// parse parses the document asked for as one set with the -with documents, so that its
// extends resolve among them and the builtins.
func parse[T versioned](k kindOfDocument[T], d documents) (T, error) {
	docs, errs := k.parseAll(append([][]byte{d.main}, d.with...)...)
	if err := withErrors(errs); err != nil {
		var zero T
		return zero, err
	}
	return docs[0], errs[0]
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
