-- quarry database schema version 2 (sqlite)
CREATE TABLE IF NOT EXISTS quarry_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT NOT NULL,
  schema TEXT,
  title TEXT,
  url TEXT,
  published TEXT,
  source_path TEXT,
  source_line INTEGER,
  failed INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT,
  text TEXT,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (id)
);
CREATE TABLE IF NOT EXISTS entities (
  doc TEXT NOT NULL,
  id TEXT NOT NULL,
  label TEXT,
  name TEXT,
  title TEXT,
  affiliation TEXT,
  origin TEXT,
  mentions INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS entities_label_name_idx ON entities (label, name);
CREATE INDEX IF NOT EXISTS entities_name_idx ON entities (name);
CREATE TABLE IF NOT EXISTS mentions (
  doc TEXT NOT NULL,
  entity TEXT NOT NULL,
  seq INTEGER NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT,
  PRIMARY KEY (doc, entity, seq),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE,
  FOREIGN KEY (doc, entity) REFERENCES entities(doc, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS figures (
  doc TEXT NOT NULL,
  id TEXT NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT,
  kind TEXT,
  value REAL,
  min REAL,
  max REAL,
  unit TEXT,
  currency TEXT,
  counts TEXT,
  entity TEXT,
  direction TEXT,
  sentence INTEGER,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS figures_kind_value_idx ON figures (kind, value);
CREATE INDEX IF NOT EXISTS figures_doc_entity_idx ON figures (doc, entity);
CREATE TABLE IF NOT EXISTS quotes (
  doc TEXT NOT NULL,
  id TEXT NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT,
  kind TEXT,
  speaker TEXT,
  speaker_entity TEXT,
  cue TEXT,
  sentence INTEGER,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS quotes_speaker_idx ON quotes (speaker);
CREATE TABLE IF NOT EXISTS claims (
  doc TEXT NOT NULL,
  id TEXT NOT NULL,
  start_byte INTEGER NOT NULL,
  end_byte INTEGER NOT NULL,
  text TEXT,
  sentence INTEGER,
  subject TEXT,
  subject_entity TEXT,
  predicate TEXT,
  object TEXT,
  modality TEXT,
  checkworthy REAL,
  source_type TEXT,
  source_entity TEXT,
  source_quote TEXT,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS claims_predicate_idx ON claims (predicate);
CREATE TABLE IF NOT EXISTS claim_figures (
  doc TEXT NOT NULL,
  claim TEXT NOT NULL,
  figure TEXT NOT NULL,
  PRIMARY KEY (doc, claim, figure),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE,
  FOREIGN KEY (doc, claim) REFERENCES claims(doc, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS other_records (
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  id TEXT,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (doc, seq),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS claim_groups (
  subject TEXT NOT NULL,
  predicate TEXT NOT NULL,
  object TEXT NOT NULL,
  docs INTEGER NOT NULL,
  claims INTEGER NOT NULL,
  disagreement INTEGER NOT NULL,
  record TEXT NOT NULL CHECK (json_valid(record)),
  PRIMARY KEY (subject, predicate, object)
);
CREATE INDEX IF NOT EXISTS claim_groups_predicate_idx ON claim_groups (predicate);
CREATE TABLE IF NOT EXISTS claim_group_members (
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
CREATE INDEX IF NOT EXISTS claim_group_members_doc_claim_idx ON claim_group_members (doc, claim);
CREATE TABLE IF NOT EXISTS claim_group_conflicts (
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
INSERT INTO quarry_meta (key, value) VALUES ('schema_version', '2')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
