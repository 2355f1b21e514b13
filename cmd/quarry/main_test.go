package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/pipeline"
	_ "modernc.org/sqlite"
)

var binary string

// TestMain builds the real binary once; the tests below run it as a user would.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "quarry-cli")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "quarry")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

func quarryRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

func docs(t *testing.T, stdout string) []quarry.Document {
	t.Helper()
	var ds []quarry.Document
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if line == "" {
			continue
		}
		var d quarry.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("stdout line is not a record: %q", line)
		}
		ds = append(ds, d)
	}
	return ds
}

func TestExtractRepoArticles(t *testing.T) {
	r := quarryRun(t, "", "extract", "--with", "text", "--with=sentences", "../../testdata/articles")
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ds := docs(t, r.stdout)
	if len(ds) != 9 { // 4 .txt, 1 .md, 3 feed lines, 1 .json
		t.Fatalf("got %d records", len(ds))
	}
	for _, d := range ds {
		if d.Schema != quarry.Schema || d.Text == nil || len(d.Sentences) == 0 {
			t.Errorf("%s: schema %q, text %v, %d sentences", d.ID, d.Schema, d.Text != nil, len(d.Sentences))
			continue
		}
		if err := d.CheckOffsets(*d.Text); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
	}
	if !strings.Contains(r.stderr, "read=9") || !strings.Contains(r.stderr, "written=9") || !strings.Contains(r.stderr, "failed=0") {
		t.Errorf("no summary line on stderr: %s", r.stderr)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "ok.txt"), []byte("Fine text."), 0o644)
	os.WriteFile(filepath.Join(dir, "bin.txt"), []byte("\x00\x01\x02"), 0o644)
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"ok", "", []string{"extract", filepath.Join(dir, "ok.txt")}, cli.ExitOK},
		{"some failed", "", []string{"extract", dir}, cli.ExitSomeFailed},
		{"missing path", "", []string{"extract", filepath.Join(dir, "nope.txt")}, cli.ExitSomeFailed},
		{"bad flag", "", []string{"extract", "--nope"}, cli.ExitUsage},
		{"bad format", "", []string{"extract", "--format", "xml"}, cli.ExitUsage},
		{"bad with", "", []string{"extract", "--with", "everything"}, cli.ExitUsage},
		{"bad input format", "", []string{"extract", "--input-format", "csv"}, cli.ExitUsage},
		{"unknown command", "", []string{"frobnicate"}, cli.ExitUsage},
		{"no command", "", nil, cli.ExitUsage},
		{"help", "", []string{"--help"}, cli.ExitOK},
		{"extract help", "", []string{"extract", "--help"}, cli.ExitOK},
		{"stdin", "Hello there.", []string{"extract"}, cli.ExitOK},
		{"flags after paths", "", []string{"extract", filepath.Join(dir, "ok.txt"), "--workers", "1"}, cli.ExitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := quarryRun(t, c.stdin, c.args...)
			if r.code != c.code {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, c.code, r.stderr)
			}
			if c.code == cli.ExitUsage && r.stdout != "" {
				t.Errorf("usage error wrote to stdout: %q", r.stdout)
			}
		})
	}
}

func TestStdoutCarriesOnlyRecords(t *testing.T) {
	r := quarryRun(t, "{\"text\":\"A.\"}\nnot json\n", "extract", "--input-format", "jsonl", "--log-level", "debug", "-")
	if r.code != cli.ExitSomeFailed {
		t.Fatalf("exit %d", r.code)
	}
	ds := docs(t, r.stdout) // fails on any non-record line
	if len(ds) != 2 || ds[1].Error == nil || ds[1].Error.Code != "invalid_json" {
		t.Fatalf("records = %+v", ds)
	}
	if !strings.Contains(r.stderr, "stdin#2") {
		t.Errorf("stderr does not name the failed line: %s", r.stderr)
	}
}

func TestLogFormatJSON(t *testing.T) {
	r := quarryRun(t, "Hi.", "extract", "--log-format", "json")
	last := strings.Split(strings.TrimSpace(r.stderr), "\n")
	var entry map[string]any
	if err := json.Unmarshal([]byte(last[len(last)-1]), &entry); err != nil {
		t.Fatalf("stderr is not JSON logs: %s", r.stderr)
	}
	if entry["msg"] != "done" || entry["written"] != float64(1) {
		t.Errorf("summary = %v", entry)
	}
}

func TestSchemaAndVersion(t *testing.T) {
	r := quarryRun(t, "", "schema")
	var s map[string]any
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &s) != nil || s["title"] == nil {
		t.Fatalf("schema: exit %d, %q", r.code, r.stdout)
	}
	r = quarryRun(t, "", "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "quarry ") || !strings.Contains(r.stdout, quarry.Schema) {
		t.Fatalf("version: %q", r.stdout)
	}
}

// TestSIGINT interrupts a run that is waiting for more input: records already
// made are written whole, and the exit code is 130.
func TestSIGINT(t *testing.T) {
	cmd, stdin, stdout, errb := startJSONL(t)
	for i := 0; i < 3; i++ {
		fmt.Fprintf(stdin, "{\"id\":\"a%d\",\"text\":\"Article number %d.\"}\n", i, i)
	}
	// Wait until the first record is out, then interrupt.
	br := bufio.NewReader(stdout)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	rest := interrupt(t, cmd, syscall.SIGINT, br, errb)
	all := first + rest
	lines := strings.Split(strings.TrimSpace(all), "\n")
	if len(lines) != 3 {
		t.Errorf("got %d records, want the 3 sent before the signal", len(lines))
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("partial line: %q", l)
		}
	}
	if !strings.Contains(errb.String(), "interrupted") {
		t.Errorf("no interrupted log line: %s", errb.String())
	}
	stdin.Close()
}

// startJSONL starts quarry extract reading JSONL from a pipe.
func startJSONL(t *testing.T) (*exec.Cmd, io.WriteCloser, io.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(binary, "extract", "--input-format", "jsonl", "-")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	errb := &bytes.Buffer{}
	cmd.Stderr = errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stdin, stdout, errb
}

// interrupt sends sig to a running quarry, reads the rest of its output and
// checks that it exits with 130 within a few seconds.
func interrupt(t *testing.T, cmd *exec.Cmd, sig os.Signal, out io.Reader, errb *bytes.Buffer) string {
	t.Helper()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	rest, _ := io.ReadAll(out)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("quarry did not stop after %v", sig)
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != cli.ExitInterrupted {
		t.Fatalf("exit = %v, want 130; stderr: %s", err, errb.String())
	}
	return string(rest)
}

// TestRunInProcess runs commands with fake streams, without the binary.
func TestRunInProcess(t *testing.T) {
	var out, errb bytes.Buffer
	io := &cli.IO{In: strings.NewReader("Inline article."), Out: &out, Err: &errb}
	if code := run(context.Background(), io, []string{"extract", "--quiet"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if ds := docs(t, out.String()); len(ds) != 1 || ds[0].ID != "stdin" {
		t.Fatalf("docs = %+v", ds)
	}
}

// TestUserRules: a user gazetteer teaches quarry a company and its alias; a
// broken rule file stops quarry before it reads anything.
func TestUserRules(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "beat.yaml"), []byte(`kind: gazetteer
entries:
  - name: Zephyrine Tidewater Analytics
    label: COMPANY
    aliases: [ZTA, Zephyrine]
`), 0o644)
	text := "Zephyrine Tidewater Analytics said profits rose. Analysts at ZTA were pleased, and Zephyrine shares climbed."
	r := quarryRun(t, text, "extract", "--rules", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ds := docs(t, r.stdout)
	var found *quarry.Entity
	for i, e := range ds[0].Entities {
		if e.Name == "Zephyrine Tidewater Analytics" {
			found = &ds[0].Entities[i]
		}
	}
	if found == nil || found.Label != quarry.Company {
		t.Fatalf("company not found: %+v", ds[0].Entities)
	}
	var texts []string
	for _, m := range found.Mentions {
		texts = append(texts, m.Text)
	}
	if got := strings.Join(texts, "|"); got != "Zephyrine Tidewater Analytics|ZTA|Zephyrine" {
		t.Errorf("mentions = %s", got)
	}

	os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte("kind: gazetteer\nentries:\n  - nam: X\n    label: COMPANY\n"), 0o644)
	r = quarryRun(t, text, "extract", "--rules", dir)
	if r.code != cli.ExitUsage || r.stdout != "" {
		t.Fatalf("broken rules: exit %d, stdout %q", r.code, r.stdout)
	}
	if !strings.Contains(r.stderr, "bad.yaml:3:5: unknown key \"nam\"") {
		t.Errorf("stderr does not give FILE:LINE:COL: %s", r.stderr)
	}
	r = quarryRun(t, "", "rules", "check", dir)
	if r.code != 1 || !strings.Contains(r.stdout+r.stderr, "bad.yaml:3:5") {
		t.Errorf("rules check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestExtractGroup: --group writes cross-article claim groups, and flags
// figures that disagree.
func TestExtractGroup(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Deal news\n\nVelmora Corp has invested $2 billion in Kestrel Labs, the company said on Monday.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte("Deal update\n\nVelmora Corp invested $500 million in Kestrel Labs, according to filings.\n"), 0o644)
	groups := filepath.Join(t.TempDir(), "groups.jsonl") // not inside the input folder
	r := quarryRun(t, "", "extract", "--group", groups, dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(groups)
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Key struct {
			Subject, Predicate, Object string
		}
		Docs         int
		Disagreement bool
	}
	if err := json.Unmarshal(bytes.Split(data, []byte("\n"))[0], &g); err != nil {
		t.Fatalf("groups file: %v\n%s", err, data)
	}
	if g.Docs != 2 || !g.Disagreement || g.Key.Predicate != "invest" {
		t.Errorf("group = %+v", g)
	}
	// With --sink the groups are loaded into the database too.
	db := filepath.Join(t.TempDir(), "news.db")
	if r := quarryRun(t, "", "extract", "--group", groups, "--sink", "sqlite:"+db, dir); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var dis bool
	if err := conn.QueryRow("SELECT count(*), max(disagreement) FROM claim_groups").Scan(&n, &dis); err != nil || n != 1 || !dis {
		t.Errorf("claim_groups: %d rows, disagreement %v, err %v", n, dis, err)
	}
	conn.Close()
	// claims group over the same output agrees.
	r2 := quarryRun(t, r.stdout, "claims", "group")
	if strings.TrimSpace(r2.stdout) != strings.TrimSpace(string(data)) {
		t.Errorf("claims group differs from extract --group:\n%s\n%s", r2.stdout, data)
	}
}

// TestExtractSink: --sink loads the records straight into SQLite, and a
// reload leaves the same rows.
func TestExtractSink(t *testing.T) {
	db := filepath.Join(t.TempDir(), "news.db")
	var counts []string
	for i := 0; i < 2; i++ {
		r := quarryRun(t, "", "extract", "--sink", "sqlite:"+db, "../../testdata/articles")
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
		}
		conn, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		var docs, ents, figs int
		err = conn.QueryRow("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM figures)").Scan(&docs, &ents, &figs)
		conn.Close()
		if err != nil {
			t.Fatal(err)
		}
		if docs != 9 || ents == 0 || figs == 0 {
			t.Errorf("rows: %d documents, %d entities, %d figures", docs, ents, figs)
		}
		counts = append(counts, fmt.Sprint(docs, ents, figs))
	}
	if counts[0] != counts[1] {
		t.Errorf("reload changed the rows: %v", counts)
	}
	r := quarryRun(t, "", "extract", "--sink", "mysql://x", "../../testdata/articles")
	if r.code != cli.ExitUsage {
		t.Errorf("bad DSN: exit %d", r.code)
	}
}

// TestFatalExit: output that cannot be written is fatal (exit 1), and says why.
func TestFatalExit(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer full.Close()
	cmd := exec.Command(binary, "extract", "--quiet", "../../testdata/articles")
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = full, &errb
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != cli.ExitFatal {
		t.Fatalf("exit = %v, want %d; stderr: %s", err, cli.ExitFatal, errb.String())
	}
	if !strings.Contains(errb.String(), "no space left on device") {
		t.Errorf("stderr does not say why: %s", errb.String())
	}
}

// TestSIGTERM: SIGTERM stops a run like SIGINT does (exit 130, whole lines).
func TestSIGTERM(t *testing.T) {
	cmd, stdin, stdout, errb := startJSONL(t)
	defer stdin.Close()
	fmt.Fprintln(stdin, `{"id":"a","text":"One article."}`)
	br := bufio.NewReader(stdout)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	rest := interrupt(t, cmd, syscall.SIGTERM, br, errb)
	if !json.Valid([]byte(strings.TrimSpace(first))) || strings.TrimSpace(rest) != "" {
		t.Errorf("output = %q + %q, want the one whole record", first, rest)
	}
}

// TestWithListAndFieldFlags: --with a,b equals --with a --with b, and the
// field flags reach the JSON reader.
func TestWithListAndFieldFlags(t *testing.T) {
	in := `{"uid":"x1","body":"Mara Lindqvist said AT&T would pay $8 billion."}` + "\n"
	a := quarryRun(t, in, "extract", "--text-field", "body", "--id-field", "uid", "--with", "text,sentences", "-")
	b := quarryRun(t, in, "extract", "--text-field", "body", "--id-field", "uid", "--with", "text", "--with", "sentences", "-")
	if a.code != 0 || b.code != 0 {
		t.Fatalf("exit %d/%d: %s%s", a.code, b.code, a.stderr, b.stderr)
	}
	if a.stdout != b.stdout {
		t.Errorf("--with text,sentences differs from --with text --with sentences:\n%s\n%s", a.stdout, b.stdout)
	}
	ds := docs(t, a.stdout)
	if len(ds) != 1 || ds[0].ID != "x1" || ds[0].Text == nil || len(ds[0].Sentences) != 1 || ds[0].Error != nil {
		t.Fatalf("docs = %+v", ds)
	}
	if !strings.Contains(a.stdout, `"AT&T`) || strings.Contains(a.stdout, `\u0026`) {
		t.Errorf("HTML-escaped or missing text: %s", a.stdout)
	}
}

// TestNoDefaultRules: --no-default-rules drops the built-in gazetteer but
// keeps the user's.
func TestNoDefaultRules(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "beat.yaml"), []byte("kind: gazetteer\nentries:\n  - name: Zephyrine Tidewater Analytics\n    label: COMPANY\n    aliases: [ZTA]\n"), 0o644)
	text := "Microsoft and ZTA signed a deal on Monday."
	fromRules := func(args ...string) map[string]bool {
		t.Helper()
		r := quarryRun(t, text, append([]string{"extract", "--quiet", "--rules", dir}, args...)...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		names := map[string]bool{}
		for _, e := range docs(t, r.stdout)[0].Entities {
			if e.Origin == "rules" {
				names[e.Name] = true
			}
		}
		return names
	}
	with, without := fromRules(), fromRules("--no-default-rules")
	if !with["Microsoft"] || !with["Zephyrine Tidewater Analytics"] {
		t.Errorf("with defaults, rule entities = %v", with)
	}
	if without["Microsoft"] || !without["Zephyrine Tidewater Analytics"] {
		t.Errorf("with --no-default-rules, rule entities = %v", without)
	}
}

// An article longer than an analysis window (pipeline.WindowBytes) is read
// in windows and its line written in pieces: its records still index the
// text, in order, beside the short articles around it; --max-bytes refuses
// it with a clear error and no other record is lost.
func TestLongArticle(t *testing.T) {
	var b strings.Builder
	for _, name := range []string{"01-quillmore-halvern-deal.txt", "02-brightwell-layoffs.md", "04-harbour-council-budget.txt"} {
		data, err := os.ReadFile(filepath.Join("../../testdata/articles", name))
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
		b.WriteString("\n\n")
	}
	one := b.String()
	long := strings.Repeat(one, pipeline.WindowBytes/len(one)*3)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte(one), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte(long), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), []byte(one), 0o644)

	r := quarryRun(t, "", "extract", "--with", "text,sentences", dir)
	if r.code != cli.ExitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ds := docs(t, r.stdout)
	if len(ds) != 3 || ds[1].ID != "b.txt" || ds[1].Text == nil || *ds[1].Text != long {
		t.Fatalf("%d records; want a.txt, b.txt with its text, c.txt", len(ds))
	}
	for _, d := range ds {
		if err := d.CheckOffsets(*d.Text); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
	}
	// The text repeats, so the long article finds each figure of the short
	// one once per copy, and each of its entities once.
	copies := len(long) / len(one)
	if got, want := len(ds[1].Figures), copies*len(ds[0].Figures); got != want {
		t.Errorf("%d figures in %d copies of an article with %d", got, copies, len(ds[0].Figures))
	}
	if got, want := len(ds[1].Entities), len(ds[0].Entities); want == 0 || got < want-want/10 || got > want+want/10 {
		t.Errorf("%d entities in %d copies of an article with %d", got, copies, want)
	}

	rec := quarryRun(t, "", "extract", "--format", "records", filepath.Join(dir, "b.txt"))
	if rec.code != cli.ExitOK || strings.Count(rec.stdout, `"type":"figure"`) != len(ds[1].Figures) {
		t.Errorf("--format records: exit %d, %d figure lines, want %d", rec.code, strings.Count(rec.stdout, `"type":"figure"`), len(ds[1].Figures))
	}

	small := quarryRun(t, "", "extract", "--max-bytes", fmt.Sprint(len(one)+1), dir)
	ds = docs(t, small.stdout)
	if small.code != cli.ExitSomeFailed || len(ds) != 3 || ds[1].Error == nil || ds[1].Error.Code != "too_large" || ds[0].Error != nil || ds[2].Error != nil {
		t.Errorf("--max-bytes: exit %d, records %+v", small.code, ds)
	}
	// A size with a unit: 1 KiB refuses all three.
	kib := quarryRun(t, "", "extract", "--max-bytes", "1K", dir)
	if ds = docs(t, kib.stdout); kib.code != cli.ExitSomeFailed || len(ds) != 3 || ds[0].Error == nil || !strings.Contains(ds[0].Error.Message, "1024") {
		t.Errorf("--max-bytes 1K: exit %d, records %+v", kib.code, ds)
	}
	for _, v := range []string{"10 parsecs", "0", "1.5"} {
		if r := quarryRun(t, "", "extract", "--max-bytes", v, dir); r.code != cli.ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "max-bytes") {
			t.Errorf("--max-bytes %q: exit %d, stderr %q", v, r.code, r.stderr)
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/golden/stdout-*.jsonl from the current output (review the diff!)")

// TestStdoutGolden: the bytes the binary writes for the repo's articles,
// in both formats and with 1, 2 and 5 workers, are those of the reviewed
// run in testdata/golden (the per-article golden files there, compared
// after decoding, check what the records say; this checks how they are
// written: field order, escapes, number formats, line order).
func TestStdoutGolden(t *testing.T) {
	for _, format := range []string{"docs", "records"} {
		path := filepath.Join("..", "..", "testdata", "golden", "stdout-"+format+".jsonl")
		for _, workers := range []string{"1", "2", "5"} {
			r := quarryRun(t, "", "extract", "--quiet", "--workers", workers, "--format", format, "--with", "sentences", "../../testdata/articles")
			if r.code != cli.ExitOK {
				t.Fatalf("%s, %s workers: exit %d: %s", format, workers, r.code, r.stderr)
			}
			if *update && workers == "1" {
				if err := os.WriteFile(path, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cmd/quarry -run TestStdoutGolden -update and review it)", err)
			}
			if r.stdout != string(want) {
				t.Errorf("%s, %s workers: stdout differs from %s at byte %d", format, workers, path, firstDiffByte(r.stdout, string(want)))
			}
		}
	}
}

func firstDiffByte(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
