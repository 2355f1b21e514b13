package claims

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

type benchDoc struct {
	doc *analysis.Doc
	out quarry.Document
}

// benchInputs is the repo's own articles and, when ../shared is there, the
// seed articles, analysed and extracted up to claims.
func benchInputs(b *testing.B) ([]benchDoc, int) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(), "testdata", "articles", "*.txt"))
	seeds, _ := filepath.Glob(filepath.Join(repoRoot(), "..", "shared", "articles", "seeds", "*.txt"))
	if len(seeds) == 0 {
		b.Log("../shared not found: the repo's articles only")
	}
	var docs []benchDoc
	n := 0
	for _, f := range append(files, seeds...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, out := run(b, string(raw))
		out.Claims = nil
		docs = append(docs, benchDoc{doc, *out})
		n += len(raw)
	}
	if len(docs) == 0 {
		b.Fatal("no articles under testdata/articles")
	}
	return docs, n
}

// BenchmarkClaims is the claims step alone, upstream records already made.
func BenchmarkClaims(b *testing.B) {
	docs, n := benchInputs(b)
	_, set := pipeline(b)
	x := New(set)
	toks := 0
	for _, d := range docs {
		toks += len(d.doc.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			out := d.out
			if err := x.Extract(d.doc, &out); err != nil {
				b.Fatal(err)
			}
		}
	}
	benchmetric.Report(b, n, toks)
}

// BenchmarkAnalysis is tokenizing, tagging and segmenting the same texts,
// for scale.
func BenchmarkAnalysis(b *testing.B) {
	docs, n := benchInputs(b)
	a := analysis.Default()
	toks := 0
	for _, d := range docs {
		toks += len(d.doc.Tokens)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			a.Analyze(d.doc.Text)
		}
	}
	benchmetric.Report(b, n, toks)
}

// BenchmarkClaimsShare times analysis and claims in turns over the same
// texts, so that load from other work falls on both alike, and reports
// claims' cost as a share of analysis (claims/analysis).
func BenchmarkClaimsShare(b *testing.B) {
	docs, n := benchInputs(b)
	_, set := pipeline(b)
	x := New(set)
	a := analysis.Default()
	var ta, tc time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			t0 := time.Now()
			a.Analyze(d.doc.Text)
			t1 := time.Now()
			out := d.out
			if err := x.Extract(d.doc, &out); err != nil {
				b.Fatal(err)
			}
			ta += t1.Sub(t0)
			tc += time.Since(t1)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/tc.Seconds()/1e6, "claims-MB/s")
	b.ReportMetric(float64(n)*float64(b.N)/ta.Seconds()/1e6, "analysis-MB/s")
	b.ReportMetric(tc.Seconds()/ta.Seconds(), "claims/analysis")
}

// BenchmarkGroup groups the claims of the seed articles.
func BenchmarkGroup(b *testing.B) {
	docs, _ := benchInputs(b)
	_, set := pipeline(b)
	x := New(set)
	var all []quarry.Document
	for _, d := range docs {
		out := d.out
		_ = x.Extract(d.doc, &out)
		all = append(all, out)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Group(func(yield func(quarry.Document) bool) {
			for _, d := range all {
				if !yield(d) {
					return
				}
			}
		})
	}
}
