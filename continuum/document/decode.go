package document

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/rightsupport/needs/continuum"
)

// Rule codes of the findings [Decode] reports. They are stable: systems may match on
// them.
const (
	RuleJSONSyntax    = "json-syntax"    // the input is not well-formed JSON
	RuleDuplicateKey  = "duplicate-key"  // an object names the same key twice
	RuleUnknownField  = "unknown-field"  // an object has a key the format does not define
	RuleWrongType     = "wrong-type"     // a value has the wrong JSON type (string for object…)
	RuleInvalidValue  = "invalid-value"  // a value of the right type is not valid (a bad level…)
	RuleTrailingData  = "trailing-data"  // something follows the document
	RuleTooDeep       = "too-deep"       // nesting deeper than the format can have
	RuleMissingField  = "missing-field"  // a required field is absent or empty
	RuleEmptyDocument = "empty-document" // there is no JSON value at all
	RuleNonCanonical  = "non-canonical"  // a token is not written in its one canonical form ("Intensive", "1" for "intensive")
)

// maxDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxDepth = 64

// Decode decodes the single JSON value in data into v, which must be a non-nil pointer
// (to a struct, slice or map, usually), strictly, and reports every problem it finds as a
// [continuum.Finding] with the path where it is and a rule code:
//
//   - a key an object names twice (RuleDuplicateKey), or two map keys that name the same
//     value;
//   - a key the struct has no field for (RuleUnknownField); field names match json tags
//     exactly, not ignoring case;
//   - a value of the wrong JSON type (RuleWrongType); null is one except for a pointer
//     (but a field tagged null:"reject") and for what encoding/json decodes (an
//     interface, json.RawMessage, a json.Unmarshaler);
//   - a value its type's UnmarshalText (or encoding/json, for those) rejects, a number
//     its field cannot hold, or an item past the length of a Go array (RuleInvalidValue);
//   - a value or map key of one of this module's text types (a level, dimension, code…)
//     that parses but is not written as its canonical token, the text it encodes to
//     (RuleNonCanonical): "intensive", not "Intensive" or "3";
//   - a field tagged required:"true" that is absent (RuleMissingField);
//   - anything after the value (RuleTrailingData).
//
// Some input stops decoding where it is: the first syntax error (RuleJSONSyntax), empty
// input (RuleEmptyDocument), nesting deeper than the format can have (RuleTooDeep), and
// an array past the limit of its field's limit tag (a finding of the tag's rule wrapping
// [ErrTooLarge]). [Stopped] reports whether the findings hold such a stop. At most
// [continuum.MaxFindings] findings are returned; past that, the last one counts the
// rest (rule [continuum.RuleTooManyFindings]).
//
// v holds whatever decoded cleanly. When the findings are empty, v is the document. When
// they are not and !Stopped(fs), a caller may still check v further and combine its own
// findings with fs.Merge, which keeps Decode's finding for a path that has one. Messages
// repeat nothing from the input, only paths, types, rule codes and byte offsets.
func Decode(data []byte, v any) continuum.Findings {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return continuum.Findings{}.Add("", RuleWrongType, continuum.Error, continuum.ErrInvalidValue, "decode target must be a non-nil pointer")
	}
	d := decoder{lex: lexer{data: data}}
	if len(bytes.TrimSpace(data)) == 0 {
		return d.findings.Add("", RuleEmptyDocument, continuum.Error, continuum.ErrSyntax, "the document is empty")
	}
	if d.value(rv.Elem(), "", 0, field{}) {
		if _, err := d.lex.token(); err != io.EOF {
			d.add("", RuleTrailingData, nil, "data follows the end of the document at byte "+strconv.FormatInt(d.lex.offset(), 10))
		}
	}
	if d.more > 0 {
		return d.findings.Capped(continuum.MaxFindings, d.more)
	}
	return d.findings
}

type decoder struct {
	lex      lexer
	findings continuum.Findings
	more     int    // findings past continuum.MaxFindings, counted and not kept
	text     []byte // scratch for the canonical text of a value (see canonical)
}

func (d *decoder) add(path, rule string, err error, msg string) {
	if len(d.findings) >= continuum.MaxFindings {
		d.more++
		return
	}
	d.findings = d.findings.Add(path, rule, continuum.Error, err, msg)
}

// cause is the error a finding about a value of type t wraps: err itself for this
// module's types, whose errors never repeat their input, and continuum.ErrInvalidValue
// for other types' (time, encoding/json), whose errors may quote it.
func (d *decoder) cause(t reflect.Type, err error) error {
	if strings.HasPrefix(t.PkgPath(), ownPackages) {
		return err
	}
	return continuum.ErrInvalidValue
}

// token reads the next token; on a syntax error it records a finding and reports false.
func (d *decoder) token(path string) (json.Token, bool) {
	tok, err := d.lex.token()
	if err != nil {
		d.syntax(path, err)
		return nil, false
	}
	return tok, true
}

// syntax records the finding for a lexer error.
func (d *decoder) syntax(path string, err error) {
	msg := "malformed JSON"
	var le *lexError
	switch {
	case errors.As(err, &le):
		msg = fmt.Sprintf("malformed JSON at byte %d: %s", le.offset, le.msg)
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		msg = "the document ends too soon"
	}
	d.add(path, RuleJSONSyntax, continuum.ErrSyntax, msg)
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
)

// value decodes one value into v (addressable). f is the struct field v is the value
// of, for its tags (null:"reject", limit), or the zero field for any other value. It
// reports false when decoding must stop (a syntax error); type problems are findings,
// after which the value is skipped.
func (d *decoder) value(v reflect.Value, path string, depth int, f field) bool {
	if depth > maxDepth {
		d.add(path, RuleTooDeep, continuum.ErrSyntax, "nesting is deeper than "+strconv.Itoa(maxDepth))
		return false
	}
	t := v.Type()
	if t == rawMessageType || t.Kind() == reflect.Interface ||
		(t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(jsonUnmarshalerType)) {
		// Opaque to the strict walk: hand the whole value to encoding/json; only a
		// syntax error stops the walk.
		raw, err := d.lex.rawValue()
		if err != nil {
			d.syntax(path, err)
			return false
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(v.Addr().Interface()); err != nil {
			d.add(path, RuleInvalidValue, d.cause(t, err), "the value is not valid for "+t.String())
		}
		return true
	}
	tok, ok := d.token(path)
	if !ok {
		return false
	}
	if tok == nil { // null
		if t.Kind() == reflect.Pointer && !f.noNull {
			v.SetZero()
			return true
		}
		d.add(path, RuleWrongType, nil, "null is not allowed here; want "+describe(t))
		return true
	}
	if t.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		return d.valueFrom(tok, v.Elem(), path, depth, f)
	}
	return d.valueFrom(tok, v, path, depth, f)
}

// valueFrom decodes the value that starts with tok into v. limit is the struct field v is
// the value of, whose limit bounds the items of an array (zero: no bound).
func (d *decoder) valueFrom(tok json.Token, v reflect.Value, path string, depth int, limit field) bool {
	t := v.Type()
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		s, isString := tok.(string)
		if !isString {
			d.wrongType(path, t, tok)
			return d.skipRest(tok, path)
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			d.add(path, RuleInvalidValue, d.cause(t, err), valueError(t, err))
		} else if canon, own := d.canonical(v); own && string(canon) != s {
			d.add(path, RuleNonCanonical, nil, "write the value as its canonical token")
		}
		return true
	}
	switch t.Kind() {
	case reflect.Struct:
		fields := fieldsOf(t)
		present := make(map[string]bool)
		ok := d.object(tok, path, depth, func(key string, member int) string {
			if _, known := fields[key]; known {
				return fieldPath(path, key)
			}
			return memberPath(path, member)
		}, func(key, p string) (bool, bool) {
			f, found := fields[key]
			if !found {
				return false, true
			}
			present[key] = true
			return true, d.value(v.FieldByIndex(f.index), p, depth+1, f)
		})
		if ok {
			d.requireFields(fields, present, path)
		}
		return ok
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		keys := make(map[string]bool)
		return d.object(tok, path, depth, func(_ string, member int) string {
			return memberPath(path, member)
		}, func(key, p string) (bool, bool) {
			k := reflect.New(t.Key()).Elem()
			if kt, isText := k.Addr().Interface().(encoding.TextUnmarshaler); isText {
				if err := kt.UnmarshalText([]byte(key)); err != nil {
					d.add(p, RuleInvalidValue, d.cause(t.Key(), err), valueError(t.Key(), err))
					return true, d.skip(p)
				}
				canon := key
				if text, own := d.canonical(k); own {
					if string(text) != key {
						d.add(p, RuleNonCanonical, nil, "write the key as its canonical token")
						canon = string(text)
					}
					if canon != "" {
						p = fieldPath(path, canon)
					}
				}
				if keys[canon] {
					d.add(p, RuleDuplicateKey, nil, "the key names the same value as an earlier key of its object")
					return true, d.skip(p)
				}
				keys[canon] = true
			} else if t.Key().Kind() == reflect.String {
				k.SetString(key)
			} else {
				return false, true
			}
			e := reflect.New(t.Elem()).Elem()
			ok := d.value(e, p, depth+1, field{})
			v.SetMapIndex(k, e)
			return true, ok
		})
	case reflect.Slice, reflect.Array:
		if delim, isDelim := tok.(json.Delim); !isDelim || delim != '[' {
			d.wrongType(path, t, tok)
			return d.skipRest(tok, path)
		}
		i := 0
		if t.Kind() == reflect.Slice {
			v.Set(reflect.MakeSlice(t, 0, 0))
		}
		for d.lex.more() {
			p := path + "[" + strconv.Itoa(i) + "]"
			if limit.limit > 0 && i >= limit.limit {
				d.add(path, limit.rule, ErrTooLarge, "more than "+strconv.Itoa(limit.limit)+" items; reading stopped here")
				return false
			}
			if t.Kind() == reflect.Array {
				if i >= v.Len() {
					d.add(p, RuleInvalidValue, nil, "too many items; want at most "+strconv.Itoa(v.Len()))
					if !d.skip(p) {
						return false
					}
					i++
					continue
				}
				if !d.value(v.Index(i), p, depth+1, field{}) {
					return false
				}
			} else {
				// Grow in place and decode into the new element: no temporary value.
				if v.Len() == v.Cap() {
					v.Grow(max(4, v.Len()))
				}
				v.SetLen(i + 1)
				if !d.value(v.Index(i), p, depth+1, field{}) {
					return false
				}
			}
			i++
		}
		_, ok := d.token(path) // ']'
		return ok
	case reflect.String:
		s, isString := tok.(string)
		if !isString {
			d.wrongType(path, t, tok)
			return d.skipRest(tok, path)
		}
		v.SetString(s)
	case reflect.Bool:
		b, isBool := tok.(bool)
		if !isBool {
			d.wrongType(path, t, tok)
			return d.skipRest(tok, path)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		n, isNumber := tok.(json.Number)
		if !isNumber {
			d.wrongType(path, t, tok)
			return d.skipRest(tok, path)
		}
		if !setNumber(v, string(n)) {
			d.add(path, RuleInvalidValue, nil, "the number is out of range or not "+describe(t))
		}
	default:
		d.add(path, RuleWrongType, nil, "this field cannot be decoded from JSON")
		return d.skipRest(tok, path)
	}
	return true
}

// object decodes an object whose '{' is tok. For each member it asks pathOf for the
// member's path (from its key and its position in the object) and calls field with the
// key and that path; field reports whether it knew the key and whether decoding may go
// on. Unknown keys are findings and their values are skipped. Duplicate keys are
// findings.
func (d *decoder) object(tok json.Token, path string, depth int, pathOf func(key string, member int) string, field func(key, path string) (known, ok bool)) bool {
	if delim, isDelim := tok.(json.Delim); !isDelim || delim != '{' {
		d.add(path, RuleWrongType, nil, "want an object, got "+tokenType(tok))
		return d.skipRest(tok, path)
	}
	seen := make(map[string]bool)
	for member := 0; d.lex.more(); member++ {
		kt, ok := d.token(path)
		if !ok {
			return false
		}
		key := kt.(string) // object keys are always strings
		p := pathOf(key, member)
		if seen[key] {
			d.add(p, RuleDuplicateKey, nil, "the key appears more than once in its object")
			if !d.skip(p) {
				return false
			}
			continue
		}
		seen[key] = true
		known, ok := field(key, p)
		if !ok {
			return false
		}
		if !known {
			d.add(p, RuleUnknownField, nil, "the format has no such field")
			if !d.skip(p) {
				return false
			}
		}
	}
	_, ok := d.token(path) // '}'
	return ok
}

// Stopped reports whether findings from [Decode] include one that stopped decoding
// (malformed, empty or too deeply nested input), so that the decoded value is incomplete
// and nothing further should be checked.
func Stopped(fs continuum.Findings) bool {
	for _, f := range fs {
		switch f.Rule {
		case RuleJSONSyntax, RuleEmptyDocument, RuleTooDeep:
			return true
		}
		if errors.Is(f.Err, ErrTooLarge) {
			return true
		}
	}
	return false
}
