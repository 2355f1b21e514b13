package figures

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// benchText is the written news text repeated (about 47 KB, one figure
// every 45 bytes: far denser than real news), or with -bbc the first 300
// BBC business articles from ../shared (about 700 KB of real news).
func benchText(b testing.TB) string {
	if *bbc {
		dir := sharedDir(b, "data/bbc/business")
		files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		var sb strings.Builder
		for i, f := range files {
			if i == 300 {
				break
			}
			raw, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			sb.Write(raw)
			sb.WriteString("\n\n")
		}
		return sb.String()
	}
	raw, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		b.Fatal(err)
	}
	return strings.Repeat(string(raw)+"\n\n", 20)
}

var bbc = flag.Bool("bbc", false, "benchmark on BBC business news from ../shared")

// BenchmarkExtract measures figure extraction on an analysed text; compare
// with BenchmarkTokenize and BenchmarkAnalyze on the same text. The
// x-tokenize metric is its time over tokenizing's, timed alongside.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	doc := analysis.Default().Analyze(text)
	x := defaultExtractor()
	tk, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	figs, i, toks := 0, 0, 0
	var tokTime time.Duration
	for b.Loop() {
		var out quarry.Document
		if err := x.Extract(doc, &out); err != nil {
			b.Fatal(err)
		}
		figs = len(out.Figures)
		if i++; i%8 == 0 { // tokenize every eighth time, off the clock
			b.StopTimer()
			t0 := time.Now()
			tk.Analyze(text)
			tokTime += time.Since(t0)
			toks++
			b.StartTimer()
		}
	}
	benchmetric.Report(b, len(text), len(doc.Tokens))
	b.ReportMetric(float64(figs), "figures/op")
	if toks > 0 {
		b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)/(tokTime.Seconds()/float64(toks)), "x-tokenize")
	}
}

// BenchmarkTokenize is the analyzer without tagging: tokens and sentences.
func BenchmarkTokenize(b *testing.B) {
	text := benchText(b)
	a, err := analysis.New(analysis.WithTagging(false))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n = len(a.Analyze(text).Tokens)
	}
	benchmetric.Report(b, len(text), n)
}

// BenchmarkAnalyze is the full analyzer, with part-of-speech tagging.
func BenchmarkAnalyze(b *testing.B) {
	text := benchText(b)
	a := analysis.Default()
	n := 0
	for b.Loop() {
		n = len(a.Analyze(text).Tokens)
	}
	benchmetric.Report(b, len(text), n)
}
