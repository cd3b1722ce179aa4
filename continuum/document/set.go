package document

import (
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
)

// errBaseInvalid is what a set's resolver returns for a base in the set that failed to
// parse.
var errBaseInvalid = errors.New("document: the base in this set is not valid")

// ParseSet parses a set of documents that may extend one another, one result and one
// error per document, in order. parse parses one document, resolving its "extends" with
// the resolver it is given; fallback resolves what the set does not hold.
//
// The resolver looks a reference ("id@version") up among the set's documents first,
// parsing that document on demand. Every document on a cycle of "extends" within the set
// gets [ErrCycle] from it; a base in the set that fails to parse for another reason
// gives an error that wraps nothing of ours. Anything the set does not hold goes to
// fallback (an error when fallback is nil).
//
// After parsing, two documents of the set with the same id and version are an error on
// the later one (duplicate-version), and two versions of one id whose effective periods
// share a day are an error on the later one (overlapping-versions), each a finding
// wrapping sentinel.
func ParseSet[T any](docs [][]byte, parse func(data []byte, base func(ref string) (T, error)) (T, error), fallback func(ref string) (T, error), sentinel error) ([]T, []error) {
	heads := make([]Header, len(docs))
	periods := make([]Period, len(docs))
	extends := make([]string, len(docs))
	for i, data := range docs {
		var h struct {
			Header
			Extends string `json:"extends"`
		}
		Decode(data, &h) // only the header is wanted; parse reports the findings
		heads[i], extends[i] = h.Header, h.Extends
		_, periods[i] = h.Header.CheckPeriod(nil)
	}
	find := func(ref string) int {
		if r, ok := ParseRef(ref); ok {
			for j, h := range heads {
				if h.ID == r.ID && h.Version == r.Version {
					return j
				}
			}
		}
		return -1
	}
	// onCycle[i]: following "extends" through the set from i comes back to i.
	onCycle := make([]bool, len(docs))
	for i := range docs {
		for j, steps := find(extends[i]), 0; j >= 0 && steps < len(docs); j, steps = find(extends[j]), steps+1 {
			if j == i {
				onCycle[i] = true
				break
			}
		}
	}

	out := make([]T, len(docs))
	errs := make([]error, len(docs))
	done := make([]bool, len(docs))
	var run func(i int)
	resolve := func(ref string) (T, error) {
		var zero T
		j := find(ref)
		switch {
		case j < 0 && fallback == nil:
			return zero, errBaseInvalid
		case j < 0:
			return fallback(ref)
		case onCycle[j]:
			return zero, ErrCycle
		}
		if !done[j] {
			run(j)
		}
		if errs[j] != nil {
			return zero, errBaseInvalid
		}
		return out[j], nil
	}
	run = func(i int) {
		done[i] = true // before parsing: a cycle never comes back here (onCycle stops it)
		out[i], errs[i] = parse(docs[i], resolve)
	}
	for i := range docs {
		if !done[i] {
			run(i)
		}
	}

	for j := range docs {
		for i := range j {
			if errs[i] != nil || errs[j] != nil || heads[i].ID != heads[j].ID {
				continue
			}
			var fs continuum.Findings
			switch {
			case heads[i].Version == heads[j].Version:
				fs = fs.Add("version", RuleDuplicateVersion, continuum.Error, sentinel,
					fmt.Sprintf("document %d of the set has the same id and version", i+1))
			case periods[i].Overlaps(periods[j]):
				fs = fs.Add("effectiveFrom", RuleOverlappingVersion, continuum.Error, sentinel,
					fmt.Sprintf("document %d of the set is a version of the same id in force on a common day", i+1))
			default:
				continue
			}
			var zero T
			out[j], errs[j] = zero, fs.Err()
			break
		}
	}
	return out, errs
}
