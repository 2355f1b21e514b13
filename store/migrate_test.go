package store_test

import (
	"context"
	"database/sql"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/quarrylabs/quarry/store"
)

// testdata/schema-v1.*.sql is the DDL quarry printed at schema version 1
// (load --schema-only), frozen: what a v1 database really looks like.
func frozenV1(t *testing.T, dsn string) string {
	t.Helper()
	dialect := store.Postgres
	if isSQLite(dsn) {
		dialect = store.SQLite
	}
	b, err := os.ReadFile("testdata/schema-v1." + dialect + ".sql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var spaces = regexp.MustCompile(`\s+`)

// catalog renders a database's tables, columns, constraints and indexes, so
// that two schemas can be compared whatever statements made them.
func catalog(t *testing.T, db *sql.DB, dsn string) string {
	t.Helper()
	var parts []string
	if isSQLite(dsn) {
		// SQLite keeps each CREATE statement (minus IF NOT EXISTS).
		for _, r := range rowsOf(t, db, "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name") {
			r = strings.Replace(r, " IF NOT EXISTS", "", 1)
			parts = append(parts, spaces.ReplaceAllString(r, " "))
		}
		return strings.Join(parts, "\n")
	}
	for _, q := range []string{
		// Columns by rank, not ordinal_position: a dropped column (see
		// downgrade) keeps its number.
		`SELECT table_name, row_number() OVER (PARTITION BY table_name ORDER BY ordinal_position), column_name, data_type,
		 is_nullable, coalesce(column_default, '')
		 FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
		`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
		 FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2`,
		`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2`,
	} {
		parts = append(parts, rowsOf(t, db, q)...)
	}
	return strings.Join(parts, "\n")
}

func execAll(t *testing.T, db *sql.DB, stmts ...string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%v\n%s", err, s)
		}
	}
}

// downgrade turns a database of this quarry into a version 1 one,
// recording version as its version: version 3 added figures.per, version
// 2 the claim group tables.
func downgrade(t *testing.T, db *sql.DB, version string) {
	t.Helper()
	execAll(t, db, "ALTER TABLE figures DROP COLUMN per",
		"DROP TABLE claim_group_conflicts", "DROP TABLE claim_group_members", "DROP TABLE claim_groups",
		"UPDATE quarry_meta SET value = '"+version+"' WHERE key = 'schema_version'")
}

// withoutPer is the article tables as before version 3, without
// figures.per, for dumps of older databases.
func withoutPer() []store.TableInfo {
	var out []store.TableInfo
	for _, tb := range store.Tables() {
		if !tb.PerDoc {
			continue
		}
		tb.Cols = slices.DeleteFunc(slices.Clone(tb.Cols), func(c string) bool { return tb.Name == "figures" && c == "per" })
		out = append(out, tb)
	}
	return out
}

func schemaVersion(t *testing.T, dsn string) int {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, err := st.SchemaVersion(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// A version 1 database goes through every step to the current schema.
func TestMigrateFromV1(t *testing.T) {
	v1, _ := groupData(t)
	cs := clusters(t, v1.groups)
	eachBackend(t, func(t *testing.T, b backend) {
		ctx := context.Background()
		// What v1 quarry created, and what this quarry creates.
		old := b.newDB(t)
		execAll(t, openSQL(t, old), frozenV1(t, old))
		oldCatalog := catalog(t, openSQL(t, old), old)
		freshCatalog := freshCatalog(t, ctx, b)

		// A v1 database with articles in it.
		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		load(t, dsn, recordsJSONL(v1.docs), store.Options{})
		downgrade(t, db, "1")
		if got := catalog(t, db, dsn); got != oldCatalog {
			t.Fatalf("the downgraded database is not a v1 one:\n%s\nwant:\n%s", got, oldCatalog)
		}
		articles := dumpInfos(t, db, dsn, "", withoutPer())

		// Loading groups into it upgrades it in place.
		stats := load(t, dsn, v1.groups, store.Options{})
		if v := schemaVersion(t, dsn); v != store.Version {
			t.Errorf("version %d after the migration, want %d", v, store.Version)
		}
		if got := catalog(t, db, dsn); got != freshCatalog {
			t.Errorf("migrated schema differs from a new one:\n%s\nwant:\n%s", got, freshCatalog)
		}
		if got := dumpInfos(t, db, dsn, "", withoutPer()); got != articles {
			t.Errorf("the articles changed in the migration:\n%s\nwant:\n%s", got, articles)
		}
		// (Version 1 had no per: the migration adds it empty.)
		if count(t, db, "SELECT count(*) FROM figures") == 0 {
			t.Fatal("no figures: the test of figures.per needs some")
		}
		if n := count(t, db, "SELECT count(*) FROM figures WHERE per IS NOT NULL"); n != 0 {
			t.Errorf("%d figures of the old articles have a per after the migration, want none", n)
		}
		if stats.Groups != len(cs) {
			t.Errorf("%d groups loaded, want %d", stats.Groups, len(cs))
		}
		checkGroups(t, db, dsn, cs)
	})
}

// freshCatalog is the catalog of a new database of this quarry.
func freshCatalog(t *testing.T, ctx context.Context, b backend) string {
	t.Helper()
	fresh := b.newDB(t)
	st, err := store.Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return catalog(t, openSQL(t, fresh), fresh)
}

// A migration that fails halfway leaves the database as it was.
func TestFailedMigrationRollsBack(t *testing.T) {
	v1, _ := groupData(t)
	eachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		db := openSQL(t, dsn)
		execAll(t, db, frozenV1(t, dsn), "CREATE TABLE claim_group_conflicts (x integer)")
		before := catalog(t, db, dsn)
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		_, err = st.Load(context.Background(), strings.NewReader(string(v1.groups)), store.Options{})
		if err == nil || !strings.Contains(err.Error(), "migrating the schema from version 1 to 2") {
			t.Fatalf("load: %v", err)
		}
		if after := catalog(t, db, dsn); after != before {
			t.Errorf("a failed migration changed the schema:\n%s\nwant:\n%s", after, before)
		}
		if v := schemaVersion(t, dsn); v != 1 {
			t.Errorf("version %d after a failed migration", v)
		}
	})
}
