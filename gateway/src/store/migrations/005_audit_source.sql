-- The client address of each audited request (empty for the gateway's own acts and older rows).
ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT '';
