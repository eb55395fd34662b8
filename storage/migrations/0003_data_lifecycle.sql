-- Data lifecycle: retention after the bot leaves a server (reserved; filled in by that work).
SELECT 1;
