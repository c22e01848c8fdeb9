-- Pre-authorisations (a Claim with use = preauthorization) live in the claim table beside the claims they
-- precede: the insurer pulls them from the same outbox (`kind` keeps a page to one kind, so that an X12
-- insurer gets a 278 or an 837, never both in one page), answers them like claims, and a final claim names
-- the pre-authorisation whose guarantee of payment it relies on.
ALTER TABLE claim ADD COLUMN claim_use TEXT NOT NULL DEFAULT 'claim';
ALTER TABLE claim ADD COLUMN preauth_ref TEXT;
ALTER TABLE claim ADD COLUMN guarantee_minor BIGINT;
ALTER TABLE claim ADD COLUMN guarantee_until TEXT;
ALTER TABLE claim ADD COLUMN preauthorization_id TEXT;
CREATE INDEX claim_by_patient_use ON claim (patient_id, claim_use);
ALTER TABLE claim_outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'claim';
