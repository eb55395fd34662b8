"""PostgreSQL's own versions of the repositories whose SQL differs from SQLite's.

Each subclasses the SQLite repository and overrides only the statements the two
engines spell differently; everything else is the same SQL (see storage/postgres/dialect.py).
"""
