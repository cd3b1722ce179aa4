package referral_test

import (
	"encoding"
	"fmt"
	"iter"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
	"github.com/rightsupport/needs/thresholds"
)

// This file holds the one table test of the enum convention that every enum of the module
// passes (STYLE.md): String, IsValid, a Parse function, MarshalText, AppendText,
// UnmarshalText, Label, and an iterator of all values. It lives in referral's tests
// because referral imports every other package of the module.

// enum is what the convention asks of an enum type.
type enum interface {
	~uint8
	fmt.Stringer
	encoding.TextMarshaler
	encoding.TextAppender
	IsValid() bool
	Label() string
}

// enumCase is one enum type under test.
type enumCase[T enum] struct {
	all   iter.Seq[T]                 // every valid value, ascending
	parse func(string) (T, error)     // the package's Parse function
	zero  string                      // how String shows the zero value
	extra func(t *testing.T, all []T) // checks of the type's own (optional)
}

// checkConvention checks the convention on one enum type, as a subtest.
func checkConvention[T enum, PT interface {
	*T
	encoding.TextUnmarshaler
}](t *testing.T, name string, c enumCase[T]) {
	t.Run(name, func(t *testing.T) {
		var all []T
		for v := range c.all {
			all = append(all, v)
		}
		require.NotEmpty(t, all, "the iterator yields the values")
		labels := make(map[string]bool)
		for i, v := range all {
			require.Equal(t, T(i+1), v, "values run 1 + iota, ascending, with no gap")
			tok := v.String()
			assert.True(t, v.IsValid(), "%s is valid", tok)
			assert.NotEmpty(t, tok)

			label := v.Label()
			assert.NotEmpty(t, label, "%s has a display label", tok)
			assert.False(t, labels[label], "labels are distinct: %q", label)
			labels[label] = true
			assert.Equal(t, strings.ToUpper(label[:1]), label[:1], "labels are in sentence case: %q", label)

			for _, in := range []string{tok, strings.ToUpper(tok), strings.ToLower(tok)} {
				got, err := c.parse(in)
				require.NoError(t, err, "Parse(%q) ignores case", in)
				assert.Equal(t, v, got)
			}
			b, err := v.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tok, string(b), "MarshalText is the token")
			b, err = v.AppendText([]byte("x:"))
			require.NoError(t, err)
			assert.Equal(t, "x:"+tok, string(b), "AppendText appends the token")
			var back T
			require.NoError(t, PT(&back).UnmarshalText([]byte(tok)))
			assert.Equal(t, v, back, "UnmarshalText round-trips MarshalText")
		}

		var zero T
		assert.False(t, zero.IsValid(), "the zero value is not valid")
		assert.Equal(t, c.zero, zero.String())
		assert.Empty(t, zero.Label())
		b, err := zero.MarshalText()
		require.NoError(t, err)
		assert.Empty(t, b, "the zero value encodes as empty text")
		got := all[0]
		require.NoError(t, PT(&got).UnmarshalText(nil))
		assert.Zero(t, got, "empty text decodes as the zero value")

		out := T(len(all) + 1)
		assert.False(t, out.IsValid())
		assert.Contains(t, out.String(), "(", "an out-of-range value shows its number, never a token")
		assert.Empty(t, out.Label())
		_, err = out.MarshalText()
		assert.ErrorIs(t, err, continuum.ErrInvalidValue)
		_, err = out.AppendText(nil)
		assert.ErrorIs(t, err, continuum.ErrInvalidValue)

		const marker = "Sample Free Text"
		for _, bad := range []string{"", marker, " " + all[0].String(), all[0].String() + "\x00"} {
			_, err := c.parse(bad)
			require.Error(t, err, "Parse(%q)", bad)
			assert.ErrorIs(t, err, continuum.ErrUnknownToken)
			assert.NotContains(t, err.Error(), marker, "errors never repeat their input")
		}
		kept := all[len(all)-1]
		assert.Error(t, PT(&kept).UnmarshalText([]byte(marker)))
		assert.Equal(t, all[len(all)-1], kept, "a failed UnmarshalText leaves the value as it was")

		if c.extra != nil {
			c.extra(t, all)
		}
	})
}

func TestEnumConvention(t *testing.T) {
	checkConvention(t, "continuum.Level", enumCase[continuum.Level]{all: continuum.Levels(), parse: continuum.ParseLevel, zero: "not-assessed",
		extra: func(t *testing.T, all []continuum.Level) {
			for _, l := range all {
				got, err := continuum.ParseLevel(fmt.Sprint(l.Number()))
				require.NoError(t, err, "a level also parses from its number")
				assert.Equal(t, l, got)
			}
		}})
	checkConvention(t, "continuum.Urgency", enumCase[continuum.Urgency]{all: continuum.Urgencies(), parse: continuum.ParseUrgency, zero: "not-decided"})
	checkConvention(t, "continuum.Domain", enumCase[continuum.Domain]{all: continuum.Domains(), parse: continuum.ParseDomain, zero: "no-domain"})
	checkConvention(t, "continuum.Dimension", enumCase[continuum.Dimension]{all: continuum.Dimensions(), parse: continuum.ParseDimension, zero: "no-dimension",
		extra: func(t *testing.T, all []continuum.Dimension) {
			assert.Len(t, all, continuum.NumDimensions)
		}})
	checkConvention(t, "continuum.Kind", enumCase[continuum.Kind]{all: continuum.Kinds(), parse: continuum.ParseKind, zero: "no-kind"})
	checkConvention(t, "continuum.Severity", enumCase[continuum.Severity]{all: continuum.Severities(), parse: continuum.ParseSeverity, zero: "no-severity"})
	checkConvention(t, "continuum.AgeBand", enumCase[continuum.AgeBand]{all: continuum.AllAgeBands(), parse: continuum.ParseAgeBand, zero: "no-age-band"})
	checkConvention(t, "continuum.CINFactor", enumCase[continuum.CINFactor]{all: continuum.AllCINFactors(), parse: continuum.ParseCINFactor, zero: "no-cin-factor"})
	checkConvention(t, "thresholds.DecisionRule", enumCase[thresholds.DecisionRule]{all: thresholds.DecisionRules(), parse: thresholds.ParseDecisionRule, zero: "no-rule"})
	checkConvention(t, "referral.Consent", enumCase[referral.Consent]{all: referral.Consents(), parse: referral.ParseConsent, zero: "not-recorded"})
	checkConvention(t, "referral.ConsentRule", enumCase[referral.ConsentRule]{all: referral.ConsentRules(), parse: referral.ParseConsentRule, zero: "no-consent-rule"})
	checkConvention(t, "referral.LegalBasis", enumCase[referral.LegalBasis]{all: referral.LegalBases(), parse: referral.ParseLegalBasis, zero: "none-stated"})
	checkConvention(t, "referral.TransitionKind", enumCase[referral.TransitionKind]{all: referral.TransitionKinds(), parse: referral.ParseTransitionKind, zero: "not-a-move"})
	checkConvention(t, "referral.Unit", enumCase[referral.Unit]{all: referral.Units(), parse: referral.ParseUnit, zero: "no-unit"})
	checkConvention(t, "referral.DeadlineBasis", enumCase[referral.DeadlineBasis]{all: referral.DeadlineBases(), parse: referral.ParseDeadlineBasis, zero: "no-basis"})
	checkConvention(t, "referral.JudgementReason", enumCase[referral.JudgementReason]{all: referral.JudgementReasons(), parse: referral.ParseJudgementReason, zero: "no-reason",
		extra: func(t *testing.T, all []referral.JudgementReason) {
			for _, r := range all {
				assert.NotEmpty(t, r.Citations(), "%s cites its sources", r)
			}
		}})
	checkConvention(t, "referral.ClosureReason", enumCase[referral.ClosureReason]{all: referral.ClosureReasons(), parse: referral.ParseClosureReason, zero: "no-closure-reason"})
	checkConvention(t, "referral.ReferralSource", enumCase[referral.ReferralSource]{all: referral.ReferralSources(), parse: referral.ParseReferralSource, zero: "not-recorded"})
}
