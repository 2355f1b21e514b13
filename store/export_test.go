package store

// TableInfo describes one table for the tests' dumps.
type TableInfo struct {
	Name, PK string
	Cols     []string
	JSON     map[string]bool
	PerDoc   bool // keyed by doc (documents by id): an article's rows
}

// Tables lists the schema's tables, parents first.
func Tables() []TableInfo {
	var out []TableInfo
	for i, t := range tables {
		ti := TableInfo{Name: t.name, PK: t.pk, Cols: t.colNames(), JSON: map[string]bool{}, PerDoc: i < nArticle}
		for _, c := range t.cols {
			if c.typ == tJSON {
				ti.JSON[c.name] = true
			}
		}
		out = append(out, ti)
	}
	return out
}

// SetMigration registers a migration step for a test; the returned func
// removes it.
func SetMigration(from int, sql map[string]string) func() {
	old := migrations
	migrations = append(append([]migration(nil), old...), migration{from: from, sql: sql})
	return func() { migrations = old }
}
