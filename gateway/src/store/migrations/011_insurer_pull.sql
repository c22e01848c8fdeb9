-- When each insurer last pulled each kind of page (claims, pre-authorisations), an empty pull included: an
-- insurer that has stopped pulling shows in /metrics and in the aging report, on every gateway sharing the store.
CREATE TABLE insurer_pull (
  insurer TEXT NOT NULL,
  kind TEXT NOT NULL,
  last_pull_at TEXT NOT NULL,
  PRIMARY KEY (insurer, kind)
);
