package document

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// field is a struct field as Decode reads it: where it is, and the most items its array
// may hold (0: no limit) with the rule code of the finding past it.
type field struct {
	index    []int
	limit    int
	rule     string
	noNull   bool // tagged null:"reject": null is a finding even for a pointer
	required bool // tagged required:"true": absent is a missing-field finding
}

var fieldCache sync.Map // reflect.Type → map[string]field

// fieldsOf maps a struct type's JSON names to its fields. A field's name is its json
// tag name, or its Go name when it has no tag; "-" and unexported fields are left out,
// and the fields of an embedded struct without a tag count as the outer struct's.
//
// A field tagged `limit:"N,rule"` is an array of at most N items: Decode stops at the
// item past N with a finding of that rule, before reading the rest of the input. A
// pointer field tagged `null:"reject"` takes no null: absent is its only empty form. A
// field tagged `required:"true"` must be present, even when its value may be empty (a
// transition's "from": "" for an entry).
func fieldsOf(t reflect.Type) map[string]field {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]field)
	}
	m := make(map[string]field)
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
		fd := field{index: f.Index}
		if tag, ok := f.Tag.Lookup("limit"); ok {
			n, rule, _ := strings.Cut(tag, ",")
			limit, err := strconv.Atoi(n)
			if err != nil || limit < 1 || rule == "" {
				panic("document: malformed limit tag on " + t.String() + "." + f.Name)
			}
			fd.limit, fd.rule = limit, rule
		}
		fd.noNull = f.Tag.Get("null") == "reject"
		fd.required = f.Tag.Get("required") == "true"
		m[name] = fd
	}
	// An embedded struct's fields are read as the outer struct's own, unless the outer
	// struct has a field of the same name, which wins (as in encoding/json).
	for _, f := range embedded {
		for inner, fd := range fieldsOf(f.Type) {
			if _, outer := m[inner]; !outer {
				fd.index = append(append([]int(nil), f.Index...), fd.index...)
				m[inner] = fd
			}
		}
	}
	fieldCache.Store(t, m)
	return m
}

// requireFields records a missing-field finding for every field tagged required that
// the object at path did not have, in name order.
func (d *decoder) requireFields(fields map[string]field, present map[string]bool, path string) {
	var missing []string
	for name, f := range fields {
		if f.required && !present[name] {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	for _, name := range missing {
		d.add(fieldPath(path, name), RuleMissingField, nil, "the field is required, even when its value is empty")
	}
}
