-- Expired leases are found by (insurer, status, lease_until), so that a page's look-up stays an index
-- range however many claims the outbox holds.
CREATE INDEX claim_outbox_expiry ON claim_outbox (insurer, status, lease_until);
