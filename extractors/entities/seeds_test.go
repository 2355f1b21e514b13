package entities

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

type seedExpect struct {
	People    []string   `yaml:"people"`
	Companies [][]string `yaml:"companies"`
	Not       []string   `yaml:"not_person_or_company"`
	Headings  []string   `yaml:"not_entities"`
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// TestSeeds runs the full extractor over the seed articles and checks the
// expectations in testdata/seeds_entities.yaml: every mention of a listed
// person or company carries that label.
func TestSeeds(t *testing.T) {
	dir := sharedDir(t)
	raw, err := os.ReadFile(filepath.Join(repoRoot(), "testdata", "seeds_entities.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var want seedExpect
	if err := yaml.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed articles")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex := New(m, set)
	labels := map[string]map[string]int{} // mention text -> label -> count
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		var out quarry.Document
		if err := ex.Extract(analysis.Default().Analyze(text), &out); err != nil {
			t.Fatal(err)
		}
		for _, e := range out.Entities {
			for _, mn := range e.Mentions {
				if text[mn.Start:mn.End] != mn.Text {
					t.Errorf("%s: mention %q at [%d,%d) is %q in the text", filepath.Base(f), mn.Text, mn.Start, mn.End, text[mn.Start:mn.End])
				}
				if labels[mn.Text] == nil {
					labels[mn.Text] = map[string]int{}
				}
				labels[mn.Text][e.Label]++
			}
		}
	}
	check := func(forms []string, label string) {
		found := false
		for _, f := range forms {
			for l, n := range labels[f] {
				if l == label {
					found = true
				} else {
					t.Errorf("%q labelled %s %d times, want %s", f, l, n, label)
				}
			}
		}
		if !found {
			t.Errorf("%v: no %s mention (got %v)", forms, label, labelsOf(labels, forms))
		}
	}
	for _, p := range want.People {
		check([]string{p}, quarry.Person)
	}
	for _, c := range want.Companies {
		check(c, quarry.Company)
	}
	for _, w := range want.Headings {
		if len(labels[w]) > 0 {
			t.Errorf("%q is an entity (%v)", w, labelsOf(labels, []string{w}))
		}
	}
	for _, w := range want.Not {
		for _, l := range []string{quarry.Person, quarry.Company} {
			if n := labels[w][l]; n > 0 {
				t.Errorf("%q labelled %s %d times", w, l, n)
			}
		}
	}
}

func labelsOf(labels map[string]map[string]int, forms []string) []string {
	var out []string
	for _, f := range forms {
		for l := range labels[f] {
			out = append(out, f+":"+l)
		}
	}
	sort.Strings(out)
	return out
}
