package chain

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

func extractAll(t testing.TB, text string) *quarry.Document {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	exs, err := New(set, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := analysis.Default().Analyze(text)
	out := &quarry.Document{}
	for _, ex := range exs {
		if err := ex.Extract(doc, out); err != nil {
			t.Fatalf("%s: %v", ex.Name(), err)
		}
	}
	return out
}

// checkDoc asserts the invariants every record must keep.
func checkDoc(t testing.TB, text string, out *quarry.Document) {
	t.Helper()
	if err := out.CheckOffsets(text); err != nil {
		t.Fatalf("%v\ntext: %q", err, text)
	}
	ids := map[string]bool{}
	for _, e := range out.Entities {
		ids[e.ID] = true
	}
	for _, f := range out.Figures {
		if f.Entity != "" && !ids[f.Entity] {
			t.Fatalf("figure %s refers to missing entity %s", f.ID, f.Entity)
		}
	}
	for _, q := range out.Quotes {
		if q.Speaker != nil && q.Speaker.Entity != "" && !ids[q.Speaker.Entity] {
			t.Fatalf("quote %s refers to missing entity %s", q.ID, q.Speaker.Entity)
		}
	}
	for _, c := range out.Claims {
		if c.Subject != nil && c.Subject.Entity != "" && !ids[c.Subject.Entity] {
			t.Fatalf("claim %s refers to missing entity %s", c.ID, c.Subject.Entity)
		}
	}
}

var seeds = []string{
	"Zephyrine Tidewater Analytics said profits rose. Analysts at ZTA were pleased, and Zephyrine shares climbed.",
	"“We will not,” she said. “Never.” — Commissioner Ada Vale",
	"Acme Corp. cut ~12,000+ jobs (5–10%) and invested $8 billion in Beta Labs, according to sources.",
	"\"Unclosed quote runs on\n\nand on. Mr. Smith said: 'fine'",
	"- Item one: 3,500\n- Item two: ~1,800+\n1. First\n2. Second",
	"AMAZON CUTS 14,000 JOBS\nThe U.S. firm's CEO Andy Jassy said it would not.",
	"\xEF\xBB\xBFBOM text \xff\xfe with invalid bytes and “curly” quotes’s",
	"", " ", "\"", "“", "'", "$", "5", "%", "—", "...", "Mr.", "U.S.",
}

// TestSeedsThroughChain runs every extractor over awkward texts.
func TestSeedsThroughChain(t *testing.T) {
	for _, s := range seeds {
		checkDoc(t, s, extractAll(t, s))
	}
}

// TestRepoAndSharedArticles checks the invariants on our articles and, when
// ../shared is present, on the seed articles and a BBC sample.
func TestRepoAndSharedArticles(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/articles/*.txt")
	shared, _ := filepath.Glob("../../../shared/articles/seeds/*.txt")
	bbc, _ := filepath.Glob("../../../shared/data/bbc/*/0[0-4]?.txt")
	if len(shared) == 0 {
		t.Log("../shared not found: checking the repo's articles only")
	}
	for _, f := range append(append(files, shared...), bbc...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		checkDoc(t, text, extractAll(t, text))
	}
}

// FuzzChain feeds arbitrary bytes through analysis and every extractor: no
// panic, and every offset indexes the text.
func FuzzChain(f *testing.F) {
	for _, s := range seeds {
		f.Add(s)
	}
	set, err := rules.Default()
	if err != nil {
		f.Fatal(err)
	}
	exs, err := New(set, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := analysis.Default().Analyze(text)
		out := &quarry.Document{}
		for _, ex := range exs {
			if err := ex.Extract(doc, out); err != nil {
				t.Fatalf("%s: %v", ex.Name(), err)
			}
		}
		checkDoc(t, text, out)
	})
}
