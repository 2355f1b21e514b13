package store_test

import (
	"database/sql"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/extractors/claims"
	"github.com/quarrylabs/quarry/store"
)

// rowsOf runs q and renders each row as text (sorted, so the comparison is a
// multiset one: tie order depends on the database's collation).
func rowsOf(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		s := ""
		for i, v := range vals {
			if i > 0 {
				s += "|"
			}
			switch v := v.(type) {
			case nil:
				s += "NULL"
			case []byte:
				s += string(v)
			case float64:
				s += fmt.Sprintf("%g", v)
			default:
				s += fmt.Sprint(v)
			}
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func sameRows(t *testing.T, what string, got, want []string) {
	t.Helper()
	g, w := sorted(got), sorted(want)
	if fmt.Sprint(g) != fmt.Sprint(w) {
		t.Errorf("%s:\n got %q\nwant %q", what, g, w)
	}
}

func entityByID(d quarry.Document) map[string]quarry.Entity {
	m := map[string]quarry.Entity{}
	for _, e := range d.Entities {
		m[e.ID] = e
	}
	return m
}

func nullable(s string) string {
	if s == "" {
		return "NULL"
	}
	return s
}

// The expected answers are computed from the JSON output in Go.

func wantQuotedPeople(docs []quarry.Document) (rows []string) {
	quotes := map[string]int{}
	articles := map[string]map[string]bool{}
	for _, d := range docs {
		ents := entityByID(d)
		for _, q := range d.Quotes {
			if q.Speaker == nil {
				continue
			}
			e, ok := ents[q.Speaker.Entity]
			if !ok || e.Label != quarry.Person {
				continue
			}
			quotes[e.Name]++
			if articles[e.Name] == nil {
				articles[e.Name] = map[string]bool{}
			}
			articles[e.Name][d.ID] = true
		}
	}
	for name, n := range quotes {
		rows = append(rows, fmt.Sprintf("%s|%d|%d", name, n, len(articles[name])))
	}
	return rows
}

// wantCompanyFigures picks the company with the most figures about it, and those
// figures as the query renders them.
func wantCompanyFigures(docs []quarry.Document) (string, []string) {
	byCompany := map[string][]string{}
	for _, d := range docs {
		ents := entityByID(d)
		seen := map[string]bool{}
		addFor := func(entID string, f quarry.Figure) {
			e, ok := ents[entID]
			if !ok || e.Label != quarry.Company {
				return
			}
			key := e.Name + "/" + f.ID
			if seen[key] {
				return
			}
			seen[key] = true
			v := "NULL"
			if f.Value != nil {
				v = fmt.Sprintf("%g", *f.Value)
			}
			byCompany[e.Name] = append(byCompany[e.Name], fmt.Sprintf("%s|%s|%s|%s|%s|%s|%d", d.ID, f.ID, f.Text, f.Kind, v, nullable(f.Currency), f.Start))
		}
		figs := map[string]quarry.Figure{}
		for _, f := range d.Figures {
			figs[f.ID] = f
			addFor(f.Entity, f)
		}
		for _, c := range d.Claims {
			if c.Subject == nil {
				continue
			}
			for _, fid := range c.Figures {
				if f, ok := figs[fid]; ok {
					addFor(c.Subject.Entity, f)
				}
			}
		}
	}
	best := ""
	for name, rows := range byCompany {
		if len(rows) > len(byCompany[best]) || (len(rows) == len(byCompany[best]) && name < best) {
			best = name
		}
	}
	return best, byCompany[best]
}

func wantDisagreeingClaims(docs []quarry.Document) []string {
	type side struct {
		doc, claim, subject, pred string
		fig                       quarry.Figure
	}
	var sides []side
	for _, d := range docs {
		ents := entityByID(d)
		figs := map[string]quarry.Figure{}
		for _, f := range d.Figures {
			figs[f.ID] = f
		}
		for _, c := range d.Claims {
			if c.Subject == nil || c.Predicate == "" {
				continue
			}
			e, ok := ents[c.Subject.Entity]
			if !ok {
				continue
			}
			seen := map[string]bool{}
			for _, fid := range c.Figures {
				if f, ok := figs[fid]; ok && !seen[fid] {
					seen[fid] = true
					sides = append(sides, side{d.ID, c.ID, e.Name, c.Predicate, f})
				}
			}
		}
	}
	var rows []string
	for _, a := range sides {
		for _, b := range sides {
			if b.doc <= a.doc || a.subject != b.subject || a.pred != b.pred || a.fig.Kind != b.fig.Kind ||
				a.fig.Currency != b.fig.Currency || a.fig.Value == nil || b.fig.Value == nil || *a.fig.Value == *b.fig.Value {
				continue
			}
			rows = append(rows, fmt.Sprintf("%s|%s|%s|%s|%s|%s|%s|%s", a.subject, a.pred, a.doc, a.claim, a.fig.Text, b.doc, b.claim, b.fig.Text))
		}
	}
	return rows
}

func TestExampleQueries(t *testing.T) {
	docs := allDocs(t)
	people := wantQuotedPeople(docs)
	company, figures := wantCompanyFigures(docs)
	disagree := wantDisagreeingClaims(docs)
	// The fixture guarantees each question has an answer to check.
	if len(people) == 0 || len(figures) == 0 || len(disagree) == 0 {
		t.Fatalf("test data gives empty answers: %v %v %v", people, figures, disagree)
	}
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		load(t, dsn, recordsJSONL(docs), store.Options{})
		db := openSQL(t, dsn)

		got := rowsOf(t, db, store.QueryQuotedPeople)
		sameRows(t, "quoted people", got, people)
		for i := 1; i < len(got); i++ {
			if countField(got[i-1]) < countField(got[i]) {
				t.Errorf("not ordered by quotes: %q before %q", got[i-1], got[i])
			}
		}
		sameRows(t, "figures about "+company, rowsOf(t, db, store.QueryCompanyFigures, company), figures)
		sameRows(t, "disagreeing claims", rowsOf(t, db, store.QueryDisagreeingClaims), disagree)
	})
}

// countField is the quotes column of a QueryQuotedPeople row.
func countField(row string) int {
	f := strings.Split(row, "|")
	n, _ := strconv.Atoi(f[len(f)-2])
	return n
}

func wantGroupDisagreements(cs []claims.Cluster) []string {
	var rows []string
	for _, c := range cs {
		if !c.Disagreement {
			continue
		}
		for _, x := range c.Conflicts {
			if x.A.Doc != x.B.Doc {
				rows = append(rows, fmt.Sprintf("%s|%s|%s|%d|%s|%s|%s|%s|%s|%s", c.Key.Subject, c.Key.Predicate, c.Key.Object, c.Docs,
					x.A.Doc, x.A.Claim, x.A.Text, x.B.Doc, x.B.Claim, x.B.Text))
			}
		}
	}
	return rows
}

// wantStaleMembers: members whose claim docs do not have with that text.
func wantStaleMembers(cs []claims.Cluster, docs []quarry.Document) []string {
	text := map[docClaim]string{}
	for _, d := range docs {
		for _, c := range d.Claims {
			text[docClaim{d.ID, c.ID}] = c.Text
		}
	}
	var rows []string
	for _, c := range cs {
		for _, m := range uniqueMembers(c) {
			if t, ok := text[docClaim{m.Doc, m.Claim}]; !ok || t != m.Text {
				rows = append(rows, fmt.Sprintf("%s|%s|%s|%s|%s", c.Key.Subject, c.Key.Predicate, c.Key.Object, m.Doc, m.Claim))
			}
		}
	}
	return rows
}

func TestGroupExampleQueries(t *testing.T) {
	v1, _ := groupData(t)
	cs := clusters(t, v1.groups)
	disagree := wantGroupDisagreements(cs)
	if len(disagree) == 0 {
		t.Fatalf("the test articles give no disagreement across articles:\n%s", v1.groups)
	}
	revised := revise(v1.docs)
	stale := wantStaleMembers(cs, revised)
	if len(stale) == 0 {
		t.Fatal("revising the articles leaves no group member stale")
	}
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		load(t, dsn, mixed(v1.docs, v1.groups), store.Options{})
		db := openSQL(t, dsn)
		got := rowsOf(t, db, store.QueryGroupDisagreements)
		sameRows(t, "group disagreements", got, disagree)
		for i := 1; i < len(got); i++ {
			if docsField(got[i-1]) < docsField(got[i]) {
				t.Errorf("not ordered by docs: %q before %q", got[i-1], got[i])
			}
		}
		sameRows(t, "stale members", rowsOf(t, db, store.QueryStaleGroupMembers), wantStaleMembers(cs, v1.docs))

		// Re-extracted articles replace their claims even though groups
		// cite them; the groups stay, and the query finds what went stale.
		before := dumpGroups(t, db, dsn)
		if stats := load(t, dsn, recordsJSONL(revised), store.Options{}); stats.Documents != len(revised) {
			t.Fatalf("stats %+v", stats)
		}
		if after := dumpGroups(t, db, dsn); after != before {
			t.Error("replacing articles changed the claim groups")
		}
		sameRows(t, "stale members after re-extraction", rowsOf(t, db, store.QueryStaleGroupMembers), stale)
	})
}

// docsField is the docs column of a QueryGroupDisagreements row.
func docsField(row string) int {
	n, _ := strconv.Atoi(strings.Split(row, "|")[3])
	return n
}

// The README shows the queries the tests check (with an example name for $1).
func TestREADMEShowsTheExampleQueries(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"QueryQuotedPeople":       store.QueryQuotedPeople,
		"QueryCompanyFigures":     store.QueryCompanyFigures,
		"QueryDisagreeingClaims":  store.QueryDisagreeingClaims,
		"QueryGroupDisagreements": store.QueryGroupDisagreements,
		"QueryStaleGroupMembers":  store.QueryStaleGroupMembers,
	} {
		re := regexp.MustCompile("```sql\n" + strings.ReplaceAll(regexp.QuoteMeta(q), `\$1`, `'[^'\n]*'`) + ";\n```")
		if !re.Match(readme) {
			t.Errorf("README lacks %s as the tests run it:\n%s", name, q)
		}
	}
}
