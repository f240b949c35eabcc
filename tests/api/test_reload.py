"""Hot reload: a broken rule base is refused while assessments keep being answered by the old one."""
import shutil

import httpx

from conftest import example
from load import Stream
from server import ROOT, Server


def test_broken_reload_is_refused_under_load_and_a_clean_one_swaps_in(tmp_path):
    rules, juris = tmp_path / "rules", tmp_path / "jurisdictions"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copytree(ROOT / "jurisdictions", juris)
    server = Server(data_dir=str(tmp_path / "data"), env={"COMITY_RULES": f"{rules}:{juris}"}).start()
    try:
        with server.client("drafter") as drafter:
            old = drafter.get("/v1/rules").json()["digest"]
            with Stream(server.url, server.key("case_system"), example(), clients=3) as stream:
                stream.wait_for(5)
                (rules / "zz_broken.rules").write_text('rule broken "x"\n  under UNCAC\n  may refuse for nothing_known\n'
                                                       "  source UNCAC art. 46(21)\nend\n")
                r = drafter.post("/v1/rules/reload")
                assert r.status_code == 409, r.text
                body = r.json()
                assert body["ok"] is False and body["digest"] == old
                assert any(d["code"] == "R201" and d["span"]["file"].endswith("zz_broken.rules")
                           for d in body["diagnostics"])
                assert "nothing_known" in body["rendered"]
                stream.wait_for(5)
                status = drafter.get("/v1/rules").json()
                assert status["digest"] == old and status["status"] == "ok"

                (rules / "zz_broken.rules").unlink()
                with open(rules / "vocabulary.rules", "a") as fh:
                    fh.write("\n# reviewed again\n")
                r = drafter.post("/v1/rules/reload")
                assert r.status_code == 200, r.text
                new = r.json()["digest"]
                assert r.json()["changed"] is True and new != old
                stream.wait_for(5)
            results = list(stream.results)
            assert stream.failures == []
            assert results and all(code == 200 for code, _ in results), [b for c, b in results if c != 200][:1]
            digests = [b["ruleset"]["digest"] for _, b in results]
            assert set(digests) == {old, new}
            # Once the new rule base answered, the old one never did again.
            first_new = digests.index(new)
            assert all(d == new for d in digests[first_new + 3:])  # up to one in-flight request per client
            assert drafter.get("/v1/rules").json()["digest"] == new
            again = drafter.post("/v1/rules/reload").json()
            assert again["ok"] is True and again["changed"] is False
        with server.client("case_system") as c:
            a = c.post("/v1/assessments", json=example()).json()
            assert a["ruleset"]["digest"] == new
            stored = c.get("/v1/assessments", params={"limit": 500}).json()["items"]
            assert {i["ruleset_digest"] for i in stored} == {old, new}
    finally:
        server.stop()
    assert server.comity("audit", "verify").returncode == 0


def test_a_broken_rule_base_at_start_up_falls_back_to_the_published_one(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    env = {"COMITY_RULES": f"{rules}:{ROOT / 'jurisdictions'}"}
    first = Server(data_dir=str(tmp_path / "data"), env=env).start()
    with first.client("reviewer") as c:
        digest = c.get("/v1/rules").json()["digest"]
    first.stop()
    (rules / "vocabulary.rules").write_text("this is not a rule file")
    second = Server(data_dir=str(tmp_path / "data"), env=env).start()
    try:
        with second.client("reviewer") as c:
            s = c.get("/v1/rules").json()
            assert s["digest"] == digest and s["source"] == "database"
        with second.client("case_system") as c:
            assert c.post("/v1/assessments", json=example()).json()["ruleset"]["digest"] == digest
    finally:
        second.stop()


def test_not_ready_without_any_rule_base(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bad.rules").write_text("rule (")
    server = Server(data_dir=str(tmp_path / "data"), env={"COMITY_RULES": str(rules)}).start(probe="/healthz")
    try:
        r = httpx.get(server.url + "/readyz")
        assert r.status_code == 503 and r.json() == {"status": "unavailable", "rules": None, "database": True}
        with server.client("case_system") as c:
            p = c.post("/v1/assessments", json=example())
            assert p.status_code == 503 and p.json()["detail"] == "no rule base is loaded"
        with server.client("drafter") as c:
            r = c.post("/v1/rules/reload")
            assert r.status_code == 409 and r.json()["digest"] is None and r.json()["diagnostics"]
    finally:
        server.stop()
