"""The public base URL the tests configure (the `public_base` fixture, tests/conftest.py), as
production derives its settings from PORTAL_BASE_URL: the tests of absolute URLs assert on it."""

BASE = "https://quartieri.example.org"
