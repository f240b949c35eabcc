"""Several server processes on one database: one linear audit chain, and a reload reaches every one."""
import shutil
import time

import httpx

from conftest import example
from load import Stream
from server import ROOT, Server


def _rules_copy(tmp_path):
    rules, juris = tmp_path / "rules", tmp_path / "jurisdictions"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "jurisdictions", juris)
    return rules, {"COMITY_RULES": f"{rules}:{juris}"}


def _converged(url: str, key: str, digest: str, timeout: float = 20) -> list[str]:
    """Digests of fresh-connection assessments until all of the last 6 name `digest`."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # A new connection each time, so requests spread over the workers of a multi-worker server.
        r = httpx.post(url + "/v1/assessments", json=example(), headers={"Authorization": f"Bearer {key}"},
                       timeout=30)
        assert r.status_code == 200, r.text
        seen.append(r.json()["ruleset"]["digest"])
        if len(seen) >= 6 and all(d == digest for d in seen[-6:]):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"not every worker switched to {digest}: {seen[-10:]}")


def _check_chain(server, answered: list[str]) -> None:
    out = server.comity("audit", "verify")
    assert out.returncode == 0, out.stderr
    db = server.database()
    with db.engine.connect() as conn:
        stored = {r[0] for r in conn.exec_driver_sql("SELECT id FROM assessments")}
        seqs = [r[0] for r in conn.exec_driver_sql("SELECT seq FROM audit_log ORDER BY seq")]
    db.dispose()
    assert set(answered) <= stored
    assert seqs == list(range(1, len(seqs) + 1))


def _scale_out(a: Server, b: Server, rules) -> None:
    key = a.key("case_system", "org-scale")
    with Stream(a.url, key, example(), clients=3) as sa, Stream(b.url, key, example(), clients=3) as sb:
        sa.wait_for(10)
        sb.wait_for(10)
        with a.client("drafter") as drafter:
            old = drafter.get("/v1/rules").json()["digest"]
            with open(rules / "vocabulary.rules", "a") as fh:
                fh.write("\n# amended\n")
            r = drafter.post("/v1/rules/reload")
            assert r.status_code == 200, r.text
            new = r.json()["digest"]
            assert new != old
        sa.wait_for(5)
        sb.wait_for(5)
    results = sa.results + sb.results
    assert sa.failures == sb.failures == []
    assert all(code == 200 for code, _ in results)
    assert {body["ruleset"]["digest"] for _, body in results} <= {old, new}
    for server in (a, b):
        _converged(server.url, key, new)
        with server.client("reviewer") as c:
            status = c.get("/v1/rules").json()
            assert status["active_digest"] == new
    _check_chain(a, [body["assessment_id"] for _, body in results])


def test_two_instances_on_postgresql(tmp_path, postgres):
    rules, env = _rules_copy(tmp_path)
    url = postgres.new_database("scale_out")
    a = Server(database_url=url, data_dir=str(tmp_path / "a"), env=env).start()
    b = Server(database_url=url, data_dir=str(tmp_path / "b"), env=env, workers=2).start()
    try:
        _scale_out(a, b, rules)
    finally:
        a.stop()
        b.stop()


def test_two_workers_on_sqlite(tmp_path):
    rules, env = _rules_copy(tmp_path)
    server = Server(data_dir=str(tmp_path / "data"), env=env, workers=2).start()
    try:
        _scale_out(server, server, rules)
    finally:
        server.stop()
