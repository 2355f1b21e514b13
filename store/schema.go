package store

import (
	"fmt"
	"strings"
)

// Version is the version of the database schema this quarry writes. It is
// recorded in quarry_meta; Migrate upgrades older databases step by step.
// Version 2 added the claim group tables, version 3 figures.per.
const Version = 3

// Column types, mapped to each dialect by sqlType.
const (
	tText  = "text"
	tInt   = "int"
	tFloat = "float"
	tBool  = "bool"
	tJSON  = "json"
)

type column struct {
	name    string
	typ     string
	notNull bool
}

type foreignKey struct {
	cols string // "doc, entity"
	ref  string // "entities(doc, id)"
}

type table struct {
	name    string
	cols    []column
	pk      string
	fks     []foreignKey
	indexes []string // column lists
}

func (t *table) colNames() []string {
	n := make([]string, len(t.cols))
	for i, c := range t.cols {
		n[i] = c.name
	}
	return n
}

func docFK() foreignKey { return foreignKey{cols: "doc", ref: "documents(id)"} }

// tables is the schema, parents first. Every child table is keyed by (doc,
// ...) so an article's rows can be replaced as a unit; record holds the whole
// record as JSON so fields added to quarry's output are never lost.
var tables = []*table{
	{name: "documents", pk: "id", cols: []column{
		{"id", tText, true}, {"schema", tText, false}, {"title", tText, false}, {"url", tText, false},
		{"published", tText, false}, {"source_path", tText, false}, {"source_line", tInt, false},
		{"failed", tBool, true}, {"error_code", tText, false}, {"error_message", tText, false},
		{"text", tText, false}, {"record", tJSON, true},
	}},
	{name: "entities", pk: "doc, id", fks: []foreignKey{docFK()}, indexes: []string{"label, name", "name"}, cols: []column{
		{"doc", tText, true}, {"id", tText, true}, {"label", tText, false}, {"name", tText, false},
		{"title", tText, false}, {"affiliation", tText, false}, {"origin", tText, false},
		{"mentions", tInt, true}, {"record", tJSON, true},
	}},
	{name: "mentions", pk: "doc, entity, seq", fks: []foreignKey{docFK(), {cols: "doc, entity", ref: "entities(doc, id)"}}, cols: []column{
		{"doc", tText, true}, {"entity", tText, true}, {"seq", tInt, true},
		{"start_byte", tInt, true}, {"end_byte", tInt, true}, {"text", tText, false},
	}},
	{name: "figures", pk: "doc, id", fks: []foreignKey{docFK()}, indexes: []string{"kind, value", "doc, entity"}, cols: []column{
		{"doc", tText, true}, {"id", tText, true}, {"start_byte", tInt, true}, {"end_byte", tInt, true},
		{"text", tText, false}, {"kind", tText, false}, {"value", tFloat, false}, {"min", tFloat, false},
		{"max", tFloat, false}, {"unit", tText, false}, {"currency", tText, false}, {"counts", tText, false},
		{"entity", tText, false}, {"direction", tText, false}, {"sentence", tInt, false}, {"record", tJSON, true},
		// Added in version 3: last, where ALTER TABLE puts it in a migrated database.
		{"per", tText, false},
	}},
	{name: "quotes", pk: "doc, id", fks: []foreignKey{docFK()}, indexes: []string{"speaker"}, cols: []column{
		{"doc", tText, true}, {"id", tText, true}, {"start_byte", tInt, true}, {"end_byte", tInt, true},
		{"text", tText, false}, {"kind", tText, false}, {"speaker", tText, false}, {"speaker_entity", tText, false},
		{"cue", tText, false}, {"sentence", tInt, false}, {"record", tJSON, true},
	}},
	{name: "claims", pk: "doc, id", fks: []foreignKey{docFK()}, indexes: []string{"predicate"}, cols: []column{
		{"doc", tText, true}, {"id", tText, true}, {"start_byte", tInt, true}, {"end_byte", tInt, true},
		{"text", tText, false}, {"sentence", tInt, false}, {"subject", tText, false}, {"subject_entity", tText, false},
		{"predicate", tText, false}, {"object", tText, false}, {"modality", tText, false},
		{"checkworthy", tFloat, false}, {"source_type", tText, false}, {"source_entity", tText, false},
		{"source_quote", tText, false}, {"record", tJSON, true},
	}},
	{name: "claim_figures", pk: "doc, claim, figure", fks: []foreignKey{docFK(), {cols: "doc, claim", ref: "claims(doc, id)"}}, cols: []column{
		{"doc", tText, true}, {"claim", tText, true}, {"figure", tText, true},
	}},
	// Records of a type this quarry does not know (a newer extractor's), kept whole.
	{name: "other_records", pk: "doc, seq", fks: []foreignKey{docFK()}, cols: []column{
		{"doc", tText, true}, {"seq", tInt, true}, {"type", tText, true}, {"id", tText, false}, {"record", tJSON, true},
	}},

	// Claim groups (claims group / extract --group output) span articles, so
	// they are keyed by the group key, not by doc, and replaced group by
	// group. object is '' when the claims have no object entity. Members
	// point at claims(doc, id) without a foreign key: groups are computed
	// outside the database and may be loaded before, after or without their
	// articles, and re-extracting an article must not be blocked by (nor
	// silently strip) the groups citing its old claims.
	{name: "claim_groups", pk: "subject, predicate, object", indexes: []string{"predicate"}, cols: []column{
		{"subject", tText, true}, {"predicate", tText, true}, {"object", tText, true},
		{"docs", tInt, true}, {"claims", tInt, true}, {"disagreement", tBool, true}, {"record", tJSON, true},
	}},
	{name: "claim_group_members", pk: "subject, predicate, object, doc, claim", fks: []foreignKey{groupFK()}, indexes: []string{"doc, claim"}, cols: []column{
		{"subject", tText, true}, {"predicate", tText, true}, {"object", tText, true},
		{"doc", tText, true}, {"claim", tText, true}, {"seq", tInt, true}, {"text", tText, false},
		{"modality", tText, false}, {"scope", tText, false}, {"source_type", tText, false},
	}},
	// Pairs of figures that do not agree; scoped pairs are those the texts
	// scope apart (they do not make the group disagree).
	{name: "claim_group_conflicts", pk: "subject, predicate, object, seq", fks: []foreignKey{groupFK()}, cols: []column{
		{"subject", tText, true}, {"predicate", tText, true}, {"object", tText, true}, {"seq", tInt, true},
		{"scoped", tBool, true}, {"reason", tText, false},
		{"a_doc", tText, true}, {"a_claim", tText, true}, {"a_figure", tText, false}, {"a_text", tText, false}, {"a_scope", tText, false},
		{"b_doc", tText, true}, {"b_claim", tText, true}, {"b_figure", tText, false}, {"b_text", tText, false}, {"b_scope", tText, false},
	}},
}

func groupFK() foreignKey {
	return foreignKey{cols: "subject, predicate, object", ref: "claim_groups(subject, predicate, object)"}
}

// Indexes of tables by name.
const (
	tDocuments = iota
	tEntities
	tMentions
	tFigures
	tQuotes
	tClaims
	tClaimFigures
	tOther
	tGroups
	tGroupMembers
	tGroupConflicts
	nTables
)

// nArticle: the tables before it hold articles' rows, keyed by doc.
const nArticle = tGroups

// Dialects.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

func sqlType(dialect, typ string) string {
	pg := dialect == Postgres
	switch typ {
	case tInt:
		if pg {
			return "integer"
		}
		return "INTEGER"
	case tFloat:
		if pg {
			return "double precision"
		}
		return "REAL"
	case tBool:
		if pg {
			return "boolean"
		}
		return "INTEGER"
	case tJSON:
		if pg {
			return "jsonb"
		}
		return "TEXT"
	}
	if pg {
		return "text"
	}
	return "TEXT"
}

// metaDDL is the table recording the schema version.
const metaDDL = "CREATE TABLE IF NOT EXISTS quarry_meta (\n  key text PRIMARY KEY,\n  value text NOT NULL\n);\n"

// DDL returns the statements creating the current schema in dialect
// (Postgres or SQLite), ending with the version row.
func DDL(dialect string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- quarry database schema version %d (%s)\n", Version, dialect)
	b.WriteString(metaDDL)
	for _, t := range tables {
		b.WriteString(createTable(dialect, t))
	}
	fmt.Fprintf(&b, "INSERT INTO quarry_meta (key, value) VALUES ('schema_version', '%d')\n"+
		"  ON CONFLICT (key) DO UPDATE SET value = excluded.value;\n", Version)
	return b.String()
}

func createTable(dialect string, t *table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n", t.name)
	for _, c := range t.cols {
		fmt.Fprintf(&b, "  %s %s", c.name, sqlType(dialect, c.typ))
		if c.notNull {
			b.WriteString(" NOT NULL")
		}
		if c.typ == tJSON && dialect == SQLite {
			fmt.Fprintf(&b, " CHECK (json_valid(%s))", c.name)
		}
		b.WriteString(",\n")
	}
	fmt.Fprintf(&b, "  PRIMARY KEY (%s)", t.pk)
	for _, fk := range t.fks {
		fmt.Fprintf(&b, ",\n  FOREIGN KEY (%s) REFERENCES %s ON DELETE CASCADE", fk.cols, fk.ref)
	}
	b.WriteString("\n);\n")
	for _, ix := range t.indexes {
		name := t.name + "_" + strings.ReplaceAll(ix, ", ", "_") + "_idx"
		fmt.Fprintf(&b, "CREATE INDEX IF NOT EXISTS %s ON %s (%s);\n", name, t.name, ix)
	}
	return b.String()
}

// migration upgrades a database from version from to from+1. Each runs in the
// transaction that then records the new version.
type migration struct {
	from int
	sql  map[string]string // dialect -> statements
}

// migrations lists every upgrade step. Their SQL is written out, not
// generated from tables, so a later change to a table cannot change what an
// old step does; a test checks that a migrated database has the same schema
// as a new one.
var migrations = []migration{
	{from: 1, sql: map[string]string{Postgres: migrate1to2PG, SQLite: migrate1to2SQLite}},
	{from: 2, sql: map[string]string{Postgres: "ALTER TABLE figures ADD COLUMN per text;\n", SQLite: "ALTER TABLE figures ADD COLUMN per TEXT;\n"}},
}

// Version 2: claim groups. Plain CREATE TABLE: a table of that name that
// quarry did not make stops the migration (rolled back) instead of being used.
const migrate1to2PG = `CREATE TABLE claim_groups (
  subject text NOT NULL,
  predicate text NOT NULL,
  object text NOT NULL,
  docs integer NOT NULL,
  claims integer NOT NULL,
  disagreement boolean NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (subject, predicate, object)
);
CREATE INDEX claim_groups_predicate_idx ON claim_groups (predicate);
CREATE TABLE claim_group_members (
  subject text NOT NULL,
  predicate text NOT NULL,
  object text NOT NULL,
  doc text NOT NULL,
  claim text NOT NULL,
  seq integer NOT NULL,
  text text,
  modality text,
  scope text,
  source_type text,
  PRIMARY KEY (subject, predicate, object, doc, claim),
  FOREIGN KEY (subject, predicate, object) REFERENCES claim_groups(subject, predicate, object) ON DELETE CASCADE
);
CREATE INDEX claim_group_members_doc_claim_idx ON claim_group_members (doc, claim);
CREATE TABLE claim_group_conflicts (
  subject text NOT NULL,
  predicate text NOT NULL,
  object text NOT NULL,
  seq integer NOT NULL,
  scoped boolean NOT NULL,
  reason text,
  a_doc text NOT NULL,
  a_claim text NOT NULL,
  a_figure text,
  a_text text,
  a_scope text,
  b_doc text NOT NULL,
  b_claim text NOT NULL,
  b_figure text,
  b_text text,
  b_scope text,
  PRIMARY KEY (subject, predicate, object, seq),
  FOREIGN KEY (subject, predicate, object) REFERENCES claim_groups(subject, predicate, object) ON DELETE CASCADE
);
`

const migrate1to2SQLite = `CREATE TABLE claim_groups (
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  docs INTEGER NOT NULL,
  claims INTEGER NOT NULL,
  disagreement INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (subject, predicate, object)
);
CREATE INDEX claim_groups_predicate_idx ON claim_groups (predicate);
CREATE TABLE claim_group_members (
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  doc TEXT NOT NULL,
  claim TEXT NOT NULL,
  seq INTEGER NOT NULL,
  text TEXT,
  modality TEXT,
  scope TEXT,
  source_type TEXT,
  PRIMARY KEY (subject, predicate, object, doc, claim),
  FOREIGN KEY (subject, predicate, object) REFERENCES claim_groups(subject, predicate, object) ON DELETE CASCADE
);
CREATE INDEX claim_group_members_doc_claim_idx ON claim_group_members (doc, claim);
CREATE TABLE claim_group_conflicts (
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  seq INTEGER NOT NULL,
  scoped INTEGER NOT NULL,
  reason TEXT,
  a_doc TEXT NOT NULL,
  a_claim TEXT NOT NULL,
  a_figure TEXT,
  a_text TEXT,
  a_scope TEXT,
  b_doc TEXT NOT NULL,
  b_claim TEXT NOT NULL,
  b_figure TEXT,
  b_text TEXT,
  b_scope TEXT,
  PRIMARY KEY (subject, predicate, object, seq),
  FOREIGN KEY (subject, predicate, object) REFERENCES claim_groups(subject, predicate, object) ON DELETE CASCADE
);
`

// checkVersion says what to do with a database at version have: nil when it
// can be used as is or migrated, else a clear error.
func checkVersion(have int) error {
	switch {
	case have == Version:
		return nil
	case have > Version:
		return fmt.Errorf("the database has quarry schema version %d, newer than this quarry's (%d): upgrade quarry to load into it", have, Version)
	}
	for v := have; v < Version; v++ {
		if findMigration(v) == nil {
			return fmt.Errorf("the database has quarry schema version %d and this quarry (schema version %d) has no migration from it: load into a new database, or drop the quarry tables and load again", have, Version)
		}
	}
	return nil
}

func findMigration(from int) *migration {
	for i := range migrations {
		if migrations[i].from == from {
			return &migrations[i]
		}
	}
	return nil
}
