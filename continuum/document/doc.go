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
// # Document headers and source registers
//
// Framework and policy documents open alike ([Header]) and register their sources alike
// ([Source], [CheckSources], [CheckCitations]); their validators collect findings with a
// [Checker]. So both kinds of document are checked the same way.
//
// # Enum tokens
//
// [Tokens] is the text encoding every enum of thresholds and referral uses: one stable
// token and one display label per value, the zero value as empty text, parsing that
// ignores ASCII case. The enums of package continuum follow the same convention.
package document
