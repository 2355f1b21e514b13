package evalcmd

import (
	"encoding/json"
	"testing"

	"github.com/quarrylabs/quarry/internal/cli"
)

// TestEvalQuotes scores our own PolNeAR-format gold (testdata/eval).
func TestEvalQuotes(t *testing.T) {
	code, out, stderr := runCmd("--gold", "../../../testdata/eval/quotes.jsonl", "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep quoteReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	if rep.Task != "quotes" || rep.Documents != 7 || rep.Gold != 12 || rep.SpeakerGold != 12 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Recall != 1 || rep.F1 < 0.8 {
		t.Errorf("detection R %.3f F1 %.3f", rep.Recall, rep.F1)
	}
	if rep.SpeakerAccuracy != 1 {
		t.Errorf("speaker accuracy %.3f, want 1", rep.SpeakerAccuracy)
	}
}
