"""Everything that touches SQL. The rest of the bot sees `Storage` and domain models."""
