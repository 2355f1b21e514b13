package rules

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// Every complete rule document in docs/rules.md loads without errors, so
// the documentation cannot drift from the format.
func TestDocsExamplesLoad(t *testing.T) {
	data, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Skip("docs/rules.md not found")
	}
	blocks := strings.Split(string(data), "```yaml\n")
	n := 0
	for _, b := range blocks[1:] {
		body, _, _ := strings.Cut(b, "```")
		if !strings.HasPrefix(body, "kind:") {
			continue
		}
		n++
		name := fmt.Sprintf("doc-block-%d.yaml", n)
		if _, err := LoadFiles(true, map[string]string{name: body}); err != nil {
			t.Errorf("%s:\n%s\nerrors:\n%v", name, body, err)
		}
	}
	if n < 8 {
		t.Errorf("found %d rule documents in docs/rules.md, want one per kind at least", n)
	}
}
