package continuum

import (
	"slices"
	"strconv"
)

// MaxFindings is the most findings one call of a validator in this module returns:
// [document.Decode], thresholds.Parse, Resolve and Evaluate, referral.ParsePolicy and
// Route. Past it, the rest are counted in one final finding with rule
// [RuleTooManyFindings] at the path "", so that hostile input cannot make an error of
// unbounded size.
const MaxFindings = 100

// RuleTooManyFindings is the rule code of the finding that counts the findings left out
// past a cap. It is stable.
const RuleTooManyFindings = "too-many-findings"

// Capped returns fs when it holds at most limit findings and the caller left none out
// (more is 0); otherwise the first limit-1 findings in sorted order followed by one
// finding with rule [RuleTooManyFindings] that counts the rest, the caller's more
// included. A limit below 1 counts as 1. fs is unchanged.
//
// A finding made by [Omitted] in fs is not kept: its count is added to the new one, so
// that capping findings that were capped before still counts every finding.
func (fs Findings) Capped(limit, more int) Findings {
	limit = max(limit, 1)
	if i := slices.IndexFunc(fs, isOmitted); i >= 0 {
		kept := append(make(Findings, 0, len(fs)-1), fs[:i]...)
		for _, f := range fs[i:] {
			if isOmitted(f) {
				more += f.Err.(*omitted).n
				continue
			}
			kept = append(kept, f)
		}
		fs = kept
	}
	if len(fs) <= limit && more == 0 {
		return fs
	}
	keep := min(len(fs), limit-1)
	out := make(Findings, 0, keep+1)
	out = append(out, fs.Sorted()[:keep]...)
	return append(out, Omitted(len(fs)-keep+more))
}

// Omitted returns the finding, with rule [RuleTooManyFindings] and severity Error, that
// says n further findings were left out.
func Omitted(n int) *Finding {
	return &Finding{Rule: RuleTooManyFindings, Severity: Error, Err: &omitted{n},
		Msg: strconv.Itoa(n) + " more findings are not shown; fix these and check again"}
}

// omitted is the error of an Omitted finding: it carries the count and wraps
// ErrTooManyFindings.
type omitted struct{ n int }

func (e *omitted) Error() string { return ErrTooManyFindings.Error() }
func (e *omitted) Unwrap() error { return ErrTooManyFindings }

func isOmitted(f *Finding) bool {
	_, ok := f.Err.(*omitted)
	return ok && f.Rule == RuleTooManyFindings
}
