package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "modernc.org/sqlite" // pure Go: the binary stays static (CGO_ENABLED=0)
)

type sqliteBackend struct {
	db   *sql.DB
	path string
	// Prepared once, used in every batch's transaction. del deletes by doc
	// for article tables, by group key for group tables.
	upsert      *sql.Stmt
	upsertGroup *sql.Stmt
	del         [nTables]*sql.Stmt
	ins         [nTables]*sql.Stmt
}

func openSQLite(ctx context.Context, path string) (backend, error) {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("cannot open SQLite database %s: folder %s does not exist", path, dir)
	}
	// _txlock=immediate takes the write lock at BEGIN, so two loaders queue
	// (busy_timeout) instead of failing halfway through a batch.
	dsn := path + "?_txlock=immediate&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(wal)&_pragma=synchronous(normal)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open SQLite database %s: %v", path, err)
	}
	db.SetMaxOpenConns(1)
	// journal_mode(wal) writes to the file: a read-only file or folder fails here.
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, sqliteError("cannot open SQLite database "+path, err)
	}
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n); err != nil {
		db.Close()
		return nil, sqliteError("cannot read SQLite database "+path, err)
	}
	return &sqliteBackend{db: db, path: path}, nil
}

func sqliteError(what string, err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "unable to open"), strings.Contains(msg, "permission"):
		return fmt.Errorf("%s: %v (check that the file and its folder are writable)", what, err)
	case strings.Contains(msg, "not a database"):
		return fmt.Errorf("%s: the file is not a SQLite database", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (s *sqliteBackend) dialect() string { return SQLite }

func (s *sqliteBackend) close() error {
	for _, st := range append(append([]*sql.Stmt{s.upsert, s.upsertGroup}, s.del[:]...), s.ins[:]...) {
		if st != nil {
			st.Close()
		}
	}
	return s.db.Close()
}

type sqlQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (s *sqliteBackend) version(ctx context.Context) (int, error) { return sqliteVersion(ctx, s.db) }

func sqliteVersion(ctx context.Context, q sqlQuerier) (int, error) {
	var meta, docs int
	err := q.QueryRowContext(ctx, "SELECT count(*) FILTER (WHERE name = 'quarry_meta'), count(*) FILTER (WHERE name = 'documents') "+
		"FROM sqlite_master WHERE type = 'table'").Scan(&meta, &docs)
	if err != nil {
		return 0, sqliteError("reading the schema version", err)
	}
	if meta == 0 {
		if docs > 0 {
			return -1, errors.New("the database has a documents table that quarry did not create (no quarry_meta table): load into another file")
		}
		return -1, nil // no schema yet
	}
	var v string
	err = q.QueryRowContext(ctx, "SELECT value FROM quarry_meta WHERE key = 'schema_version'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errors.New("quarry_meta has no schema_version row: the database was not set up by quarry")
	}
	if err != nil {
		return 0, sqliteError("reading the schema version", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("quarry_meta schema_version is %q, not a number", v)
	}
	return n, nil
}

func (s *sqliteBackend) migrate(ctx context.Context) error {
	if err := s.migrateTx(ctx); err != nil {
		return err
	}
	return s.prepare(ctx)
}

func (s *sqliteBackend) migrateTx(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return sqliteError("starting the schema transaction", err)
	}
	defer tx.Rollback()
	have, err := sqliteVersion(ctx, tx)
	if err != nil {
		return err
	}
	switch {
	case have < 0:
		if _, err := tx.ExecContext(ctx, DDL(SQLite)); err != nil {
			return sqliteError("creating quarry's tables", err)
		}
	case have != Version:
		if err := checkVersion(have); err != nil {
			return err
		}
		for v := have; v < Version; v++ {
			if _, err := tx.ExecContext(ctx, findMigration(v).sql[SQLite]); err != nil {
				return sqliteError(fmt.Sprintf("migrating the schema from version %d to %d", v, v+1), err)
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE quarry_meta SET value = ? WHERE key = 'schema_version'", strconv.Itoa(Version)); err != nil {
			return sqliteError("recording the schema version", err)
		}
	default:
		return nil
	}
	if err := tx.Commit(); err != nil {
		return sqliteError("committing the schema", err)
	}
	return nil
}

func (s *sqliteBackend) prepare(ctx context.Context) error {
	if s.upsert != nil {
		return nil
	}
	prep := func(q string) (*sql.Stmt, error) {
		st, err := s.db.PrepareContext(ctx, q)
		if err != nil {
			return nil, sqliteError("preparing "+q, err)
		}
		return st, nil
	}
	var err error
	upsert := func(t *table) string {
		return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) %s", t.name, strings.Join(t.colNames(), ", "), placeholders(len(t.cols)), onConflict(t))
	}
	if s.upsert, err = prep(upsert(tables[tDocuments])); err != nil {
		return err
	}
	if s.upsertGroup, err = prep(upsert(tables[tGroups])); err != nil {
		return err
	}
	for ti := tDocuments + 1; ti < nTables; ti++ {
		if ti == tGroups {
			continue
		}
		t := tables[ti]
		where := "doc = ?"
		if ti > tGroups {
			where = "subject = ? AND predicate = ? AND object = ?"
		}
		if s.del[ti], err = prep("DELETE FROM " + t.name + " WHERE " + where); err != nil {
			return err
		}
		if s.ins[ti], err = prep(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.name, strings.Join(t.colNames(), ", "), placeholders(len(t.cols)))); err != nil {
			return err
		}
	}
	return nil
}

// onConflict is the upsert clause of a parent table (documents, claim_groups):
// on its key, update every other column.
func onConflict(t *table) string {
	var set []string
	for _, c := range t.colNames() {
		if !strings.Contains(", "+t.pk+", ", ", "+c+", ") {
			set = append(set, c+" = excluded."+c)
		}
	}
	return fmt.Sprintf("ON CONFLICT (%s) DO UPDATE SET %s", t.pk, strings.Join(set, ", "))
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// write replaces the batch's articles and groups in one transaction with
// prepared statements: upsert the parent row (document or group), delete its
// old child rows, insert the new.
func (s *sqliteBackend) write(ctx context.Context, b *batch) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return sqliteError("starting a transaction", err)
	}
	defer tx.Rollback()
	upsertDoc, upsertGroup := tx.StmtContext(ctx, s.upsert), tx.StmtContext(ctx, s.upsertGroup)
	var del, ins [nTables]*sql.Stmt
	for ti := tDocuments + 1; ti < nTables; ti++ {
		if ti != tGroups {
			del[ti] = tx.StmtContext(ctx, s.del[ti])
			ins[ti] = tx.StmtContext(ctx, s.ins[ti])
		}
	}
	// replace writes one parent row and its children, in tables [first, end).
	replace := func(what string, upsert *sql.Stmt, rows *[nTables][][]any, first, end int, key ...any) error {
		if _, err := upsert.ExecContext(ctx, rows[first-1][0]...); err != nil {
			return sqliteError("upserting "+what, err)
		}
		for ti := end - 1; ti >= first; ti-- {
			if _, err := del[ti].ExecContext(ctx, key...); err != nil {
				return sqliteError(fmt.Sprintf("deleting old %s of %s", tables[ti].name, what), err)
			}
		}
		for ti := first; ti < end; ti++ {
			for _, row := range rows[ti] {
				if _, err := ins[ti].ExecContext(ctx, row...); err != nil {
					return sqliteError(fmt.Sprintf("inserting into %s for %s", tables[ti].name, what), err)
				}
			}
		}
		return nil
	}
	for _, a := range b.articles {
		if err := replace(fmt.Sprintf("document %q", a.id), upsertDoc, &a.rows, tDocuments+1, nArticle, a.id); err != nil {
			return err
		}
	}
	for _, g := range b.groups {
		k := g.key
		if err := replace("claim group "+k.String(), upsertGroup, &g.rows, tGroups+1, nTables, k.subject, k.predicate, k.object); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return sqliteError("committing", err)
	}
	return nil
}
