-- Every insurer answer (ClaimResponse) a remittance applied, keyed by what the insurer sent: X12, the CLP's
-- place (sender/ISA13/GS06/ST02/n); FHIR, ClaimResponse.identifier, else the SHA-256 of its content. The
-- same remittance again changes nothing and is answered as the first time. It is also the ledger that a
-- reversal undoes exactly: what each payment set on the claim and what it created (the patient's Invoice,
-- a released secondary claim).
CREATE TABLE remittance_response (
  seq {{ID}},
  insurer TEXT NOT NULL,
  response_key TEXT NOT NULL,
  claim_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  paid_minor BIGINT,
  patient_minor BIGINT,
  invoice_id TEXT,
  released_claim_id TEXT,
  reversed_by TEXT,
  applied_at TEXT NOT NULL
);
CREATE UNIQUE INDEX remittance_response_by_key ON remittance_response (insurer, response_key);
CREATE INDEX remittance_response_by_claim ON remittance_response (claim_id, seq);
