package document

import (
	"errors"
	"strings"
	"time"
	_ "time/tzdata" // Europe/London without relying on the host's zoneinfo

	"github.com/rightsupport/needs/continuum"
)

// Rule codes of the checks on a document's lineage and effective period, shared by
// framework and policy documents. They are stable.
const (
	RuleUnpinnedBase       = "unpinned-base"        // extends does not name a version (id@version)
	RuleUnknownBase        = "unknown-base"         // extends names no document that can be found
	RuleBaseMismatch       = "base-mismatch"        // the base found has another id or version than extends names
	RuleExtendsCycle       = "extends-cycle"        // extends leads back to the document itself
	RuleBuiltinID          = "builtin-id"           // a document takes a builtin's id without being a version of it
	RuleInvalidPeriod      = "invalid-period"       // effectiveTo falls before effectiveFrom
	RuleOverlappingVersion = "overlapping-versions" // two versions of one id are in force on a common day
	RuleDuplicateVersion   = "duplicate-version"    // two documents of a set have the same id and version
)

// ErrCycle is what a set's resolver returns for a base that is being parsed further down
// the same chain: the document extends, directly or not, itself.
var ErrCycle = errors.New("document: extends cycle")

var london = func() *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		panic(err) // time/tzdata is embedded: this cannot happen
	}
	return loc
}()

// London returns the Europe/London location, from the zone data embedded in the binary.
func London() *time.Location { return london }

// Day returns midnight in Europe/London of the London calendar day t falls on, whatever
// t's location.
func Day(t time.Time) time.Time {
	y, m, d := t.In(london).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, london)
}

// Ref is a pinned reference to a document version, written "id@version" in "extends".
// The zero Ref names nothing.
type Ref struct {
	ID, Version string
}

// String returns "id@version".
func (r Ref) String() string { return r.ID + "@" + r.Version }

// ParseRef parses "id@version": an id by the grammar of a document id and a non-empty
// version without spaces. ok is false for anything else, a bare id included.
func ParseRef(s string) (r Ref, ok bool) {
	id, version, found := strings.Cut(s, "@")
	if !found || !docIDPattern.MatchString(id) || version == "" || len(version) > 64 ||
		strings.ContainsAny(version, " \t\r\n@") {
		return Ref{}, false
	}
	return Ref{ID: id, Version: version}, true
}

// Period is a document's effective period: the London days From to To, both included.
// The zero To means open-ended. The zero Period has no start and is in force on no day.
type Period struct {
	// From is midnight in Europe/London of the first day in force.
	From time.Time
	// To is midnight in Europe/London of the last day in force; zero: open-ended.
	To time.Time
}

// Contains reports whether the London day t falls on is in the period.
func (p Period) Contains(t time.Time) bool {
	if p.From.IsZero() {
		return false
	}
	d := Day(t)
	return !d.Before(p.From) && (p.To.IsZero() || !d.After(p.To))
}

// Overlaps reports whether the two periods have a day in common.
func (p Period) Overlaps(q Period) bool {
	startsBeforeQEnds := q.To.IsZero() || !p.From.After(q.To)
	qStartsBeforePEnds := p.To.IsZero() || !q.From.After(p.To)
	return startsBeforeQEnds && qStartsBeforePEnds
}

// CheckPeriod checks the header as [Header.Check] does, and its optional "effectiveTo":
// a date as YYYY-MM-DD not before "effectiveFrom" (invalid-period). It returns the
// period, its days as midnights in Europe/London.
func (h *Header) CheckPeriod(sentinel error) (continuum.Findings, Period) {
	fs, from := h.Check(sentinel)
	var p Period
	if !from.IsZero() {
		p.From = time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, london)
	}
	if h.EffectiveTo == "" {
		return fs, p
	}
	to, err := time.Parse(time.DateOnly, h.EffectiveTo)
	if err != nil {
		return fs.Add("effectiveTo", RuleInvalidDate, continuum.Error, sentinel, "want a date as YYYY-MM-DD"), p
	}
	p.To = time.Date(to.Year(), to.Month(), to.Day(), 0, 0, 0, 0, london)
	if !p.From.IsZero() && p.To.Before(p.From) {
		fs = fs.Add("effectiveTo", RuleInvalidPeriod, continuum.Error, sentinel, "the last day in force is before the first")
	}
	return fs, p
}

// FormatDay returns a period bound as YYYY-MM-DD, or "" for the zero time.
func FormatDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
