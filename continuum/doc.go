// Package continuum is the shared vocabulary of the continuum of need: the words every
// other package of this module, and every council system that imports it, speaks.
//
// It holds types and their text encodings only: no data, no I/O, no rules. The
// threshold rules live in package thresholds and the referral rules in package referral.
//
// # The continuum of need
//
// English councils describe children's needs on a continuum of four levels. Each council
// names them its own way (Kent: "Additional Support - Level 2"; London: "Tier 2 - Early
// help"), but the ladder is the same:
//
//  1. [Universal]: needs are met by the family and by services open to every child —
//     schools, health visitors, GPs, youth services.
//  2. [Additional]: emerging or additional needs; extra help from one agency, or a few
//     working together, often with an early help assessment. Voluntary: the family
//     consents.
//  3. [Intensive]: multiple or complex needs; a coordinated multi-agency plan (a team
//     around the family with a lead practitioner). Still voluntary early help in most
//     places, though some councils put child in need (Children Act 1989 s17) work here.
//  4. [Specialist]: the child has suffered, or is likely to suffer, significant harm, or
//     needs statutory or specialist services: child protection (s47), looked-after
//     children, high-need child in need work.
//
// A [Level] is one of those four; its zero value means "not assessed" and never reads as
// the lowest level. An [Urgency] is kept apart from the level: it says how fast to act.
//
// # Indicators
//
// Threshold documents list indicators: things a practitioner may observe that suggest a
// level. Each [Indicator] has a [Code] ("HLT-2-01"), a level, a [Dimension] of the
// Assessment Framework triangle (the 20 dimensions over three [Domain]s: the child's
// development, parenting capacity, family and environment), a [Kind] and a summary, with
// the age bands it applies to, the DfE Children in Need census factors it maps to
// ([CINFactor]) and the sources it was paraphrased from ([Citation]).
//
// Most indicators are needs. Two kinds are triggers: [SignificantHarm] (refer to
// children's social care the same day) and [ImmediateDanger] (call 999 first). A
// [Strength] is a protective factor; it never lowers a level.
//
// Indicators are examples that support professional judgement, never a checklist. A
// suggested level is advice.
//
// # Findings
//
// Every validator in this module reports all the problems it finds as [Findings]: each
// [Finding] has a path into the input ("indicators[12].level"), a stable rule code, a
// [Severity] (an [Error] blocks, a [Query] asks a practitioner to look) and a message.
// Findings never carry personal data.
//
// # Text encodings
//
// Every enum encodes as a stable lower-case or code token ("intensive", "same-day",
// "HLT"), so JSON shows words, never numbers. The zero value encodes as empty text and
// decodes from it. Tokens are a wire format and are never renamed. Every enum of the module
// (those of thresholds and referral too) follows one convention: String, IsValid, a
// Parse function, MarshalText, AppendText, UnmarshalText, a plain-English Label, and an
// iterator over every valid value. [Tokens] is that encoding for the enums of other
// packages to build on.
package continuum
