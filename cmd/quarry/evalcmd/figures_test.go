package evalcmd

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/internal/cli"
)

// TestEvalFigures scores the figures gold we wrote (testdata/eval): the task
// is picked from the records' fields, and the scores are real.
func TestEvalFigures(t *testing.T) {
	code, out, stderr := runCmd("--gold", "../../../testdata/eval/figures.jsonl", "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep figureReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	docs, figs := goldCounts(t, "../../../testdata/eval/figures.jsonl")
	if rep.Task != "figures" || rep.Documents != docs {
		t.Fatalf("report %+v, want %d documents", rep, docs)
	}
	if rep.Strict.TP+rep.Strict.FN != figs {
		t.Errorf("gold figures = %d, want %d", rep.Strict.TP+rep.Strict.FN, figs)
	}
	if rep.Overlap.Recall < 0.9 || rep.Strict.F1 < 0.8 {
		t.Errorf("overlap recall %.3f, strict F1 %.3f: figures got worse", rep.Overlap.Recall, rep.Strict.F1)
	}
	code, out, _ = runCmd("--gold", "../../../testdata/eval/figures.jsonl")
	if code != cli.ExitOK || !strings.Contains(out, "strict") || !strings.Contains(out, "quantity") {
		t.Errorf("text report: %s", out)
	}
}

// goldCounts counts the documents and figures of a gold file.
func goldCounts(t *testing.T, path string) (docs, figs int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var g struct{ Figures []json.RawMessage }
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			t.Fatal(err)
		}
		docs++
		figs += len(g.Figures)
	}
	return docs, figs
}
