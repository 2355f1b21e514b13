-- quarry database schema version 2 (postgres)
CREATE TABLE IF NOT EXISTS quarry_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
  id text NOT NULL,
  schema text,
  title text,
  url text,
  published text,
  source_path text,
  source_line integer,
  failed boolean NOT NULL,
  error_code text,
  error_message text,
  text text,
  record jsonb NOT NULL,
  PRIMARY KEY (id)
);
CREATE TABLE IF NOT EXISTS entities (
  doc text NOT NULL,
  id text NOT NULL,
  label text,
  name text,
  title text,
  affiliation text,
  origin text,
  mentions integer NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS entities_label_name_idx ON entities (label, name);
CREATE INDEX IF NOT EXISTS entities_name_idx ON entities (name);
CREATE TABLE IF NOT EXISTS mentions (
  doc text NOT NULL,
  entity text NOT NULL,
  seq integer NOT NULL,
  start_byte integer NOT NULL,
  end_byte integer NOT NULL,
  text text,
  PRIMARY KEY (doc, entity, seq),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE,
  FOREIGN KEY (doc, entity) REFERENCES entities(doc, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS figures (
  doc text NOT NULL,
  id text NOT NULL,
  start_byte integer NOT NULL,
  end_byte integer NOT NULL,
  text text,
  kind text,
  value double precision,
  min double precision,
  max double precision,
  unit text,
  currency text,
  counts text,
  entity text,
  direction text,
  sentence integer,
  record jsonb NOT NULL,
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS figures_kind_value_idx ON figures (kind, value);
CREATE INDEX IF NOT EXISTS figures_doc_entity_idx ON figures (doc, entity);
CREATE TABLE IF NOT EXISTS quotes (
  doc text NOT NULL,
  id text NOT NULL,
  start_byte integer NOT NULL,
  end_byte integer NOT NULL,
  text text,
  kind text,
  speaker text,
  speaker_entity text,
  cue text,
  sentence integer,
  record jsonb NOT NULL,
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS quotes_speaker_idx ON quotes (speaker);
CREATE TABLE IF NOT EXISTS claims (
  doc text NOT NULL,
  id text NOT NULL,
  start_byte integer NOT NULL,
  end_byte integer NOT NULL,
  text text,
  sentence integer,
  subject text,
  subject_entity text,
  predicate text,
  object text,
  modality text,
  checkworthy double precision,
  source_type text,
  source_entity text,
  source_quote text,
  record jsonb NOT NULL,
  PRIMARY KEY (doc, id),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS claims_predicate_idx ON claims (predicate);
CREATE TABLE IF NOT EXISTS claim_figures (
  doc text NOT NULL,
  claim text NOT NULL,
  figure text NOT NULL,
  PRIMARY KEY (doc, claim, figure),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE,
  FOREIGN KEY (doc, claim) REFERENCES claims(doc, id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS other_records (
  doc text NOT NULL,
  seq integer NOT NULL,
  type text NOT NULL,
  id text,
  record jsonb NOT NULL,
  PRIMARY KEY (doc, seq),
  FOREIGN KEY (doc) REFERENCES documents(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS claim_groups (
  subject text NOT NULL,
  predicate text NOT NULL,
  object text NOT NULL,
  docs integer NOT NULL,
  claims integer NOT NULL,
  disagreement boolean NOT NULL,
  record jsonb NOT NULL,
  PRIMARY KEY (subject, predicate, object)
);
CREATE INDEX IF NOT EXISTS claim_groups_predicate_idx ON claim_groups (predicate);
CREATE TABLE IF NOT EXISTS claim_group_members (
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
CREATE INDEX IF NOT EXISTS claim_group_members_doc_claim_idx ON claim_group_members (doc, claim);
CREATE TABLE IF NOT EXISTS claim_group_conflicts (
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
INSERT INTO quarry_meta (key, value) VALUES ('schema_version', '2')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
