package entities

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"time"
)

// TestExperiment trains on CoNLL train and scores dev; run by hand with
// QUARRY_EXPERIMENT=1.
func TestExperiment(t *testing.T) {
	if os.Getenv("QUARRY_EXPERIMENT") == "" {
		t.Skip("set QUARRY_EXPERIMENT=1")
	}
	dir := sharedDir(t)
	tok := spaceDoc
	if os.Getenv("ANALYZER") != "" {
		an, _ := analysis.New(analysis.WithTagging(os.Getenv("POS") != ""))
		tok = an.Analyze
	}
	t0 := time.Now()
	train := loadGold(t, filepath.Join(dir, "data/conll2003/train.jsonl"), tok)
	dev := loadGold(t, filepath.Join(dir, "data/conll2003/dev.jsonl"), tok)
	t.Logf("analysed in %v", time.Since(t0))
	ep, _ := strconv.Atoi(os.Getenv("EPOCHS"))
	start := time.Now()
	m, err := Train(train, TrainOptions{Epochs: ep, Greedy: os.Getenv("GREEDY") != "", UsePOS: os.Getenv("POS") != "", Dev: dev, Log: os.Stderr})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained in %v", time.Since(start))
	if out := os.Getenv("OUT"); out != "" {
		f, _ := os.Create(out)
		n, err := m.WriteTo(f)
		f.Close()
		t.Logf("wrote %d bytes, err %v", n, err)
		start = time.Now()
		f, _ = os.Open(out)
		m2, err := ReadModel(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("loaded in %v", time.Since(start))
		sc := Score(m2, dev)
		t.Logf("reloaded dev F1 %.4f", sc.Micro().F1())
	}
}

func TestErrors(t *testing.T) {
	if os.Getenv("QUARRY_EXPERIMENT") == "" {
		t.Skip("set QUARRY_EXPERIMENT=1")
	}
	dir := sharedDir(t)
	an, _ := analysis.New(analysis.WithTagging(os.Getenv("POS") != ""))
	dev := loadGold(t, filepath.Join(dir, "data/conll2003/dev.jsonl"), an.Analyze)
	f, _ := os.Open(os.Getenv("OUT"))
	m, err := ReadModel(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	label := os.Getenv("LABEL")
	for _, d := range dev {
		d.Spans = normSpans(d.Spans)
		pred := m.Tag(d.Doc)
		gold := map[Span]bool{}
		for _, g := range d.Spans {
			gold[g] = true
		}
		ps := map[Span]bool{}
		for _, p := range pred {
			ps[p] = true
			if !gold[p] && p.Label == label {
				t.Logf("FP %s %q", p.Label, d.Doc.Text[p.Start:p.End])
			}
		}
		for _, g := range d.Spans {
			if !ps[g] && g.Label == label {
				var alt string
				for _, p := range pred {
					if p.Start < g.End && p.End > g.Start {
						alt += p.Label + ":" + d.Doc.Text[p.Start:p.End] + " "
					}
				}
				t.Logf("FN %s %q -> %s", g.Label, d.Doc.Text[g.Start:g.End], alt)
			}
		}
	}
}
