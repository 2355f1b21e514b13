package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Folders are searched recursively for .yaml and .yml files in sorted
// order, skipping hidden folders; a folder without rule files is an error.
func TestLoadFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b.yml", "kind: gazetteer\nentries:\n  - {name: Tallow, label: COMPANY}\n")
	write("a/z.yaml", "kind: titles\nentries:\n  - {name: harbourmaster}\n")
	write(".git/x.yaml", "not: rules\n")
	write("notes.txt", "ignored")
	s, err := Load(Options{NoDefaults: true, Paths: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files() {
		got = append(got, strings.TrimPrefix(f.Path, dir+string(filepath.Separator))+":"+f.Origin)
	}
	if strings.Join(got, " ") != "a/z.yaml:user b.yml:user" {
		t.Errorf("files = %v", got)
	}
	empty := t.TempDir()
	if _, err := Load(Options{NoDefaults: true, Paths: []string{empty}}); err == nil || !strings.Contains(err.Error(), "no .yaml or .yml rule files") {
		t.Errorf("empty folder: %v", err)
	}
}

// Documents without content are skipped; several documents per file load.
func TestMultiDocument(t *testing.T) {
	s := mustLoad(t, false, map[string]string{"m.yaml": `---
# just a comment
---
kind: gazetteer
entries: [{name: Tallow, label: COMPANY}]
---
kind: quote-cues
verbs: [warn]
---
`})
	fi := s.Files()[0]
	if strings.Join(fi.Kinds, ",") != "gazetteer,quote-cues" || fi.Counts["entries"] != 1 || fi.Counts["cues"] != 1 {
		t.Errorf("file info = %+v", fi)
	}
}
