-- Placeholder for number 4, which is reserved for the outbox migration being written on
-- another branch: migrations must run 1, 2, 3... without a gap. Delete this file when
-- that migration (0004_deliveries.sql) is merged.
SELECT 1;
