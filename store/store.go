// Package store loads quarry's output into PostgreSQL or SQLite.
//
// Both output formats are accepted (--format docs and --format records), and
// claim groups (claims group / extract --group output), alone or mixed in.
// An article is the unit of replacement: its document row and all its
// records are replaced in one transaction, so a reader never sees an article
// half old and half new, and a load killed midway leaves every article either
// fully old or fully new. A claim group is replaced the same way, by its key.
// Loading the same output twice leaves the same rows.
package store

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sirupsen/logrus"
)

// ErrBadDSN is wrapped by Open's error when the connection string itself is
// wrong (a usage error), as opposed to the database being unreachable.
var ErrBadDSN = errors.New("bad database connection string")

// DefaultBatch is how many articles (or claim groups) go in one transaction
// by default.
const DefaultBatch = 200

// maxKeptErrors bounds Stats.Skipped; Stats.SkippedLines counts them all.
const maxKeptErrors = 100

// Options tune one Load.
type Options struct {
	// Source names the input in messages ("out.jsonl", "stdin").
	Source string
	// Strict stops the load at the first malformed line. Articles complete
	// before it are loaded; the one being read when it comes is not.
	Strict bool
	// Batch is the number of articles and claim groups per transaction
	// (DefaultBatch if 0).
	Batch int
	// Log receives skipped lines (warn) and unknown record types (debug).
	Log logrus.FieldLogger
}

// Stats reports what a Load did.
type Stats struct {
	Lines        int
	Documents    int              // articles written
	Groups       int              // claim groups written
	Rows         int64            // rows written, all tables
	Tables       map[string]int64 // rows written per table
	SkippedLines int
	Skipped      []*LineError // the first 100 skipped lines
	Duration     time.Duration
}

// RowsPerSec is the load's throughput.
func (s Stats) RowsPerSec() float64 {
	if s.Duration <= 0 {
		return 0
	}
	return float64(s.Rows) / s.Duration.Seconds()
}

// backend is one database dialect.
type backend interface {
	dialect() string
	// version returns the recorded schema version, -1 when there is none.
	version(ctx context.Context) (int, error)
	// migrate creates the schema or upgrades it to Version.
	migrate(ctx context.Context) error
	// write replaces the batch's articles and groups, all in one transaction.
	write(ctx context.Context, b *batch) error
	close() error
}

// Store is an open database.
type Store struct {
	b        backend
	migrated bool
}

// Open connects to dsn: postgres://... or postgresql://... (any libpq URL or
// keyword string pgx accepts after the scheme), or sqlite:PATH /
// sqlite://PATH. A SQLite file is created when missing; its folder must
// exist. Open checks the connection but does not touch the schema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	dialect, target, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	var b backend
	switch dialect {
	case Postgres:
		b, err = openPostgres(ctx, target)
	case SQLite:
		b, err = openSQLite(ctx, target)
	}
	if err != nil {
		return nil, err
	}
	return &Store{b: b}, nil
}

// ParseDSN returns the dialect of dsn and what its driver is given.
func ParseDSN(dsn string) (dialect, target string, err error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return Postgres, dsn, nil
	case strings.HasPrefix(dsn, "sqlite://"):
		target = strings.TrimPrefix(dsn, "sqlite://")
	case strings.HasPrefix(dsn, "sqlite:"):
		target = strings.TrimPrefix(dsn, "sqlite:")
	case dsn == "":
		return "", "", fmt.Errorf("%w: empty; use postgres://USER@HOST/DB or sqlite:PATH", ErrBadDSN)
	default:
		return "", "", fmt.Errorf("%w %q: use postgres://USER@HOST/DB, postgresql://... or sqlite:PATH", ErrBadDSN, redact(dsn))
	}
	if target == "" {
		return "", "", fmt.Errorf("%w %q: no file path after sqlite:", ErrBadDSN, dsn)
	}
	if strings.Contains(target, "?") {
		return "", "", fmt.Errorf("%w %q: SQLite paths with ? are not supported", ErrBadDSN, dsn)
	}
	return SQLite, target, nil
}

// Dialect is Postgres or SQLite.
func (s *Store) Dialect() string { return s.b.dialect() }

// SchemaVersion is the version recorded in the database, -1 when it has
// no quarry schema yet.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) { return s.b.version(ctx) }

// Migrate creates the tables, or upgrades an older quarry schema, or refuses
// with a clear error (a newer schema, or no migration path).
func (s *Store) Migrate(ctx context.Context) error {
	if err := s.b.migrate(ctx); err != nil {
		return err
	}
	s.migrated = true
	return nil
}

// Close closes the connection.
func (s *Store) Close() error { return s.b.close() }

// Load reads quarry output (JSON lines in either format, and claim group
// lines) from r and writes it, article by article and group by group,
// migrating the schema first if needed. Malformed
// lines are skipped and reported in Stats (or stop the load with
// opt.Strict, returning a *LineError). On a read error or a cancelled ctx it
// returns the error; every article is then either fully loaded or untouched.
func (s *Store) Load(ctx context.Context, r io.Reader, opt Options) (Stats, error) {
	st := Stats{Tables: map[string]int64{}}
	start := time.Now()
	defer func() { st.Duration = time.Since(start) }()
	if !s.migrated {
		if err := s.Migrate(ctx); err != nil {
			return st, err
		}
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	log := opt.Log
	if log == nil {
		l := logrus.New()
		l.SetOutput(io.Discard)
		log = l
	}
	l := &loader{s: s, opt: opt, log: log, st: &st, batch: newBatch(), unknown: map[string]bool{}}
	err := l.run(ctx, r)
	st.Duration = time.Since(start)
	return st, err
}

type loader struct {
	s       *Store
	opt     Options
	log     logrus.FieldLogger
	st      *Stats
	batch   *batch
	cur     *article    // the --format records article being read
	queue   chan *batch // batches for the writer goroutine
	unknown map[string]bool
}

// batch is what one transaction replaces.
type batch struct {
	articles []*article
	groups   []*group
	index    map[string]int   // doc id -> position in articles
	gindex   map[groupKey]int // group key -> position in groups
}

func newBatch() *batch {
	return &batch{index: map[string]int{}, gindex: map[groupKey]int{}}
}

func (b *batch) size() int { return len(b.articles) + len(b.groups) }

// run reads r on this goroutine while a writer goroutine writes the
// previous batch, so parsing and the database work overlap. Batches are
// still written one after another, in input order.
func (l *loader) run(ctx context.Context, r io.Reader) error {
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	l.queue = make(chan *batch, 1)
	done := make(chan struct{})
	var werr error
	go func() {
		defer close(done)
		for batch := range l.queue {
			if werr != nil {
				continue
			}
			if err := l.write(wctx, batch); err != nil {
				werr = err
				cancel() // stops the reader
			}
		}
	}()
	rerr := l.read(wctx, r)
	close(l.queue)
	<-done
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case werr != nil:
		return werr
	}
	return rerr
}

func (l *loader) read(ctx context.Context, r io.Reader) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			// The article being read may be incomplete: keep the complete ones.
			l.cur = nil
			if err := l.flush(ctx); err != nil {
				return err
			}
			return fmt.Errorf("reading input at line %d: %w", n, rerr)
		}
		if len(line) > 0 {
			l.st.Lines = n
			truncated := rerr == io.EOF && line[len(line)-1] != '\n'
			if lerr := l.line(line, n); lerr != nil {
				if truncated && l.cur != nil {
					// The producer died mid-line: its article is incomplete.
					lerr.Err = fmt.Errorf("%v (input ends mid-line: article %q not loaded)", lerr.Err, l.cur.id)
					l.cur = nil
				}
				if err := l.skip(ctx, lerr); err != nil {
					return err
				}
			}
		}
		if rerr == io.EOF {
			break
		}
		if l.batch.size() >= l.opt.Batch {
			if err := l.flush(ctx); err != nil {
				return err
			}
		}
	}
	l.endArticle()
	return l.flush(ctx)
}

// line handles one input line; a returned error means it was skipped.
func (l *loader) line(line []byte, n int) *LineError {
	if len(strings.TrimSpace(string(line))) == 0 {
		return nil
	}
	fields, err := decodeLine(line)
	if err != nil {
		return l.lineErr(n, "", err)
	}
	rawType, isRecord := fields["type"]
	if !isRecord && isGroupLine(fields) {
		// Groups belong to no article: the records article being read goes on.
		g, err := parseGroupLine(fields, n)
		if err != nil {
			return l.lineErr(n, "", err)
		}
		l.addGroup(g)
		return nil
	}
	if !isRecord {
		// --format docs: a whole article on one line. A bad line does not end
		// the records article being read: it may be one of its records.
		a, unknown, err := parseDocLine(fields, n)
		if err != nil {
			return l.lineErr(n, docID(fields, "id"), err)
		}
		l.endArticle()
		for _, u := range unknown {
			l.noteUnknown(u)
		}
		l.addArticle(a)
		return nil
	}
	var typ, doc string
	if err := json.Unmarshal(rawType, &typ); err != nil || typ == "" {
		return l.lineErr(n, "", errors.New(`"type" must be a non-empty string`))
	}
	if err := json.Unmarshal(fields["doc"], &doc); err != nil || doc == "" {
		return l.lineErr(n, "", fmt.Errorf(`%s record without a string "doc"`, typ))
	}
	delete(fields, "type")
	delete(fields, "doc")
	switch {
	case typ == "document":
		l.endArticle()
		l.cur = newArticle(doc, n, fields)
		return nil
	case l.cur == nil || l.cur.id != doc:
		return l.lineErr(n, doc, fmt.Errorf("%s record does not follow its document record (records of one article must be together, document first)", typ))
	case typ == "error":
		rec, err := encodeJSON(fields)
		if err != nil {
			return l.lineErr(n, doc, err)
		}
		l.cur.doc["error"] = json.RawMessage(rec)
		return nil
	}
	unknown, err := l.cur.addRecord(typ, fields)
	if err != nil {
		return l.lineErr(n, doc, err)
	}
	if unknown {
		l.noteUnknown(typ)
	}
	return nil
}

func (l *loader) lineErr(n int, doc string, err error) *LineError {
	return &LineError{Source: l.opt.Source, Line: n, Doc: doc, Err: err}
}

func (l *loader) noteUnknown(typ string) {
	if !l.unknown[typ] {
		l.unknown[typ] = true
		l.log.WithField("type", typ).Debug("record type unknown to this quarry: kept whole in other_records")
	}
}

// skip reports a malformed line, or stops the load when strict.
func (l *loader) skip(ctx context.Context, lerr *LineError) error {
	l.st.SkippedLines++
	if len(l.st.Skipped) < maxKeptErrors {
		l.st.Skipped = append(l.st.Skipped, lerr)
	}
	if !l.opt.Strict {
		l.log.Warn("skipped " + lerr.Error())
		return nil
	}
	l.cur = nil // the article being read may be the bad line's: leave it as it was
	if err := l.flush(ctx); err != nil {
		return err
	}
	return lerr
}

// endArticle moves the --format records article being read to the batch.
func (l *loader) endArticle() {
	a := l.cur
	l.cur = nil
	if a == nil {
		return
	}
	if err := a.finish(); err != nil {
		l.st.SkippedLines++
		lerr := l.lineErr(a.line, a.id, err)
		if len(l.st.Skipped) < maxKeptErrors {
			l.st.Skipped = append(l.st.Skipped, lerr)
		}
		l.log.Warn("skipped " + lerr.Error())
		return
	}
	l.addArticle(a)
}

// addArticle queues a; a later copy of the same document replaces it.
func (l *loader) addArticle(a *article) {
	b := l.batch
	if i, ok := b.index[a.id]; ok {
		b.articles[i] = a
		return
	}
	b.index[a.id] = len(b.articles)
	b.articles = append(b.articles, a)
}

// addGroup queues g; a later group with the same key replaces it.
func (l *loader) addGroup(g *group) {
	b := l.batch
	if i, ok := b.gindex[g.key]; ok {
		b.groups[i] = g
		return
	}
	b.gindex[g.key] = len(b.groups)
	b.groups = append(b.groups, g)
}

// flush hands the batch to the writer.
func (l *loader) flush(ctx context.Context) error {
	if l.batch.size() == 0 {
		return nil
	}
	b := l.batch
	l.batch = newBatch()
	select {
	case l.queue <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// write replaces a batch's articles and groups in one transaction.
func (l *loader) write(ctx context.Context, b *batch) error {
	// A fixed order keeps concurrent loaders from deadlocking on row locks.
	sort.Slice(b.articles, func(i, j int) bool { return b.articles[i].id < b.articles[j].id })
	sort.Slice(b.groups, func(i, j int) bool { return b.groups[i].key.less(b.groups[j].key) })
	if err := l.s.b.write(ctx, b); err != nil {
		return err
	}
	count := func(rows *[nTables][][]any) {
		for t, r := range rows {
			l.st.Tables[tables[t].name] += int64(len(r))
			l.st.Rows += int64(len(r))
		}
	}
	for _, a := range b.articles {
		l.st.Documents++
		count(&a.rows)
	}
	for _, g := range b.groups {
		l.st.Groups++
		count(&g.rows)
	}
	return nil
}

func docID(fields map[string]json.RawMessage, key string) string {
	var s string
	_ = json.Unmarshal(fields[key], &s)
	return s
}

func redact(dsn string) string {
	if i := strings.Index(dsn, "@"); i >= 0 {
		if j := strings.Index(dsn, "://"); j >= 0 && j < i {
			userinfo := dsn[j+3 : i]
			if k := strings.Index(userinfo, ":"); k >= 0 {
				return dsn[:j+3] + userinfo[:k] + ":xxxxx" + dsn[i:]
			}
		}
	}
	return dsn
}
