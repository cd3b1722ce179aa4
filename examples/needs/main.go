// Command needs is a tool for the owners of a council's threshold framework and referral
// policy: it validates their documents, decides cases in bulk, explains a decision,
// shows what a change of framework does to a corpus of cases, draws a policy's
// transitions, lists the England and Wales bank holidays and prints the documents' JSON
// Schemas.
//
// Usage:
//
//	needs validate [-json] FILE...
//	needs eval [-framework REF] [-with FILE]... [-progress N] [CASES.jsonl]
//	needs explain [-framework REF] [-with FILE]... [-json] CODE...
//	needs impact [-with FILE]... [-json] OLD NEW CASES.jsonl
//	needs graph [-format mermaid|dot] [-with FILE]... POLICY
//	needs holidays YEAR
//	needs schema framework|policy
//
// A framework or policy REF is a builtin id ("england", "kent", "durham"), which names
// its newest version, a builtin id@version ("england@1.0.0"), or the path of a JSON
// document (anything with a slash or ending in .json). -with names further
// documents that an "extends" may name: a district's framework extends its county's, so
// the county's file is given with -with. validate resolves extends among the files it
// is given.
//
// Cases are JSON lines, one case per line, as thresholds.Case encodes them:
//
//	{"indicators": ["HLT-2-01", "EDU-2-01"]}
//
// Blank lines are skipped. eval writes one JSON line per case, the decision or the
// findings that stopped it, with the case's line number and never its content.
//
// Exit status: 0 when all is well, 1 when a document has an error or a case cannot be
// decided, 2 for a usage error. No message ever repeats text from the input: files are
// named by their position, lines by number.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
