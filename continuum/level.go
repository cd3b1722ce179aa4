package continuum

import (
	"encoding"
	"iter"
)

// Level is a level of need on the four-level continuum. Levels are ordered: a higher
// Level is a greater need, so levels compare with < and >.
//
// The zero Level means "not assessed" (for a referral: not known to services). It is not
// a valid level and never reads as the lowest one: IsValid reports false, Number reports
// 0, and its text encoding is empty. A Level is a plain value, safe for concurrent use.
type Level uint8

// The four levels, lowest to highest. Local frameworks give them their own labels
// (Kent: "Additional Support - Level 2"); these are the canonical values behind them.
const (
	// Universal needs are met by the family and services open to every child.
	Universal Level = 1 + iota
	// Additional needs call for extra help from one agency or a few working together.
	Additional
	// Intensive needs are multiple or complex and call for a coordinated multi-agency plan.
	Intensive
	// Specialist need: the child has suffered or is likely to suffer significant harm, or
	// needs statutory or specialist services.
	Specialist
)

var levelEnum = enumTokens{
	typ:    "level",
	tokens: []string{"", "universal", "additional", "intensive", "specialist"},
	zero:   "not-assessed",
	want:   "universal, additional, intensive, specialist or 1 to 4",
	labels: []string{"", "Universal", "Additional", "Intensive", "Specialist"},
}

var (
	_ encoding.TextMarshaler   = Level(0)
	_ encoding.TextUnmarshaler = (*Level)(nil)
	_ encoding.TextAppender    = Level(0)
)

// ParseLevel parses a level token: "universal", "additional", "intensive", "specialist",
// or the level's number "1" to "4", ignoring case. Anything else, the empty string
// included, is an error wrapping [ErrUnknownToken].
func ParseLevel(s string) (Level, error) {
	if len(s) == 1 && s[0] >= '1' && s[0] <= '4' {
		return Level(s[0] - '0'), nil
	}
	v, err := levelEnum.parse(s)
	return Level(v), err
}

// Levels returns the four valid levels in ascending order.
func Levels() iter.Seq[Level] { return valuesOf[Level](&levelEnum) }

// String returns the level's canonical token ("intensive"), "not-assessed" for the zero
// Level, and "level(N)" for an out-of-range value. It never panics.
func (l Level) String() string { return levelEnum.name(uint8(l)) }

// Label returns the level's canonical display label ("Intensive"), or "" when l is not
// valid. A framework gives each level its own local label too (thresholds'
// Framework.Label).
func (l Level) Label() string { return levelEnum.label(uint8(l)) }

// IsValid reports whether l is one of the four levels.
func (l Level) IsValid() bool { return l >= Universal && l <= Specialist }

// Number returns the level's number, 1 (Universal) to 4 (Specialist), or 0 when l is not
// valid.
func (l Level) Number() int {
	if !l.IsValid() {
		return 0
	}
	return int(l)
}

// AppendText appends the level's token to b. The zero Level appends nothing; an
// out-of-range Level is an error wrapping [ErrInvalidValue].
func (l Level) AppendText(b []byte) ([]byte, error) { return levelEnum.appendText(b, uint8(l)) }

// MarshalText returns the level's token, so that JSON shows "intensive", never a number.
// The zero Level encodes as empty text.
func (l Level) MarshalText() ([]byte, error) { return l.AppendText(nil) }

// UnmarshalText parses a token as [ParseLevel] does; empty text is the zero Level.
func (l *Level) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*l = 0
		return nil
	}
	v, err := ParseLevel(string(text))
	if err != nil {
		return err
	}
	*l = v
	return nil
}
