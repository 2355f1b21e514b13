package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/store"
)

// expectedCounts derives each table's row count from the documents.
func expectedCounts(docs []quarry.Document) map[string]int {
	c := map[string]int{}
	ids := map[string]bool{}
	for _, d := range docs {
		ids[d.ID] = true
		c["entities"] += len(d.Entities)
		for _, e := range d.Entities {
			c["mentions"] += len(e.Mentions)
		}
		c["figures"] += len(d.Figures)
		c["quotes"] += len(d.Quotes)
		c["claims"] += len(d.Claims)
		for _, cl := range d.Claims {
			seen := map[string]bool{}
			for _, f := range cl.Figures {
				seen[f] = true
			}
			c["claim_figures"] += len(seen)
		}
	}
	c["documents"] = len(ids)
	return c
}

func TestFirstLoad(t *testing.T) {
	docs := allDocs(t)
	want := expectedCounts(docs)
	if !slices.ContainsFunc(docs, func(d quarry.Document) bool {
		return slices.ContainsFunc(d.Figures, func(f quarry.Figure) bool { return f.Per != "" })
	}) {
		t.Fatal("no figure with a per: the test of that column needs one")
	}
	eachBackend(t, func(t *testing.T, b backend) {
		for _, format := range []string{"docs", "records"} {
			data := docsJSONL(docs)
			if format == "records" {
				data = recordsJSONL(docs)
			}
			t.Run(format, func(t *testing.T) {
				dsn := b.newDB(t)
				stats := load(t, dsn, data, store.Options{Batch: 4})
				db := openSQL(t, dsn)
				for table, n := range want {
					if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
						t.Errorf("%s: %d rows, want %d", table, got, n)
					}
					if stats.Tables[table] != int64(n) {
						t.Errorf("stats %s = %d, want %d", table, stats.Tables[table], n)
					}
				}
				if stats.Documents != want["documents"] || stats.SkippedLines != 0 {
					t.Errorf("stats = %+v", stats)
				}
				// Typed columns match the records, and offsets index the text.
				for _, d := range docs {
					var title string
					var failed bool
					db.QueryRow(query(dsn, "SELECT coalesce(title, ''), failed FROM documents WHERE id = $1"), d.ID).Scan(&title, &failed)
					if title != d.Title || failed != (d.Error != nil) {
						t.Errorf("%s: title %q failed %v, want %q %v", d.ID, title, failed, d.Title, d.Error != nil)
					}
					for _, f := range d.Figures {
						var start, end int
						var text, per string
						db.QueryRow(query(dsn, "SELECT start_byte, end_byte, text, coalesce(per, '') FROM figures WHERE doc = $1 AND id = $2"), d.ID, f.ID).Scan(&start, &end, &text, &per)
						if start != f.Start || end != f.End || text != f.Text || per != f.Per || (d.Text != nil && (*d.Text)[start:end] != text) {
							t.Errorf("%s %s: %d %d %q per %q, want %d %d %q per %q", d.ID, f.ID, start, end, text, per, f.Start, f.End, f.Text, f.Per)
						}
					}
					for _, e := range d.Entities {
						var rec string
						db.QueryRow(query(dsn, "SELECT record FROM entities WHERE doc = $1 AND id = $2"), d.ID, e.ID).Scan(&rec)
						var got quarry.Entity
						if err := json.Unmarshal([]byte(rec), &got); err != nil || got.Name != e.Name || len(got.Mentions) != len(e.Mentions) {
							t.Errorf("%s %s: record %s", d.ID, e.ID, rec)
						}
					}
				}
			})
		}
	})
}

func TestReloadAndFormatsGiveSameRows(t *testing.T) {
	docs := allDocs(t)
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		load(t, dsn, recordsJSONL(docs), store.Options{})
		first := dump(t, db, dsn, "")
		load(t, dsn, recordsJSONL(docs), store.Options{Batch: 1})
		if again := dump(t, db, dsn, ""); again != first {
			t.Fatalf("reload changed the rows: checksum %s -> %s", checksum(first), checksum(again))
		}
		// The same output as --format docs gives byte-identical rows.
		load(t, dsn, docsJSONL(docs), store.Options{})
		if again := dump(t, db, dsn, ""); again != first {
			t.Fatalf("docs format rows differ from records format rows:\n%s\n---\n%s", first, again)
		}
		// A stream holding an article twice keeps the last copy.
		twice := append(recordsJSONL(docs), recordsJSONL(docs)...)
		load(t, dsn, twice, store.Options{Batch: 100})
		if again := dump(t, db, dsn, ""); again != first {
			t.Fatal("an article given twice in one batch changed the rows")
		}
		if n := count(t, db, "SELECT count(*) FROM documents"); n != expectedCounts(docs)["documents"] {
			t.Fatalf("%d documents", n)
		}
	})
}

func TestChangedArticleIsReplaced(t *testing.T) {
	docs := allDocs(t)
	eachBackend(t, func(t *testing.T, b backend) {
		// The expected state of each version, from loading it alone.
		refNew := b.newDB(t)
		newDocs := revise(docs)
		load(t, refNew, recordsJSONL(newDocs), store.Options{})
		refNewDB := openSQL(t, refNew)

		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		load(t, dsn, recordsJSONL(docs), store.Options{})
		before := map[string]string{}
		for _, d := range docs {
			before[d.ID] = dump(t, db, dsn, d.ID)
		}
		changed := docs[len(docs)-2] // fx-2: has entities, figures, quotes, claims
		load(t, dsn, recordsJSONL([]quarry.Document{newDocs[len(docs)-2]}), store.Options{})
		for _, d := range docs {
			got := dump(t, db, dsn, d.ID)
			if d.ID == changed.ID {
				if want := dump(t, refNewDB, refNew, d.ID); got != want {
					t.Errorf("%s after change:\n%s\nwant:\n%s", d.ID, got, want)
				}
				continue
			}
			if got != before[d.ID] {
				t.Errorf("%s changed though it was not reloaded", d.ID)
			}
		}
		// The old records are gone, not merged.
		if n := count(t, db, query(dsn, "SELECT count(*) FROM figures WHERE doc = $1 AND id = 'f1'"), changed.ID); n != 0 {
			t.Errorf("old figure f1 still there")
		}
		want := expectedCounts([]quarry.Document{newDocs[len(docs)-2]})
		for table, n := range want {
			key := "doc"
			if table == "documents" {
				key = "id"
			}
			if got := count(t, db, query(dsn, "SELECT count(*) FROM "+table+" WHERE "+key+" = $1"), changed.ID); got != n {
				t.Errorf("%s: %d rows for the changed article, want %d", table, got, n)
			}
		}
	})
}

// errAfter returns data's first n lines, then err (a producer dying).
type errAfter struct {
	lines [][]byte
	n     int
	err   error
	at    func() // called when the n-th line has been read
}

func (r *errAfter) Read(p []byte) (int, error) {
	if r.n == 0 || len(r.lines) == 0 {
		if r.at != nil {
			r.at()
			r.at = nil
			if len(r.lines) > 0 {
				r.n = -1 // keep feeding: the caller's ctx stops the load
			}
		}
		if r.n == 0 || len(r.lines) == 0 {
			if r.err != nil {
				return 0, r.err
			}
			return 0, io.EOF
		}
	}
	n := copy(p, r.lines[0])
	if n == len(r.lines[0]) {
		r.lines = r.lines[1:]
		if r.n > 0 {
			r.n--
		}
	} else {
		r.lines[0] = r.lines[0][n:]
	}
	return n, nil
}

func splitLines(data []byte) [][]byte { return bytes.SplitAfter(data, []byte("\n")) }

// checkOldOrNew asserts every article is exactly its old or its new version
// and returns how many are new.
func checkOldOrNew(t *testing.T, db dumps, ref refs, ids []string) (nNew int) {
	t.Helper()
	for _, id := range ids {
		got := db(id)
		switch got {
		case ref.old(id):
		case ref.new(id):
			nNew++
		default:
			t.Errorf("%s is neither fully old nor fully new:\n%s", id, got)
		}
	}
	return nNew
}

type dumps func(doc string) string

type refs struct{ old, new dumps }

func versionRefs(t *testing.T, b backend, oldDocs, newDocs []quarry.Document) refs {
	refOld, refNew := b.newDB(t), b.newDB(t)
	load(t, refOld, recordsJSONL(oldDocs), store.Options{})
	load(t, refNew, recordsJSONL(newDocs), store.Options{})
	o, n := openSQL(t, refOld), openSQL(t, refNew)
	return refs{
		old: func(id string) string { return dump(t, o, refOld, id) },
		new: func(id string) string { return dump(t, n, refNew, id) },
	}
}

func docIDs(docs []quarry.Document) []string {
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	return ids
}

func TestInterruptedLoadLeavesArticlesWhole(t *testing.T) {
	docs := allDocs(t)
	newDocs := revise(docs)
	lines := splitLines(recordsJSONL(newDocs))
	cut := len(lines) * 2 / 3 // mid-stream, most likely mid-article
	eachBackend(t, func(t *testing.T, b backend) {
		ref := versionRefs(t, b, docs, newDocs)
		for _, mode := range []string{"reader-error", "cancel"} {
			t.Run(mode, func(t *testing.T) {
				dsn := b.newDB(t)
				load(t, dsn, recordsJSONL(docs), store.Options{})
				st, err := store.Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				r := &errAfter{lines: append([][]byte(nil), lines...), n: cut}
				if mode == "reader-error" {
					r.err = errors.New("producer died")
				} else {
					// Cancel once a batch is committed, so it lands mid-load.
					r.at = func() {
						poll := openSQL(t, dsn)
						for i := 0; i < 1000 && count(t, poll, "SELECT count(*) FROM documents WHERE title LIKE '%[v2]'") == 0; i++ {
							time.Sleep(5 * time.Millisecond)
						}
						cancel()
					}
				}
				_, err = st.Load(ctx, r, store.Options{Batch: 2})
				if err == nil {
					t.Fatal("load of a broken stream succeeded")
				}
				db := openSQL(t, dsn)
				nNew := checkOldOrNew(t, func(id string) string { return dump(t, db, dsn, id) }, ref, docIDs(docs))
				checkSomeOfEach(t, nNew, len(docs))
			})
		}
	})
}

func checkSomeOfEach(t *testing.T, nNew, n int) {
	t.Helper()
	if nNew == 0 || nNew == n {
		t.Errorf("%d of %d articles new: the interruption did not land mid-load", nNew, n)
	}
}

func TestMalformedLines(t *testing.T) {
	docs := fixture()
	lines := splitLines(recordsJSONL(docs))
	lines = lines[:len(lines)-1] // SplitAfter leaves an empty tail
	// Insert bad lines; line numbers are 1-based positions in the result.
	var in [][]byte
	var bad []int
	add := func(l string, isBad bool) {
		in = append(in, []byte(l+"\n"))
		if isBad {
			bad = append(bad, len(in))
		}
	}
	for i, l := range lines {
		in = append(in, l)
		switch i {
		case 1: // after fx-1's first entity
			add(`this is not JSON`, true)
			add(``, false) // blank lines are fine
			add(`{"type":"entity","doc":"fx-1","id":"e1","label":"PERSON","name":"dup"}`, true)
			add(`{"type":"figure","doc":"fx-1","id":"f77","start":"x"}`, true)
			add(`{"type":"entity","doc":"elsewhere","id":"e9"}`, true)
			add(`{"doc":"fx-1"}`, true) // no type, no id
			add(`["an array"]`, true)
			// Malformed claim groups.
			add(`{"key":"corvane freight","docs":2,"claims":[],"disagreement":false}`, true)
			add(`{"key":{"subject":"corvane freight","predicate":"cut","object":""},"docs":2,"claims":[]}`, true)
			add(`{"key":{"subject":"corvane freight","predicate":"cut"},"docs":2,"claims":[{"doc":"fx-1"}],"disagreement":false}`, true)
			add(`{"key":{"subject":"corvane freight","predicate":"cut"},"docs":2,"claims":[],"disagreement":false,"conflicts":[{"a":{"doc":"fx-1","claim":"c1"}}]}`, true)
			add(`{"key":{"subject":"","predicate":"cut"},"docs":2,"claims":[],"disagreement":false}`, true)
			// A document with an unknown "key" field stays a document: no id, bad.
			add(`{"schema":"quarry.v1","key":{"subject":"x","predicate":"y"},"claims":[]}`, true)
		}
	}
	data := bytes.Join(in, nil)
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		stats := load(t, dsn, data, store.Options{Source: "in.jsonl"})
		var got []int
		for _, e := range stats.Skipped {
			got = append(got, e.Line)
			if !strings.HasPrefix(e.Error(), "in.jsonl:") {
				t.Errorf("message without its source: %v", e)
			}
		}
		if stats.SkippedLines != len(bad) || !equalInts(got, bad) {
			t.Errorf("skipped lines %v (%d), want %v", got, stats.SkippedLines, bad)
		}
		db := openSQL(t, dsn)
		for table, n := range expectedCounts(docs) {
			if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
				t.Errorf("%s: %d rows, want %d (good lines all loaded)", table, got, n)
			}
		}
		if n := count(t, db, "SELECT count(*) FROM entities WHERE name = 'dup'"); n != 0 {
			t.Error("duplicate entity id replaced the first")
		}

		// --strict stops at the first bad line: fx-1 (being read) is not loaded.
		dsn = b.newDB(t)
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, err = st.Load(context.Background(), bytes.NewReader(data), store.Options{Strict: true})
		var lerr *store.LineError
		if !errors.As(err, &lerr) || lerr.Line != bad[0] {
			t.Fatalf("strict load: %v, want a LineError at line %d", err, bad[0])
		}
		if n := count(t, openSQL(t, dsn), "SELECT count(*) FROM documents"); n != 0 {
			t.Errorf("%d documents after a strict stop in the first article", n)
		}
	})
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestTruncatedLastLineDropsItsArticle(t *testing.T) {
	docs := fixture()
	data := recordsJSONL(docs)
	data = data[:len(data)-10] // the producer died mid-line
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		stats := load(t, dsn, data, store.Options{})
		if stats.SkippedLines != 1 || !strings.Contains(stats.Skipped[0].Error(), "fx-3") {
			t.Fatalf("stats %+v", stats)
		}
		db := openSQL(t, dsn)
		if n := count(t, db, "SELECT count(*) FROM documents"); n != 2 {
			t.Errorf("%d documents, want 2 (fx-3 incomplete)", n)
		}
	})
}

func TestUnknownTypesAndFieldsAreKept(t *testing.T) {
	docs := fixture()[:1]
	data := recordsJSONL(docs)
	data = append(data, `{"type":"claim_group","doc":"fx-1","id":"g1","claims":["c1"]}`+"\n"...)
	data = append(data, `{"type":"entity","doc":"fx-1","id":"e50","label":"ORG","name":"Tarn Union","wikidata":"Q0","attrs":{"ticker":"TRN"}}`+"\n"...)
	docLine := `{"schema":"quarry.v1","id":"fx-9","source":{},"entities":[],"figures":[],"quotes":[],"claims":[],"claim_groups":[{"id":"g1"}],"sentiment":0.5}` + "\n"
	data = append(data, docLine...)
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		stats := load(t, dsn, data, store.Options{})
		if stats.SkippedLines != 0 {
			t.Fatalf("skipped: %v", stats.Skipped)
		}
		db := openSQL(t, dsn)
		var typ, rec string
		if err := db.QueryRow("SELECT type, record FROM other_records WHERE doc = 'fx-1'").Scan(&typ, &rec); err != nil || typ != "claim_group" || !strings.Contains(rec, `"claims"`) {
			t.Errorf("other_records: %q %q %v", typ, rec, err)
		}
		var wd, groups string
		db.QueryRow("SELECT record->>'wikidata' FROM entities WHERE doc = 'fx-1' AND id = 'e50'").Scan(&wd)
		db.QueryRow("SELECT record->>'claim_groups' FROM documents WHERE id = 'fx-9'").Scan(&groups)
		// The README's query on a nested field runs on both databases.
		var ticker string
		db.QueryRow("SELECT record->'attrs'->>'ticker' AS ticker FROM entities WHERE record->'attrs'->>'ticker' IS NOT NULL").Scan(&ticker)
		if ticker != "TRN" {
			t.Errorf("nested field: %q", ticker)
		}
		if wd != "Q0" || !strings.Contains(groups, "g1") {
			t.Errorf("unknown fields lost: wikidata %q claim_groups %q", wd, groups)
		}
	})
}

func TestSchemaVersion(t *testing.T) {
	docs := fixture()
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		setVersion := func(dsn, v string) {
			if _, err := openSQL(t, dsn).Exec("UPDATE quarry_meta SET value = '" + v + "' WHERE key = 'schema_version'"); err != nil {
				t.Fatal(err)
			}
		}
		loadErr := func(dsn string) error {
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			_, err = st.Load(ctx, bytes.NewReader(recordsJSONL(docs)), store.Options{})
			return err
		}
		dsn := b.newDB(t)
		load(t, dsn, recordsJSONL(docs), store.Options{})
		st, _ := store.Open(ctx, dsn)
		if v, err := st.SchemaVersion(ctx); err != nil || v != store.Version {
			t.Errorf("recorded version %d %v, want %d", v, err, store.Version)
		}
		st.Close()

		setVersion(dsn, "99")
		if err := loadErr(dsn); err == nil || !strings.Contains(err.Error(), "newer") || !strings.Contains(err.Error(), "upgrade quarry") {
			t.Errorf("newer schema: %v", err)
		}
		// There never was a version 0, so there is no migration from it.
		setVersion(dsn, "0")
		if err := loadErr(dsn); err == nil || !strings.Contains(err.Error(), "no migration") {
			t.Errorf("older schema without a migration: %v", err)
		}
		// With a step from 0 registered, a version 0 database (here: a v1
		// one called 0) goes through it, then through the real steps.
		db := openSQL(t, dsn)
		downgrade(t, db, "0")
		restore := store.SetMigration(0, map[string]string{
			store.Postgres: "ALTER TABLE documents ADD COLUMN migrated text DEFAULT 'yes'",
			store.SQLite:   "ALTER TABLE documents ADD COLUMN migrated text DEFAULT 'yes'",
		})
		defer restore()
		if err := loadErr(dsn); err != nil {
			t.Fatalf("migrating: %v", err)
		}
		if n := count(t, db, "SELECT count(*) FROM documents WHERE migrated = 'yes'"); n != len(docs) {
			t.Errorf("migration not applied: %d rows", n)
		}
		if n := count(t, db, "SELECT count(*) FROM claim_groups"); n != 0 {
			t.Errorf("%d claim groups", n)
		}
		var v string
		db.QueryRow("SELECT value FROM quarry_meta WHERE key = 'schema_version'").Scan(&v)
		if v != itoa(store.Version) {
			t.Errorf("version after migration %q", v)
		}

		// A documents table quarry did not make is left alone.
		dsn = b.newDB(t)
		if _, err := openSQL(t, dsn).Exec("CREATE TABLE documents (x integer)"); err != nil {
			t.Fatal(err)
		}
		if err := loadErr(dsn); err == nil || !strings.Contains(err.Error(), "did not create") {
			t.Errorf("foreign documents table: %v", err)
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestParseDSN(t *testing.T) {
	tests := []struct {
		dsn, dialect, target string
		bad                  bool
	}{
		{"postgres://u@localhost/news", store.Postgres, "postgres://u@localhost/news", false},
		{"postgresql://u:pw@h:5433/news?sslmode=disable", store.Postgres, "postgresql://u:pw@h:5433/news?sslmode=disable", false},
		{"sqlite:news.db", store.SQLite, "news.db", false},
		{"sqlite://news.db", store.SQLite, "news.db", false},
		{"sqlite:///var/db/news.db", store.SQLite, "/var/db/news.db", false},
		{"sqlite:", "", "", true},
		{"sqlite:a.db?mode=ro", "", "", true},
		{"mysql://u@h/db", "", "", true},
		{"news.db", "", "", true},
		{"", "", "", true},
	}
	for _, tt := range tests {
		d, target, err := store.ParseDSN(tt.dsn)
		if tt.bad {
			if !errors.Is(err, store.ErrBadDSN) {
				t.Errorf("%q: err %v, want ErrBadDSN", tt.dsn, err)
			}
			continue
		}
		if err != nil || d != tt.dialect || target != tt.target {
			t.Errorf("%q: %q %q %v", tt.dsn, d, target, err)
		}
	}
	// Passwords are not echoed.
	_, _, err := store.ParseDSN("mysql://me:secret@h/db")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("password in message: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, bytes.Repeat([]byte("not a database\n"), 100), 0o644)
	tests := []struct {
		name, dsn string
		want      []string
		pg        bool
	}{
		{"sqlite missing folder", "sqlite:" + filepath.Join(dir, "nope", "q.db"), []string{"folder", "does not exist"}, false},
		{"sqlite not a database", "sqlite:" + notDB, []string{"not a SQLite database"}, false},
		{"postgres bad port", "postgres://u@localhost:notaport/db", []string{"bad database connection string"}, false},
		{"postgres refused", "", []string{"connection refused", "is the server running"}, false},
		{"postgres missing database", "", []string{`"no_such_db"`, "does not exist", "createdb"}, true},
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	tests[3].dsn = "postgres://quarry@127.0.0.1:" + itoa(port) + "/news?connect_timeout=5"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.pg {
				if pg == nil {
					t.Skip(pgSkip)
				}
				tt.dsn = dsnFor(pg.admin, "no_such_db")
			}
			st, err := store.Open(ctx, tt.dsn)
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestPermissionDenied(t *testing.T) {
	t.Run("postgres", func(t *testing.T) {
		dsn := newPGDB(t)
		adminExec(t, "DO $$ BEGIN CREATE ROLE quarry_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
		// PostgreSQL 15+ denies CREATE on public to other users by default;
		// make sure of it for older servers.
		db := openSQL(t, dsn)
		if _, err := db.Exec("REVOKE CREATE ON SCHEMA public FROM PUBLIC"); err != nil {
			t.Fatal(err)
		}
		reader := strings.Replace(dsn, "://quarry@", "://quarry_reader@", 1)
		st, err := store.Open(context.Background(), reader)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, err = st.Load(context.Background(), bytes.NewReader(recordsJSONL(fixture())), store.Options{})
		if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), "CREATE") {
			t.Errorf("load without rights: %v", err)
		}
	})
	t.Run("sqlite", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root ignores file permissions")
		}
		dir := t.TempDir()
		os.Chmod(dir, 0o500)
		defer os.Chmod(dir, 0o700)
		_, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "q.db"))
		if err == nil || !strings.Contains(err.Error(), "writable") {
			t.Errorf("read-only folder: %v", err)
		}
	})
}
