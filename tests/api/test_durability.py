"""SIGKILL in the middle of a stream of assessments: every answered one survives, the chain verifies."""
import pytest

from conftest import example
from load import Stream
from server import Server


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_every_answered_assessment_survives_sigkill(tmp_path, request, database):
    url = request.getfixturevalue("postgres").new_database("durability") if database == "postgresql" else None
    server = Server(database_url=url, data_dir=str(tmp_path), workers=2).start()
    key = server.key("case_system", "org-kill")
    with Stream(server.url, key, example(), clients=4, max_seconds=60) as stream:
        stream.wait_for(40)
        server.kill()
    answered = [body["assessment_id"] for code, body in stream.results if code == 200]
    assert len(answered) >= 40
    assert all(code == 200 for code, _ in stream.results)
    assert stream.failures, "the stream should have seen the server die"

    server.start()
    try:
        with server.client("reviewer") as c:
            for aid in answered:
                r = c.get(f"/v1/assessments/{aid}")
                assert r.status_code == 200, aid
            v = c.get("/v1/audit/verify").json()
            assert v["ok"] is True and v["records"] >= len(answered)
        with server.client("case_system", "org-kill") as c:
            assert c.post("/v1/assessments", json=example()).status_code == 200
    finally:
        server.stop()
    assert server.comity("audit", "verify").returncode == 0
