package loadcmd

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/quarrylabs/quarry/internal/cli"
)

// Two fictional articles, one per output format.
const input = `{"type":"document","doc":"a1","id":"a1","schema":"quarry.v1","source":{"path":"a1.txt"},"title":"Tarn Mills hires 40","failed":false}
{"type":"entity","doc":"a1","id":"e1","label":"COMPANY","name":"Tarn Mills","mentions":[{"start":0,"end":10,"text":"Tarn Mills"}]}
{"type":"figure","doc":"a1","id":"f1","start":17,"end":19,"text":"40","kind":"count","value":40,"sentence":0}
{"schema":"quarry.v1","id":"a2","source":{"path":"a2.txt"},"title":"Quiet day","entities":[],"figures":[],"quotes":[],"claims":[]}
`

func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), &cli.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb}, args)
	return code, out.String(), errb.String()
}

func rows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	file := filepath.Join(dir, "out.jsonl")
	os.WriteFile(file, []byte(input), 0o644)

	// From stdin, then from a file: same rows.
	for _, args := range [][]string{{"--db", "sqlite:" + db}, {file, "--db", "sqlite://" + db, "--batch", "1"}} {
		code, _, stderr := run(t, input, args...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if !strings.Contains(stderr, "documents=2") {
			t.Errorf("no summary: %s", stderr)
		}
		if rows(t, db, "documents") != 2 || rows(t, db, "entities") != 1 || rows(t, db, "figures") != 1 {
			t.Errorf("%v: wrong rows", args)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "news.db")
	bad := strings.Replace(input, `{"type":"figure"`, "garbage\n"+`{"type":"figure"`, 1)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string
	}{
		{"no --db", input, nil, cli.ExitUsage, "--db is required"},
		{"bad --db", input, []string{"--db", "mysql://x"}, cli.ExitUsage, "bad database connection string"},
		{"bad --batch", input, []string{"--db", db, "--batch", "0"}, cli.ExitUsage, "--batch"},
		{"apply alone", input, []string{"--db", db, "--apply"}, cli.ExitUsage, "--schema-only"},
		{"missing folder", input, []string{"--db", "sqlite:" + filepath.Join(dir, "no", "x.db")}, cli.ExitFatal, "does not exist"},
		{"missing file", "", []string{"--db", db, filepath.Join(dir, "nope.jsonl")}, cli.ExitFatal, "nope.jsonl"},
		{"malformed line", bad, []string{"--db", db}, cli.ExitSomeFailed, "stdin:3"},
		{"strict", bad, []string{"--db", db, "--strict"}, cli.ExitFatal, "stdin:3: not a JSON object"},
		{"help", "", []string{"--help"}, cli.ExitOK, "Usage: quarry load"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.err) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tt.code, tt.err, stderr)
			}
		})
	}
}

func TestSchemaOnly(t *testing.T) {
	for _, dsn := range []string{"sqlite:x.db", "postgres://u@localhost/news"} {
		code, out, _ := run(t, "", "--db", dsn, "--schema-only")
		if code != cli.ExitOK || !strings.Contains(out, "CREATE TABLE IF NOT EXISTS documents") {
			t.Errorf("%s: exit %d\n%s", dsn, code, out)
		}
		if strings.HasPrefix(dsn, "postgres") != strings.Contains(out, "jsonb") {
			t.Errorf("%s: wrong dialect:\n%s", dsn, out)
		}
	}
	// --apply creates the tables and loads nothing.
	path := filepath.Join(t.TempDir(), "news.db")
	code, out, stderr := run(t, "", "--db", "sqlite:"+path, "--schema-only", "--apply")
	if code != cli.ExitOK || out != "" || rows(t, path, "documents") != 0 || rows(t, path, "quarry_meta") != 1 {
		t.Errorf("apply: exit %d %q %s", code, out, stderr)
	}
}

// A claim group over two fictional articles, as quarry claims group writes it.
const groupLine = `{"key":{"subject":"tarn mills","predicate":"hire","object":""},"docs":2,"claims":[` +
	`{"doc":"a1","claim":"c1","text":"Tarn Mills hires 40","subject":"Tarn Mills","source":{"type":"article"},"modality":"asserted","figures":[{"id":"f1","start":17,"end":19,"text":"40","kind":"count","value":40,"sentence":0}]},` +
	`{"doc":"a3","claim":"c2","text":"Tarn Mills hires 90","subject":"Tarn Mills","source":{"type":"article"},"modality":"asserted","figures":[{"id":"f4","start":17,"end":19,"text":"90","kind":"count","value":90,"sentence":0}]}],` +
	`"disagreement":true,"conflicts":[{"a":{"doc":"a1","claim":"c1","figure":"f1","text":"40"},"b":{"doc":"a3","claim":"c2","figure":"f4","text":"90"},"reason":"40 vs 90"}]}
`

func TestLoadGroups(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	groups := filepath.Join(dir, "groups.jsonl")
	os.WriteFile(groups, []byte(groupLine), 0o644)
	// Groups alone from a file, then mixed with articles on stdin, twice.
	for _, tc := range []struct {
		stdin string
		args  []string
		docs  string
	}{
		{"", []string{"--db", "sqlite:" + db, groups}, "documents=0"},
		{input + groupLine, []string{"--db", "sqlite:" + db}, "documents=2"},
		{groupLine + input, []string{"--db", "sqlite:" + db}, "documents=2"},
	} {
		code, _, stderr := run(t, tc.stdin, tc.args...)
		if code != cli.ExitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		if !strings.Contains(stderr, "groups=1") || !strings.Contains(stderr, tc.docs) {
			t.Errorf("summary lacks groups=1 and %s: %s", tc.docs, stderr)
		}
		if rows(t, db, "claim_groups") != 1 || rows(t, db, "claim_group_members") != 2 || rows(t, db, "claim_group_conflicts") != 1 {
			t.Errorf("%v: wrong group rows", tc.args)
		}
	}
	if rows(t, db, "documents") != 2 {
		t.Error("articles not loaded")
	}
}
