-- Every page of claims rendered for an insurer gets a number (unique and increasing), and each claim its
-- position in the page, so that an insurer's acknowledgement can name a page and position (X12 999:
-- group control number and transaction set control number) instead of a claim id.
CREATE TABLE outbox_page (
  page {{ID}},
  insurer TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE outbox_page_claim (
  page BIGINT NOT NULL,
  position INTEGER NOT NULL,
  claim_id TEXT NOT NULL,
  PRIMARY KEY (page, position)
);
