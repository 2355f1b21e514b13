package entities

import (
	"fmt"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/internal/benchmetric"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// benchText is a made-up article of about 5,000 tokens.
func benchText() string {
	var b strings.Builder
	b.WriteString("KELVAR DYNAMICS TO BUY ORBIX IN $2 BILLION DEAL\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "Kelvar Dynamics Inc. said on Monday it would buy Orbix Labs, a cloud start-up based in Lisbon, for $%d million. ", 100+i)
		fmt.Fprintf(&b, "Chief executive Mara Okafor%d told analysts in New York that the deal would close in the third quarter. ", i)
		b.WriteString("“We are building the platform our customers asked for,” Okafor said, adding that the European Commission would review it.\n")
		fmt.Fprintf(&b, "Shares of Kelvar rose %d percent, while the Nasdaq Composite fell. Tomas Brenn, an analyst at Halvex Capital, said the price was fair.\n", i%7)
	}
	return b.String()
}

// benchDoc analyses benchText as a run does, with tags.
func benchDoc() *analysis.Doc { return analysis.Default().Analyze(benchText()) }

// BenchmarkTag is the model alone: features, two passes, Viterbi.
func BenchmarkTag(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	doc := benchDoc()
	s := getScratch()
	defer scratchPool.Put(s)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.tagTokens(doc, s, nil)
	}
	benchmetric.Report(b, len(doc.Text), len(doc.Tokens))
}

// BenchmarkResolve is resolution alone: rule hits and model spans, found
// once before the timer, made into entities (aliases, partial names,
// coreference, labels by vote).
func BenchmarkResolve(b *testing.B) {
	e := benchExtractor(b)
	doc := benchDoc()
	s := getScratch()
	hits := append([]ruleHit(nil), e.rules.hits(doc, s)...)
	spans := append([]tokSpan(nil), e.model.tagTokens(doc, s, hits)...)
	// hits point into s: it goes back to the pool after the loop.
	defer putScratch(s)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.resolve(doc, spans, e.model.Types, hits, nil)
	}
	benchmetric.Report(b, len(doc.Text), len(doc.Tokens))
}

// BenchmarkExtract is the whole step: rule hits, model, resolution.
func BenchmarkExtract(b *testing.B) {
	e := benchExtractor(b)
	doc := benchDoc()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Find(doc)
	}
	benchmetric.Report(b, len(doc.Text), len(doc.Tokens))
}

func benchExtractor(b *testing.B) *Extractor {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	return New(m, set)
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ReadModel(strings.NewReader(string(defaultModelFile))); err != nil {
			b.Fatal(err)
		}
	}
}
