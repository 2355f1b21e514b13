package quotes

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// BenchmarkQuotes measures the quote step alone over PolNeAR dev texts
// (analysis and entities are done before the timer starts).
func BenchmarkQuotes(b *testing.B) {
	path := filepath.Join(sharedDir(b), "data", "polnear", "dev.jsonl")
	docs, err := ReadPolNeARFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			b.Skipf("%s absent", path)
		}
		b.Fatal(err)
	}
	ents, x := pipeline(b)
	type prepared struct {
		doc  *analysis.Doc
		ents []quarry.Entity
	}
	var in []prepared
	bytes, toks := 0, 0
	for _, d := range docs {
		doc := analysis.Default().Analyze(d.Text)
		var out quarry.Document
		if err := ents.Extract(doc, &out); err != nil {
			b.Fatal(err)
		}
		in = append(in, prepared{doc, out.Entities})
		bytes += len(d.Text)
		toks += len(doc.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range in {
			x.Find(p.doc, p.ents)
		}
	}
	sec := b.Elapsed().Seconds()
	if sec > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/sec/1e6, "MB/s")
		b.ReportMetric(float64(toks)*float64(b.N)/sec, "tokens/s")
	}
}
