package document_test

import (
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

func ExampleDecode() {
	type referral struct {
		To    continuum.Level  `json:"to"`
		Codes []continuum.Code `json:"codes"`
	}
	var r referral
	fs := document.Decode([]byte(`{"to": "extreme", "codes": ["HLT-2-01"], "name": "…"}`), &r)
	for _, f := range fs.Sorted() {
		fmt.Println(f)
	}
	fmt.Println(errors.Is(fs.Err(), continuum.ErrUnknownToken), r.Codes)
	// Output:
	// to: invalid-value: level: unknown token (want universal, additional, intensive, specialist or 1 to 4)
	// {2}: unknown-field: the format has no such field
	// true [HLT-2-01]
}
