package referral

// Schema returns the JSON Schema of policy documents (draft 2020-12), the one beside the
// builtin policies, so that a tool can give it to a policy owner's editor. Each call
// returns a fresh copy.
func Schema() []byte {
	data, err := builtinFS.ReadFile("policies/schema.json")
	if err != nil {
		panic(err) // embedded at build time: cannot happen
	}
	return data
}
