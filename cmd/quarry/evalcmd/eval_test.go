package evalcmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/extractors/entities"
	"github.com/quarrylabs/quarry/internal/cli"
)

func runCmd(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Command.Run(context.Background(), &cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

const gold = `{"id":"a","text":"The minister, Pedro Alvarez, met officials of the European Commission in Madrid on Tuesday.","entities":[{"start":14,"end":27,"label":"PER"},{"start":50,"end":69,"label":"ORG"},{"start":73,"end":79,"label":"LOC"},{"start":0,"end":3,"label":"MISC"}]}
`

func TestEvalEntities(t *testing.T) {
	dir := t.TempDir()
	g := filepath.Join(dir, "gold.jsonl")
	os.WriteFile(g, []byte(gold), 0o644)
	code, out, stderr := runCmd("--gold", g, "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep entityReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	if rep.Documents != 1 || rep.Note == "" {
		t.Errorf("report %+v", rep)
	}
	if p := rep.Labels["PERSON"]; p.Gold != 1 || p.Exact.F1 != 1 {
		t.Errorf("PERSON %+v", p)
	}
	if m := rep.Labels["MISC"]; m.Gold != 1 || m.Exact.Recall != 0 {
		t.Errorf("MISC %+v", m)
	}
	code, out, _ = runCmd("--gold", g)
	if code != cli.ExitOK || !strings.Contains(out, "span-exact") || !strings.Contains(out, "PERSON") {
		t.Errorf("text output: %d %s", code, out)
	}
}

func TestScore(t *testing.T) {
	gold := []entities.Span{{Start: 0, End: 10, Label: "PERSON"}, {Start: 20, End: 30, Label: "ORG"}}
	pred := []entities.Span{{Start: 0, End: 10, Label: "PERSON"}, {Start: 22, End: 30, Label: "ORG"}, {Start: 40, End: 45, Label: "LOC"}}
	byLabel := map[string]*counts{}
	get := func(l string) *counts {
		if byLabel[l] == nil {
			byLabel[l] = &counts{}
		}
		return byLabel[l]
	}
	score(gold, pred, get)
	if c := *byLabel["PERSON"]; c != (counts{gold: 1, pred: 1, exact: 1, partPred: 1, partGold: 1}) {
		t.Errorf("PERSON %+v", c)
	}
	if c := *byLabel["ORG"]; c != (counts{gold: 1, pred: 1, exact: 0, partPred: 1, partGold: 1}) {
		t.Errorf("ORG %+v", c)
	}
	if c := *byLabel["LOC"]; c != (counts{pred: 1}) {
		t.Errorf("LOC %+v", c)
	}
}

func TestEvalUsage(t *testing.T) {
	if code, _, _ := runCmd(); code != cli.ExitUsage {
		t.Errorf("no args: exit %d", code)
	}
	dir := t.TempDir()
	g := filepath.Join(dir, "x.jsonl")
	os.WriteFile(g, []byte(`{"id":"a","text":"x","opinions":[]}`+"\n"), 0o644)
	if code, _, stderr := runCmd("--gold", g); code != cli.ExitUsage || !strings.Contains(stderr, "cannot tell the task") {
		t.Errorf("unknown task: exit %d %s", code, stderr)
	}
	if code, _, _ := runCmd("--gold", filepath.Join(dir, "missing.jsonl")); code != cli.ExitFatal {
		t.Errorf("missing file: exit %d", code)
	}
}
