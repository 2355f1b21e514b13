package rulescmd

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/rules"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Command.Run(context.Background(), &cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func writeRules(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const good = `kind: gazetteer
entries:
  - name: Quillmore Vantage Holdings
    label: COMPANY
    aliases: [QVH, Quillmore]
examples:
  - text: "Shares of QVH rose after Quillmore Vantage Holdings said so."
    expect: [{text: QVH, label: COMPANY}, {text: Quillmore Vantage Holdings, label: COMPANY}]
    reject: [{text: Shares, kind: entity}]
`

const broken = `kind: gazetteer
entries:
  - name: Quillmore
    label: COMPNY
    alias: [QVH]
`

func TestCheckOK(t *testing.T) {
	dir := writeRules(t, map[string]string{"good.yaml": good})
	code, out, _ := runCmd(t, "check", dir)
	if code != 0 || !strings.HasPrefix(out, "ok: ") || !strings.Contains(out, "(1 user)") || strings.Count(out, "\n") != 1 {
		t.Fatalf("code %d, out %q", code, out)
	}
}

func TestCheckErrors(t *testing.T) {
	dir := writeRules(t, map[string]string{"bad.yaml": broken})
	p := filepath.Join(dir, "bad.yaml")
	code, out, errOut := runCmd(t, "check", dir)
	if code != cli.ExitFatal {
		t.Errorf("exit %d, want 1", code)
	}
	want := p + ":4:12: label \"COMPNY\" is not valid; did you mean \"COMPANY\"?"
	if !strings.HasPrefix(out, want) || !strings.Contains(out, p+":5:5: unknown key \"alias\"") {
		t.Errorf("out = %q", out)
	}
	if !strings.Contains(errOut, "2 problems") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestCheckJSON(t *testing.T) {
	dir := writeRules(t, map[string]string{"bad.yaml": broken})
	// Flags may follow the path.
	code, out, _ := runCmd(t, "check", dir, "--format", "json")
	if code != cli.ExitFatal {
		t.Errorf("exit %d", code)
	}
	var got struct {
		OK     bool          `json:"ok"`
		Errors []rules.Error `json:"errors"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if got.OK || len(got.Errors) != 2 || got.Errors[0].Line != 4 || got.Errors[0].Col != 12 || !strings.HasSuffix(got.Errors[0].File, "bad.yaml") {
		t.Errorf("got %+v", got)
	}
	code, out, _ = runCmd(t, "check", "--format=json")
	if code != 0 || !strings.Contains(out, `"ok": true`) || !strings.Contains(out, `"errors": []`) {
		t.Errorf("defaults: code %d out %s", code, out)
	}
}

func TestCheckUsage(t *testing.T) {
	if code, _, errOut := runCmd(t, "check", "--format", "xml"); code != cli.ExitUsage || !strings.Contains(errOut, "text or json") {
		t.Errorf("code %d err %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "check", "--bogus"); code != cli.ExitUsage {
		t.Errorf("unknown flag: code %d", code)
	}
	if code, _, errOut := runCmd(t, "check", "--help"); code != 0 || !strings.Contains(errOut, "Usage: quarry rules check") {
		t.Errorf("help: code %d err %q", code, errOut)
	}
	if code, _, _ := runCmd(t); code != cli.ExitUsage {
		t.Errorf("no subcommand: code %d", code)
	}
	if code, _, _ := runCmd(t, "frobnicate"); code != cli.ExitUsage {
		t.Errorf("unknown subcommand: code %d", code)
	}
	if code, out, _ := runCmd(t, "--help"); code != 0 || !strings.Contains(out, "quarry rules test") {
		t.Errorf("rules --help: code %d", code)
	}
}

func TestTestPasses(t *testing.T) {
	dir := writeRules(t, map[string]string{"good.yaml": good})
	code, out, _ := runCmd(t, "test", dir)
	if code != 0 || out != "1 example, 0 failed\n" {
		t.Errorf("code %d out %q", code, out)
	}
	// No path: the defaults' examples.
	code, out, _ = runCmd(t, "test")
	if code != 0 || !strings.HasSuffix(out, ", 0 failed\n") {
		t.Errorf("defaults: code %d out %q", code, out)
	}
}

func TestTestFails(t *testing.T) {
	failing := good + `  - text: "Quillmore Vantage rose."
    expect: [{text: Quillmore Vantage, label: COMPANY}]
`
	dir := writeRules(t, map[string]string{"f.yaml": failing})
	code, out, _ := runCmd(t, "test", "-v", dir)
	if code != cli.ExitFatal {
		t.Errorf("exit %d, want 1", code)
	}
	p := filepath.Join(dir, "f.yaml")
	if !strings.Contains(out, p+`:10:5: example "Quillmore Vantage rose." failed: line 11: expected "Quillmore Vantage" COMPANY, not found`) {
		t.Errorf("out = %q", out)
	}
	if !strings.Contains(out, `found "Quillmore" entity COMPANY`) || !strings.HasSuffix(out, "2 examples, 1 failed\n") {
		t.Errorf("verbose/summary missing: %q", out)
	}
}

func TestTestBrokenRules(t *testing.T) {
	dir := writeRules(t, map[string]string{"bad.yaml": broken})
	code, _, errOut := runCmd(t, "test", dir)
	if code != cli.ExitFatal || !strings.Contains(errOut, "bad.yaml:4:12:") {
		t.Errorf("code %d err %q", code, errOut)
	}
}

func TestCustomRunner(t *testing.T) {
	dir := writeRules(t, map[string]string{"good.yaml": good})
	cmd := NewCommand(func(*rules.Set) rules.ExampleRunner {
		return func(string) []rules.Found { return nil }
	})
	var out bytes.Buffer
	code := cmd.Run(context.Background(), &cli.IO{Out: &out, Err: &out}, []string{"test", dir})
	if code != cli.ExitFatal || !strings.Contains(out.String(), "1 example, 1 failed") {
		t.Errorf("code %d out %q", code, out.String())
	}
}

func TestList(t *testing.T) {
	dir := writeRules(t, map[string]string{"good.yaml": good})
	code, out, _ := runCmd(t, "list", "--rules", dir)
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "ORIGIN") {
		t.Errorf("header %q", lines[0])
	}
	var sawDefault, sawUser bool
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) < 3 {
			continue
		}
		switch {
		case f[0] == "default" && f[1] == "rules/default/companies.yaml" && f[2] == "gazetteer":
			sawDefault = true
		case f[0] == "user" && strings.HasSuffix(f[1], "good.yaml") && strings.Contains(l, "1 entries") && strings.Contains(l, "1 examples"):
			sawUser = true
		}
	}
	if !sawDefault || !sawUser {
		t.Errorf("list output:\n%s", out)
	}
	code, out, _ = runCmd(t, "list", "--no-default-rules", "--rules", dir, "--format", "json")
	var files []rules.FileInfo
	if err := json.Unmarshal([]byte(out), &files); err != nil || code != 0 {
		t.Fatalf("code %d err %v out %s", code, err, out)
	}
	if len(files) != 1 || files[0].Origin != "user" || files[0].Counts["entries"] != 1 {
		t.Errorf("files = %+v", files)
	}
}
