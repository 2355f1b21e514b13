package entities

// Hand-run experiment tools (QUARRY_EXPERIMENT=1): cross-validation on
// CoNLL train for model selection, its errors, and a dev report.

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}

func addScores(dst *Scores, src Scores) {
	if dst.ByLabel == nil {
		dst.ByLabel = map[string]Counts{}
	}
	for l, c := range src.ByLabel {
		d := dst.ByLabel[l]
		d.TP += c.TP
		d.Pred += c.Pred
		d.Gold += c.Gold
		dst.ByLabel[l] = d
	}
}

func fmtScores(s Scores) string {
	out := ""
	for _, l := range []string{"PERSON", "ORG", "LOC", "MISC"} {
		out += fmt.Sprintf("%s %.4f  ", l, s.ByLabel[l].F1())
	}
	return out + fmt.Sprintf("ALL %.4f", s.Micro().F1())
}

// cvFolds splits docs into k folds by index, or with CVBLOCK=1 into k
// contiguous blocks: CoNLL train is in date order, so a block holds out
// whole days of news, closer to unseen text than interleaved documents
// whose stories continue in the training folds.
func cvFolds(docs []TrainDoc, k, fold int) (train, test []TrainDoc) {
	block := os.Getenv("CVBLOCK") != ""
	for i, d := range docs {
		f := i % k
		if block {
			f = i * k / len(docs)
		}
		if f == fold {
			test = append(test, d)
		} else {
			train = append(train, d)
		}
	}
	return train, test
}

// TestCV trains on k-1 folds of CoNLL train and scores the held-out fold,
// for model selection without dev: QUARRY_EXPERIMENT=1 [FOLDS=5 EPOCHS=10
// FOLDS2=5 BITS=20 NORULEFEATS=1 UNLABELED=paths|none CACHE=name
// HITMARGIN=x VOTEMARGIN=x]. It takes a few minutes on two cores.
func TestCV(t *testing.T) {
	if os.Getenv("QUARRY_EXPERIMENT") == "" {
		t.Skip("set QUARRY_EXPERIMENT=1")
	}
	dir := sharedDir(t)
	an, _ := analysis.New(analysis.WithTagging(false))
	docs := loadGold(t, filepath.Join(dir, "data/conll2003/train.jsonl"), an.Analyze)
	for i := range docs {
		docs[i].Spans = normSpans(docs[i].Spans)
	}
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	k := envInt("FOLDS", 5)
	epochs := envInt("EPOCHS", 10)
	if v, err := strconv.ParseFloat(os.Getenv("HITMARGIN"), 32); err == nil {
		hitMargin = float32(v)
	}
	if v, err := strconv.ParseFloat(os.Getenv("VOTEMARGIN"), 32); err == nil {
		voteMargin = float32(v)
	}
	perEpoch := make([]Scores, epochs+1)
	var bare, noRules, full Scores
	start := time.Now()
	for fold := 0; fold < k; fold++ {
		tr, te := cvFolds(docs, k, fold)
		var featRules *rules.Set
		if os.Getenv("NORULEFEATS") == "" {
			featRules = set
		}
		teHits := ruleHits(te, featRules)
		m, err := cvModel(t, tr, fold, TrainOptions{Epochs: epochs, Seed: 1, Bits: uint8(envInt("BITS", 20)), Folds: envInt("FOLDS2", 5), Restarts: envInt("RESTARTS", 0), Rules: featRules, Unlabeled: unlabeled(t, an, dir),
			onEpoch: func(ep int, m *Model) { addScores(&perEpoch[ep], scoreHits(m, te, teHits)) }})
		if err != nil {
			t.Fatal(err)
		}
		b, f := scoreHits(m, te, teHits), scoreExtractor(New(m, set), te)
		t.Logf("fold %d: model %s", fold, fmtScores(b))
		t.Logf("fold %d: full  %s", fold, fmtScores(f))
		addScores(&bare, b)
		addScores(&noRules, scoreExtractor(New(m, nil), te))
		addScores(&full, f)
	}
	for ep := 1; ep <= epochs; ep++ {
		t.Logf("epoch %2d model  %s", ep, fmtScores(perEpoch[ep]))
	}
	t.Logf("model     %s", fmtScores(bare))
	t.Logf("no rules  %s", fmtScores(noRules))
	t.Logf("full      %s", fmtScores(full))
	t.Logf("%d folds in %v", k, time.Since(start).Round(time.Second))
}

// TestCVErrors writes the full extractor's errors on held-out folds of
// train to $OUT: QUARRY_EXPERIMENT=1 OUT=/tmp/errs.txt.
func TestCVErrors(t *testing.T) {
	if os.Getenv("QUARRY_EXPERIMENT") == "" || os.Getenv("OUT") == "" {
		t.Skip("set QUARRY_EXPERIMENT=1 and OUT")
	}
	dir := sharedDir(t)
	an, _ := analysis.New(analysis.WithTagging(false))
	docs := loadGold(t, filepath.Join(dir, "data/conll2003/train.jsonl"), an.Analyze)
	for i := range docs {
		docs[i].Spans = normSpans(docs[i].Spans)
	}
	var set *rules.Set
	if os.Getenv("NORULES") == "" {
		set, _ = rules.Default()
	}
	out, err := os.Create(os.Getenv("OUT"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	k := envInt("FOLDS", 5)
	kinds := map[string]int{}
	for fold := 0; fold < k; fold++ {
		tr, te := cvFolds(docs, k, fold)
		var featRules *rules.Set
		if os.Getenv("NORULEFEATS") == "" {
			featRules, _ = rules.Default()
		}
		m, err := cvModel(t, tr, fold, TrainOptions{Epochs: envInt("EPOCHS", 10), Seed: 1, Folds: envInt("FOLDS2", 5), Rules: featRules, Unlabeled: unlabeled(t, an, dir)})
		if err != nil {
			t.Fatal(err)
		}
		ex := New(m, set)
		for _, d := range te {
			var pred []Span
			if os.Getenv("BARE") != "" {
				pred = m.Tag(d.Doc)
			}
			for _, e := range ex.Find(d.Doc) {
				if os.Getenv("BARE") != "" {
					break
				}
				l := e.Label
				if l == "COMPANY" {
					l = "ORG"
				}
				for _, mn := range e.Mentions {
					pred = append(pred, Span{mn.Start, mn.End, l})
				}
			}
			gold := map[Span]bool{}
			for _, g := range d.Spans {
				gold[g] = true
			}
			ps := map[Span]bool{}
			for _, p := range pred {
				ps[p] = true
			}
			ctx := func(s Span) string {
				a, b := max(0, s.Start-40), min(len(d.Doc.Text), s.End+40)
				for a > 0 && d.Doc.Text[a-1] != '\n' && s.Start-a < 60 {
					a--
				}
				return d.Doc.Text[a:s.Start] + "[[" + d.Doc.Text[s.Start:s.End] + "]]" + d.Doc.Text[s.End:b]
			}
			for _, g := range d.Spans {
				if ps[g] {
					continue
				}
				kind := "missed"
				for _, p := range pred {
					if p.Start < g.End && g.Start < p.End {
						if p.Start == g.Start && p.End == g.End {
							kind = "type " + p.Label
						} else if p.Label == g.Label {
							kind = "boundary"
						} else {
							kind = "boundary+type " + p.Label
						}
					}
				}
				kinds["FN "+g.Label+" "+kind]++
				fmt.Fprintf(out, "FN %s %s\t%q\n", g.Label, kind, ctx(g))
			}
			for _, p := range pred {
				if gold[p] {
					continue
				}
				kind := "spurious"
				for _, g := range d.Spans {
					if p.Start < g.End && g.Start < p.End {
						kind = "overlap " + g.Label
					}
				}
				kinds["FP "+p.Label+" "+kind]++
				fmt.Fprintf(out, "FP %s %s\t%q\n", p.Label, kind, ctx(p))
			}
		}
	}
	var keys []string
	for k := range kinds {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return kinds[keys[i]] > kinds[keys[j]] })
	for _, k := range keys {
		t.Logf("%5d %s", kinds[k], k)
	}
}

// cvModel trains a fold model, or with CACHE=name reuses the one saved
// under /tmp by an earlier run with the same name.
func cvModel(t *testing.T, tr []TrainDoc, fold int, opt TrainOptions) (*Model, error) {
	name := os.Getenv("CACHE")
	if name == "" {
		return Train(tr, opt)
	}
	path := filepath.Join(os.TempDir(), fmt.Sprintf("quarry-cv-%s-%d.model", name, fold))
	if f, err := os.Open(path); err == nil {
		defer f.Close()
		return ReadModel(f)
	}
	m, err := Train(tr, opt)
	if err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	_, err = m.WriteTo(f)
	return m, err
}

var unlabeledDocs []*analysis.Doc

// unlabeled analyses the texts for word clusters: $UNLABELED
// (comma-separated paths, "none" for none), by default those
// scripts/train-model.sh uses.
func unlabeled(t *testing.T, an *analysis.Analyzer, dir string) []*analysis.Doc {
	paths := os.Getenv("UNLABELED")
	if paths == "" {
		paths = filepath.Join(dir, "data/bbc") + "," + filepath.Join(dir, "data/polnear/train.jsonl")
	}
	if unlabeledDocs != nil || paths == "none" {
		return unlabeledDocs
	}
	for _, p := range strings.Split(paths, ",") {
		texts, err := ReadTexts(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range texts {
			unlabeledDocs = append(unlabeledDocs, an.Analyze(s))
		}
	}
	return unlabeledDocs
}

// TestDevReport scores the model file $OUT on CoNLL dev (report only):
// bare model with rule features, then the full extractor with rules.
func TestDevReport(t *testing.T) {
	if os.Getenv("QUARRY_EXPERIMENT") == "" || os.Getenv("OUT") == "" {
		t.Skip("set QUARRY_EXPERIMENT=1 and OUT")
	}
	dir := sharedDir(t)
	f, err := os.Open(os.Getenv("OUT"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	an, _ := analysis.New(analysis.WithTagging(false))
	dev := loadGold(t, filepath.Join(dir, "data/conll2003/dev.jsonl"), an.Analyze)
	for i := range dev {
		dev[i].Spans = normSpans(dev[i].Spans)
	}
	set, _ := rules.Default()
	if v, err := strconv.ParseFloat(os.Getenv("HITMARGIN"), 32); err == nil {
		hitMargin = float32(v)
	}
	if v, err := strconv.ParseFloat(os.Getenv("VOTEMARGIN"), 32); err == nil {
		voteMargin = float32(v)
	}
	t.Logf("model     %s", fmtScores(scoreHits(m, dev, ruleHits(dev, set))))
	t.Logf("full      %s", fmtScores(scoreExtractor(New(m, set), dev)))
}
