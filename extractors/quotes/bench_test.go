package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// BenchmarkQuotes measures the quote step alone over PolNeAR dev texts, or
// the repo's articles without ../shared (analysis and entities are done
// before the timer starts).
func BenchmarkQuotes(b *testing.B) {
	texts := benchTexts(b)
	ents, x := pipeline(b)
	type prepared struct {
		doc  *analysis.Doc
		ents []quarry.Entity
	}
	var in []prepared
	bytes, toks := 0, 0
	for _, text := range texts {
		doc := analysis.Default().Analyze(text)
		var out quarry.Document
		if err := ents.Extract(doc, &out); err != nil {
			b.Fatal(err)
		}
		in = append(in, prepared{doc, out.Entities})
		bytes += len(text)
		toks += len(doc.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range in {
			x.Find(p.doc, p.ents)
		}
	}
	benchmetric.Report(b, bytes, toks)
}

// benchTexts is PolNeAR dev's articles, or the repo's own without ../shared.
func benchTexts(b *testing.B) []string {
	var texts []string
	path := filepath.Join(repoRoot(), "..", "shared", "data", "polnear", "dev.jsonl")
	docs, err := ReadPolNeARFile(path)
	switch {
	case err == nil:
		for _, d := range docs {
			texts = append(texts, d.Text)
		}
		return texts
	case !os.IsNotExist(err):
		b.Fatal(err)
	}
	b.Logf("%s absent: benchmarking the repo's articles", path)
	files, _ := filepath.Glob(filepath.Join(repoRoot(), "testdata", "articles", "*.txt"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	if len(texts) == 0 {
		b.Fatal("no articles under testdata/articles")
	}
	return texts
}
