package document

import (
	"encoding"
	"encoding/json"
	"math/big"
	"reflect"
	"strconv"
	"strings"
)

func setNumber(v reflect.Value, s string) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(integral(s), 10, v.Type().Bits())
		if err != nil {
			return false
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(integral(s), 10, v.Type().Bits())
		if err != nil {
			return false
		}
		v.SetUint(n)
	default:
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil {
			return false
		}
		v.SetFloat(f)
	}
	return true
}

// describe names the JSON type a Go type decodes from.
func describe(t reflect.Type) string {
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return describe(t.Elem())
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a value"
}

func tokenType(tok json.Token) string {
	switch tok := tok.(type) {
	case json.Delim:
		if tok == '{' {
			return "an object"
		}
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "a value"
}

// ownPackages prefixes the import paths of this module, whose parse errors never repeat
// their input.
const ownPackages = "github.com/rightsupport/needs/"

// valueError is the message for a value type t rejected. Errors of this module's types
// are shown without their package prefix; other types' errors (net/netip, time…) may
// repeat the input, so they are summarised instead.
func valueError(t reflect.Type, err error) string {
	if strings.HasPrefix(t.PkgPath(), ownPackages) {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && !strings.Contains(msg[:i], " ") {
			msg = msg[i+2:] // drop "continuum: ", "referral: "…
		}
		return msg
	}
	return "the value is not a valid " + t.String()
}

// canonical returns the text v (addressable, of a type that decodes from text) encodes
// to, and whether v's type is one of this module's, whose encoding is its one canonical
// form: decoding that text again gives v. Other types' text (a time's offset, say) has
// several forms and is not checked. The text is appended to d.text, the decoder's
// scratch buffer, so that checking a value allocates nothing; it is valid until the next
// call.
func (d *decoder) canonical(v reflect.Value) ([]byte, bool) {
	if !strings.HasPrefix(v.Type().PkgPath(), ownPackages) {
		return nil, false
	}
	var text []byte
	var err error
	switch m := v.Addr().Interface().(type) {
	case encoding.TextAppender:
		text, err = m.AppendText(d.text[:0])
		if err == nil {
			d.text = text
		}
	case encoding.TextMarshaler:
		text, err = m.MarshalText()
	default:
		return nil, false
	}
	if err != nil {
		return nil, false
	}
	return text, true
}

// integral returns a JSON number that is a whole number written with a fraction or an
// exponent (3.0, 1e2, 2.50e1) in plain digits, as JSON Schema's "integer" counts it;
// any other number is returned as it is, for the integer parser to reject. So is a
// number longer than 40 characters, unread: no integer type holds more than 20 digits,
// and a long number is not worth big.Float's work.
func integral(s string) string {
	if !strings.ContainsAny(s, ".eE") || len(s) > 40 {
		return s
	}
	f, ok := new(big.Float).SetPrec(256).SetString(s)
	if !ok || !f.IsInt() || f.MantExp(nil) > 128 { // past 2^128 no integer type holds it
		return s
	}
	if mant, _, _ := strings.Cut(strings.ToLower(s), "e"); f.Sign() == 0 && strings.ContainsAny(mant, "123456789") {
		return s // not zero, but too small for big.Float's exponent, which rounds it to zero
	}
	i, _ := f.Int(nil)
	return i.String()
}
