package store_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/claims"
	"github.com/quarrylabs/quarry/store"
)

// groupRun is the real pipeline's output over fictional articles: their
// documents and the claim groups extract --group wrote for them.
type groupRun struct {
	docs   []quarry.Document
	groups []byte // JSON lines, as written
}

var (
	groupOnce        sync.Once
	groupV1, groupV2 groupRun
	groupErr         error
)

// groupData runs quarry extract --group over testdata/groups (v1), and over
// the same articles with the filings' figure changed to agree with the
// company's (v2), so that a group changes between the two.
func groupData(t testing.TB) (v1, v2 groupRun) {
	t.Helper()
	groupOnce.Do(func() {
		groupV1, groupErr = extractGroups("testdata/groups", nil)
		if groupErr == nil {
			groupV2, groupErr = extractGroups("testdata/groups", map[string][2]string{
				"velmora-filings.txt": {"$500 million", "$2 billion"},
			})
		}
	})
	if groupErr != nil {
		t.Fatal(groupErr)
	}
	return groupV1, groupV2
}

func extractGroups(dir string, edits map[string][2]string) (groupRun, error) {
	tmp, err := os.MkdirTemp("", "quarry-groups-")
	if err != nil {
		return groupRun{}, err
	}
	defer os.RemoveAll(tmp)
	in := filepath.Join(tmp, "in")
	if err := os.Mkdir(in, 0o755); err != nil {
		return groupRun{}, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		return groupRun{}, fmt.Errorf("no articles in %s (%v)", dir, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return groupRun{}, err
		}
		if e, ok := edits[filepath.Base(f)]; ok {
			if !bytes.Contains(b, []byte(e[0])) {
				return groupRun{}, fmt.Errorf("%s lacks %q", f, e[0])
			}
			b = bytes.ReplaceAll(b, []byte(e[0]), []byte(e[1]))
		}
		if err := os.WriteFile(filepath.Join(in, filepath.Base(f)), b, 0o644); err != nil {
			return groupRun{}, err
		}
	}
	gfile := filepath.Join(tmp, "groups.jsonl")
	docs, err := extractDocs("--group", gfile, in)
	if err != nil {
		return groupRun{}, err
	}
	groups, err := os.ReadFile(gfile)
	return groupRun{docs: docs, groups: groups}, err
}

// clusters decodes group lines; a later line with the same key replaces an
// earlier one, as in the database.
func clusters(t testing.TB, data []byte) []claims.Cluster {
	t.Helper()
	var out []claims.Cluster
	at := map[claims.Key]int{}
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		var c claims.Cluster
		if err := json.Unmarshal(l, &c); err != nil {
			t.Fatalf("group line %s: %v", l, err)
		}
		if i, ok := at[c.Key]; ok {
			out[i] = c
			continue
		}
		at[c.Key] = len(out)
		out = append(out, c)
	}
	return out
}

type docClaim struct{ doc, claim string }

// uniqueMembers is a group's members, each claim once.
func uniqueMembers(c claims.Cluster) []claims.Member {
	seen := map[docClaim]bool{}
	var out []claims.Member
	for _, m := range c.Claims {
		if !seen[docClaim{m.Doc, m.Claim}] {
			seen[docClaim{m.Doc, m.Claim}] = true
			out = append(out, m)
		}
	}
	return out
}

func expectedGroupCounts(cs []claims.Cluster) map[string]int {
	n := map[string]int{"claim_groups": len(cs)}
	for _, c := range cs {
		n["claim_group_members"] += len(uniqueMembers(c))
		n["claim_group_conflicts"] += len(c.Conflicts) + len(c.Scoped)
	}
	return n
}

func anyDisagreement(cs []claims.Cluster) bool {
	for _, c := range cs {
		if c.Disagreement {
			return true
		}
	}
	return false
}

// mixed is an article stream with claim group lines in it: half right after
// the first document record (inside that article's records), half at the end.
func mixed(docs []quarry.Document, groups []byte) []byte {
	lines := splitLines(recordsJSONL(docs))
	gl := splitLines(groups)
	half := len(gl) / 2
	var out []byte
	out = append(out, lines[0]...)
	out = append(out, bytes.Join(gl[:half], nil)...)
	out = append(out, bytes.Join(lines[1:], nil)...)
	return append(out, bytes.Join(gl[half:], nil)...)
}

func keyArgs(k claims.Key) []any { return []any{k.Subject, k.Predicate, k.Object} }

const whereKey = " WHERE subject = $1 AND predicate = $2 AND object = $3"

// checkGroups asserts the group tables hold exactly cs.
func checkGroups(t *testing.T, db *sql.DB, dsn string, cs []claims.Cluster) {
	t.Helper()
	for table, n := range expectedGroupCounts(cs) {
		if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
			t.Errorf("%s: %d rows, want %d", table, got, n)
		}
	}
	for _, c := range cs {
		var docs, nclaims int
		var dis bool
		var rec string
		err := db.QueryRow(query(dsn, "SELECT docs, claims, disagreement, record FROM claim_groups"+whereKey), keyArgs(c.Key)...).Scan(&docs, &nclaims, &dis, &rec)
		if err != nil {
			t.Errorf("group %v: %v", c.Key, err)
			continue
		}
		members := uniqueMembers(c)
		if docs != c.Docs || nclaims != len(members) || dis != c.Disagreement {
			t.Errorf("group %v: docs %d claims %d disagreement %v, want %d %d %v", c.Key, docs, nclaims, dis, c.Docs, len(members), c.Disagreement)
		}
		var got claims.Cluster
		if err := json.Unmarshal([]byte(rec), &got); err != nil || !reflect.DeepEqual(got, c) {
			t.Errorf("group %v: record %s (%v)", c.Key, rec, err)
		}
		var want []string
		for _, m := range members {
			want = append(want, fmt.Sprintf("%s|%s|%s|%s|%s|%s", m.Doc, m.Claim, m.Text, nullable(m.Modality), nullable(m.Scope), nullable(m.Source.Type)))
		}
		gotRows := rowsOf(t, db, query(dsn, "SELECT doc, claim, text, modality, scope, source_type FROM claim_group_members"+whereKey+" ORDER BY seq"), keyArgs(c.Key)...)
		if fmt.Sprint(gotRows) != fmt.Sprint(want) {
			t.Errorf("group %v members:\n got %q\nwant %q", c.Key, gotRows, want)
		}
		want = nil
		for i, x := range append(append([]claims.Conflict(nil), c.Conflicts...), c.Scoped...) {
			scoped := i >= len(c.Conflicts)
			want = append(want, fmt.Sprintf("%v|%s|%s %s %s %s|%s %s %s %s", scoped, x.Reason,
				x.A.Doc, x.A.Claim, x.A.Figure, x.A.Text, x.B.Doc, x.B.Claim, x.B.Figure, x.B.Text))
		}
		var gotConf []string
		rows, err := db.Query(query(dsn, "SELECT scoped, reason, a_doc, a_claim, a_figure, a_text, b_doc, b_claim, b_figure, b_text FROM claim_group_conflicts"+whereKey+" ORDER BY seq"), keyArgs(c.Key)...)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var scoped bool
			var f [9]string
			if err := rows.Scan(&scoped, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8]); err != nil {
				t.Fatal(err)
			}
			gotConf = append(gotConf, fmt.Sprintf("%v|%s|%s|%s", scoped, f[0], strings.Join(f[1:5], " "), strings.Join(f[5:9], " ")))
		}
		rows.Close()
		if fmt.Sprint(gotConf) != fmt.Sprint(want) {
			t.Errorf("group %v conflicts:\n got %q\nwant %q", c.Key, gotConf, want)
		}
	}
}

func TestLoadGroups(t *testing.T) {
	v1, _ := groupData(t)
	cs := clusters(t, v1.groups)
	if !anyDisagreement(cs) {
		t.Fatalf("the test articles give no disagreeing group:\n%s", v1.groups)
	}
	wantDocs := expectedCounts(v1.docs)
	eachBackend(t, func(t *testing.T, b backend) {
		t.Run("mixed", func(t *testing.T) {
			dsn := b.newDB(t)
			stats := load(t, dsn, mixed(v1.docs, v1.groups), store.Options{Batch: 2})
			if stats.SkippedLines != 0 || stats.Groups != len(cs) || stats.Documents != wantDocs["documents"] {
				t.Fatalf("stats %+v, want %d groups and %d documents", stats, len(cs), wantDocs["documents"])
			}
			for table, n := range expectedGroupCounts(cs) {
				if stats.Tables[table] != int64(n) {
					t.Errorf("stats %s = %d, want %d", table, stats.Tables[table], n)
				}
			}
			db := openSQL(t, dsn)
			checkGroups(t, db, dsn, cs)
			for table, n := range wantDocs {
				if got := count(t, db, "SELECT count(*) FROM "+table); got != n {
					t.Errorf("%s: %d rows, want %d", table, got, n)
				}
			}
		})
		// Groups need not come with their articles: members are not foreign keys.
		t.Run("groups only", func(t *testing.T) {
			dsn := b.newDB(t)
			load(t, dsn, v1.groups, store.Options{})
			db := openSQL(t, dsn)
			checkGroups(t, db, dsn, cs)
			if n := count(t, db, "SELECT count(*) FROM documents"); n != 0 {
				t.Errorf("%d documents", n)
			}
		})
	})
}

// dumpGroups renders the claim group tables.
func dumpGroups(t testing.TB, db *sql.DB, dsn string) string {
	return dumpTables(t, db, dsn, "", func(tb store.TableInfo) bool { return !tb.PerDoc })
}

func TestReloadGroups(t *testing.T) {
	v1, _ := groupData(t)
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		load(t, dsn, mixed(v1.docs, v1.groups), store.Options{})
		first := dump(t, db, dsn, "")
		if !strings.Contains(first, "== claim_group_members\n") || dumpGroups(t, db, dsn) == "" {
			t.Fatal("dump lacks the group tables")
		}
		for _, tc := range []struct {
			name string
			data []byte
			opt  store.Options
		}{
			{"same stream", mixed(v1.docs, v1.groups), store.Options{Batch: 1}},
			{"groups alone", v1.groups, store.Options{}},
			{"groups twice in one batch", append(append([]byte(nil), v1.groups...), v1.groups...), store.Options{Batch: 100}},
			{"docs format then groups", append(docsJSONL(v1.docs), v1.groups...), store.Options{}},
		} {
			stats := load(t, dsn, tc.data, tc.opt)
			if stats.SkippedLines != 0 {
				t.Fatalf("%s: skipped %v", tc.name, stats.Skipped)
			}
			if again := dump(t, db, dsn, ""); again != first {
				t.Fatalf("%s changed the rows:\n%s\n---\n%s", tc.name, first, again)
			}
		}
	})
}

func TestChangedGroupIsReplaced(t *testing.T) {
	v1, v2 := groupData(t)
	c1, c2 := clusters(t, v1.groups), clusters(t, v2.groups)
	// Expected: v1's groups with v2's replacing those of the same key; a
	// group v2 does not have stays (groups are replaced one by one).
	inV2 := map[claims.Key]bool{}
	for _, c := range c2 {
		inV2[c.Key] = true
	}
	var kept []byte
	var want []claims.Cluster
	changed := 0
	for i, c := range c1 {
		if !inV2[c.Key] {
			kept = append(kept, splitLines(v1.groups)[i]...)
			want = append(want, c)
		}
		for _, d := range c2 {
			if d.Key == c.Key && !reflect.DeepEqual(c, d) {
				changed++
			}
		}
	}
	want = append(want, c2...)
	if changed == 0 {
		t.Fatalf("the edit changed no group:\n%s\n---\n%s", v1.groups, v2.groups)
	}
	eachBackend(t, func(t *testing.T, b backend) {
		ref := b.newDB(t)
		load(t, ref, append(kept, v2.groups...), store.Options{})

		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		load(t, dsn, mixed(v1.docs, v1.groups), store.Options{})
		articles := dumpTables(t, db, dsn, "", func(tb store.TableInfo) bool { return tb.PerDoc })
		load(t, dsn, v2.groups, store.Options{})
		if got, exp := dumpGroups(t, db, dsn), dumpGroups(t, openSQL(t, ref), ref); got != exp {
			t.Errorf("groups after the change:\n%s\nwant:\n%s", got, exp)
		}
		checkGroups(t, db, dsn, want)
		if after := dumpTables(t, db, dsn, "", func(tb store.TableInfo) bool { return tb.PerDoc }); after != articles {
			t.Error("loading groups changed the articles' rows")
		}
	})
}
