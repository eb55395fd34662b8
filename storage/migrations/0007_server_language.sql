-- Issue 11: the language of a server's public posts. NULL follows the server's
-- preferred locale on Discord (French if it is French, else English).

ALTER TABLE guild_settings
    ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'fr'));
