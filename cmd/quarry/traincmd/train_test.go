package traincmd

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/internal/cli"
)

const gold = `{"id":"a","text":"Ann Lee joined Acme Corp in May.","entities":[{"start":0,"end":7,"label":"PER"},{"start":15,"end":24,"label":"ORG"}]}
{"id":"b","text":"Bo Chen left Blix Inc on Friday.","entities":[{"start":0,"end":7,"label":"PER"},{"start":13,"end":21,"label":"ORG"}]}
{"id":"c","text":"Cy Dunn runs Crane Ltd now.","entities":[{"start":0,"end":7,"label":"PER"},{"start":13,"end":22,"label":"ORG"}]}
`

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Command.Run(context.Background(), &cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func TestTrain(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(g, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "m.model")
	code, _, stderr := runCmd("--gold", g, "--dev", g, "--epochs", "3", "--bits", "14", "-o", model)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "epoch 3") || !strings.Contains(stderr, "dev F1") {
		t.Errorf("no per-epoch dev report: %s", stderr)
	}
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := entities.ReadModel(f)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Types, ",") != "PERSON,ORG" {
		t.Errorf("types %v", m.Types)
	}
	// Same input, same bytes.
	again := filepath.Join(dir, "again.model")
	if code, _, stderr := runCmd("--gold", g, "--dev", g, "--epochs", "3", "--bits", "14", "-o", again); code != cli.ExitOK {
		t.Fatal(stderr)
	}
	a, _ := os.ReadFile(model)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("training is not deterministic")
	}
}

// TestTrainTwoPass trains a two-pass model with word clusters on a small
// synthetic set: the flags reach the trainer and the model reads back.
func TestTrainTwoPass(t *testing.T) {
	dir := t.TempDir()
	var b, raw strings.Builder
	people := []string{"Ann Lee", "Bo Chen", "Cy Dunn", "Di Evans", "Ed Ford", "Flo Grant"}
	orgs := []string{"Acme Corp", "Blix Inc", "Crane Ltd"}
	for i, p := range people {
		o := orgs[i%len(orgs)]
		text := p + " joined " + o + " in May. " + o + " hired " + p + "."
		fmt.Fprintf(&b, `{"id":"d%d","text":%q,"entities":[{"start":0,"end":%d,"label":"PER"},{"start":%d,"end":%d,"label":"ORG"}]}`+"\n",
			i, text, len(p), len(p)+8, len(p)+8+len(o))
		fmt.Fprintf(&raw, "Yesterday %s met %s staff.\n", p, o)
	}
	g := filepath.Join(dir, "gold.jsonl")
	u := filepath.Join(dir, "raw.txt")
	os.WriteFile(g, []byte(b.String()), 0o644)
	os.WriteFile(u, []byte(strings.Repeat(raw.String(), 3)), 0o644)
	model := filepath.Join(dir, "m.model")
	code, _, stderr := runCmd("--gold", g, "--unlabeled", u, "--folds", "2", "--epochs", "2", "--bits", "14", "-o", model)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "fold 2/2") || !strings.Contains(stderr, "word clusters") {
		t.Errorf("no jackknife or cluster log: %s", stderr)
	}
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := entities.ReadModel(f); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runCmd("--gold", g, "--unlabeled", filepath.Join(dir, "missing"), "-o", model); code != cli.ExitFatal {
		t.Errorf("missing unlabelled text: exit %d", code)
	}
}

func TestTrainUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"--gold", "x.jsonl"}, {"-o", "m"}, {"--bogus"}} {
		if code, _, _ := runCmd(args...); code != cli.ExitUsage {
			t.Errorf("%v: exit %d, want usage", args, code)
		}
	}
	if code, _, _ := runCmd("--help"); code != cli.ExitOK {
		t.Errorf("--help: exit %d", code)
	}
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"a","text":"abc","entities":[{"start":1,"end":9,"label":"PER"}]}`+"\n"), 0o644)
	code, _, stderr := runCmd("--gold", bad, "-o", filepath.Join(dir, "m"))
	if code != cli.ExitFatal || !strings.Contains(stderr, "line 1") {
		t.Errorf("bad offsets: exit %d, %s", code, stderr)
	}
}
