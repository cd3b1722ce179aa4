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
// parsing that document on demand, and returns [ErrCycle] for a document further down the
// chain being parsed (a cycle); a base in the set that fails to parse is an error too.
// Anything else goes to fallback.
//
// After parsing, two documents of the set with the same id and version are an error on
// the later one (duplicate-version), and two versions of one id whose effective periods
// share a day are an error on the later one (overlapping-versions), each a finding
// wrapping sentinel.
func ParseSet[T any](docs [][]byte, parse func(data []byte, base func(ref string) (T, error)) (T, error), fallback func(ref string) (T, error), sentinel error) ([]T, []error) {
	heads := make([]Header, len(docs))
	periods := make([]Period, len(docs))
	for i, data := range docs {
		var h struct{ Header }
		Decode(data, &h) // only the header is wanted; parse reports the findings
		heads[i] = h.Header
		_, periods[i] = h.Header.CheckPeriod(nil)
	}
	out := make([]T, len(docs))
	errs := make([]error, len(docs))
	const (
		todo = iota
		busy
		done
	)
	state := make([]int, len(docs))
	var run func(i int)
	resolve := func(ref string) (T, error) {
		var zero T
		if r, ok := ParseRef(ref); ok {
			for j, h := range heads {
				if h.ID != r.ID || h.Version != r.Version {
					continue
				}
				switch state[j] {
				case busy:
					return zero, ErrCycle
				case todo:
					run(j)
				}
				if errs[j] != nil {
					return zero, errBaseInvalid
				}
				return out[j], nil
			}
		}
		if fallback == nil {
			return zero, errBaseInvalid
		}
		return fallback(ref)
	}
	run = func(i int) {
		state[i] = busy
		out[i], errs[i] = parse(docs[i], resolve)
		state[i] = done
	}
	for i := range docs {
		if state[i] == todo {
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
			errs[j] = fs.Err()
			var zero T
			out[j] = zero
			break
		}
	}
	return out, errs
}
