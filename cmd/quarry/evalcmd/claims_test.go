package evalcmd

import (
	"encoding/json"
	"testing"

	"github.com/quarrylabs/quarry/internal/cli"
)

// TestEvalClaims scores our own claims gold (testdata/claims/gold.jsonl).
func TestEvalClaims(t *testing.T) {
	code, out, stderr := runCmd("--gold", "../../../testdata/claims/gold.jsonl", "--format", "json")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep claimReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err, out)
	}
	if rep.Task != "claims" || rep.Documents < 3 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Claims.Precision < 0.8 || rep.Claims.Recall < 0.5 || rep.Modality.Accuracy < 0.8 {
		t.Errorf("claims got worse: %+v", rep.Report)
	}
}
