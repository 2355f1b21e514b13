package entities

import (
	"path/filepath"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// TestDevF1 runs the full extractor (model, default rules, resolution)
// over CoNLL dev, as quarry eval does, and checks span-exact F1 stays above
// a floor just under what the committed model reaches.
func TestDevF1(t *testing.T) {
	dir := sharedDir(t)
	if testing.Short() {
		t.Skip("short")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	an, err := analysis.New(analysis.WithTagging(m.UsePOS))
	if err != nil {
		t.Fatal(err)
	}
	dev := loadGold(t, filepath.Join(dir, "data/conll2003/dev.jsonl"), an.Analyze)
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	sc := scoreExtractor(New(m, set), dev)
	for _, l := range []string{quarry.Person, quarry.Org, quarry.Loc, quarry.Misc} {
		c := sc.ByLabel[l]
		t.Logf("%-6s P %.4f R %.4f F1 %.4f", l, c.Precision(), c.Recall(), c.F1())
	}
	t.Logf("all    F1 %.4f", sc.Micro().F1())
	floors := map[string]float64{quarry.Person: 0.95, quarry.Org: 0.875, quarry.Loc: 0.945, quarry.Misc: 0.87}
	for l, f := range floors {
		if got := sc.ByLabel[l].F1(); got < f {
			t.Errorf("%s F1 %.4f, want >= %.2f", l, got, f)
		}
	}
}

// scoreExtractor counts span-exact matches of every mention, COMPANY scored
// as ORG.
func scoreExtractor(e *Extractor, docs []TrainDoc) Scores {
	sc := Scores{ByLabel: map[string]Counts{}}
	for _, d := range docs {
		gold := map[Span]bool{}
		for _, g := range normSpans(d.Spans) {
			gold[g] = true
			c := sc.ByLabel[g.Label]
			c.Gold++
			sc.ByLabel[g.Label] = c
		}
		for _, ent := range e.Find(d.Doc) {
			l := ent.Label
			if l == quarry.Company {
				l = quarry.Org
			}
			for _, m := range ent.Mentions {
				p := Span{Start: m.Start, End: m.End, Label: l}
				c := sc.ByLabel[l]
				c.Pred++
				if gold[p] {
					c.TP++
				}
				sc.ByLabel[l] = c
			}
		}
	}
	return sc
}
