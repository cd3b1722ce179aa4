package thresholds

// Schema returns the JSON Schema of framework documents (draft 2020-12), the one beside
// the builtin frameworks, so that a tool can give it to a policy owner's editor. Each
// call returns a fresh copy.
func Schema() []byte {
	data, err := builtinFS.ReadFile("frameworks/schema.json")
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return data
}
