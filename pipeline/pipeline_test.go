package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors"
	"github.com/quarrylabs/quarry/pipeline/analysis"
)

// capsExtractor makes one entity per capitalised token: enough records to
// test offsets and ordering without the real extractors.
type capsExtractor struct{}

func (capsExtractor) Name() string { return "caps" }
func (capsExtractor) Extract(d *analysis.Doc, out *quarry.Document) error {
	for _, t := range d.Tokens {
		r := []rune(t.Text)
		if len(r) > 0 && unicode.IsUpper(r[0]) {
			out.Entities = append(out.Entities, quarry.Entity{
				ID: fmt.Sprintf("e%d", len(out.Entities)+1), Label: quarry.Misc, Name: t.Text,
				Mentions: []quarry.Mention{{Start: t.Start, End: t.End, Text: t.Text}},
			})
		}
	}
	return nil
}

// failExtractor fails articles whose text contains "FAIL" and panics on "PANIC".
type failExtractor struct{}

func (failExtractor) Name() string { return "fail" }
func (failExtractor) Extract(d *analysis.Doc, out *quarry.Document) error {
	if strings.Contains(d.Text, "PANIC") {
		panic("boom")
	}
	if strings.Contains(d.Text, "FAIL") {
		return errors.New("asked to fail")
	}
	return nil
}

func testConfig(workers int) Config {
	return Config{Workers: workers, Extractors: []extractors.Extractor{capsExtractor{}, failExtractor{}}}
}

// runDocs runs the pipeline and decodes the docs it writes.
func runDocs(t *testing.T, cfg Config, paths ...string) ([]quarry.Document, Stats, []byte) {
	t.Helper()
	var out bytes.Buffer
	stats, err := Run(context.Background(), cfg, paths, &out, nil)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	var docs []quarry.Document
	sc := bufio.NewScanner(bytes.NewReader(out.Bytes()))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var d quarry.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("output line is not JSON: %v\n%s", err, sc.Text())
		}
		docs = append(docs, d)
	}
	return docs, stats, out.Bytes()
}

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func byID(docs []quarry.Document) map[string]quarry.Document {
	m := map[string]quarry.Document{}
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

func TestWalkFolderSortedHiddenSkipped(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b.txt", "Second Story\n\nBody of B.")
	write(t, dir, "a.md", "# First Story\n\nBody of A.")
	write(t, dir, "sub/c.text", "Third\nBody of C.")
	write(t, dir, ".hidden.txt", "Hidden")
	write(t, dir, ".git/x.txt", "Hidden dir")
	write(t, dir, "notes.csv", "not an article")
	docs, stats, _ := runDocs(t, testConfig(2), dir)
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if got, want := strings.Join(ids, ","), "a.md,b.txt,sub/c.text"; got != want {
		t.Fatalf("ids = %s, want %s", got, want)
	}
	if docs[0].Title != "First Story" || docs[1].Title != "Second Story" || docs[2].Title != "Third" {
		t.Errorf("titles = %q %q %q", docs[0].Title, docs[1].Title, docs[2].Title)
	}
	if stats.Read != 3 || stats.Written != 3 || stats.Failed != 0 {
		t.Errorf("stats = %+v", stats)
	}
}

// A file's id is its path relative to the PATH argument, however that is
// spelled: walkDir builds it a folder at a time, relID in one go.
func TestIDsRelativeToPathArgument(t *testing.T) {
	dir := t.TempDir()
	files := []string{"top.txt", "a/one.txt", "a/b/two.md", "a/b/c/three.text", "d/four.txt"}
	for _, f := range files {
		write(t, dir, f, "Story\n\nBody.")
	}
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "a", "b", "gone.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	t.Chdir(dir)
	for _, root := range []string{dir, dir + "/", dir + "//a/..", ".", "./", "a", "a/b/", "../" + filepath.Base(dir) + "/a"} {
		docs, _, _ := runDocs(t, testConfig(1), root)
		if len(docs) == 0 {
			t.Fatalf("%s: no documents", root)
		}
		for _, d := range docs {
			want := relID(root, d.Source.Path)
			if d.ID != want {
				t.Errorf("%s: id %q for %s, want %q", root, d.ID, d.Source.Path, want)
			}
		}
	}
}

func TestSymlinkLoopSurvived(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/story.txt", "A story.")
	if err := os.Symlink(dir, filepath.Join(dir, "a", "loop")); err != nil {
		t.Skip("symlinks unavailable:", err)
	}
	if err := os.Symlink(filepath.Join(dir, "a", "story.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	docs, _, _ := runDocs(t, testConfig(2), dir)
	// The linked file is read once under its own name; the loop adds nothing.
	if len(docs) != 2 || docs[0].ID != "a/story.txt" || docs[1].ID != "link.txt" {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
}

func TestJSONAndJSONL(t *testing.T) {
	dir := t.TempDir()
	one := write(t, dir, "one.json", `{"id": 42, "title": "T", "url": "https://x", "published": "2026-01-01", "text": "Alpha Beta.", "section": "tech", "tags": ["a"]}`)
	feed := write(t, dir, "feed.jsonl", "{\"text\":\"First line.\"}\n\n{\"text\":\"Third line.\",\"id\":\"own\"}\r\n{bad json\n{\"title\":\"no text\"}\n{\"text\":7}\n")
	docs, stats, _ := runDocs(t, testConfig(2), one, feed)
	if len(docs) != 6 {
		t.Fatalf("got %d docs, want 6", len(docs))
	}
	d := docs[0]
	if d.ID != "42" || d.Title != "T" || d.URL != "https://x" || d.Published != "2026-01-01" {
		t.Errorf("json doc = %+v", d)
	}
	if string(d.Meta["section"]) != `"tech"` || string(d.Meta["tags"]) != `["a"]` || len(d.Meta) != 2 {
		t.Errorf("meta = %v", d.Meta)
	}
	wantIDs := []string{"42", feed + "#1", "own", feed + "#4", feed + "#5", feed + "#6"}
	for i, w := range wantIDs {
		if docs[i].ID != filepath.ToSlash(w) {
			t.Errorf("doc %d id = %q, want %q", i, docs[i].ID, w)
		}
	}
	if docs[2].Source.Line != 3 {
		t.Errorf("line = %d, want 3", docs[2].Source.Line)
	}
	for i, code := range map[int]string{3: "invalid_json", 4: "missing_text", 5: "missing_text"} {
		if docs[i].Error == nil || docs[i].Error.Code != code {
			t.Errorf("doc %d error = %+v, want %s", i, docs[i].Error, code)
		}
	}
	if stats.Failed != 3 || stats.Written != 6 {
		t.Errorf("stats = %+v", stats)
	}
}

func TestFieldMapping(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "f.jsonl", `{"body":"Hello World.","uid":"x1","text":"not the text"}`+"\n")
	cfg := testConfig(1)
	cfg.Input.TextField, cfg.Input.IDField = "body", "uid"
	docs, _, _ := runDocs(t, cfg, p)
	if len(docs) != 1 || docs[0].ID != "x1" || docs[0].Error != nil {
		t.Fatalf("docs = %+v", docs)
	}
	if string(docs[0].Meta["text"]) != `"not the text"` {
		t.Errorf("meta = %v", docs[0].Meta)
	}
	if len(docs[0].Entities) != 2 { // Hello, World
		t.Errorf("entities = %+v", docs[0].Entities)
	}
}

func TestStdin(t *testing.T) {
	cases := []struct {
		name, input, format string
		ids                 []string
	}{
		{"text", "Just Text here.", "", []string{"stdin"}},
		{"sniffed jsonl", "{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n", "", []string{"stdin#1", "stdin#2"}},
		{"forced text", "{\"text\":\"A.\"}", FormatText, []string{"stdin"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := testConfig(2)
			cfg.Input.Stdin = strings.NewReader(c.input)
			cfg.Input.Format = c.format
			docs, _, _ := runDocs(t, cfg) // no PATH means stdin
			if len(docs) != len(c.ids) {
				t.Fatalf("got %d docs", len(docs))
			}
			for i, id := range c.ids {
				if docs[i].ID != id {
					t.Errorf("id %d = %q, want %q", i, docs[i].ID, id)
				}
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "01-empty.txt", "")
	write(t, dir, "02-binary.txt", "PK\x03\x04\x00\x00binary")
	write(t, dir, "03-invalid.txt", "Caf\xe9 Royal opened.\nMore Text \xff here.")
	write(t, dir, "04-bom.txt", "\xEF\xBB\xBFTitle Line\nBody Text.")
	write(t, dir, "05-crlf.txt", "Title\r\n\r\nFirst Sentence. Second One.\r\n")
	write(t, dir, "06-big.txt", strings.Repeat("Word ", 100))
	write(t, dir, "07-ok.txt", "Fine Article.")
	write(t, dir, "08-fail.txt", "Please FAIL now.")
	write(t, dir, "09-panic.txt", "Please PANIC now.")
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "10-dangling.txt")); err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(3)
	cfg.Input.MaxBytes = 300
	docs, stats, _ := runDocs(t, cfg, dir)
	got := byID(docs)
	if len(docs) != 10 {
		t.Fatalf("got %d docs, want 10", len(docs))
	}
	wantErr := map[string]string{"02-binary.txt": "binary", "06-big.txt": "too_large", "08-fail.txt": "extract_error", "09-panic.txt": "extract_error", "10-dangling.txt": "read_error"}
	wantWarn := map[string]string{"01-empty.txt": "empty", "03-invalid.txt": "invalid_utf8", "04-bom.txt": "bom"}
	for id, d := range got {
		if code, ok := wantErr[id]; ok {
			if d.Error == nil || d.Error.Code != code {
				t.Errorf("%s: error = %+v, want %s", id, d.Error, code)
			}
			if len(d.Entities) != 0 {
				t.Errorf("%s: failed article has entities", id)
			}
			continue
		}
		if d.Error != nil {
			t.Errorf("%s: unexpected error %+v", id, d.Error)
		}
		if code, ok := wantWarn[id]; ok && (len(d.Warnings) != 1 || d.Warnings[0].Code != code) {
			t.Errorf("%s: warnings = %+v, want %s", id, d.Warnings, code)
		}
	}
	if stats.Failed != int64(len(wantErr)) {
		t.Errorf("failed = %d, want %d", stats.Failed, len(wantErr))
	}
	// Offsets index the original bytes, even where bytes were invalid.
	raw, _ := os.ReadFile(filepath.Join(dir, "03-invalid.txt"))
	for _, e := range got["03-invalid.txt"].Entities {
		m := e.Mentions[0]
		if string(raw[m.Start:m.End]) != m.Text {
			t.Errorf("invalid utf8: raw[%d:%d] = %q, mention %q", m.Start, m.End, raw[m.Start:m.End], m.Text)
		}
	}
	// CRLF: the title has no \r, and offsets index the text as given.
	crlf := got["05-crlf.txt"]
	if crlf.Title != "Title" {
		t.Errorf("crlf title = %q", crlf.Title)
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "05-crlf.txt"))
	// Title, First, Sentence, Second, One; "First" starts after both CRLFs.
	if len(crlf.Entities) != 5 || crlf.Entities[1].Mentions[0].Start != 9 {
		t.Errorf("crlf entities = %+v", crlf.Entities)
	}
	for _, e := range crlf.Entities {
		m := e.Mentions[0]
		if string(raw[m.Start:m.End]) != m.Text || strings.ContainsAny(m.Text, "\r\n") {
			t.Errorf("crlf: raw[%d:%d] = %q, mention %q", m.Start, m.End, raw[m.Start:m.End], m.Text)
		}
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "04-bom.txt"))
	if got["04-bom.txt"].Title != "Title Line" {
		t.Errorf("bom title = %q", got["04-bom.txt"].Title)
	}
	for _, e := range got["04-bom.txt"].Entities {
		m := e.Mentions[0]
		if string(raw[m.Start:m.End]) != m.Text {
			t.Errorf("bom: raw[%d:%d] = %q, mention %q", m.Start, m.End, raw[m.Start:m.End], m.Text)
		}
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file; the dangling-link case in TestBadInputs covers read errors")
	}
	dir := t.TempDir()
	p := write(t, dir, "secret.txt", "Hidden Words.")
	write(t, dir, "z.txt", "Open Words.")
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	docs, _, _ := runDocs(t, testConfig(1), dir)
	if len(docs) != 2 || docs[0].Error == nil || docs[0].Error.Code != "read_error" || docs[1].Error != nil {
		t.Fatalf("docs = %+v", docs)
	}
}

func TestLongJSONLLineRefused(t *testing.T) {
	dir := t.TempDir()
	long := `{"text":"` + strings.Repeat("x", 5000) + `"}`
	p := write(t, dir, "f.jsonl", `{"text":"Before."}`+"\n"+long+"\n"+`{"text":"After."}`+"\n")
	cfg := testConfig(2)
	cfg.Input.MaxBytes = 1000
	docs, _, _ := runDocs(t, cfg, p)
	if len(docs) != 3 || docs[0].Error != nil || docs[2].Error != nil {
		t.Fatalf("docs = %+v", docs)
	}
	if docs[1].Error == nil || docs[1].Error.Code != "too_large" || docs[1].Source.Line != 2 {
		t.Errorf("long line = %+v", docs[1])
	}
}

// OnRead sees the size of every article read, in input order, and not
// the ones refused before they were read.
func TestOnReadSizes(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", "Short.")
	write(t, dir, "b.txt", strings.Repeat("Longer text. ", 10))
	write(t, dir, "c.txt", strings.Repeat("x", 2000))
	p := write(t, dir, "d.jsonl", `{"text":"One."}`+"\n"+`{"text":"Two words."}`+"\n")
	cfg := testConfig(2)
	cfg.Input.MaxBytes = 1000
	var sizes []int
	cfg.OnRead = func(n int) { sizes = append(sizes, n) }
	docs, _, _ := runDocs(t, cfg, filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "c.txt"), p)
	if len(docs) != 5 || docs[2].Error == nil || docs[2].Error.Code != "too_large" {
		t.Fatalf("docs = %+v", docs)
	}
	want := []int{6, 130, len(`{"text":"One."}`), len(`{"text":"Two words."}`)}
	if !slices.Equal(sizes, want) {
		t.Errorf("OnRead sizes = %v, want %v", sizes, want)
	}
}

func TestOffsetsOnRepoArticles(t *testing.T) {
	cfg := testConfig(4)
	cfg.Output.WithText = true
	cfg.Output.WithSentences = true
	docs, _, _ := runDocs(t, cfg, "../testdata/articles")
	if len(docs) < 6 {
		t.Fatalf("only %d docs", len(docs))
	}
	for _, d := range docs {
		if d.Error != nil {
			t.Errorf("%s: %+v", d.ID, d.Error)
			continue
		}
		if d.Text == nil {
			t.Fatalf("%s: no text with --with text", d.ID)
		}
		if err := d.CheckOffsets(*d.Text); err != nil {
			t.Errorf("%s: %v", d.ID, err)
		}
		if len(d.Sentences) == 0 || len(d.Entities) == 0 {
			t.Errorf("%s: %d sentences, %d entities", d.ID, len(d.Sentences), len(d.Entities))
		}
	}
}

func TestDeterministicAcrossWorkers(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 40; i++ {
		write(t, dir, fmt.Sprintf("%02d.txt", i), strings.Repeat(fmt.Sprintf("Story Number %d says Hello. ", i), i%7+1))
	}
	write(t, dir, "feed.jsonl", strings.Repeat(`{"text":"Line Item."}`+"\n", 30))
	_, _, one := runDocs(t, testConfig(1), dir, "../testdata/articles")
	_, _, eight := runDocs(t, testConfig(8), dir, "../testdata/articles")
	if !bytes.Equal(one, eight) {
		t.Fatal("output with 1 worker differs from output with 8")
	}
	_, _, again := runDocs(t, testConfig(8), dir, "../testdata/articles")
	if !bytes.Equal(eight, again) {
		t.Fatal("two runs with 8 workers differ")
	}
}

func TestRecordsFormat(t *testing.T) {
	cfg := testConfig(2)
	cfg.Output.Format = OutRecords
	cfg.Input.Stdin = strings.NewReader("{\"id\":\"d1\",\"text\":\"AT&T met Verizon <today>.\"}\n{\"id\":\"d2\",\"text\":\"FAIL here\"}\n")
	var out bytes.Buffer
	if _, err := Run(context.Background(), cfg, []string{"-"}, &out, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), `\u0026`) || strings.Contains(out.String(), `\u003c`) {
		t.Errorf("HTML-escaped output: %s", out.String())
	}
	var types []string
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad line %q: %v", line, err)
		}
		if r["doc"] == nil || r["type"] == nil {
			t.Errorf("record without doc/type: %s", line)
		}
		types = append(types, fmt.Sprintf("%s:%s", r["doc"], r["type"]))
	}
	want := "d1:document,d1:entity,d1:entity,d2:document,d2:error"
	if got := strings.Join(types, ","); got != want {
		t.Errorf("records = %s, want %s", got, want)
	}
}

func TestCancelStopsReading(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 200; i++ {
		write(t, dir, fmt.Sprintf("%03d.txt", i), "Some Text here.")
	}
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	cfg := testConfig(2)
	cfg.OnRecord = func(d *quarry.Document) {
		if d.ID == "005.txt" {
			cancel()
		}
	}
	stats, err := Run(ctx, cfg, []string{dir}, &out, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if stats.Written >= 200 || stats.Written < 6 {
		t.Errorf("written = %d", stats.Written)
	}
	// Every line written is whole JSON.
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if !json.Valid([]byte(line)) {
			t.Fatalf("partial line %q", line)
		}
	}
}

// failWriter takes limit bytes, then fails.
type failWriter struct{ n, limit int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n+len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.n += len(p)
	return len(p), nil
}

func TestWriteErrorIsFatal(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 50; i++ {
		write(t, dir, fmt.Sprintf("%03d.txt", i), "Text.")
	}
	for _, limit := range []int{0, 1 << 20} {
		w := &failWriter{limit: limit}
		stats, err := Run(context.Background(), testConfig(2), []string{dir}, w, nil)
		if limit == 0 {
			if err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Fatalf("err = %v", err)
			}
			// Output is buffered: what failed to go out is not counted.
			if stats.Written != 0 {
				t.Errorf("written = %d, want 0", stats.Written)
			}
			continue
		}
		if err != nil || stats.Written != 50 {
			t.Fatalf("limit %d: err = %v, written = %d", limit, err, stats.Written)
		}
	}
}

// TestOutputNotHeldBack: buffered output still reaches the reader while
// the input stays open (a stream of articles on stdin).
func TestOutputNotHeldBack(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	cfg := testConfig(2)
	cfg.Input.Stdin = inR
	cfg.Input.Format = FormatJSONL
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), cfg, nil, outW, nil)
		outW.CloseWithError(err)
		done <- err
	}()
	if _, err := io.WriteString(inW, "{\"id\":\"a\",\"text\":\"First Text.\"}\n"); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		br := bufio.NewReader(outR)
		l, _ := br.ReadString('\n')
		line <- l
		io.Copy(io.Discard, br)
	}()
	select {
	case l := <-line:
		if !strings.Contains(l, `"id":"a"`) {
			t.Errorf("first line = %q", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no output while the input is open")
	}
	inW.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestJSONArrayFile(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "many.json", `[{"id":"x","text":"One Two."}, {"text":"Three."}, {"title":"no text"}]`)
	docs, stats, _ := runDocs(t, testConfig(2), p)
	if len(docs) != 3 || docs[0].ID != "x" || docs[1].ID != filepath.ToSlash(p)+"#2" || docs[1].Source.Index != 2 {
		t.Fatalf("docs = %+v", docs)
	}
	if docs[2].Error == nil || docs[2].Error.Code != "missing_text" || stats.Failed != 1 {
		t.Errorf("third = %+v", docs[2])
	}
}

// Messages about stdin name it "stdin", not "-".
func TestStdinNamedInMessages(t *testing.T) {
	cfg := testConfig(1)
	cfg.Input.Stdin = strings.NewReader("{\"text\":\"A.\"}\n{bad\n{\"text\":\"" + strings.Repeat("x", 200) + "\"}\n")
	cfg.Input.MaxBytes = 100
	docs, _, _ := runDocs(t, cfg, "-")
	if len(docs) != 3 {
		t.Fatalf("got %d docs", len(docs))
	}
	for i, want := range map[int]string{1: "stdin line 2: invalid JSON", 2: "stdin line 3 is 211 bytes"} {
		if e := docs[i].Error; e == nil || !strings.HasPrefix(e.Message, want) {
			t.Errorf("doc %d error = %+v, want a message starting %q", i, e, want)
		}
	}
}

// The first non-empty line is the title only when it reads as one.
func TestFirstLineTitle(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Acme buys Globex for $2bn\n\nAcme said...", "Acme buys Globex for $2bn"},
		{"\n\n  # Rates held at 5%  \nBody.", "Rates held at 5%"},
		{"* Rates held at 5%\nBody.", "Rates held at 5%"},
		// Page furniture and breadcrumbs above the title.
		{"Image Not FoundImage Not Found\n\nAcme buys Globex for $2bn\n\nAcme said...", "Acme buys Globex for $2bn"},
		{"Acme buys Globex for $2bn\n11 mins read\n\nAcme said...", "Acme buys Globex for $2bn"},
		{"Advertisement\n11 mins read\nAcme buys Globex for $2bn\nAcme said...", "Acme buys Globex for $2bn"},
		{"  • Home\n  • Business\n  • Acme buys Globex for $2bn\nA photo of the Acme headquarters in the rain, taken on Monday by our photographer from the bridge. It shows the old building on the river.\n\nAcme buys Globex for $2bn\n", "Acme buys Globex for $2bn"},
		{"- Home\n- Business\nAcme buys Globex for $2bn\nAcme said...", "Acme buys Globex for $2bn"},
		{"• Home\n• Business\n", "Business"},
		{"Advertisement\n• Acme buys Globex\n• Rates held\nBody.", "Acme buys Globex"},
		{"• Share\n• Acme buys Globex\n• Rates held\nBody.", "Acme buys Globex"},
		{"- Home\n-5% drop in sales\nBody.", "-5% drop in sales"},
		{"• Home\n•\n• Acme buys Globex for $2bn\nAcme said on Monday it would buy Globex.\n", "Acme buys Globex for $2bn"},
		{"---\nAcme buys Globex for $2bn\n\nAcme said...", "Acme buys Globex for $2bn"},
		// A list that is no breadcrumb trail keeps its first item, as before.
		{"• Acme buys Globex\n• Rates held\nBody.", "Acme buys Globex"},
		{"U.S. stocks fall as oil jumps.\nBody.", "U.S. stocks fall as oil jumps."},
		{"Why 14,000 jobs went? A look back\nBody.", "Why 14,000 jobs went? A look back"},
		{"Mr. Smith goes to Washington.\nBody.", "Mr. Smith goes to Washington."},
		{"Inflation is back. Here's what it means for you.\nBody.", "Inflation is back. Here's what it means for you."},
		{"Apple Inc. Reports record quarter as iPhone sales in China rebound and services revenue climbs to a new high, beating forecasts.\nBody.",
			"Apple Inc. Reports record quarter as iPhone sales in China rebound and services revenue climbs to a new high, beating forecasts."},
		{"Dr. J. Fauci of the U.S. health institute warns vs. the odds of a winter wave across St. Louis and the Midwest this year.\n",
			"Dr. J. Fauci of the U.S. health institute warns vs. the odds of a winter wave across St. Louis and the Midwest this year."},
		{strings.Repeat("नमस्ते ", 40) + "\nBody.", strings.TrimSpace(strings.Repeat("नमस्ते ", 40))}, // 280 characters, 760 bytes
		// Two sentences of prose: the first line of a comment, of a report.
		{"I agree. Although based on the call, where folks kept poking at why they are behind, it seems a sore spot for the leadership.\nMore.", ""},
		{"Halvard Capital has invested $2 billion in Quillon Robotics, the two companies said on Monday. The stake makes it the largest holder.\n", ""},
		{"Ça va mal pour la banque centrale qui voit tout cela se produire sans réagir depuis des mois, d'accord. Évidemment il faudra agir vite.\n", ""},
		// A paragraph, or a whole article on one line.
		{strings.Repeat("word ", 61) + "\nBody.", ""},
		{strings.Repeat("The fox ran. ", 1000), ""},
		{"", ""},
		{"\n \n", ""},
	} {
		if got := firstLine(c.text); got != c.want {
			t.Errorf("firstLine(%.40q) = %q, want %q", c.text, got, c.want)
		}
	}
}
