package document

import "strconv"

// Paths in findings never repeat a key a caller wrote. A key that is a field of the
// format is shown by its name ("case.indicators[2]"); a key that is not (an unknown
// field, a map key) is shown as its position among its object's members, counting from
// 0, in braces: "case{2}" is the third member of the object at "case". A map key that
// decodes to a valid value of its type is shown by that value's canonical token
// ("levels.universal"), which is the format's own text, not the caller's.

// fieldPath appends the name of a field of the format to a path.
func fieldPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// memberPath appends the position of an object member whose key is the caller's text.
func memberPath(path string, member int) string {
	return path + "{" + strconv.Itoa(member) + "}"
}
