package thresholds

import (
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// EvaluateTextInto decides a case given as code text, as a service receives it, into
// buf as [Framework.EvaluateInto] does: each string is looked up in the catalogue
// directly, so a known code needs no parsing and the decision allocates nothing. The
// Decision is the one EvaluateInto gives for the parsed codes, and aliases buf until its
// next use. Text that is not in the catalogue is a finding at "indicators[i]" wrapping
// [ErrUnknownIndicator]: rule RuleInvalidCode when it is not a well-formed code,
// RuleUnknownIndicator when it is; all are reported, capped as [Framework.Resolve] caps
// them. No finding repeats the text.
func (f *Framework) EvaluateTextInto(codes []string, buf *DecisionBuffer) (Decision, error) {
	if err := f.usable(); err != nil {
		return Decision{}, err
	}
	o := Outcome{fw: f}
	for _, s := range codes {
		i := f.table.find(s)
		if i < 0 {
			return Decision{}, f.textFindings(codes)
		}
		o.obs.add(i)
	}
	f.decide(&o)
	return o.into(buf), nil
}

// textFindings reports every string of codes that is not in the catalogue.
func (f *Framework) textFindings(codes []string) error {
	var fs continuum.Findings
	more := 0
	for i, s := range codes {
		if f.table.find(s) >= 0 {
			continue
		}
		if len(fs) >= continuum.MaxFindings {
			more++
			continue
		}
		code, err := continuum.ParseCode(s)
		if err != nil {
			fs = fs.Add("indicators["+strconv.Itoa(i)+"]", RuleInvalidCode, continuum.Error, ErrUnknownIndicator,
				"the text is not a well-formed indicator code")
			continue
		}
		fs = f.unknownCode(fs, i, code)
	}
	return fs.Capped(continuum.MaxFindings, more).Err()
}
