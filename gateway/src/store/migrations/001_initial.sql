-- The first schema: inbound messages, FHIR resources with versions and identifiers,
-- the claims outbox and the audit log. Portable SQL: {{ID}} and {{BLOB}} become each
-- backend's types. Times are UTC ISO 8601 text (sortable on both backends).

-- One row per message a hospital pushed, accepted or not; (hospital, message_id) is the idempotency key.
CREATE TABLE inbound_message (
  id {{ID}},
  hospital TEXT NOT NULL,
  message_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  content_type TEXT NOT NULL,
  body {{BLOB}} NOT NULL,
  body_sha256 TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  adapter TEXT,
  bundle TEXT,
  ack {{BLOB}},
  ack_content_type TEXT,
  UNIQUE (hospital, message_id)
);
CREATE INDEX inbound_message_by_status ON inbound_message (status, hospital, id);

-- Every version of every canonical FHIR resource; the newest is the current one.
CREATE TABLE fhir_resource (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  source_message BIGINT,
  body TEXT NOT NULL,
  PRIMARY KEY (resource_type, id, version)
);

-- The current version of each resource (one row per resource).
CREATE TABLE fhir_current (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (resource_type, id)
);

-- Business identifiers (system|value) of current resources, for upserts and searches.
CREATE TABLE fhir_identifier (
  resource_type TEXT NOT NULL,
  system TEXT NOT NULL,
  value TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (resource_type, system, value)
);
CREATE INDEX fhir_identifier_by_resource ON fhir_identifier (resource_type, id);

-- References between current resources (e.g. Encounter.subject), for searches by reference.
CREATE TABLE fhir_reference (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  path TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (resource_type, id, path, target)
);
CREATE INDEX fhir_reference_by_target ON fhir_reference (target, resource_type, path);

-- Claims waiting for, or handed to, an insurer; seq is the insurer's cursor.
CREATE TABLE claim_outbox (
  seq {{ID}},
  insurer TEXT NOT NULL,
  claim_id TEXT NOT NULL,
  status TEXT NOT NULL,
  lease_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (insurer, claim_id)
);
CREATE INDEX claim_outbox_by_insurer ON claim_outbox (insurer, status, seq);

-- Append-only audit log; each row's hash covers its fields and the previous row's hash.
CREATE TABLE audit_log (
  seq {{ID}},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
