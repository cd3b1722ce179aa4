// Package thresholdstest helps other systems' test suites prove that they apply the same
// threshold rules as this module, modelled on testing/fstest.
//
//   - [CheckFramework] checks every invariant a framework must hold and returns the
//     broken ones joined in one error, each naming its contract, so it works with any
//     test style: a council that writes its own framework document calls it in a test.
//   - [LoadCases] and [RunCases] read language-neutral conformance-case files (the ones
//     under thresholds/testdata/conformance in this module, or a council's own) and run
//     them against any frameworks, with any [testing.TB], printing a cmp.Diff on each
//     mismatch.
//   - [CmpOptions] compares this module's types with go-cmp.
//
// It depends on go-cmp only, never on a test framework.
package thresholdstest
