"""The bot's version: the one place it is written (pyproject reads it from here).

`python -m bot --version` and `/help` show it; CHANGELOG.md says what each one changed.
"""

__version__ = "0.2.0"
