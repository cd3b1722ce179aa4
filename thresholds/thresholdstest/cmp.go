package thresholdstest

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/rightsupport/needs/continuum"
)

// CmpOptions returns the go-cmp options for comparing this module's types:
//
//   - continuum.Code, whose text is unexported, compares with ==;
//   - a *continuum.Finding compares by Path, Rule, Severity and Msg (Err is compared
//     with errors.Is semantics by the caller if needed, not here);
//   - nil and empty slices and maps are equal.
func CmpOptions() cmp.Options {
	return cmp.Options{
		cmp.Comparer(func(a, b continuum.Code) bool { return a == b }),
		cmp.Comparer(func(a, b *continuum.Finding) bool {
			if a == nil || b == nil {
				return a == b
			}
			return a.Path == b.Path && a.Rule == b.Rule && a.Severity == b.Severity && a.Msg == b.Msg
		}),
		cmpopts.EquateEmpty(),
	}
}
