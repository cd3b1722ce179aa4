package continuum

import "slices"

// Citation points at the public source a record was paraphrased from: an entry of a
// framework's or policy's source register.
//
// The zero Citation cites nothing. A Citation is a plain value, safe for concurrent use.
type Citation struct {
	// Source is the id of the source in its document's register, e.g. "S04".
	Source string `json:"source"`
	// Title is the source's title.
	Title string `json:"title"`
	// URL is where the source was published.
	URL string `json:"url"`
}

// String returns the citation as "Title <URL>", or the source id alone when it has no
// title.
func (c Citation) String() string {
	if c.Title == "" {
		return c.Source
	}
	if c.URL == "" {
		return c.Title
	}
	return c.Title + " <" + c.URL + ">"
}

// Indicator is one entry of a framework's catalogue: an observable circumstance that
// places a child at a level of need, a protective strength, or a trigger. Indicators are
// examples that support professional judgement, never a checklist.
//
// The zero Indicator is not valid (its Code is the zero Code). An Indicator is a value:
// frameworks hand out copies, so changing one changes no framework. It is safe for
// concurrent use once no goroutine writes to it.
type Indicator struct {
	// Code identifies the indicator within its framework ("HLT-2-01").
	Code Code `json:"code"`
	// Level is the level of need the indicator describes; Specialist for triggers.
	Level Level `json:"level"`
	// Dimension is the triangle dimension the indicator is filed under.
	Dimension Dimension `json:"dimension"`
	// Kind says how the indicator counts in a decision.
	Kind Kind `json:"kind"`
	// Summary is one plain-English sentence, paraphrased from the sources.
	Summary string `json:"summary"`
	// Ages are the age bands it applies to; the empty set means every age.
	Ages AgeBands `json:"ages,omitzero"`
	// CINFactors are the closest DfE CIN census assessment factors, possibly none.
	CINFactors CINFactors `json:"cinFactors,omitzero"`
	// Citations are the sources the indicator was paraphrased from, at least one in a
	// parsed framework.
	Citations []Citation `json:"citations"`
}

// Domain returns the side of the triangle the indicator's dimension belongs to.
func (i Indicator) Domain() Domain { return i.Dimension.Domain() }

// Clone returns a copy of i that shares no memory with it.
func (i Indicator) Clone() Indicator {
	i.Citations = slices.Clone(i.Citations)
	return i
}
