"""Every app's tests run: a tests/ folder that pytest.ini's testpaths leaves out would never run in CI."""

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_folder_with_tests_is_in_the_testpaths_of_pytest_ini():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    with_tests = {path.parent.parent.name for path in ROOT.glob("*/tests/__init__.py")} | {"browser_tests"}
    assert with_tests - testpaths == set()
