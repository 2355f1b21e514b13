package entities

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// The per-word sums of emissions must give exactly the scores that adding
// up every feature's rows gives: on the second sight of a word (the cache)
// and on the first, in headlines, after rule hits reopen closed words, and
// in both passes.
func TestEmissionsWordSumsExact(t *testing.T) {
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.New()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"QUILLMORE TO BUY HALVERN\n\nQuillmore Vantage Holdings said on Monday it would buy Halvern Systems for $8 billion. Halvern shares rose 12%.",
		"Mr. Cruz told Reuters: “We are not selling.” Cruz, 52, runs the Brightwell Logistics unit in Ohio.",
	}
	files, _ := filepath.Glob("../../testdata/golden/*.txt")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	// The same model without the word sums: every feature looked up.
	plain, err := ReadModel(bytes.NewReader(defaultModelFile))
	if err != nil {
		t.Fatal(err)
	}
	plain.tab.words = nil
	for round := 0; round < 2; round++ {
		for _, text := range texts {
			doc := an.Analyze(text)
			// A rule hit on every seventh token reopens closed words.
			var hits []ruleHit
			for i := 0; i < len(doc.Tokens); i += 7 {
				hits = append(hits, ruleHit{first: i, last: i + 1, label: "ORG"})
			}
			for _, second := range []bool{false, true} {
				got, want := scoresOf(m, doc, hits, second), scoresOf(plain, doc, hits, second)
				if !slices.Equal(got, want) {
					t.Fatalf("round %d, second pass %v: scores differ for %.40q", round, second, text)
				}
			}
		}
	}
}

// scoresOf returns the emission scores of every sentence of doc (and the
// second pass's partial sums) from m.
func scoresOf(m *Model, doc *analysis.Doc, hits []ruleHit, second bool) []float32 {
	s := getScratch()
	defer scratchPool.Put(s)
	m.prepareDoc(doc, s, hits)
	s.partial = make([]int32, len(doc.Tokens)*m.nl)
	var out []float32
	if second {
		m.pass(doc, s, false, nil)
		docLabels(s.infos, s.tags, s)
	}
	for _, sent := range doc.Sentences {
		m.emissions(s.infos[sent.First:sent.Last], sent.First, s, second)
		out = append(out, s.scores[:(sent.Last-sent.First)*m.nl]...)
	}
	for _, p := range s.partial {
		out = append(out, float32(p))
	}
	return out
}

// ctxInfo makes, for every key, a token that ctxKey gives that key.
func TestCtxKeyRoundTrip(t *testing.T) {
	for k := range nCtx {
		in, i := ctxInfo(k)
		if got := ctxKey(&in, i); got != k {
			t.Fatalf("ctxKey(ctxInfo(%d)) = %d", k, got)
		}
	}
}
