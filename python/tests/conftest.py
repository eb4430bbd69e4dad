"""Shared fixtures: paths inside the repository only."""
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
HELSINKI = REPO / "data" / "helsinki-centre"
GEN_CITY = REPO / "bench" / "gen_city.py"


@pytest.fixture(scope="session")
def helsinki_text() -> str:
    return (HELSINKI / "normalized.geojson").read_text(encoding="utf-8")
