-- Every resource has an owner: the partner whose message created it, or 'group' for what the
-- gateway makes itself. A partner may change only what it owns.
ALTER TABLE fhir_current ADD COLUMN owner TEXT NOT NULL DEFAULT 'group';
UPDATE fhir_current SET owner = COALESCE(
  (SELECT m.hospital FROM fhir_resource r JOIN inbound_message m ON m.id = r.source_message
   WHERE r.resource_type = fhir_current.resource_type AND r.id = fhir_current.id AND r.version = 1),
  'group');

-- Identifiers are indexed per owner: the same identifier at two hospitals (a national ID, or an
-- inpatient number under a national type OID) names each hospital's own record.
CREATE TABLE fhir_identifier_by_owner (
  resource_type TEXT NOT NULL,
  owner TEXT NOT NULL,
  system TEXT NOT NULL,
  value TEXT NOT NULL,
  id TEXT NOT NULL,
  PRIMARY KEY (resource_type, owner, system, value)
);
INSERT INTO fhir_identifier_by_owner (resource_type, owner, system, value, id)
  SELECT i.resource_type, c.owner, i.system, i.value, i.id
  FROM fhir_identifier i JOIN fhir_current c ON c.resource_type = i.resource_type AND c.id = i.id;
DROP TABLE fhir_identifier;
ALTER TABLE fhir_identifier_by_owner RENAME TO fhir_identifier;
CREATE INDEX fhir_identifier_by_resource ON fhir_identifier (resource_type, id);
CREATE INDEX fhir_identifier_by_value ON fhir_identifier (resource_type, system, value);
