package entities

import (
	"fmt"
	"strings"
	"testing"

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

func BenchmarkTag(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	an, _ := analysis.New(analysis.WithTagging(false))
	doc := an.Analyze(benchText())
	s := getScratch()
	defer scratchPool.Put(s)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.tagTokens(doc, s, nil)
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkExtract(b *testing.B) {
	m, err := DefaultModel()
	if err != nil {
		b.Fatal(err)
	}
	set, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	e := New(m, set)
	an, _ := analysis.New(analysis.WithTagging(false))
	doc := an.Analyze(benchText())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Find(doc)
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := ReadModel(strings.NewReader(string(defaultModelFile))); err != nil {
			b.Fatal(err)
		}
	}
}
