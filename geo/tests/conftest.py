import pytest

from geo.testing import load_small_geo


@pytest.fixture
def geo_data(db):
    """The reference geography, loaded inside the test's transaction (~0.2 s)."""
    return load_small_geo()
