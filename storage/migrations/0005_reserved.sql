-- Placeholder for migration 0005, which a branch developed in parallel adds. It keeps
-- this branch's migrations in sequence; delete this file when the real 0005 arrives.
SELECT 1;
