package document

// This file holds how the decoder describes Go types and paths in its findings, and how it
// finds a struct's JSON fields.

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

func (d *decoder) wrongType(path string, t reflect.Type, tok json.Token) {
	d.add(path, RuleWrongType, nil, "want "+describe(t)+", got "+tokenType(tok))
}

func setNumber(v reflect.Value, s string) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return false
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(s, 10, v.Type().Bits())
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

// joinPath appends an object key to a path. Keys that are not plain names are shown as
// [?] so that whatever a caller typed as a key is not echoed.
func joinPath(path, key string) string {
	if !plainKey(key) {
		return path + "[?]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(k string) bool {
	if k == "" || len(k) > 40 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$') {
			return false
		}
	}
	return true
}

var fieldCache sync.Map // reflect.Type → map[string][]int

// fieldsOf maps a struct type's JSON names to field indexes. A field's name is its json
// tag name, or its Go name when it has no tag; "-" and unexported fields are left out,
// and the fields of an embedded struct without a tag count as the outer struct's.
func fieldsOf(t reflect.Type) map[string][]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string][]int)
	}
	m := make(map[string][]int)
	var embedded []reflect.StructField
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			embedded = append(embedded, f)
			continue
		}
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Index
	}
	// An embedded struct's fields are read as the outer struct's own, unless the outer
	// struct has a field of the same name, which wins (as in encoding/json).
	for _, f := range embedded {
		for inner, index := range fieldsOf(f.Type) {
			if _, outer := m[inner]; !outer {
				m[inner] = append(append([]int(nil), f.Index...), index...)
			}
		}
	}
	fieldCache.Store(t, m)
	return m
}
