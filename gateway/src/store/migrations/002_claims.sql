-- Claims: the state of each built claim, its lifecycle, and every billed charge with its revenue split.
-- Amounts are integers in minor units (分, cents) so that sums and splits are exact.

CREATE TABLE claim (
  id TEXT PRIMARY KEY,
  insurer TEXT NOT NULL,
  hospital TEXT NOT NULL,
  encounter_id TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  coverage_id TEXT NOT NULL,
  sequence INTEGER NOT NULL,
  status TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  paid_minor BIGINT,
  patient_minor BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX claim_by_status ON claim (status, updated_at);
CREATE INDEX claim_by_encounter ON claim (encounter_id);

CREATE TABLE claim_event (
  seq {{ID}},
  claim_id TEXT NOT NULL,
  state TEXT NOT NULL,
  at TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX claim_event_by_claim ON claim_event (claim_id, seq);

CREATE TABLE billed_item (
  id {{ID}},
  hospital TEXT NOT NULL,
  encounter_id TEXT NOT NULL,
  charge_item_id TEXT NOT NULL,
  claim_id TEXT,
  payer_class TEXT NOT NULL,
  payer TEXT NOT NULL,
  service_date TEXT NOT NULL,
  category TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  group_minor BIGINT NOT NULL,
  hospital_minor BIGINT NOT NULL,
  UNIQUE (charge_item_id)
);
CREATE INDEX billed_item_by_hospital ON billed_item (hospital, service_date);
