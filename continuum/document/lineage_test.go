package document_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/continuum/document"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		in     string
		want   document.Ref
		ok     bool
		reason string
	}{
		{in: "england@1.0.0", want: document.Ref{ID: "england", Version: "1.0.0"}, ok: true, reason: "id and version"},
		{in: "wyvern-shire@2026.1", want: document.Ref{ID: "wyvern-shire", Version: "2026.1"}, ok: true, reason: "any version text without spaces"},
		{in: "england", reason: "a bare id is not pinned"},
		{in: "england@", reason: "an empty version"},
		{in: "@1.0.0", reason: "an empty id"},
		{in: "England@1.0.0", reason: "ids are lower-case"},
		{in: "england@1.0 beta", reason: "no spaces in a version"},
		{in: "england@1@2", reason: "one @ only"},
		{in: "", reason: "nothing"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.in), func(t *testing.T) {
			got, ok := document.ParseRef(tt.in)
			assert.Equal(t, tt.ok, ok, tt.reason)
			assert.Equal(t, tt.want, got, tt.reason)
			if ok {
				assert.Equal(t, tt.in, got.String(), "String round-trips")
			}
		})
	}
}

func TestPeriod(t *testing.T) {
	london := document.London()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, london) }
	spring := document.Period{From: day(2024, 4, 1), To: day(2025, 3, 31)}
	open := document.Period{From: day(2025, 4, 1)}
	contains := []struct {
		name string
		p    document.Period
		t    time.Time
		want bool
	}{
		{"first_day", spring, day(2024, 4, 1), true},
		{"last_day_late", spring, time.Date(2025, 3, 31, 23, 59, 0, 0, london), true},
		{"after_by_london", spring, time.Date(2025, 3, 31, 23, 30, 0, 0, time.UTC), false}, // 00:30 on 1 April in London (BST)
		{"day_after", spring, day(2025, 4, 1), false},
		{"bst_evening_utc", spring, time.Date(2024, 3, 31, 23, 30, 0, 0, time.UTC), true},
		{"day_before", spring, time.Date(2024, 3, 31, 22, 59, 0, 0, time.UTC), false},
		{"open_ended", open, day(2999, 1, 1), true},
		{"zero_period", document.Period{}, day(2024, 4, 1), false},
	}
	for _, tt := range contains {
		t.Run(tt.name, func(t *testing.T) { assert.Equal(t, tt.want, tt.p.Contains(tt.t)) })
	}
	overlaps := []struct {
		name string
		a, b document.Period
		want bool
	}{
		{"adjacent", spring, open, false},
		{"one_day", spring, document.Period{From: day(2025, 3, 31)}, true},
		{"both_open", open, document.Period{From: day(2030, 1, 1)}, true},
		{"inside", spring, document.Period{From: day(2024, 6, 1), To: day(2024, 6, 1)}, true},
		{"before", spring, document.Period{From: day(2020, 1, 1), To: day(2024, 3, 31)}, false},
	}
	for _, tt := range overlaps {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.a.Overlaps(tt.b))
			assert.Equal(t, tt.want, tt.b.Overlaps(tt.a), "symmetric")
		})
	}
	assert.Equal(t, day(2024, 4, 1), document.Day(time.Date(2024, 3, 31, 23, 0, 0, 0, time.UTC)), "23:00 UTC in BST is the next London day")
}

func TestCheckPeriod(t *testing.T) {
	sentinel := errors.New("test sentinel")
	tests := []struct {
		name     string
		from, to string
		want     []string
	}{
		{name: "open", from: "2024-04-01"},
		{name: "one_day", from: "2024-04-01", to: "2024-04-01"},
		{name: "reversed", from: "2024-04-01", to: "2024-03-31", want: []string{"effectiveTo invalid-period"}},
		{name: "bad_to", from: "2024-04-01", to: "2024-13-01", want: []string{"effectiveTo invalid-date"}},
		{name: "bad_from", from: "April", to: "2024-03-31", want: []string{"effectiveFrom invalid-date"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := document.Header{ID: "testshire", Title: "t", Publisher: "p", Version: "1", EffectiveFrom: tt.from, EffectiveTo: tt.to}
			fs, p := h.CheckPeriod(sentinel)
			var got []string
			for _, f := range fs {
				got = append(got, f.Path+" "+f.Rule)
				assert.ErrorIs(t, f, sentinel)
			}
			assert.Equal(t, tt.want, got)
			if len(tt.want) == 0 {
				assert.Equal(t, tt.from, document.FormatDay(p.From))
				assert.Equal(t, tt.to, document.FormatDay(p.To))
				assert.Equal(t, "Europe/London", p.From.Location().String())
			}
		})
	}
}

// TestParseSet drives ParseSet with a toy document kind: a header plus "extends", whose
// parse records the chain of ids it resolved.
func TestParseSet(t *testing.T) {
	type toy struct{ chain string }
	doc := func(id, version, from, extends string) []byte {
		data, err := json.Marshal(map[string]string{"id": id, "title": "t", "publisher": "p", "version": version, "effectiveFrom": from, "extends": extends})
		require.NoError(t, err)
		return data
	}
	parse := func(data []byte, base func(string) (*toy, error)) (*toy, error) {
		var d struct {
			document.Header
			Extends string `json:"extends"`
		}
		if fs := document.Decode(data, &d); len(fs) > 0 {
			return nil, fs.Err()
		}
		if d.Extends == "" {
			return &toy{chain: d.ID}, nil
		}
		b, err := base(d.Extends)
		if err != nil {
			return nil, err
		}
		return &toy{chain: d.ID + ">" + b.chain}, nil
	}
	fallback := func(ref string) (*toy, error) {
		if ref == "root@1" {
			return &toy{chain: "root"}, nil
		}
		return nil, errors.New("unknown")
	}
	got, errs := document.ParseSet([][]byte{
		doc("district", "1", "2024-01-01", "county@1"),
		doc("county", "1", "2024-01-01", "root@1"),
		doc("aa", "1", "2024-01-01", "bb@1"),
		doc("bb", "1", "2024-01-01", "aa@1"),
		doc("county", "2", "2024-06-01", ""),
	}, parse, fallback, continuum.ErrInvalidValue)
	require.Len(t, got, 5)
	assert.Equal(t, "district>county>root", got[0].chain, "resolved through the set, then the fallback")
	assert.Equal(t, "county>root", got[1].chain)
	assert.ErrorIs(t, errs[2], document.ErrCycle)
	assert.ErrorIs(t, errs[3], document.ErrCycle)
	assert.ErrorIs(t, errs[4], continuum.ErrInvalidValue, "county 2 overlaps county 1 (open-ended)")
	assert.ErrorContains(t, errs[4], document.RuleOverlappingVersion)
	assert.Nil(t, got[4])
}
