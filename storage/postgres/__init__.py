"""The PostgreSQL backend (issue 10, being built): so far its migration runner.

Nothing in the bot uses it yet; SQLite at `DATABASE_PATH` is the only engine that runs.
"""
