package quarry

import _ "embed"

// JSONSchema is the JSON Schema of one output line in --format docs.
//
//go:embed schema.json
var JSONSchema []byte
