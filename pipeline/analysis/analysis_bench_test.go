package analysis

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/quarrylabs/quarry/internal/benchmetric"
)

func benchText(b *testing.B) string {
	data, err := os.ReadFile("testdata/bench.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkTokenize(b *testing.B) {
	text := benchText(b)
	toks := tokenize(text, nil)
	n := len(toks)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		toks = tokenize(text, toks[:0])
	}
	benchmetric.Report(b, len(text), n)
}

func BenchmarkSegment(b *testing.B) {
	text := benchText(b)
	toks := tokenize(text, nil)
	var sents []Sentence
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sents = segment(text, toks, sents[:0])
	}
	benchmetric.Report(b, len(text), len(toks))
}

func BenchmarkTag(b *testing.B) {
	text := benchText(b)
	m, err := sharedModel()
	if err != nil {
		b.Fatal(err)
	}
	toks := tokenize(text, nil)
	sents := segment(text, toks, nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.tag(toks[s.First:s.Last])
		}
	}
	benchmetric.Report(b, len(text), len(toks))
}

func BenchmarkAnalyze(b *testing.B) {
	text := benchText(b)
	a := Default()
	n := len(a.Analyze(text).Tokens)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Analyze(text)
	}
	benchmetric.Report(b, len(text), n)
}

func BenchmarkAnalyzeNoTagging(b *testing.B) {
	text := benchText(b)
	a, err := New(WithTagging(false))
	if err != nil {
		b.Fatal(err)
	}
	n := len(a.Analyze(text).Tokens)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Analyze(text)
	}
	benchmetric.Report(b, len(text), n)
}

// BenchmarkProseBaseline runs prose's full default pipeline (segmentation,
// tokenization, tagging, entities) with a model built once, for comparison.
func BenchmarkProseBaseline(b *testing.B) {
	text := benchText(b)
	model := prose.ModelFromData("baseline")
	doc, err := prose.NewDocument(text, prose.UsingModel(model))
	if err != nil {
		b.Fatal(err)
	}
	n := len(doc.Tokens())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := prose.NewDocument(text, prose.UsingModel(model)); err != nil {
			b.Fatal(err)
		}
	}
	benchmetric.Report(b, len(text), n)
}

// BenchmarkProseTagOnly is prose without segmentation and entities: the part
// our Analyze replaces one for one.
func BenchmarkProseTagOnly(b *testing.B) {
	text := benchText(b)
	model := prose.ModelFromData("baseline")
	opts := []prose.DocOpt{prose.UsingModel(model), prose.WithSegmentation(false), prose.WithExtraction(false)}
	doc, err := prose.NewDocument(text, opts...)
	if err != nil {
		b.Fatal(err)
	}
	n := len(doc.Tokens())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := prose.NewDocument(text, opts...); err != nil {
			b.Fatal(err)
		}
	}
	benchmetric.Report(b, len(text), n)
}

// BenchmarkTagBBC tags the whole BBC corpus (../shared, skipped without
// it): a vocabulary and weight traffic like a real run's, which the small
// bench.txt, always in cache, does not show.
func BenchmarkTagBBC(b *testing.B) {
	var sb strings.Builder
	filepath.WalkDir("../../../shared/data/bbc", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".txt") && !d.IsDir() {
			data, _ := os.ReadFile(p)
			sb.Write(data)
			sb.WriteString("\n\n")
		}
		return nil
	})
	if sb.Len() == 0 {
		b.Skip("../shared/data/bbc not found")
	}
	text := sb.String()
	m, err := sharedModel()
	if err != nil {
		b.Fatal(err)
	}
	toks := tokenize(text, nil)
	sents := segment(text, toks, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.tag(toks[s.First:s.Last])
		}
	}
	benchmetric.Report(b, len(text), len(toks))
}
