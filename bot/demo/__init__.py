"""`python -m bot demo`: the real bot against the local Discord stand-in, no token needed.

`community` is the seeded story of a small server, `acting` plays its people through
the stand-in's actors (the same ones the end-to-end tests use), `runner` ties it
together and `transcript` writes what everyone saw as one self-contained HTML file.
"""
