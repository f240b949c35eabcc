"""The server's default evaluator (reference) and pyDatalog give the same assessments over HTTP."""
import pytest

from conftest import EXAMPLES, example
from server import Server


@pytest.fixture(scope="module")
def pydatalog_api(tmp_path_factory):
    server = Server(data_dir=str(tmp_path_factory.mktemp("pydatalog")),
                    env={"COMITY_BACKEND": "pydatalog", "COMITY_ASSESS_THREADS": "2"}).start()
    yield server
    server.stop()


def _comparable(a: dict) -> dict:
    a = {k: v for k, v in a.items() if k not in ("assessment_id", "created_at")}
    a["ruleset"] = dict(a["ruleset"], backend=None)
    return a


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_same_assessment_on_both_evaluators(sqlite_api, pydatalog_api, name):
    with sqlite_api.client("case_system") as ref, pydatalog_api.client("case_system") as pyd:
        a, b = (c.post("/v1/assessments", json=example(name)) for c in (ref, pyd))
        assert a.status_code == b.status_code == 200
        assert a.json()["ruleset"]["backend"] == "reference" and b.json()["ruleset"]["backend"] == "pydatalog"
        assert _comparable(a.json()) == _comparable(b.json())
