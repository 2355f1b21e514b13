package claims

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/quarrylabs/quarry"
)

type seedClaim struct {
	What         string   `yaml:"what"`
	File         string   `yaml:"file"`
	Subject      string   `yaml:"subject"`
	Predicate    string   `yaml:"predicate"`
	Object       string   `yaml:"object"`
	Figures      []string `yaml:"figures"`
	Modality     string   `yaml:"modality"`
	Source       string   `yaml:"source"`
	SourceEntity string   `yaml:"source_entity"`
}

type seedExpect struct {
	Claims   []seedClaim `yaml:"claims"`
	Comments struct {
		File      string `yaml:"file"`
		MaxClaims int    `yaml:"max_claims"`
		Source    string `yaml:"source"`
	} `yaml:"comments"`
	Groups []struct {
		Subject      string   `yaml:"subject"`
		Predicate    string   `yaml:"predicate"`
		Object       string   `yaml:"object"`
		Disagreement bool     `yaml:"disagreement"`
		Figures      []string `yaml:"figures"`
		Scoped       string   `yaml:"scoped"`
	} `yaml:"groups"`
}

// seedDocs runs the whole pipeline over the seed articles.
func seedDocs(t *testing.T) map[string]*quarry.Document {
	dir := sharedDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "articles", "seeds", "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed articles")
	}
	docs := map[string]*quarry.Document{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, out := run(t, string(b))
		out.ID = filepath.Base(f)
		checkOffsets(t, string(b), out)
		docs[out.ID] = out
	}
	return docs
}

func entityName(d *quarry.Document, id string) string {
	for _, e := range d.Entities {
		if e.ID == id {
			return e.Name
		}
	}
	return ""
}

func matches(d *quarry.Document, c quarry.Claim, w seedClaim) bool {
	if w.Subject != "" && (c.Subject == nil || !strings.EqualFold(c.Subject.Text, w.Subject) && !strings.EqualFold(entityName(d, c.Subject.Entity), w.Subject)) {
		return false
	}
	if w.Predicate != "" && c.Predicate != w.Predicate || w.Object != "" && !strings.Contains(c.Object, w.Object) {
		return false
	}
	figs := figText(d, c)
	for _, f := range w.Figures {
		if !slices.Contains(figs, f) {
			return false
		}
	}
	return true
}

func TestSeeds(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repoRoot(), "testdata", "seeds_claims.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var want seedExpect
	if err := yaml.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	docs := seedDocs(t)
	for _, w := range want.Claims {
		d := docs[w.File]
		if d == nil {
			t.Errorf("%s: no document %s", w.What, w.File)
			continue
		}
		var found *quarry.Claim
		for i, c := range d.Claims {
			if matches(d, c, w) {
				found = &d.Claims[i]
				break
			}
		}
		if found == nil {
			t.Errorf("%s: no claim with subject %q predicate %q figures %q in %s", w.What, w.Subject, w.Predicate, w.Figures, w.File)
			continue
		}
		if found.Modality != w.Modality {
			t.Errorf("%s: modality %s, want %s (%q)", w.What, found.Modality, w.Modality, found.Text)
		}
		if found.Source.Type != w.Source {
			t.Errorf("%s: source %+v, want %s", w.What, found.Source, w.Source)
		}
		if w.SourceEntity != "" && entityName(d, found.Source.Entity) != w.SourceEntity {
			t.Errorf("%s: source entity %q, want %q", w.What, entityName(d, found.Source.Entity), w.SourceEntity)
		}
	}
	if c := want.Comments; c.File != "" {
		d := docs[c.File]
		if n := len(d.Claims); n > c.MaxClaims {
			t.Errorf("comment thread: %d claims, want at most %d", n, c.MaxClaims)
		}
		for _, cl := range d.Claims {
			if cl.Source.Type != c.Source {
				t.Errorf("comment thread: %q sourced to %+v", cl.Text, cl.Source)
			}
		}
	}
	var all []quarry.Document
	for _, d := range docs {
		all = append(all, *d)
	}
	slices.SortFunc(all, func(a, b quarry.Document) int { return strings.Compare(a.ID, b.ID) })
	groups := Group(slices.Values(all))
	for _, w := range want.Groups {
		var g *Cluster
		for i := range groups {
			k := groups[i].Key
			if k.Subject == w.Subject && k.Predicate == w.Predicate && k.Object == w.Object {
				g = &groups[i]
			}
		}
		if g == nil {
			t.Errorf("no group %s/%s/%s", w.Subject, w.Predicate, w.Object)
			continue
		}
		if g.Docs < 2 {
			t.Errorf("group %+v spans %d documents", g.Key, g.Docs)
		}
		if g.Disagreement != w.Disagreement {
			t.Errorf("group %+v: disagreement %v, want %v: %+v", g.Key, g.Disagreement, w.Disagreement, g.Conflicts)
		}
		var figs []string
		for _, m := range g.Claims {
			for _, f := range m.Figures {
				figs = append(figs, f.Text)
			}
		}
		for _, f := range w.Figures {
			if !slices.Contains(figs, f) {
				t.Errorf("group %+v lacks figure %q (has %q)", g.Key, f, figs)
			}
		}
		if w.Scoped != "" {
			ok := false
			for _, s := range g.Scoped {
				ok = ok || strings.Contains(s.Reason, w.Scoped)
			}
			if !ok {
				t.Errorf("group %+v: no scoped difference naming %q: %+v", g.Key, w.Scoped, g.Scoped)
			}
		}
	}
}
