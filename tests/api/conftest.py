import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from pg import PostgresServer, find_binaries  # noqa: E402
from server import ROOT, Server  # noqa: E402

EXAMPLES = ROOT / "examples" / "requests"


def example(name: str = "fr-lu-bank-records") -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text())


@pytest.fixture(scope="session")
def postgres():
    bindir = find_binaries()
    if bindir is None:
        pytest.skip("PostgreSQL binaries (initdb, pg_ctl) not found; install postgresql to run these tests")
    server = PostgresServer(bindir).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sqlite_api():
    server = Server().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_api(postgres):
    server = Server(database_url=postgres.new_database("api_main")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def api(request):
    return request.getfixturevalue("sqlite_api" if request.param == "sqlite" else "pg_api")
