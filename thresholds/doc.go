// Package thresholds turns a council's threshold document into a typed, immutable,
// compiled [Framework], and decides a child's level of need from the indicators a
// practitioner observed, with reasons and citations a safeguarding lead can check.
//
// # Frameworks
//
// A framework document (JSON; the format and its JSON Schema are in the frameworks
// folder of this package) holds the local labels of the four levels, a source register,
// the indicator catalogue and the decision parameters. A local framework may extend
// another, pinned to the version it was written against ("extends": "england@1.0.0"), and
// state only what differs; a district may extend its county which extends england.
// Three are embedded:
//
//   - "england": the national base, compiled from public threshold documents, with the
//     canonical labels and the national catalogue (needs at all four levels over the 20
//     triangle dimensions, 13 significant-harm triggers, 3 immediate-danger cases);
//   - "kent": the Kent Support Levels Guidance (KSCMP), extending england;
//   - "durham": the Durham Safeguarding Children Partnership thresholds, extending
//     england; labels that could not be confirmed from a source say so.
//
// [Parse] reads a council's own document strictly and reports every problem at once, as
// [continuum.Findings] with paths and rule codes. [ParseOptions] says where the base an
// "extends" names comes from (the builtins by default); [ParseOptions.ParseAll] parses a
// set of documents that extend one another. [Framework.Base] and
// [Framework.DerivesFrom] tell the lineage. [Default] and [Builtin] return the embedded
// frameworks, parsed once. A Framework is immutable and safe for concurrent use.
//
// # Versions in force
//
// Every framework has an effective period of London calendar days,
// [Framework.EffectiveFrom] to [Framework.EffectiveTo] (zero: open-ended). One id may have
// several versions; [Builtin] returns the newest, [BuiltinOn] the one in force on a day,
// [BuiltinVersions] all of them. Two versions of one id may not be in force on a common
// day. [Framework.Digest] is the digest of the canonical document [Framework.MarshalJSON]
// writes, so it names the content, not the formatting.
//
// # Deciding a case
//
// [Framework.Evaluate] applies the decision rules in order (see its documentation):
// unknown codes fail, immediate danger and significant harm make the child Specialist
// with their urgency, otherwise the highest observed need wins and multiple needs across
// sides of the triangle may step the level up once; strengths never lower a level. The
// [Decision] carries its reasons, with citations, and the framework's id, version and
// digest, so it can be reproduced and audited. [Framework.Explain] puts it into a
// paragraph for a practitioner; [Framework.AppendExplain] writes the same paragraph into
// a caller's buffer, for a service that writes many.
//
// A suggested level is advice that supports professional judgement, never a checklist.
//
// A [Case] may carry the child's age band. It never changes the decision: an indicator
// observed outside its age bands still counts, so no harm indicator is silently dropped,
// and [Framework.AgeQueries] returns the queries (rule [RuleOutsideAgeBand]) that ask a
// practitioner to check such an indicator applies.
//
// # Speed
//
// Compile once, evaluate many: a framework compiles its catalogue into dense bit-set
// tables and a code table with open addressing, and a decision is one pass over the
// words of a small fixed-size set. [Framework.Resolve] turns a case into such a set once,
// and [Framework.Decide] decides it with no allocation; [Outcome.Decision] expands the
// result into a full Decision when reasons are needed.
//
// [Framework.EvaluateInto] makes the full decision (reasons, codes, citations) into a
// caller's [DecisionBuffer] and allocates nothing; the decision is valid until the
// buffer's next use, and a buffer belongs to one goroutine at a time.
//
// [Framework.Explain] allocates its paragraph (about a kilobyte) and nothing else;
// [Framework.AppendExplain] allocates nothing when the buffer has room.
//
// For corpora, [Framework.EvaluateAll], [Framework.SummariseAll] and [CompareCorpus] work
// on every core (GOMAXPROCS) and keep the corpus's order and indices; [ReadCases] reads a
// corpus written as JSON lines, decoding blocks of lines on every core, and [CaseReader]
// reads one line at a time; both report each bad line as findings under its line number.
// EvaluateAll allocates every decision (about 430 bytes each with England's catalogue),
// so on a large corpus it is bound by memory more than by cores; where only the level,
// urgency and rule matter, SummariseAll allocates nothing per case and is many times
// faster.
// [Framework.SummariseLines] scores a JSON-lines corpus in one pass on every core,
// reading plain lines straight into the framework's bit sets: about half the time of
// ReadCases then SummariseAll.
package thresholds
