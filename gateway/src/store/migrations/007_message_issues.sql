-- What was wrong with a message, as the adapter or the gateway said it: a FHIR OperationOutcome kept
-- with the message (warnings of an accepted message, the reasons of a refused one), and one row per
-- issue so that data quality can be counted per hospital and field without reading the JSON.
ALTER TABLE inbound_message ADD COLUMN issues TEXT;
CREATE TABLE message_issue (
  message_row BIGINT NOT NULL,
  hospital TEXT NOT NULL,
  received_at TEXT NOT NULL,
  severity TEXT NOT NULL,
  code TEXT NOT NULL,
  field TEXT NOT NULL
);
CREATE INDEX message_issue_by_hospital ON message_issue (hospital, received_at);
CREATE INDEX message_issue_by_message ON message_issue (message_row);
