package entities

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/pipeline/analysis"
	"github.com/quarrylabs/quarry/rules"
)

// TestDefaultModelInputs checks that the embedded model was trained on
// what scripts/train-model.sh would feed it today: the same analysed
// training and unlabelled text and the same default-rule matches (model
// features). When the analyser or the default rules change what they give
// on CoNLL train, the script no longer rebuilds the committed model byte
// for byte: run it again and review the goldens.
func TestDefaultModelInputs(t *testing.T) {
	sharedDir(t)
	if testing.Short() {
		t.Skip("short")
	}
	m, err := DefaultModel()
	if err != nil {
		t.Fatal(err)
	}
	if m.inputs == "" {
		t.Fatal("the default model records no input fingerprint: run scripts/train-model.sh")
	}
	root := repoRoot()
	raw0, err := os.ReadFile(filepath.Join(root, "scripts", "train-model.sh"))
	if err != nil {
		t.Fatal(err)
	}
	// The command, without the comments.
	script := regexp.MustCompile(`(?m)^\s*#.*$`).ReplaceAll(raw0, nil)
	arg := func(flag string) string {
		if g := regexp.MustCompile(`--` + flag + `[ =](\S+)`).FindSubmatch(script); g != nil {
			return string(g[1])
		}
		return ""
	}
	gold := arg("gold")
	if gold == "" {
		t.Fatal("no --gold in scripts/train-model.sh")
	}
	an, err := analysis.New(analysis.WithTagging(m.UsePOS))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(root, gold))
	if err != nil {
		t.Fatal(err)
	}
	gd, err := ReadGold(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]TrainDoc, len(gd))
	for i, g := range gd {
		docs[i] = TrainDoc{ID: g.ID, Doc: an.Analyze(g.Text), Spans: normSpans(g.Entities)}
	}
	var hits [][]ruleHit
	if !bytes.Contains(script, []byte("--no-rules")) {
		set, err := rules.Default()
		if err != nil {
			t.Fatal(err)
		}
		hits = ruleHits(docs, set)
	}
	var raw []*analysis.Doc
	if u := arg("unlabeled"); u != "" {
		for _, p := range strings.Split(u, ",") {
			texts, err := ReadTexts(filepath.Join(root, p))
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range texts {
				raw = append(raw, an.Analyze(s))
			}
		}
	}
	t.Logf("%d training documents, %d unlabelled", len(docs), len(raw))
	if got := inputsHash(docs, hits, raw, m.UsePOS); got != m.inputs {
		t.Errorf("training inputs changed since the default model was trained (fingerprint %s, model has %s): "+
			"the analyser or the default rules now give other tokens or matches on CoNLL train, so "+
			"scripts/train-model.sh would not rebuild the committed model; run it and review the goldens", got, m.inputs)
	}
}
