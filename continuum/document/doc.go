// Package document is the reader of this module's JSON documents: the framework files of
// package thresholds, the policy files of package referral, conformance-case files and
// the example service's request bodies. Council systems rarely need it directly; it is
// exported because thresholds and referral share it, and the vocabulary package
// continuum holds only the vocabulary.
//
// # Strict decoding
//
// [Decode] decodes one JSON value into a Go value strictly and reports every problem it
// finds as [continuum.Findings], each with a path ("indicators[12].level") and a stable
// rule code ([RuleDuplicateKey], [RuleUnknownField], [RuleWrongType], …). It reads its
// tokens with its own small lexer, which a differential fuzz target checks against
// encoding/json. [Stopped] says whether decoding stopped early (malformed input).
//
// The plan: once the module moves to Go 1.27, the standard library's encoding/json/jsontext
// does the lexing as well as this package's lexer does, and replaces it; Decode's
// contract (every finding, with paths and rule codes) stays.
//
// # Hostile input
//
// Decode is written for input from anyone:
//
//   - Nothing a caller wrote comes back in a finding. A key that is a field of the
//     format is shown by its name; any other key (an unknown field, a map key) by its
//     position among its object's members, counting from 0, in braces: "case{2}" is the
//     third member of the object at "case". A map key that decodes to a valid value of
//     its type is shown by that value's canonical token. Errors of other packages' types
//     (time, encoding/json), which may quote their input, are not wrapped; the finding
//     wraps [continuum.ErrInvalidValue] instead.
//   - Text-encoded values of this module's types (levels, dimensions, codes…) must be
//     written in their one canonical form, the form they encode to ([RuleNonCanonical]):
//     "intensive", not "Intensive" or "3". The lenient Parse functions (ParseLevel…) are
//     for human input; documents take canonical tokens only. Map keys that name the same
//     value twice are duplicates ([RuleDuplicateKey]).
//   - Findings are capped at [continuum.MaxFindings], the rest counted in one final
//     finding of rule [continuum.RuleTooManyFindings].
//   - A slice field tagged `limit:"N,rule"` holds at most N items: decoding stops at the
//     item past N, before reading the rest of the input, with a finding of that rule
//     wrapping [ErrTooLarge] (and [Stopped] reports true).
//   - Required text ([CheckText], [Checker.Required]) has no control, zero-width,
//     byte-order-mark, bidirectional or other invisible characters ([RuleInvalidText]);
//     source URLs are absolute https URLs without a user name or password.
//
// # Document headers and source registers
//
// Framework and policy documents open alike ([Header]) and register their sources alike
// ([Source], [CheckSources], [CheckCitations]); their validators collect findings with a
// [Checker]. So both kinds of document are checked the same way.
//
// # Versions and lineage
//
// A document extends another by id and version ([Ref], [ResolveBase]) and is in force
// for a [Period] of London days. [ParseSet] parses documents that extend one another;
// [LoadVersions] collects a package's builtin documents into [Versions], which finds the
// newest version of an id, the one in force on a day, or one by reference, and keeps
// other documents from taking a builtin's id ([Versions.CheckID]). Both kinds of
// document ([Versioned]) share this logic; each package names its kind ([Kind]).
//
// # Enum tokens
//
// [Tokens] is the text encoding every enum of thresholds and referral uses: one stable
// token and one display label per value, the zero value as empty text, parsing that
// ignores ASCII case (documents still write the token itself: see above). The enums of package continuum follow the same convention.
package document
