package continuum_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/rightsupport/needs/continuum"
)

func ExampleParseLevel() {
	for _, s := range []string{"intensive", "Specialist", "2", "level 5"} {
		l, err := continuum.ParseLevel(s)
		if err != nil {
			fmt.Println(errors.Is(err, continuum.ErrUnknownToken), err)
			continue
		}
		fmt.Println(l, l.Number())
	}
	var zero continuum.Level
	fmt.Println(zero, zero.IsValid())
	// Output:
	// intensive 3
	// specialist 4
	// additional 2
	// true continuum: level: unknown token (want universal, additional, intensive, specialist or 1 to 4)
	// not-assessed false
}

func ExampleLevel_MarshalText() {
	type decision struct {
		Level   continuum.Level   `json:"level"`
		Urgency continuum.Urgency `json:"urgency"`
	}
	b, err := json.Marshal(decision{continuum.Intensive, continuum.Routine})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))

	b, _ = json.Marshal(decision{}) // not assessed, not decided
	fmt.Println(string(b))

	var d decision
	if err := json.Unmarshal([]byte(`{"level":"4","urgency":"same-day"}`), &d); err != nil {
		panic(err)
	}
	fmt.Println(d.Level, d.Urgency)
	// Output:
	// {"level":"intensive","urgency":"routine"}
	// {"level":"","urgency":""}
	// specialist same-day
}

func ExampleParseCode() {
	c, err := continuum.ParseCode("HLT-2-01")
	fmt.Println(c, err)

	_, err = continuum.ParseCode("hlt-2-01")
	fmt.Println(errors.Is(err, continuum.ErrSyntax))
	fmt.Println(err)
	// Output:
	// HLT-2-01 <nil>
	// true
	// continuum: code: syntax error: must start with an upper-case letter
}

func ExampleDimension_Domain() {
	for _, d := range []continuum.Dimension{continuum.Health, continuum.BasicCare, continuum.Housing} {
		fmt.Printf("%s (%s): %s, %s\n", d, d.Label(), d.Domain(), d.Domain().Label())
	}
	// Output:
	// HLT (Health): CDN, Child's developmental needs
	// BCA (Basic care): PAR, Parenting capacity
	// HSG (Housing): FEF, Family and environmental factors
}

func ExampleFindings_Err() {
	validate := func(codes []string) error {
		var fs continuum.Findings
		for i, s := range codes {
			if _, err := continuum.ParseCode(s); err != nil {
				fs = fs.Add(fmt.Sprintf("indicators[%d]", i), "bad-code", continuum.Error, err, "")
			}
		}
		return fs.Err() // never fs itself: an empty Findings is then a nil error
	}

	fmt.Println(validate([]string{"HLT-2-01"}) == nil)

	err := validate([]string{"HLT-2-01", "x", "EDU-3-01", "A--B"})
	fmt.Println(errors.Is(err, continuum.ErrSyntax))
	fmt.Println(err)
	// Output:
	// true
	// true
	// 2 findings:
	// 	indicators[1]: bad-code: continuum: code: syntax error: length 1, want 2 to 24 characters
	// 	indicators[3]: bad-code: continuum: code: syntax error: two hyphens together at position 3
}
