package store_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/quarrylabs/quarry/store"
)

// The test binary re-runs itself as a loader child when childEnv is set.
const (
	childEnv   = "QUARRY_STORE_CHILD_DSN"
	childInput = "QUARRY_STORE_CHILD_INPUT"
)

// slowReader hands out one line at a time with a pause, so the parent can
// kill the child mid-load.
type slowReader struct {
	data  []byte
	pause time.Duration
}

func (r *slowReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	time.Sleep(r.pause)
	n := len(r.data)
	if i := strings.IndexByte(string(r.data), '\n'); i >= 0 {
		n = i + 1
	}
	n = copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

func childLoad() int {
	data, err := os.ReadFile(os.Getenv(childInput))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv(childEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if _, err := st.Load(ctx, &slowReader{data: data, pause: 20 * time.Millisecond}, store.Options{Batch: 1}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestKilledLoadLeavesArticlesWhole SIGKILLs a loading process once some
// new versions are committed: every article must be fully old or fully new.
func TestKilledLoadLeavesArticlesWhole(t *testing.T) {
	docs := allDocs(t)
	newDocs := revise(docs)
	input := t.TempDir() + "/new.jsonl"
	if err := os.WriteFile(input, recordsJSONL(newDocs), 0o644); err != nil {
		t.Fatal(err)
	}
	eachBackend(t, func(t *testing.T, b backend) {
		ref := versionRefs(t, b, docs, newDocs)
		dsn := b.newDB(t)
		load(t, dsn, recordsJSONL(docs), store.Options{})
		db := openSQL(t, dsn)

		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+dsn, childInput+"="+input)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(60 * time.Second)
		for {
			n := count(t, db, "SELECT count(*) FROM documents WHERE title LIKE '%[v2]'")
			if n >= 2 {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child never committed 2 articles: %s", stderr.String())
			}
			time.Sleep(5 * time.Millisecond)
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		db = openSQL(t, dsn) // a new connection, after the crash
		nNew := checkOldOrNew(t, func(id string) string { return dump(t, db, dsn, id) }, ref, docIDs(docs))
		checkSomeOfEach(t, nNew, len(docs))
		// And the database takes the rest of the load afterwards.
		load(t, dsn, recordsJSONL(newDocs), store.Options{})
		if nNew := checkOldOrNew(t, func(id string) string { return dump(t, db, dsn, id) }, ref, docIDs(docs)); nNew != len(docs) {
			t.Errorf("%d of %d new after finishing the load", nNew, len(docs))
		}
	})
}
