package evalcmd

import (
	"encoding/json"
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
	if rep.Task != "figures" || rep.Documents != 4 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Strict.TP+rep.Strict.FN != 11 {
		t.Errorf("gold figures = %d, want 11", rep.Strict.TP+rep.Strict.FN)
	}
	if rep.Overlap.Recall < 0.9 || rep.Strict.F1 < 0.8 {
		t.Errorf("overlap recall %.3f, strict F1 %.3f: figures got worse", rep.Overlap.Recall, rep.Strict.F1)
	}
	code, out, _ = runCmd("--gold", "../../../testdata/eval/figures.jsonl")
	if code != cli.ExitOK || !strings.Contains(out, "strict") || !strings.Contains(out, "quantity") {
		t.Errorf("text report: %s", out)
	}
}
