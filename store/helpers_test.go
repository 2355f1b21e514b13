package store_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/quarrylabs/quarry"
	"github.com/quarrylabs/quarry/cmd/quarry/extract"
	"github.com/quarrylabs/quarry/internal/cli"
	"github.com/quarrylabs/quarry/pipeline"
	"github.com/quarrylabs/quarry/store"
)

// backend is one database under test.
type backend struct {
	name  string
	newDB func(t testing.TB) string // a fresh, empty database's DSN
}

var backends = []backend{
	{"sqlite", func(t testing.TB) string { return "sqlite:" + filepath.Join(t.TempDir(), "quarry.db") }},
	{"postgres", newPGDB},
}

func eachBackend(t *testing.T, f func(t *testing.T, b backend)) {
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) { f(t, b) })
	}
}

// openSQL opens dsn with database/sql for the tests' own queries.
func openSQL(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if p, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		db, err = sql.Open("sqlite", p+"?_pragma=busy_timeout(10000)")
	} else {
		db, err = sql.Open("pgx", dsn)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func isSQLite(dsn string) bool { return strings.HasPrefix(dsn, "sqlite:") }

// query rewrites $N placeholders to SQLite's ?N.
var dollar = regexp.MustCompile(`\$(\d+)`)

func query(dsn, q string) string {
	if isSQLite(dsn) {
		return dollar.ReplaceAllString(q, "?$1")
	}
	return q
}

// load loads data into dsn and fails the test on error.
func load(t testing.TB, dsn string, data []byte, opt store.Options) store.Stats {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Load(context.Background(), bytes.NewReader(data), opt)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return stats
}

// dump renders every row (of one document's tables when doc != ""),
// ordered by primary key, as text; equal dumps mean equal database contents.
func dump(t testing.TB, db *sql.DB, dsn, doc string) string {
	t.Helper()
	return dumpTables(t, db, dsn, doc, func(tb store.TableInfo) bool { return doc == "" || tb.PerDoc })
}

func dumpTables(t testing.TB, db *sql.DB, dsn, doc string, keep func(store.TableInfo) bool) string {
	t.Helper()
	var infos []store.TableInfo
	for _, tb := range store.Tables() {
		if keep(tb) {
			infos = append(infos, tb)
		}
	}
	return dumpInfos(t, db, dsn, doc, infos)
}

// dumpInfos is dumpTables of the tables and columns in infos.
func dumpInfos(t testing.TB, db *sql.DB, dsn, doc string, infos []store.TableInfo) string {
	t.Helper()
	var b strings.Builder
	for _, tb := range infos {
		var cols []string
		for _, c := range tb.Cols {
			if tb.JSON[c] && !isSQLite(dsn) {
				c += "::text"
			}
			cols = append(cols, c)
		}
		q := fmt.Sprintf("SELECT %s FROM %s", strings.Join(cols, ", "), tb.Name)
		var args []any
		if doc != "" {
			key := "doc"
			if tb.Name == "documents" {
				key = "id"
			}
			q += " WHERE " + key + " = $1"
			args = append(args, doc)
		}
		q += " ORDER BY " + tb.PK
		rows, err := db.Query(query(dsn, q), args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fmt.Fprintf(&b, "== %s\n", tb.Name)
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if i > 0 {
					b.WriteByte('\t')
				}
				switch v := v.(type) {
				case nil:
					b.WriteString("NULL")
				case []byte:
					b.Write(v)
				default:
					fmt.Fprint(&b, v)
				}
			}
			b.WriteByte('\n')
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return b.String()
}

func checksum(s string) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(s)))[:16] }

func count(t testing.TB, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// --- test data -------------------------------------------------------------

var (
	articlesOnce sync.Once
	articles     []quarry.Document
	articlesErr  error
)

// repoArticles runs quarry extract over the repo's test articles (the real
// pipeline, so expectations below are derived from its output, not fixed).
func repoArticles(t testing.TB) []quarry.Document {
	t.Helper()
	articlesOnce.Do(func() { articles, articlesErr = extractDocs("../testdata/articles/") })
	if articlesErr != nil {
		t.Fatal(articlesErr)
	}
	return articles
}

func extractDocs(paths ...string) ([]quarry.Document, error) {
	var out, errb bytes.Buffer
	args := append([]string{"--quiet", "--log-level", "error", "--with", "text"}, paths...)
	code := extract.Run(context.Background(), &cli.IO{In: strings.NewReader(""), Out: &out, Err: &errb}, args)
	if code != cli.ExitOK && code != cli.ExitSomeFailed {
		return nil, fmt.Errorf("quarry extract exited %d: %s", code, errb.String())
	}
	var docs []quarry.Document
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var d quarry.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// allDocs is the repo's articles plus the fixture, which guarantees quotes,
// claims and disagreeing figures whatever the extractors find today.
func allDocs(t testing.TB) []quarry.Document {
	return append(append([]quarry.Document(nil), repoArticles(t)...), fixture()...)
}

func docsJSONL(docs []quarry.Document) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range docs {
		if err := enc.Encode(&docs[i]); err != nil {
			panic(err)
		}
	}
	return buf.Bytes()
}

func recordsJSONL(docs []quarry.Document) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for i := range docs {
		for _, r := range pipeline.Records(&docs[i]) {
			if err := enc.Encode(r); err != nil {
				panic(err)
			}
		}
	}
	return buf.Bytes()
}

func ptr[T any](v T) *T { return &v }

// builder writes a fictional article and records spans into it.
type builder struct {
	doc  quarry.Document
	text string
}

func newDoc(id, title, text string) *builder {
	return &builder{doc: quarry.Document{Schema: quarry.Schema, ID: id, Title: title, Text: ptr(text),
		Source: quarry.Source{Path: "fixture/" + id}, Entities: []quarry.Entity{}, Figures: []quarry.Figure{},
		Quotes: []quarry.Quote{}, Claims: []quarry.Claim{}}, text: text}
}

func (b *builder) span(s string) (int, int) {
	i := strings.Index(b.text, s)
	if i < 0 {
		panic("fixture: " + s + " not in text")
	}
	return i, i + len(s)
}

func (b *builder) entity(label, name string, mentions ...string) string {
	id := fmt.Sprintf("e%d", len(b.doc.Entities)+1)
	e := quarry.Entity{ID: id, Label: label, Name: name, Origin: "model"}
	for _, m := range mentions {
		s, en := b.span(m)
		e.Mentions = append(e.Mentions, quarry.Mention{Start: s, End: en, Text: m})
	}
	b.doc.Entities = append(b.doc.Entities, e)
	return id
}

func (b *builder) figure(text, kind string, value float64, currency, entity string) string {
	id := fmt.Sprintf("f%d", len(b.doc.Figures)+1)
	s, e := b.span(text)
	b.doc.Figures = append(b.doc.Figures, quarry.Figure{ID: id, Start: s, End: e, Text: text, Kind: kind,
		Value: ptr(value), Currency: currency, Entity: entity})
	return id
}

func (b *builder) quote(text, speaker, entity string) {
	id := fmt.Sprintf("q%d", len(b.doc.Quotes)+1)
	s, e := b.span(text)
	ss, se := b.span(speaker)
	b.doc.Quotes = append(b.doc.Quotes, quarry.Quote{ID: id, Start: s, End: e, Text: text, Kind: "direct",
		Speaker: &quarry.Speaker{Name: speaker, Entity: entity, Start: ss, End: se, Text: speaker},
		Cue:     &quarry.Cue{Text: "said"}})
}

func (b *builder) claim(text, subject, entity, predicate string, figures ...string) {
	id := fmt.Sprintf("c%d", len(b.doc.Claims)+1)
	s, e := b.span(text)
	ss, se := b.span(subject)
	b.doc.Claims = append(b.doc.Claims, quarry.Claim{ID: id, Start: s, End: e, Text: text,
		Subject: &quarry.ClaimSubject{Entity: entity, Start: ss, End: se, Text: subject}, Predicate: predicate,
		Figures: figures, Source: quarry.ClaimSource{Type: "article"}, Modality: "asserted", Checkworthy: 0.8})
}

// fixture is three fictional articles: two disagree on a job-cut figure.
func fixture() []quarry.Document {
	a := newDoc("fx-1", "Corvane Freight to cut 1,200 jobs",
		`Corvane Freight will cut 1,200 jobs this year, chief executive Mirela Dosti said. "We have no choice," Dosti said.`)
	corvane := a.entity(quarry.Company, "Corvane Freight", "Corvane Freight")
	dosti := a.entity(quarry.Person, "Mirela Dosti", "Mirela Dosti", "Dosti")
	jobs := a.figure("1,200 jobs", "count", 1200, "", corvane)
	a.quote(`"We have no choice,"`, "Dosti", dosti)
	a.claim("Corvane Freight will cut 1,200 jobs this year", "Corvane Freight", corvane, "cut", jobs)

	b := newDoc("fx-2", "Union says Corvane Freight cuts deeper",
		`Corvane Freight will cut 1,500 jobs, union organiser Arvid Lune said. "The company is hiding the real number," Lune said. Mirela Dosti said: "Our plan is fair."`)
	corvane = b.entity(quarry.Company, "Corvane Freight", "Corvane Freight")
	lune := b.entity(quarry.Person, "Arvid Lune", "Arvid Lune", "Lune")
	dosti = b.entity(quarry.Person, "Mirela Dosti", "Mirela Dosti")
	jobs = b.figure("1,500 jobs", "count", 1500, "", corvane)
	b.quote(`"The company is hiding the real number,"`, "Lune", lune)
	b.quote(`"Our plan is fair."`, "Mirela Dosti", dosti)
	b.claim("Corvane Freight will cut 1,500 jobs", "Corvane Freight", corvane, "cut", jobs)

	c := newDoc("fx-3", "Pellworth Bank books €2.5 million gain",
		`Pellworth Bank booked a €2.5 million gain & a 4% rise in lending, a spokesperson said. "Good quarter," the spokesperson said.`)
	bank := c.entity(quarry.Company, "Pellworth Bank", "Pellworth Bank")
	gain := c.figure("€2.5 million", "money", 2.5e6, "EUR", "")
	c.figure("4%", "percent", 4, "", "")
	c.quote(`"Good quarter,"`, "the spokesperson", "")
	c.claim("Pellworth Bank booked a €2.5 million gain", "Pellworth Bank", bank, "book", gain, gain)
	return []quarry.Document{a.doc, b.doc, c.doc}
}

// revise returns the next version of an article: some records changed, some
// gone, one new, so a replaced article is told apart from a merged one.
func revise(docs []quarry.Document) []quarry.Document {
	out := make([]quarry.Document, len(docs))
	for i, d := range docs {
		d.Title += " [v2]"
		if n := len(d.Entities); n > 0 {
			d.Entities = d.Entities[:n-1]
		}
		figs := []quarry.Figure{}
		for j, f := range d.Figures {
			if j == 0 {
				continue
			}
			if f.Value != nil {
				f.Value = ptr(*f.Value + 1)
			}
			figs = append(figs, f)
		}
		d.Figures = figs
		d.Quotes = append(append([]quarry.Quote{}, d.Quotes...), quarry.Quote{ID: "q900", Start: 0, End: 1, Text: "x", Kind: "direct"})
		if n := len(d.Claims); n > 0 {
			d.Claims = d.Claims[:n-1]
		}
		out[i] = d
	}
	return out
}
