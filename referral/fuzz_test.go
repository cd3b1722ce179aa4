package referral_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// Helpers of this file are prefixed "fz".

func FuzzParsePolicy(f *testing.F) {
	england := polRead(f, "policies/england-2023.json")
	kent := polRead(f, "policies/kent-2018.json")
	minimal := polMinimal(f)

	// The three builtin policies, as shipped.
	for _, id := range rtBuiltinIDs {
		f.Add(polRead(f, polFile(f, id)))
	}
	// The smallest valid policy.
	f.Add(minimal)
	// Truncations: half a builtin, the first 200 bytes of another, one byte short.
	f.Add(kent[:len(kent)/2])
	f.Add(england[:200])
	f.Add(minimal[:len(minimal)-1])
	// A valid policy followed by trailing data.
	f.Add(append(slices.Clone(minimal), "{}"...))
	// A policy with a threshold gate and notes (the optional parts).
	f.Add([]byte(strings.Replace(string(minimal), `"decisionTimescale"`, `"thresholdGates": [{"route": "door", "minLevel": "intensive", "sources": ["T1"]}], "notes": ["n"], "decisionTimescale"`, 1)))
	// Office hours on the route: valid, and with a bad day, a bad time and a basis of prompt.
	f.Add([]byte(strings.Replace(string(minimal), `"sources": ["T1"]
    }
  ],
  "routing"`, `"sources": ["T1"], "hours": [{"days": ["monday", "friday"], "open": "08:30", "close": "16:30", "sources": ["T1"]}]
    }
  ],
  "routing"`, 1)))
	f.Add([]byte(strings.Replace(string(minimal), `"sources": ["T1"]
    }
  ],
  "routing"`, `"sources": ["T1"], "hours": [{"days": ["funday"], "open": "8:3", "close": "24:01", "sources": []}]
    }
  ],
  "routing"`, 1)))
	f.Add([]byte(strings.Replace(string(minimal), `"basis": "statutory"`, `"basis": "prompt"`, 1)))
	// Extensions: the fictional county and district, the smallest overlay, overlays that
	// remove, replace and add, unpinned and unknown bases, a bounded period, and a
	// removal in a document that extends nothing.
	f.Add(polRead(f, "testdata/chain/wyvernshire.json"))
	f.Add(polRead(f, "testdata/chain/lowmere.json"))
	overlay := `{"id": "fz", "framework": "fz", "title": "t", "publisher": "p", "version": "1.0.0", "effectiveFrom": "2024-04-01", "extends": "england@1.0.0"`
	f.Add([]byte(overlay + `}`))
	f.Add([]byte(overlay + `, "remove": {"routes": ["early-help"], "routing": [{"level": "additional", "urgency": "routine"}], "thresholdGates": ["x"], "consent": ["universal"], "transitions": [{"from": "", "to": "universal"}], "timescales": ["core-group-first"]}}`))
	f.Add([]byte(overlay + `, "routes": [{"id": "early-help", "name": "n", "how": "h", "sources": ["WT2023"]}], "routing": [{"level": "intensive", "urgency": "routine", "route": "childrens-social-care"}], "thresholdGates": [{"route": "childrens-social-care", "minLevel": "intensive", "sources": ["WT2023"]}]}`))
	f.Add([]byte(strings.Replace(overlay, "england@1.0.0", "england", 1) + `}`))
	f.Add([]byte(strings.Replace(overlay, "england@1.0.0", "fz@1.0.0", 1) + `}`))
	f.Add([]byte(strings.Replace(overlay, "england@1.0.0", "atlantis@2", 1) + `, "effectiveTo": "2024-03-31"}`))
	f.Add([]byte(strings.Replace(string(minimal), `"decisionTimescale"`, `"remove": {}, "effectiveTo": "2030-12-31", "decisionTimescale"`, 1)))
	// A closure rule on a move down from specialist (one reason of each kind, one
	// duplicated), and a step-up window naming the decision timescale.
	f.Add([]byte(strings.Replace(string(minimal), `"decisionTimescale"`, `"stepUpWindow": "decision", "decisionTimescale"`, 1)))
	f.Add([]byte(strings.Replace(string(minimal), `"transitions": [`, `"transitions": [{"from": "specialist", "to": "intensive", "note": "n", "sources": ["T1"], "closure": {"reasons": ["RC9", "RC8", "RC9"], "sources": ["T1"]}},`, 1)))
	// JSON that is not a policy: empty, null, an array, a string, an empty object.
	f.Add([]byte(""))
	f.Add([]byte("null"))
	f.Add([]byte("[]"))
	f.Add([]byte(`"kent"`))
	f.Add([]byte("{}"))
	// Garbage bytes, invalid UTF-8 in a string and a lone brace.
	f.Add([]byte("\x00\xff\xfe{"))
	f.Add([]byte(`{"id": "\udc00", "title": "\xff"}`))
	f.Add([]byte("{"))
	// Hostile nesting, a huge number and out-of-range levels and units.
	f.Add([]byte(`{"notes": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`))
	f.Add([]byte(`{"timescales": [{"id": "t", "amount": 1e400, "unit": "fortnights"}], "routing": [{"level": "9", "urgency": "soon"}]}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := referral.ParsePolicy(data)
		if (p == nil) == (err == nil) {
			t.Fatalf("ParsePolicy returned policy %v and error %v: want exactly one", p != nil, err)
		}
		if err != nil {
			var fs continuum.Findings
			if !errors.As(err, &fs) {
				t.Fatalf("error %T is not a continuum.Findings: %v", err, err)
			}
			if len(fs) == 0 {
				t.Fatal("an error with no findings")
			}
			for _, f := range fs {
				if f == nil || f.Rule == "" || f.Severity != continuum.Error {
					t.Fatalf("a finding without a rule or not an error: %#v", f)
				}
			}
			_ = err.Error()
			return
		}
		// A policy that parses is usable.
		// Its canonical document reads back to the same digest.
		canon, err := p.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON: %v", err)
		}
		again, err := referral.ParsePolicy(canon)
		if err != nil && p.Base() != "" && strings.Contains(err.Error(), referral.RuleBuiltinID) {
			return // a version of a builtin, flattened, is no longer a version of it
		}
		if err != nil {
			t.Fatalf("the canonical document does not parse: %v", err)
		}
		if again.Digest() != p.Digest() {
			t.Fatalf("the canonical document has digest %s, not %s", again.Digest(), p.Digest())
		}
		if p.ID() == "" || p.FrameworkID() == "" {
			t.Fatal("a parsed policy without an id or framework")
		}
		if !strings.HasPrefix(p.Mermaid(), "flowchart LR\n") || !strings.HasPrefix(p.DOT(), "digraph ") {
			t.Fatal("graphs do not render")
		}
		for range p.Routes() {
		}
		for ts := range p.Timescales() {
			if _, err := p.Deadline(ts.ID, rtReceived); err != nil {
				t.Fatalf("Deadline of its own timescale %s: %v", ts.ID, err)
			}
		}
		for tr := range p.Transitions() {
			if !p.Allows(tr.Transition) {
				t.Fatalf("the policy lists %s but does not allow it", tr.Transition)
			}
		}
		if fw, err := thresholds.Builtin(p.FrameworkID()); err == nil {
			for to := continuum.Universal; to <= continuum.Specialist; to++ {
				_, err := p.Route(fw, referral.Referral{To: to, Case: rtHarm, Consent: referral.NotSought, Received: rtReceived})
				if err != nil {
					var fs continuum.Findings
					if !errors.As(err, &fs) {
						t.Fatalf("Route error %T is not a continuum.Findings", err)
					}
				}
			}
		}
	})
}

// fzPolicies are the builtin policies with the framework each goes with.
func fzPolicies(tb testing.TB) ([]*referral.Policy, []*thresholds.Framework) {
	tb.Helper()
	var ps []*referral.Policy
	var fws []*thresholds.Framework
	for _, id := range rtBuiltinIDs {
		p, fw := rtPair(tb, id)
		ps, fws = append(ps, p), append(fws, fw)
	}
	return ps, fws
}

// fzCodes parses comma-separated codes, skipping the parts that do not parse.
func fzCodes(s string) []continuum.Code {
	var out []continuum.Code
	for part := range strings.SplitSeq(s, ",") {
		if c, err := continuum.ParseCode(strings.TrimSpace(part)); err == nil {
			out = append(out, c)
		}
	}
	return out
}

func FuzzRoute(f *testing.F) {
	// policyIdx: policy policyIdx%3 (england, kent, durham); framework by (policyIdx/3)%4:
	// 0 and 3 its own, 1 the next builtin's (a mismatch), 2 none. unixDays 0 is "not
	// received"; otherwise the referral arrives at 09:00 UTC that many days after 1970-01-01.

	// A valid entry to early help in each builtin.
	f.Add(uint8(0), uint8(0), uint8(2), uint8(1), "EDU-2-01", int32(19788), uint8(0), uint8(0))
	f.Add(uint8(1), uint8(0), uint8(2), uint8(1), "EDU-2-01", int32(19788), uint8(0), uint8(0))
	f.Add(uint8(2), uint8(0), uint8(2), uint8(1), "EDU-2-01", int32(19788), uint8(0), uint8(0))
	// Kent's gate: level 2 needs asked at the front door.
	f.Add(uint8(1), uint8(2), uint8(4), uint8(1), "EDU-2-01,SAF-2-01", int32(19788), uint8(0), uint8(0))
	// Immediate danger at specialist, consent not sought, on 24 December 2024.
	f.Add(uint8(0), uint8(3), uint8(4), uint8(3), "EM-01,SH-01,EDU-3-01", int32(20081), uint8(0), uint8(0))
	// Significant harm asked at additional: an error.
	f.Add(uint8(2), uint8(0), uint8(2), uint8(1), "SH-02", int32(19788), uint8(0), uint8(0))
	// Every level out of range, consent 9, unknown and malformed codes, not received.
	f.Add(uint8(1), uint8(7), uint8(9), uint8(9), "ZZZ-9-99,not a code,,KENT-EDU-2-01", int32(0), uint8(0), uint8(0))
	// Not a move, with three step-up needs across two domains.
	f.Add(uint8(0), uint8(3), uint8(3), uint8(1), "EDU-2-01,HLT-2-01,SAF-2-01", int32(19788), uint8(0), uint8(0))
	// Framework mismatch (kent policy, durham framework) and no framework.
	f.Add(uint8(4), uint8(0), uint8(4), uint8(1), "HLT-4-01", int32(19788), uint8(0), uint8(0))
	f.Add(uint8(6), uint8(0), uint8(4), uint8(1), "HLT-4-01", int32(19788), uint8(0), uint8(0))
	// judgement (level judgement%5, reason (judgement/5)%8, where 7 is no reason) and age
	// band (age%8, where 7 is not a band): a specialist need judged additional from
	// history, a significant harm judged additional (still an error), a non-mobile-baby
	// indicator in an adolescent, and an age band that is not one.
	f.Add(uint8(0), uint8(0), uint8(2), uint8(1), "BCA-4-01", int32(20081), uint8(2+5*2), uint8(0))
	f.Add(uint8(0), uint8(0), uint8(2), uint8(1), "SH-01", int32(20081), uint8(2+5*5), uint8(4))
	f.Add(uint8(2), uint8(0), uint8(4), uint8(3), "SH-02", int32(20081), uint8(0), uint8(5))
	f.Add(uint8(1), uint8(0), uint8(4), uint8(1), "EDU-2-01", int32(20081), uint8(3+5*7), uint8(7))
	// Dates at the ends of int32 days: far past and far future.
	f.Add(uint8(0), uint8(0), uint8(4), uint8(2), "HLT-4-01", int32(-2147483648), uint8(0), uint8(0))
	f.Add(uint8(1), uint8(1), uint8(4), uint8(0), "KENT-BCA-4-01", int32(2147483647), uint8(0), uint8(0))

	ps, fws := fzPolicies(f)
	f.Fuzz(func(t *testing.T, policyIdx, from, to, consent uint8, codes string, unixDays int32, judgement, age uint8) {
		i := int(policyIdx) % len(ps)
		p, fw := ps[i], fws[i]
		switch (policyIdx / 3) % 4 {
		case 1:
			fw = fws[(i+1)%len(fws)]
		case 2:
			fw = nil
		}
		var received time.Time
		if unixDays != 0 {
			received = time.Unix(int64(unixDays)*86400+9*3600, 0).UTC()
		}
		r := referral.Referral{
			From: continuum.Level(from), To: continuum.Level(to), Consent: referral.Consent(consent),
			Case: thresholds.Case{Indicators: fzCodes(codes), Age: continuum.AgeBand(age % 8)}, Received: received,
		}
		if judgement != 0 {
			r.Judgement = referral.Judgement{Level: continuum.Level(judgement % 5), Reason: referral.JudgementReason((judgement / 5) % 8)}
		}
		got, err := p.Route(fw, r)
		if err != nil {
			var fs continuum.Findings
			if !errors.As(err, &fs) {
				t.Fatalf("error %T is not a continuum.Findings: %v", err, err)
			}
			if len(fs) == 0 {
				t.Fatal("an error with no findings")
			}
			for _, f := range fs {
				if f.Path == "" || f.Rule == "" {
					t.Fatalf("a finding without a path or rule: %#v", f)
				}
				if f.Severity != continuum.Error {
					t.Fatalf("a query in the error: %v", f)
				}
				if !errors.Is(f, referral.ErrInvalidReferral) && !errors.Is(f, referral.ErrFrameworkMismatch) &&
					!errors.Is(f, referral.ErrNotInForce) &&
					!errors.Is(f, thresholds.ErrUnknownIndicator) && !errors.Is(f, referral.ErrDateOutOfRange) &&
					!errors.Is(f, referral.ErrNeedsJudgement) {
					t.Fatalf("finding %v wraps no sentinel", f)
				}
			}
			if got.Route.ID != "" || len(got.Queries) != 0 {
				t.Fatalf("a referral with errors was routed: %+v", got.Route)
			}
			_ = err.Error()
			return
		}
		if fw == nil || !fw.DerivesFrom(p.FrameworkID()) {
			t.Fatal("routed with a framework that does not derive from the policy's")
		}
		if got.Route.ID == "" {
			t.Fatal("routed nowhere")
		}
		if got.DecideBy.Before(r.Received) {
			t.Fatalf("DecideBy %s is before Received %s", got.DecideBy, r.Received)
		}
		if !got.Kind.IsValid() || got.Kind != got.Transition.Kind() {
			t.Fatalf("kind %s for %s", got.Kind, got.Transition)
		}
		if got.Transition != (referral.Transition{From: r.From, To: r.To}) || !p.Allows(got.Transition) {
			t.Fatalf("transition %s is not the one asked for or not allowed", got.Transition)
		}
		if got.Decision.Urgency != continuum.Routine && r.To != continuum.Specialist {
			t.Fatalf("a %s decision routed to %s", got.Decision.Urgency, r.To)
		}
		if got.Decision.Level == continuum.Specialist && r.To != continuum.Specialist && r.Judgement.IsZero() {
			t.Fatalf("a specialist decision routed to %s without a judgement", r.To)
		}
		if got.Judgement != r.Judgement || (!r.Judgement.IsZero() && (r.Judgement.Level != r.To || !r.Judgement.Reason.IsValid())) {
			t.Fatalf("judgement %+v recorded as %+v", r.Judgement, got.Judgement)
		}
		if !got.Basis.IsValid() || !referral.IsWorkingDay(got.DecideBy) {
			t.Fatalf("DecideBy %s (%s) is not a London working day with a basis", got.DecideBy, got.Basis)
		}
		if !got.Decision.Level.IsValid() || !got.Decision.Urgency.IsValid() {
			t.Fatalf("decision %s %s", got.Decision.Level, got.Decision.Urgency)
		}
		if got.Consent == referral.Required && r.Consent != referral.Given {
			t.Fatalf("consent rule required, consent %s, yet routed", r.Consent)
		}
		for _, q := range got.Queries {
			if q.Severity != continuum.Query || q.Rule == "" || q.Path == "" {
				t.Fatalf("a query that is not one: %#v", q)
			}
		}
	})
}
