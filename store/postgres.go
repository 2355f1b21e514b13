package store

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// pgLockKey serialises schema changes between concurrent loaders.
const pgLockKey = 0x71756172 // "quar"

type pgBackend struct {
	conn   *pgx.Conn
	staged bool
}

func openPostgres(ctx context.Context, dsn string) (backend, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrBadDSN, redact(dsn), unwrapPG(err))
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, pgConnectError(cfg, err)
	}
	return &pgBackend{conn: conn}, nil
}

// pgConnectError turns pgx's connection error into one line saying what is
// wrong and what to do.
func pgConnectError(cfg *pgx.ConnConfig, err error) error {
	where := fmt.Sprintf("PostgreSQL database %q on %s as user %q", cfg.Database, pgAddr(cfg), cfg.User)
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "3D000":
			return fmt.Errorf("cannot open %s: the database does not exist (create it with: createdb -h %s -p %d -U %s %s)",
				where, cfg.Host, cfg.Port, cfg.User, cfg.Database)
		case "28P01", "28000":
			return fmt.Errorf("cannot open %s: authentication failed: %s", where, pgErr.Message)
		case "42501":
			return fmt.Errorf("cannot open %s: permission denied: %s", where, pgErr.Message)
		}
		return fmt.Errorf("cannot open %s: %s (SQLSTATE %s)", where, pgErr.Message, pgErr.Code)
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Errorf("cannot connect to %s: connection refused (is the server running and listening there?)", where)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fmt.Errorf("cannot connect to %s: unknown host %q", where, dnsErr.Name)
	}
	return fmt.Errorf("cannot connect to %s: %v", where, unwrapPG(err))
}

func pgAddr(cfg *pgx.ConnConfig) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return fmt.Sprintf("socket %s/.s.PGSQL.%d", cfg.Host, cfg.Port)
	}
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}

// unwrapPG keeps the innermost message of pgx's nested errors.
func unwrapPG(err error) error {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err
		}
		err = u
	}
}

// pgError explains database errors met while loading.
func pgError(what string, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		return fmt.Errorf("%s: permission denied: %s (the PostgreSQL user needs CREATE on the schema to create quarry's tables, and INSERT, UPDATE, DELETE on them to load)", what, pgErr.Message)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func (p *pgBackend) dialect() string { return Postgres }

func (p *pgBackend) close() error { return p.conn.Close(context.Background()) }

func (p *pgBackend) version(ctx context.Context) (int, error) {
	return pgVersion(ctx, p.conn)
}

type pgQuerier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

func pgVersion(ctx context.Context, q pgQuerier) (int, error) {
	var meta, docs *string
	if err := q.QueryRow(ctx, "SELECT to_regclass('quarry_meta')::text, to_regclass('documents')::text").Scan(&meta, &docs); err != nil {
		return 0, pgError("reading the schema version", err)
	}
	if meta == nil {
		if docs != nil {
			return -1, errors.New("the database has a documents table that quarry did not create (no quarry_meta table): load into another database or schema")
		}
		return -1, nil // no schema yet
	}
	var v string
	err := q.QueryRow(ctx, "SELECT value FROM quarry_meta WHERE key = 'schema_version'").Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, errors.New("quarry_meta has no schema_version row: the database was not set up by quarry")
	}
	if err != nil {
		return 0, pgError("reading the schema version", err)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("quarry_meta schema_version is %q, not a number", v)
	}
	return n, nil
}

func (p *pgBackend) migrate(ctx context.Context) error {
	tx, err := p.conn.Begin(ctx)
	if err != nil {
		return pgError("starting the schema transaction", err)
	}
	defer tx.Rollback(context.Background())
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(pgLockKey)); err != nil {
		return pgError("locking the schema", err)
	}
	have, err := pgVersion(ctx, tx)
	if err != nil {
		return err
	}
	switch {
	case have < 0:
		if _, err := tx.Exec(ctx, DDL(Postgres)); err != nil {
			return pgError("creating quarry's tables", err)
		}
	case have != Version:
		if err := checkVersion(have); err != nil {
			return err
		}
		for v := have; v < Version; v++ {
			if _, err := tx.Exec(ctx, findMigration(v).sql[Postgres]); err != nil {
				return pgError(fmt.Sprintf("migrating the schema from version %d to %d", v, v+1), err)
			}
		}
		if _, err := tx.Exec(ctx, "UPDATE quarry_meta SET value = $1 WHERE key = 'schema_version'", strconv.Itoa(Version)); err != nil {
			return pgError("recording the schema version", err)
		}
	default:
		return tx.Commit(ctx)
	}
	if err := tx.Commit(ctx); err != nil {
		return pgError("committing the schema", err)
	}
	return nil
}

// stage creates the session's staging tables, emptied at each commit.
func (p *pgBackend) stage(ctx context.Context) error {
	if p.staged {
		return nil
	}
	var b strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&b, "CREATE TEMP TABLE IF NOT EXISTS stage_%s (LIKE %s) ON COMMIT DELETE ROWS;\n", t.name, t.name)
	}
	if _, err := p.conn.Exec(ctx, b.String()); err != nil {
		return pgError("creating staging tables", err)
	}
	p.staged = true
	return nil
}

// write COPYs the batch into staging tables, then replaces the articles and
// groups with one upsert of the parent rows and one delete/insert per child
// table, in one transaction.
func (p *pgBackend) write(ctx context.Context, b *batch) error {
	if err := p.stage(ctx); err != nil {
		return err
	}
	tx, err := p.conn.Begin(ctx)
	if err != nil {
		return pgError("starting a transaction", err)
	}
	defer tx.Rollback(context.Background())

	var rows [nTables][][]any
	for _, a := range b.articles {
		for ti := range a.rows {
			rows[ti] = append(rows[ti], a.rows[ti]...)
		}
	}
	for _, g := range b.groups {
		for ti := range g.rows {
			rows[ti] = append(rows[ti], g.rows[ti]...)
		}
	}
	for ti, t := range tables {
		if len(rows[ti]) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"stage_" + t.name}, t.colNames(), pgx.CopyFromRows(rows[ti])); err != nil {
			return pgError("copying "+t.name, err)
		}
	}
	exec := func(what, q string, args ...any) error {
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return pgError(what, err)
		}
		return nil
	}
	// Upserting the parent rows first locks them, so a concurrent load of the
	// same article or group waits here instead of colliding on its children.
	upsert := func(ti int) error {
		t := tables[ti]
		cols := strings.Join(t.colNames(), ", ")
		return exec("upserting "+t.name, fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM stage_%s ORDER BY %s %s",
			t.name, cols, cols, t.name, t.pk, onConflict(t)))
	}
	insert := func(first, end int) error {
		for ti := first; ti < end; ti++ {
			if len(rows[ti]) == 0 {
				continue
			}
			t := tables[ti]
			cols := strings.Join(t.colNames(), ", ")
			if err := exec("inserting "+t.name, fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM stage_%s", t.name, cols, cols, t.name)); err != nil {
				return err
			}
		}
		return nil
	}
	if len(b.articles) > 0 {
		ids := make([]string, len(b.articles))
		for i, a := range b.articles {
			ids[i] = a.id
		}
		if err := upsert(tDocuments); err != nil {
			return err
		}
		for ti := nArticle - 1; ti > tDocuments; ti-- {
			if err := exec("deleting old "+tables[ti].name, "DELETE FROM "+tables[ti].name+" WHERE doc = ANY($1)", ids); err != nil {
				return err
			}
		}
		if err := insert(tDocuments+1, nArticle); err != nil {
			return err
		}
	}
	if len(b.groups) > 0 {
		if err := upsert(tGroups); err != nil {
			return err
		}
		for ti := nTables - 1; ti > tGroups; ti-- {
			q := fmt.Sprintf("DELETE FROM %s c USING stage_claim_groups s "+
				"WHERE c.subject = s.subject AND c.predicate = s.predicate AND c.object = s.object", tables[ti].name)
			if err := exec("deleting old "+tables[ti].name, q); err != nil {
				return err
			}
		}
		if err := insert(tGroups+1, nTables); err != nil {
			return err
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return pgError("committing", err)
	}
	return nil
}
