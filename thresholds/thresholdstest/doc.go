// Package thresholdstest helps other systems' test suites prove that they apply the same
// threshold rules as this module, modelled on testing/fstest.
//
//   - [CheckFramework] checks every invariant a framework must hold and returns the
//     broken ones joined in one error, each naming its contract, so it works with any
//     test style: a council that writes its own framework document calls it in a test.
//   - [Conformance] returns the module's shipped conformance cases as an [io/fs.FS];
//     [RunConformance] runs the ones a council's overlay is expected to keep passing
//     against it, in one call (see "Conformance of an overlay" below).
//   - [LoadCases] and [RunCases] read language-neutral conformance-case files (the
//     shipped ones, or a council's own) and run them against any frameworks, with any
//     [testing.TB], printing a cmp.Diff on each mismatch.
//   - [CmpOptions] compares this module's types with go-cmp.
//   - [CheckNoEcho], [EchoMutations] and [EchoMarkers] prove that no error repeats
//     text a caller passed in: markers go into every position of a document, and no
//     error that comes back, down its whole Unwrap chain, holds one.
//
// # Conformance of an overlay
//
// A council's framework usually extends a builtin one (district -> county -> england).
// The shipped cases are written for the builtins; an overlay is expected to keep
// passing the cases of every framework it derives from, except those that depend on
// something it changed. For each case, comparing the overlay with the shipped builtin
// the case names ([Applies] has the rule in full):
//
//  1. cases of frameworks the overlay does not derive from do not apply (counted);
//  2. a case is skipped, with its reason, when one of its indicators is removed by the
//     overlay, added by it (the case expects the code to be unknown), or has another
//     level, kind or dimension there (replaced);
//  3. a case is skipped, with its reason, when the overlay's multiple-needs parameters
//     at the level of the case's highest need differ;
//  4. every other case runs and must pass: the overlay changed nothing it depends on.
//
// Skipped cases are skipped subtests with the reason as the message (go test -v shows
// them), never left out silently. The referral counterpart is
// referral/referraltest.RunConformance.
//
// It depends on go-cmp only, never on a test framework.
package thresholdstest
