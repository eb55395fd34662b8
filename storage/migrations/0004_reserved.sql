-- Placeholder for migration 0004, which a branch developed in parallel adds. It keeps
-- this branch's migrations in sequence; delete this file when the real 0004 arrives.
SELECT 1;
