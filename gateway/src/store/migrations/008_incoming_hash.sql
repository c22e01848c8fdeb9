-- The SHA-256 of the form in which a partner last sent a resource (after its references were resolved),
-- so that a resource sent again unchanged — hospitals resend the patient and the visit with every
-- message — is recognised without reading, parsing and merging its stored body. NULL: unknown (written
-- by the gateway itself, or before this column): the next incoming form is merged as usual.
ALTER TABLE fhir_current ADD COLUMN incoming_sha256 TEXT;
