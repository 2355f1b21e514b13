package quarry

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestSchemaCoversTypes keeps schema.json in step with the Go types: every
// JSON field of every output type must be described, and nothing more.
func TestSchemaCoversTypes(t *testing.T) {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Defs       map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(JSONSchema, &s); err != nil {
		t.Fatal(err)
	}
	var src struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	json.Unmarshal(s.Properties["source"], &src)
	cases := []struct {
		name  string
		typ   any
		props map[string]json.RawMessage
	}{
		{"document", Document{}, s.Properties},
		{"source", Source{}, src.Properties},
		{"entity", Entity{}, s.Defs["entity"].Properties},
		{"mention", Mention{}, s.Defs["mention"].Properties},
		{"figure", Figure{}, s.Defs["figure"].Properties},
		{"quote", Quote{}, s.Defs["quote"].Properties},
		{"claim", Claim{}, s.Defs["claim"].Properties},
		{"problem", Error{}, s.Defs["problem"].Properties},
	}
	for _, c := range cases {
		fields := jsonFields(reflect.TypeOf(c.typ))
		for _, f := range fields {
			if _, ok := c.props[f]; !ok {
				t.Errorf("%s: field %q is not in schema.json", c.name, f)
			}
		}
		if len(c.props) != len(fields) {
			t.Errorf("%s: schema has %d properties, type has %d fields %v", c.name, len(c.props), len(fields), fields)
		}
	}
}

func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("json")
		name := strings.Split(tag, ",")[0]
		if name == "-" || !t.Field(i).IsExported() {
			continue
		}
		if name == "" {
			name = t.Field(i).Name
		}
		out = append(out, name)
	}
	return out
}
