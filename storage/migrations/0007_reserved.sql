-- Placeholder for migration 0007, which a branch developed in parallel adds. It keeps
-- this branch's migrations in sequence; delete this file when the real 0007 arrives.
SELECT 1;
