package main

import (
	"embed"
	"errors"
	"fmt"

	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// The overlay's documents, as a council would keep them beside its own code.
//
//go:embed frameworks/*.json policies/*.json
var documents embed.FS

// chain is the county and the district, each a framework and the policy that goes with
// it. The zero chain holds nothing.
type chain struct {
	county, district       *thresholds.Framework
	countyPol, districtPol *referral.Policy
}

// read returns the embedded documents named, in order.
func read(names ...string) ([][]byte, error) {
	out := make([][]byte, len(names))
	for i, name := range names {
		data, err := documents.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

// load parses the frameworks as one set and the policies as another: the district's
// "extends" names the county's version ("northshire@1.0.0"), found among the set, and the
// county's names the England builtin version it was written against ("england@1.0.0").
// This is all a council's code needs to do with its own files.
func load() (chain, error) {
	var c chain
	fwDocs, err := read("frameworks/northshire.json", "frameworks/southvale.json")
	if err != nil {
		return c, err
	}
	fws, errs := thresholds.ParseOptions{}.ParseAll(fwDocs...)
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("overlay frameworks: %w", err)
	}
	polDocs, err := read("policies/northshire.json", "policies/southvale.json")
	if err != nil {
		return c, err
	}
	pols, errs := referral.ParseOptions{}.ParseAll(polDocs...)
	if err := errors.Join(errs...); err != nil {
		return c, fmt.Errorf("overlay policies: %w", err)
	}
	c.county, c.district = fws[0], fws[1]
	c.countyPol, c.districtPol = pols[0], pols[1]
	return c, nil
}
