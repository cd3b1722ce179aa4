package thresholdstest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
)

var digestPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// CheckFramework checks the invariants every framework must hold and returns nil, or the
// broken ones joined (errors.Join), each naming the contract it breaks:
//
//  1. identity: a non-empty id and version, and a sha256 digest;
//  2. labels: every level has a label;
//  3. catalogue: every indicator has a valid code, level, dimension and kind, a summary,
//     at least one citation, every citation in the source register, triggers at
//     Specialist, unique codes, and Indicator(code) returns it;
//  4. decisions: the empty case is Universal, Routine, rule no-needs; each indicator
//     alone decides as its kind says (immediate danger: Specialist, Immediate;
//     significant harm: Specialist, SameDay; a need: its own level, Routine; a strength:
//     Universal); deciding twice gives the same Decision; Specialist never steps up;
//  5. explanations: each single-indicator decision explains, naming the level's label and
//     professional judgement;
//  6. immutability: changing what an accessor returns changes nothing in the framework.
func CheckFramework(fw *thresholds.Framework) error {
	if fw == nil {
		return errors.New("thresholdstest: framework is nil")
	}
	var errs []error
	fail := func(contract, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s: "+format, append([]any{fw.ID(), contract}, args...)...))
	}

	if fw.ID() == "" || fw.Version() == "" {
		fail("identity", "id %q and version %q must be set", fw.ID(), fw.Version())
	}
	if !digestPattern.MatchString(fw.Digest()) {
		fail("identity", "digest %q is not sha256:<64 hex>", fw.Digest())
	}
	if ref := fw.Ref(); ref.ID != fw.ID() || ref.Version != fw.Version() || ref.Digest != fw.Digest() {
		fail("identity", "Ref() %+v does not match ID, Version and Digest", ref)
	}
	for l := range continuum.Levels() {
		if strings.TrimSpace(fw.Label(l)) == "" {
			fail("labels", "level %s has no label", l)
		}
	}
	if _, _, ok := fw.StepUp(continuum.Specialist); ok {
		fail("decisions", "specialist must never step up")
	}

	registered := make(map[continuum.Citation]bool)
	for s := range fw.Sources() {
		registered[s] = true
	}
	seen := make(map[continuum.Code]bool)
	n := 0
	for ind := range fw.Indicators() {
		n++
		checkIndicator(ind, registered, fail)
		if seen[ind.Code] {
			fail("catalogue", "code %s appears twice", ind.Code)
		}
		seen[ind.Code] = true
		if got, ok := fw.Indicator(ind.Code); !ok {
			fail("catalogue", "Indicator(%s) does not find an indicator Indicators() lists", ind.Code)
		} else if diff := cmp.Diff(ind, got, CmpOptions()); diff != "" {
			fail("catalogue", "Indicator(%s) differs from Indicators() (-list +lookup):\n%s", ind.Code, diff)
		}
		checkAlone(fw, ind, fail)
	}
	if n != fw.Len() {
		fail("catalogue", "Len() is %d but Indicators() yields %d", fw.Len(), n)
	}
	if n == 0 {
		fail("catalogue", "the catalogue is empty")
	}

	d, err := fw.Evaluate(thresholds.Case{})
	switch {
	case err != nil:
		fail("decisions", "the empty case does not evaluate: %v", err)
	case d.Level != continuum.Universal || d.Urgency != continuum.Routine || d.Rule() != thresholds.ByNoNeeds:
		fail("decisions", "the empty case decides %s, %s, rule %s; want universal, routine, no-needs", d.Level, d.Urgency, d.Rule())
	}
	checkImmutable(fw, fail)
	return errors.Join(errs...)
}

// checkIndicator checks one catalogue entry.
func checkIndicator(ind continuum.Indicator, registered map[continuum.Citation]bool, fail func(string, string, ...any)) {
	if !ind.Code.IsValid() || !ind.Level.IsValid() || !ind.Dimension.IsValid() || !ind.Kind.IsValid() {
		fail("catalogue", "indicator %q has an invalid code, level (%s), dimension (%s) or kind (%s)", ind.Code, ind.Level, ind.Dimension, ind.Kind)
	}
	if strings.TrimSpace(ind.Summary) == "" {
		fail("catalogue", "indicator %s has no summary", ind.Code)
	}
	if len(ind.Citations) == 0 {
		fail("catalogue", "indicator %s cites no source", ind.Code)
	}
	for _, c := range ind.Citations {
		if !registered[c] {
			fail("catalogue", "indicator %s cites %s, which is not in the source register", ind.Code, c.Source)
		}
	}
	if ind.Kind.IsTrigger() && ind.Level != continuum.Specialist {
		fail("catalogue", "trigger %s is at %s, not specialist", ind.Code, ind.Level)
	}
}

// checkAlone checks the decision on a case of one indicator, and its explanation.
func checkAlone(fw *thresholds.Framework, ind continuum.Indicator, fail func(string, string, ...any)) {
	c := thresholds.Case{Indicators: []continuum.Code{ind.Code}}
	d, err := fw.Evaluate(c)
	if err != nil {
		fail("decisions", "a case of %s alone does not evaluate: %v", ind.Code, err)
		return
	}
	wantLevel, wantUrgency := ind.Level, continuum.Routine
	switch ind.Kind {
	case continuum.ImmediateDanger:
		wantLevel, wantUrgency = continuum.Specialist, continuum.Immediate
	case continuum.SignificantHarm:
		wantLevel, wantUrgency = continuum.Specialist, continuum.SameDay
	case continuum.Strength:
		wantLevel = continuum.Universal
	}
	if d.Level != wantLevel || d.Urgency != wantUrgency {
		fail("decisions", "%s (%s at %s) alone decides %s, %s; want %s, %s", ind.Code, ind.Kind, ind.Level, d.Level, d.Urgency, wantLevel, wantUrgency)
	}
	if d.Label != fw.Label(d.Level) {
		fail("decisions", "a decision's label %q is not the framework's label %q for %s", d.Label, fw.Label(d.Level), d.Level)
	}
	if d.Framework != fw.Ref() {
		fail("decisions", "a decision records framework %+v, not %+v", d.Framework, fw.Ref())
	}
	again, _ := fw.Evaluate(c)
	if diff := cmp.Diff(d, again, CmpOptions()); diff != "" {
		fail("decisions", "deciding %s twice gives different decisions (-first +second):\n%s", ind.Code, diff)
	}
	text, err := fw.Explain(d)
	switch {
	case err != nil:
		fail("explanations", "the decision on %s does not explain: %v", ind.Code, err)
	case !strings.Contains(text, fw.Label(d.Level)) || !strings.Contains(text, "professional judgement"):
		fail("explanations", "the explanation of %s does not name the label %q and professional judgement", ind.Code, fw.Label(d.Level))
	}
}

// checkImmutable changes what accessors return and checks the framework did not change.
func checkImmutable(fw *thresholds.Framework, fail func(string, string, ...any)) {
	for ind := range fw.Indicators() {
		if len(ind.Citations) == 0 {
			continue
		}
		before := ind.Citations[0]
		ind.Citations[0].Title = "changed by a caller"
		if again, _ := fw.Indicator(ind.Code); len(again.Citations) == 0 || again.Citations[0] != before {
			fail("immutability", "changing a returned indicator's citations changed the framework")
		}
		break
	}
}
