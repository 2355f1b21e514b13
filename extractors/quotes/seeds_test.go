package quotes

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type seedQuote struct {
	File      string `yaml:"file"`
	Starts    string `yaml:"starts"`
	Kind      string `yaml:"kind"`
	Speaker   string `yaml:"speaker"`
	AsWritten string `yaml:"as_written"`
	NoEntity  bool   `yaml:"no_entity"`
	Cue       string `yaml:"cue"`
}

type seedExpect struct {
	Quotes    []seedQuote `yaml:"quotes"`
	NoSpeaker []struct {
		File  string   `yaml:"file"`
		Texts []string `yaml:"texts"`
	} `yaml:"no_speaker"`
}

// TestSeeds runs analysis, entities and quotes over the seed articles and
// checks testdata/seeds_quotes.yaml.
func TestSeeds(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "articles", "seeds")
	raw, err := os.ReadFile(filepath.Join(repoRoot(), "testdata", "seeds_quotes.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var want seedExpect
	if err := yaml.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	docs := map[string]*docQuotes{}
	load := func(name string) *docQuotes {
		if d := docs[name]; d != nil {
			return d
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Skipf("seed %s absent: %v", name, err)
		}
		out := extract(t, string(b), nil)
		d := &docQuotes{quotes: out.Quotes}
		docs[name] = d
		return d
	}
	for _, w := range want.Quotes {
		q := load(w.File).find(w.Starts)
		if q == nil {
			t.Errorf("%s: no quote starting %q", w.File, w.Starts)
			continue
		}
		if q.Kind != w.Kind {
			t.Errorf("%s: %q has kind %s, want %s", w.File, w.Starts, q.Kind, w.Kind)
		}
		if q.Speaker == nil {
			t.Errorf("%s: %q has no speaker, want %s", w.File, w.Starts, w.Speaker)
			continue
		}
		if q.Speaker.Name != w.Speaker {
			t.Errorf("%s: %q speaker %q, want %q", w.File, w.Starts, q.Speaker.Name, w.Speaker)
		}
		if w.AsWritten != "" && q.Speaker.Text != w.AsWritten {
			t.Errorf("%s: %q speaker written %q, want %q", w.File, w.Starts, q.Speaker.Text, w.AsWritten)
		}
		if w.NoEntity && q.Speaker.Entity != "" {
			t.Errorf("%s: %q speaker resolved to %s, want no entity", w.File, w.Starts, q.Speaker.Entity)
		}
		if !w.NoEntity && q.Speaker.Entity == "" {
			t.Errorf("%s: %q speaker %q not resolved to an entity", w.File, w.Starts, q.Speaker.Name)
		}
		if w.Cue != "" && (q.Cue == nil || q.Cue.Text != w.Cue) {
			t.Errorf("%s: %q cue %+v, want %q", w.File, w.Starts, q.Cue, w.Cue)
		}
	}
	for _, ns := range want.NoSpeaker {
		d := load(ns.File)
		for _, s := range ns.Texts {
			n := 0
			for _, q := range d.quotes {
				if !strings.HasPrefix(q.Text, s) {
					continue
				}
				n++
				if q.Speaker != nil {
					t.Errorf("%s: %q attributed to %q", ns.File, q.Text, q.Speaker.Name)
				}
			}
			if n == 0 {
				t.Errorf("%s: no quote %q found", ns.File, s)
			}
		}
	}
}
