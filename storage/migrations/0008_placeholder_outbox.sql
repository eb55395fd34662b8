-- Placeholder: number 0008 belongs to the outbox's migration (issue 8, branch outbox2),
-- which had not landed when 0009 was written. Migrations must be numbered without gaps;
-- when outbox2's 0008 is merged, this file is deleted in favour of it.
SELECT 1;
