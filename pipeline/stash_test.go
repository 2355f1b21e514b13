package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
)

// A run over long articles with their records stashed in files writes what
// a run that keeps them writes, and leaves no file behind, in TMPDIR or
// open.
func TestStashFilesGoWithTheRun(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dir := t.TempDir()
	a := write(t, dir, "a.txt", longArticle(t, 3))
	b := write(t, dir, "b.txt", longArticle(t, 2))
	defer func(w, n int) { windowBytes, stashInMemory = w, n }(windowBytes, stashInMemory)
	windowBytes, stashInMemory = 4<<10, 0
	// The files are unlinked when made, so the folder cannot tell a file
	// left open: the process's open files can (on Linux).
	fds := func() int {
		es, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			return -1
		}
		return len(es)
	}
	before := fds()
	for _, format := range []string{OutDocs, OutRecords} {
		cfg := realConfig(t, 2)
		cfg.Output.Format = format
		stashed := runBytes(t, cfg, a, b)
		cfg.KeepRecords = true
		kept := runBytes(t, cfg, a, b)
		if !bytes.Equal(stashed, kept) {
			t.Errorf("%s: output with records stashed differs from output with records kept", format)
		}
		if strings.Count(string(stashed), `"kind":"money"`) < 5 {
			t.Errorf("%s: too few figures for the test:\n%.500s", format, stashed)
		}
	}
	if after := fds(); after != before {
		t.Errorf("%d files open before the runs, %d after", before, after)
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) > 0 {
		t.Errorf("%d files left in TMPDIR, %s first", len(left), left[0].Name())
	}
}

func runBytes(t *testing.T, cfg Config, paths ...string) []byte {
	t.Helper()
	var out bytes.Buffer
	if _, err := Run(context.Background(), cfg, paths, &out, nil); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// Without a temporary folder to write to, a stash keeps its records in
// memory: the article is still read.
func TestStashWithoutTempFolder(t *testing.T) {
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	defer func(n int) { stashInMemory = n }(stashInMemory)
	stashInMemory = 0
	st := newStash(OutDocs, "")
	defer st.close()
	d := &quarry.Document{Figures: []quarry.Figure{{ID: "f1", Kind: "count"}}}
	if err := st.put(d); err != nil {
		t.Fatal(err)
	}
	if st.f != nil || !st.inMemory {
		t.Errorf("file %v, in memory %v: want the records in memory", st.f, st.inMemory)
	}
	var out bytes.Buffer
	if err := st.copySection(&out, stashFigures); err != nil || out.String() != `{"id":"f1","start":0,"end":0,"text":"","kind":"count","sentence":0}` {
		t.Errorf("copySection: %v, %s", err, out.String())
	}
	if len(d.Figures) != 0 {
		t.Errorf("%d figures left in the document after put", len(d.Figures))
	}
}

// A stash whose file fails to write (a full disk) takes back what the file
// holds and goes on in memory; one whose file cannot be read back either
// fails the article with stash_error.
func TestStashWriteError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "ro")
	first := `{"id":"q1","start":0,"end":0,"text":"","kind":"direct","speaker":null,"sentence":0}`
	if err := os.WriteFile(p, []byte(first), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p) // read-only: writes fail
	if err != nil {
		t.Fatal(err)
	}
	st := newStash(OutDocs, "")
	st.f, st.size = f, int64(len(first))
	st.parts[stashQuotes] = []segment{{0, int64(len(first))}}
	defer st.close()
	if e := st.put(&quarry.Document{Quotes: []quarry.Quote{{ID: "q2", Kind: "direct"}}}); e != nil {
		t.Fatal(e)
	}
	if st.f != nil || !st.inMemory {
		t.Fatalf("after a failed write: file %v, in memory %v", st.f, st.inMemory)
	}
	var out bytes.Buffer
	if err := st.copySection(&out, stashQuotes); err != nil || out.String() != first+","+strings.Replace(first, "q1", "q2", 1) {
		t.Errorf("copySection: %v, %s", err, out.String())
	}

	// (close removed the file: it was the stash's.)
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("the stash's file is still there: %v", err)
	}
	os.WriteFile(p, []byte(first), 0o644)
	g, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	g.Close() // neither written nor read
	broken := newStash(OutDocs, "")
	broken.f, broken.size = g, 1
	e := broken.put(&quarry.Document{Quotes: []quarry.Quote{{ID: "q1"}}})
	if e == nil || e.Code != "stash_error" || !strings.Contains(e.Message, "TMPDIR") {
		t.Errorf("put = %+v, want a stash_error naming TMPDIR", e)
	}
}

// An article naming more distinct entities than maxEntities is refused with
// a clear error once it passes the cap, and the articles around it are read.
func TestTooManyEntities(t *testing.T) {
	defer func(w, n int) { windowBytes, maxEntities = w, n }(windowBytes, maxEntities)
	windowBytes, maxEntities = 4<<10, 20
	dir := t.TempDir()
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "Ms Ann Q%c%c%c said so at Zeta%c%c Corp.\n\n", 'a'+i%26, 'a'+i/26%26, 'a'+i/676, 'a'+i%26, 'a'+i/26%26)
	}
	write(t, dir, "a.txt", "Acme Corp said so.")
	write(t, dir, "b.txt", b.String())
	write(t, dir, "c.txt", longArticle(t, 1))
	docs, stats, _ := runDocs(t, realConfig(t, 2), dir)
	if len(docs) != 3 || stats.Failed != 1 {
		t.Fatalf("%d records, %d failed", len(docs), stats.Failed)
	}
	if e := docs[1].Error; e == nil || e.Code != "too_many_entities" || len(docs[1].Entities) != 0 {
		t.Errorf("b.txt: error %+v, %d entities", e, len(docs[1].Entities))
	}
	if docs[0].Error != nil || docs[2].Error != nil || len(docs[2].Entities) == 0 {
		t.Errorf("a.txt, c.txt: %+v, %+v", docs[0].Error, docs[2].Error)
	}
}
