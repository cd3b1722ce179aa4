package thresholdstest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/rightsupport/needs/continuum"
	"github.com/rightsupport/needs/thresholds"
	"github.com/rightsupport/needs/thresholds/thresholdstest"
)

func TestCheckNoEcho(t *testing.T) {
	finding := &continuum.Finding{Path: "cases[0]", Rule: "r", Msg: "m"}
	pathEcho := &continuum.Finding{Path: "ZQXmark", Rule: "r", Msg: "m"}
	for _, tc := range []struct {
		name   string
		err    error
		broken bool
	}{
		{"nil", nil, false},
		{"clean", errors.New("thresholdstest: a clean error"), false},
		{"top", errors.New("the code zqxmark is unknown"), true},
		{"other case", errors.New("the code ZqX-2-01 is unknown"), true},
		{"wrapped", fmt.Errorf("outer: %w", errors.New("inner ZQX")), true},
		{"joined", errors.Join(errors.New("clean"), errors.New("zqx")), true},
		{"clean chain", fmt.Errorf("outer: %w", errors.Join(finding, errors.New("clean"))), false},
		{"finding path", hidden{pathEcho}, true},
		{"finding in findings", hidden{continuum.Findings{finding, pathEcho}}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := thresholdstest.CheckNoEcho(tc.err, thresholdstest.EchoTag)
			if !tc.broken {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), "thresholdstest: no echo: "), err.Error())
			assert.NotContains(t, strings.ToLower(err.Error()), thresholdstest.EchoTag, "the report never repeats the marker")
		})
	}
	t.Run("markers of one's own", func(t *testing.T) {
		err := errors.New("the id Plugh is unknown")
		assert.Error(t, thresholdstest.CheckNoEcho(err, "xyzzy", "PLUGH"))
		assert.NoError(t, thresholdstest.CheckNoEcho(err, "xyzzy"))
		assert.NoError(t, thresholdstest.CheckNoEcho(err))
	})
}

// hidden is an error whose own text is clean but whose Unwrap leads to err, so that
// only the walk down the chain finds an echo there.
type hidden struct{ err error }

func (h hidden) Error() string { return "a clean wrapper" }
func (h hidden) Unwrap() error { return h.err }

func TestEchoMarkers(t *testing.T) {
	ms := thresholdstest.EchoMarkers()
	require.NotEmpty(t, ms)
	for _, m := range ms {
		assert.Contains(t, strings.ToLower(m), thresholdstest.EchoTag)
	}
	ms[0] = "changed"
	assert.NotEqual(t, "changed", thresholdstest.EchoMarkers()[0], "each call returns a slice of the caller's own")
	_, err := continuum.ParseCode("ZQX-2-01")
	assert.NoError(t, err, "one marker has the shape of a code")
}

func TestEchoMutations(t *testing.T) {
	_, err := thresholdstest.EchoMutations([]byte(`{"a": `), "m")
	require.Error(t, err)

	got, err := thresholdstest.EchoMutations([]byte(`{"a": 1, "b": [2, 3]}`), "M")
	require.NoError(t, err)
	var texts []string
	for _, b := range got {
		var v any
		require.NoError(t, json.Unmarshal(b, &v), "every mutation is JSON")
		texts = append(texts, string(b))
	}
	// Positions: the document, a, b, b[0], b[1], and b[*]; two mutations each.
	assert.ElementsMatch(t, []string{
		`"M"`, `{"M":"M","a":1,"b":[2,3]}`,
		`{"a":"M","b":[2,3]}`, `{"a":["M","M"],"b":[2,3]}`,
		`{"a":1,"b":"M"}`, `{"a":1,"b":["M","M"]}`,
		`{"a":1,"b":["M",3]}`, `{"a":1,"b":[["M","M"],3]}`,
		`{"a":1,"b":[2,"M"]}`, `{"a":1,"b":[2,["M","M"]]}`,
		`{"a":1,"b":["M","M"]}`, `{"a":1,"b":[["M","M"],["M","M"]]}`,
	}, texts)

	none, err := thresholdstest.EchoMutations([]byte(`{"a": 1}`))
	require.NoError(t, err)
	assert.Empty(t, none, "no markers, no mutations")
}

// A system's test proves that its parser never repeats what a caller wrote: each marker
// goes into every position of a valid document, and no error that comes back, down its
// whole chain, holds one.
func ExampleCheckNoEcho() {
	doc := []byte(`{"framework": "england", "indicators": ["HLT-2-01"]}`)
	docs, err := thresholdstest.EchoMutations(doc, thresholdstest.EchoMarkers()...)
	if err != nil {
		fmt.Println(err)
		return
	}
	fw := thresholds.Default()
	broken := 0
	for _, d := range docs {
		var c struct {
			Framework  string           `json:"framework"`
			Indicators []continuum.Code `json:"indicators"`
		}
		err := json.Unmarshal(d, &c)
		if err == nil {
			_, err = fw.Evaluate(thresholds.Case{Indicators: c.Indicators})
		}
		if thresholdstest.CheckNoEcho(err, thresholdstest.EchoTag) != nil {
			broken++
		}
	}
	fmt.Println(len(docs) > 0, broken)
	// Output: true 0
}
