package referral_test

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/referral"
)

// Helpers of this file are prefixed "tr".

func TestTransitionKind(t *testing.T) {
	const (
		u = continuum.Universal
		a = continuum.Additional
		i = continuum.Intensive
		s = continuum.Specialist
	)
	tests := []struct {
		name     string
		from, to continuum.Level
		want     referral.TransitionKind
		reason   string
	}{
		// From a child not known to services: always an entry.
		{"unknown_universal", 0, u, referral.Entry, "not known to services, to universal"},
		{"unknown_additional", 0, a, referral.Entry, "not known to services, to early help"},
		{"unknown_intensive", 0, i, referral.Entry, "not known to services, to intensive early help"},
		{"unknown_specialist", 0, s, referral.Entry, "an entry, even straight to specialist"},
		// From universal.
		{"universal_universal", u, u, 0, "the same level is not a move"},
		{"universal_additional", u, a, referral.StepUp, "up to additional"},
		{"universal_intensive", u, i, referral.StepUp, "up two levels to intensive is still a step-up"},
		{"universal_specialist", u, s, referral.Escalation, "up to specialist"},
		// From additional.
		{"additional_universal", a, u, referral.Closure, "down to universal"},
		{"additional_additional", a, a, 0, "the same level is not a move"},
		{"additional_intensive", a, i, referral.StepUp, "up to intensive"},
		{"additional_specialist", a, s, referral.Escalation, "up to specialist"},
		// From intensive.
		{"intensive_universal", i, u, referral.Closure, "down two levels to universal is a closure"},
		{"intensive_additional", i, a, referral.StepDown, "down to additional"},
		{"intensive_intensive", i, i, 0, "the same level is not a move"},
		{"intensive_specialist", i, s, referral.Escalation, "up to specialist"},
		// From specialist.
		{"specialist_universal", s, u, referral.Closure, "children's social care closes to universal"},
		{"specialist_additional", s, a, referral.StepDown, "down two levels to additional is a step-down"},
		{"specialist_intensive", s, i, referral.StepDown, "down to intensive"},
		{"specialist_specialist", s, s, 0, "the same level is not a move"},
		// Out of range.
		{"to_zero", a, 0, 0, "to is required"},
		{"both_zero", 0, 0, 0, "the zero Transition is not a move"},
		{"to_five", a, 5, 0, "5 is not a level"},
		{"to_max", 0, 255, 0, "255 is not a level"},
		{"from_five", 5, a, 0, "5 is not a level, and is not 'not known' either"},
		{"from_five_to_specialist", 5, s, 0, "an invalid from is never an escalation"},
		{"both_invalid", 9, 9, 0, "equal invalid levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := referral.Transition{From: tt.from, To: tt.to}
			assert.Equal(t, tt.want, tr.Kind(), tt.reason)
			assert.Equal(t, tt.want != 0, tr.Kind().IsValid())
			assert.True(t, strings.HasSuffix(tr.String(), "("+tt.want.String()+")"), "%s names its kind", tr)
		})
	}
}

func TestTransitionString(t *testing.T) {
	tests := []struct {
		name   string
		tr     referral.Transition
		want   string
		reason string
	}{
		{"entry", referral.Transition{To: continuum.Additional}, "not-known→additional (entry)", "a zero From reads not-known"},
		{"closure", referral.Transition{From: continuum.Specialist, To: continuum.Universal}, "specialist→universal (closure)", "canonical level tokens"},
		{"step_up", referral.Transition{From: continuum.Additional, To: continuum.Intensive}, "additional→intensive (step-up)", ""},
		{"zero", referral.Transition{}, "not-known→not-assessed (not-a-move)", "the zero Transition"},
		{"same", referral.Transition{From: continuum.Intensive, To: continuum.Intensive}, "intensive→intensive (not-a-move)", ""},
		{"out_of_range", referral.Transition{From: 7, To: 9}, "level(7)→level(9) (not-a-move)", "String never panics"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.tr.String(), tt.reason)
		})
	}
}

func TestTransitionJSON(t *testing.T) {
	tests := []struct {
		name   string
		tr     referral.Transition
		want   string
		reason string
	}{
		{"entry", referral.Transition{To: continuum.Specialist}, `{"from":"","to":"specialist"}`, "a zero From is empty text"},
		{"step_down", referral.Transition{From: continuum.Specialist, To: continuum.Additional}, `{"from":"specialist","to":"additional"}`, "levels as tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := json.Marshal(tt.tr)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(data), tt.reason)
			var back referral.Transition
			require.NoError(t, json.Unmarshal(data, &back))
			assert.Equal(t, tt.tr, back)
		})
	}
	_, err := json.Marshal(referral.Transition{From: 7, To: continuum.Additional})
	assert.ErrorIs(t, err, continuum.ErrInvalidValue, "an out-of-range level does not encode")
}

// trEnum is what every enum of the package offers.
type trEnum interface {
	~uint8
	String() string
	IsValid() bool
	MarshalText() ([]byte, error)
}

// trTextRoundTrip checks an enum's text encoding: value i encodes as tokens[i-1] and
// back, ignoring case; zero is empty text and String shows zeroText; out-of-range values
// show as typ(N) and do not encode; unknown text is an error that leaves the value.
func trTextRoundTrip[T trEnum, P interface {
	*T
	UnmarshalText([]byte) error
}](t *testing.T, typ, zeroText string, tokens []string) {
	t.Helper()
	for i, tok := range tokens {
		v := T(i + 1)
		assert.True(t, v.IsValid(), tok)
		assert.Equal(t, tok, v.String())
		text, err := v.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, tok, string(text))
		for _, in := range []string{tok, strings.ToUpper(tok)} {
			var back T
			require.NoError(t, P(&back).UnmarshalText([]byte(in)), in)
			assert.Equal(t, v, back, in)
		}
		data, err := json.Marshal(v)
		require.NoError(t, err)
		assert.Equal(t, `"`+tok+`"`, string(data))
		var back T
		require.NoError(t, json.Unmarshal(data, &back))
		assert.Equal(t, v, back)
	}

	var zero T
	assert.False(t, zero.IsValid())
	assert.Equal(t, zeroText, zero.String())
	text, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, text, "zero encodes as empty text")
	back := T(1)
	require.NoError(t, P(&back).UnmarshalText(nil))
	assert.Zero(t, back, "empty text is zero")

	for _, n := range []int{len(tokens) + 1, 255} {
		v := T(n)
		assert.False(t, v.IsValid())
		assert.Equal(t, typ+"("+strconv.Itoa(n)+")", v.String(), "String never panics")
		_, err := v.MarshalText()
		assert.ErrorIs(t, err, continuum.ErrInvalidValue)
	}

	for _, bad := range []string{"bogus", zeroText, " " + tokens[0], "1"} {
		v := T(1)
		err := P(&v).UnmarshalText([]byte(bad))
		assert.ErrorIs(t, err, continuum.ErrUnknownToken, "%q", bad)
		assert.Equal(t, T(1), v, "a failed UnmarshalText leaves the value")
		assert.NotContains(t, err.Error(), "bogus", "errors do not echo the input")
	}
}

func TestEnumText(t *testing.T) {
	t.Run("consent", func(t *testing.T) {
		trTextRoundTrip[referral.Consent](t, "consent", "not-recorded", []string{"given", "refused", "not-sought"})
	})
	t.Run("consent_rule", func(t *testing.T) {
		trTextRoundTrip[referral.ConsentRule](t, "consent rule", "no-consent-rule", []string{"required", "seek-unless-risk", "not-applicable", "required-unless-risk"})
	})
	t.Run("legal_basis", func(t *testing.T) {
		trTextRoundTrip[referral.LegalBasis](t, "legal basis", "none-stated",
			[]string{"voluntary-early-help", "family-help", "section-17", "section-47", "pre-proceedings", "section-31"})
	})
	t.Run("transition_kind", func(t *testing.T) {
		trTextRoundTrip[referral.TransitionKind](t, "transition kind", "not-a-move", []string{"entry", "step-up", "step-down", "escalation", "closure"})
	})
	t.Run("unit", func(t *testing.T) {
		trTextRoundTrip[referral.Unit](t, "unit", "no-unit", []string{"working-days", "days", "weeks", "months"})
	})
}

func TestEnumValues(t *testing.T) {
	// The zero value of every enum means "not set"; the values start at 1.
	assert.Equal(t, []referral.Consent{1, 2, 3}, []referral.Consent{referral.Given, referral.Refused, referral.NotSought})
	assert.Equal(t, []referral.ConsentRule{1, 2, 3, 4}, []referral.ConsentRule{referral.Required, referral.SeekUnlessRisk, referral.NotApplicable, referral.RequiredUnlessRisk})
	assert.Equal(t, []referral.LegalBasis{1, 2, 3, 4, 5, 6}, []referral.LegalBasis{referral.VoluntaryEarlyHelp, referral.FamilyHelp,
		referral.Section17, referral.Section47, referral.PreProceedings, referral.Section31})
	assert.Equal(t, []referral.TransitionKind{1, 2, 3, 4, 5},
		[]referral.TransitionKind{referral.Entry, referral.StepUp, referral.StepDown, referral.Escalation, referral.Closure})
	assert.Equal(t, []referral.Unit{1, 2, 3, 4}, []referral.Unit{referral.WorkingDays, referral.Days, referral.Weeks, referral.Months})
}

func TestParseConsent(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   referral.Consent
		ok     bool
		reason string
	}{
		{"given", "given", referral.Given, true, "token"},
		{"refused_upper", "REFUSED", referral.Refused, true, "case is ignored"},
		{"not_sought", "Not-Sought", referral.NotSought, true, "case is ignored"},
		{"empty", "", 0, false, "Parse needs a token; empty text is for UnmarshalText"},
		{"not_recorded", "not-recorded", 0, false, "the zero value's display text is not a token"},
		{"space", "not sought", 0, false, "the token has a hyphen"},
		{"number", "1", 0, false, "no numbers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := referral.ParseConsent(tt.in)
			if !tt.ok {
				assert.ErrorIs(t, err, continuum.ErrUnknownToken, tt.reason)
				assert.Zero(t, got)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseTransitionKind(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   referral.TransitionKind
		ok     bool
		reason string
	}{
		{"entry", "entry", referral.Entry, true, "token"},
		{"step_up", "step-up", referral.StepUp, true, "token"},
		{"step_down_upper", "STEP-DOWN", referral.StepDown, true, "case is ignored"},
		{"escalation", "escalation", referral.Escalation, true, "token"},
		{"closure", "Closure", referral.Closure, true, "case is ignored"},
		{"not_a_move", "not-a-move", 0, false, "the zero value's display text is not a token"},
		{"empty", "", 0, false, "no kind"},
		{"underscore", "step_up", 0, false, "tokens use hyphens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := referral.ParseTransitionKind(tt.in)
			if !tt.ok {
				assert.ErrorIs(t, err, continuum.ErrUnknownToken, tt.reason)
				return
			}
			require.NoError(t, err, tt.reason)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, strings.ToLower(tt.in), got.String(), "String → Parse round trip")
		})
	}
}
