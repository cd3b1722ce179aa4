package document

import (
	"encoding/json"
	"reflect"
	"strconv"

	"github.com/rightsupport/needs/continuum"
)

// skip consumes one whole value.
func (d *decoder) skip(path string) bool {
	tok, ok := d.token(path)
	if !ok {
		return false
	}
	return d.skipRest(tok, path)
}

// skipRest consumes the rest of a value whose first token is tok.
func (d *decoder) skipRest(tok json.Token, path string) bool {
	delim, isDelim := tok.(json.Delim)
	if !isDelim || delim == '}' || delim == ']' {
		return true
	}
	for depth := 1; depth > 0; {
		if depth > maxDepth {
			d.add(path, RuleTooDeep, continuum.ErrSyntax, "nesting is deeper than "+strconv.Itoa(maxDepth))
			return false
		}
		tok, ok := d.token(path)
		if !ok {
			return false
		}
		if delim, isDelim := tok.(json.Delim); isDelim {
			if delim == '{' || delim == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return true
}

func (d *decoder) wrongType(path string, t reflect.Type, tok json.Token) {
	d.add(path, RuleWrongType, nil, "want "+describe(t)+", got "+tokenType(tok))
}
