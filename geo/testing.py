"""Test helpers for apps that need reference geography.

Usage in another app's tests:

    from geo.testing import load_small_geo

    @pytest.fixture
    def geo_data(db):
        return load_small_geo()

`load_small_geo()` loads the full data set: it takes about 0.2 s on SQLite
(in-memory test database) and on PostgreSQL, so a subset is not worth the
extra code path. Call it inside a test (or a function-scoped fixture); the
test's transaction rolls it back afterwards.
"""

from .loading import LoadResult, load_geo

# Present after load_small_geo(); handy for assertions in other apps.
SMALL_GEO_MUNICIPALITIES = {
    "GM0363": "Amsterdam",
    "GM0344": "Utrecht",
    "GM0599": "Rotterdam",
    "GM0518": "'s-Gravenhage",
    "GM0014": "Groningen",
    "GM0935": "Maastricht",
}
SMALL_GEO_POSTCODES = {
    "1011": "GM0363",
    "1012": "GM0363",
    "3511": "GM0344",
    "3512": "GM0344",
    "3011": "GM0599",
    "2511": "GM0518",
    "9711": "GM0014",
    "6211": "GM0935",
}


def load_small_geo() -> LoadResult:
    """Load the geography needed by tests (currently all of it; idempotent)."""
    return load_geo()
