"""The API's rules: pure functions, no database access (api/tests/test_purity.py)."""
