-- Brand merges that can be undone (reserved; filled in by the brand upkeep work).
SELECT 1;
