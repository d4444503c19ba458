"""The knowledge base's rules: pure functions, no database (guarded by tests/test_purity.py)."""
