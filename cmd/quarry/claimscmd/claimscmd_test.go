package claimscmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/claims"
	"github.com/quarrylabs/quarry/internal/cli"
)

func f64(v float64) *float64 { return &v }

func doc(id, claimText, figText string, v float64, approx ...string) quarry.Document {
	i := strings.Index(claimText, figText)
	j := strings.Index(claimText, "Anthropic")
	return quarry.Document{
		Schema: quarry.Schema, ID: id,
		Entities: []quarry.Entity{
			{ID: "e1", Label: quarry.Company, Name: "Amazon", Mentions: []quarry.Mention{{Start: 0, End: 6, Text: "Amazon"}}},
			{ID: "e2", Label: quarry.Company, Name: "Anthropic", Mentions: []quarry.Mention{{Start: j, End: j + 9, Text: "Anthropic"}}},
		},
		Figures: []quarry.Figure{{ID: "f1", Start: i, End: i + len(figText), Text: figText, Kind: "money", Currency: "USD", Value: f64(v), Approx: approx}},
		Claims: []quarry.Claim{{ID: "c1", Start: 0, End: len(claimText), Text: claimText, Predicate: "invest",
			Subject: &quarry.ClaimSubject{Entity: "e1", Start: 0, End: 6, Text: "Amazon"},
			Object:  claimText[i:], Figures: []string{"f1"}, Source: quarry.ClaimSource{Type: "article"}, Modality: "asserted"}},
	}
}

func jsonl(t *testing.T, docs ...quarry.Document) string {
	var b strings.Builder
	for _, d := range docs {
		j, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

func runCmd(stdin string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	io := &cli.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}
	code := Command.Run(context.Background(), io, args)
	return code, out.String(), errb.String()
}

func TestGroupStdin(t *testing.T) {
	in := jsonl(t,
		doc("a", "Amazon holds an $8 billion stake in Anthropic", "$8 billion", 8e9),
		doc("b", "Amazon made an up to $4 billion investment in Anthropic", "up to $4 billion", 4e9, "up_to"))
	code, out, errs := runCmd(in, "group")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1:\n%s", len(lines), out)
	}
	var g claims.Cluster
	if err := json.Unmarshal([]byte(lines[0]), &g); err != nil {
		t.Fatal(err)
	}
	if g.Key != (claims.Key{Subject: "amazon", Predicate: "invest", Object: "anthropic"}) || !g.Disagreement || len(g.Claims) != 2 || g.Claims[1].Doc != "b" {
		t.Errorf("group %+v", g)
	}
}

func TestGroupFilesAndFlags(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.jsonl")
	b := filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(jsonl(t, doc("a", "Amazon holds an $8 billion stake in Anthropic", "$8 billion", 8e9))), 0o644)
	os.WriteFile(b, []byte("\n"+jsonl(t, doc("b", "Amazon holds an $8 billion stake in Anthropic", "$8 billion", 8e9))), 0o644)
	code, out, _ := runCmd("", "group", a, b, "--disagreements")
	if code != cli.ExitOK || out != "" {
		t.Errorf("--disagreements kept an agreeing group: %d %q", code, out)
	}
	code, out, _ = runCmd("", "group", a)
	if code != cli.ExitOK || out != "" {
		t.Errorf("single-document group kept without --all: %q", out)
	}
	code, out, _ = runCmd("", "group", "--all", a)
	if code != cli.ExitOK || strings.Count(out, "\n") != 1 {
		t.Errorf("--all: %d %q", code, out)
	}
}

func TestGroupErrors(t *testing.T) {
	if code, _, errs := runCmd("not json\n", "group"); code != cli.ExitFatal || !strings.Contains(errs, "stdin:1") {
		t.Errorf("bad input: exit %d, %q", code, errs)
	}
	if code, _, _ := runCmd("", "group", "/no/such/file"); code != cli.ExitFatal {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, _ := runCmd(""); code != cli.ExitUsage {
		t.Errorf("no subcommand: exit %d", code)
	}
	if code, _, _ := runCmd("", "frob"); code != cli.ExitUsage {
		t.Errorf("unknown subcommand: exit %d", code)
	}
	if code, _, _ := runCmd("", "group", "--min-docs", "0"); code != cli.ExitUsage {
		t.Errorf("--min-docs 0: exit %d", code)
	}
}
