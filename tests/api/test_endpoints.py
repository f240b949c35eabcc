"""Every endpoint through a real uvicorn server, on SQLite and on PostgreSQL."""

import httpx
import pytest

from conftest import example


def problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status and body["title"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    return body


def test_health_and_readiness_need_no_key(api):
    assert httpx.get(api.url + "/healthz").json() == {"status": "ok", "rules": None, "database": None}
    ready = httpx.get(api.url + "/readyz").json()
    assert ready["status"] == "ok" and ready["database"] is True and len(ready["rules"]) == 16


def test_openapi_and_docs_are_served(api):
    spec = httpx.get(api.url + "/openapi.json").json()
    assert "/v1/assessments" in spec["paths"] and "/v1/rules/reload" in spec["paths"]
    assert spec["paths"]["/v1/assessments"]["post"]["responses"]["422"]["content"]["application/problem+json"]
    assert httpx.get(api.url + "/docs").status_code == 200


def test_assess_store_read_back_and_list(api):
    with api.client("case_system", "org-endpoints") as c:
        r = c.post("/v1/assessments", json=example())
        assert r.status_code == 200, r.text
        a = r.json()
        assert a["decision"] == "permissible" and a["primary_basis"] == "EU-2014-41"
        digest = c.get("/v1/rules").json()["digest"]
        assert a["ruleset"]["digest"] == digest
        got = c.get(f"/v1/assessments/{a['assessment_id']}")
        assert got.status_code == 200
        assert got.json() == a
        listed = c.get("/v1/assessments", params={"requesting_state": "FR", "measure": "bank_records"}).json()
        assert a["assessment_id"] in [i["assessment_id"] for i in listed["items"]]
        assert all(i["ruleset_digest"] == digest for i in listed["items"])
        assert c.get("/v1/assessments", params={"decision": "must_refuse", "requesting_state": "FR",
                                               "measure": "bank_records"}).json()["items"] == []
        later = c.get("/v1/assessments", params={"since": "2999-01-01T00:00:00Z"}).json()
        assert later["items"] == []
        window = c.get("/v1/assessments", params={"since": a["created_at"], "until": "2999-01-01T00:00:00Z"})
        assert a["assessment_id"] in [i["assessment_id"] for i in window.json()["items"]]


def test_pagination_walks_every_decision_once(api):
    with api.client("case_system", "org-pages") as c:
        made = c.post("/v1/assessments/batch", json={"requests": [example()] * 7}).json()["results"]
        ids = {m["assessment"]["assessment_id"] for m in made}
        assert len(ids) == 7 and all(m["status"] == 200 for m in made)
        seen, cursor = [], None
        for _ in range(10):
            page = c.get("/v1/assessments", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
            seen += [i["assessment_id"] for i in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(ids)
        problem(c.get("/v1/assessments", params={"cursor": "not-a-cursor!"}), 422)


def test_batch_reports_each_item_and_enforces_the_limit(api):
    with api.client("case_system") as c:
        bad = dict(example(), measure="bank_recrds")
        r = c.post("/v1/assessments/batch", json={"requests": [example(), bad]})
        assert r.status_code == 200
        first, second = r.json()["results"]
        assert first["status"] == 200 and first["assessment"]["decision"] == "permissible"
        assert second["status"] == 422 and second["problem"]["errors"][0]["field"] == "measure"
        assert "bank_records" in second["problem"]["errors"][0]["suggestions"][0]
        too_many = problem(c.post("/v1/assessments/batch", json={"requests": [example()] * 101}), 422)
        assert too_many["errors"][0]["field"] == "requests"


def test_replay_reports_no_change_under_the_same_rules(api):
    with api.client("case_system") as c:
        a = c.post("/v1/assessments", json=example("ng-ch-freezing")).json()
        r = c.post(f"/v1/assessments/{a['assessment_id']}/replay")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["changed"] is False and body["changes"] == []
        assert body["stored_digest"] == body["current_digest"] == a["ruleset"]["digest"]
        assert body["current"]["decision"] == a["decision"]
        problem(c.post("/v1/assessments/00000000-0000-0000-0000-000000000000/replay"), 404)


def test_unknown_ids_are_named_with_suggestions(api):
    with api.client("case_system") as c:
        req = example()
        req["offence"]["categories"] = ["bribery_foreign_oficial_active"]
        body = problem(c.post("/v1/assessments", json=req), 422)
        assert body["errors"][0]["field"] == "offence.categories[0]"
        assert body["errors"][0]["suggestions"]


@pytest.mark.parametrize("payload, field", [
    ({"requesting_state": "fr", "requested_state": "LU", "measure": "bank_records"}, "requesting_state"),
    ({"requested_state": "LU", "measure": "bank_records"}, "requesting_state"),
    ({"requesting_state": "FR", "requested_state": "LU", "measure": "bank_records", "colour": 1}, "colour"),
    ({"requesting_state": "FR", "requested_state": "LU", "measure": "bank_records",
      "events": {"received": "2026-12-01T10:00:00"}}, "events"),
    ({"requesting_state": "FR", "requested_state": "LU", "measure": "bank_records",
      "offence": {"max_penalty_years": -1}}, "offence.max_penalty_years"),
])
def test_schema_errors_name_the_field(api, payload, field):
    with api.client("case_system") as c:
        body = problem(c.post("/v1/assessments", json=payload), 422)
        assert any(e["field"] == field for e in body["errors"]), body


@pytest.mark.parametrize("raw", [b"{", b"[]", b"null", b"\xff\xfe", b"[" * 50_000, b'{"a":' * 20_000])
def test_malformed_bodies_are_problems_not_500(api, raw):
    with api.client("case_system") as c:
        r = c.post("/v1/assessments", content=raw, headers={"content-type": "application/json"})
        assert r.status_code in (400, 422)
        problem(r, r.status_code)


def test_edge_of_calendar_dates_are_refused_cleanly(api):
    req = dict(example(), events={"received": "9999-12-31T23:00:00+00:00"}, as_of="9999-12-31")
    with api.client("case_system") as c:
        r = c.post("/v1/assessments", json=req)
        assert r.status_code in (200, 422), r.text
        if r.status_code == 422:
            problem(r, 422)


def test_body_size_limit(api):
    with api.client("case_system") as c:
        big = dict(example())
        big["offence"] = dict(big["offence"], description="x" * 1_100_000)
        problem(c.post("/v1/assessments", json=big), 413)
        # Without Content-Length (chunked upload) the limit still holds.
        chunks = (b"x" * 65536 for _ in range(20))
        r = c.post("/v1/assessments", content=chunks, headers={"content-type": "application/json"})
        problem(r, 413)


def test_request_check_lists_missing_contents_without_storing(api):
    with api.client("case_system", "org-check") as c:
        before = len(c.get("/v1/assessments").json()["items"])
        ready = c.post("/v1/requests/check", json=example())
        assert ready.status_code == 200 and ready.json()["ready"] is True
        draft = dict(example(), request_contents=[], language="xx")
        r = c.post("/v1/requests/check", json=draft).json()
        assert r["ready"] is False
        assert {d["kind"] for d in r["defects"]} >= {"missing_content"}
        assert "eio_form" in [m["id"] for m in r["missing_contents"]]
        assert all(m["citations"] for m in r["missing_contents"])
        assert len(c.get("/v1/assessments").json()["items"]) == before


def test_deadlines_with_statuses(api):
    req = example()
    decided = {"recognition_decision": "2026-12-20T09:00:00+01:00"}
    with api.client("case_system") as c:
        r = c.post("/v1/deadlines", json={"request": req, "events": decided, "now": "2027-01-15T12:00:00+01:00"})
        assert r.status_code == 200, r.text
        d = {x["id"]: x for x in r.json()["deadlines"]}
        assert d["eio_recognition_decision"]["due_at"].startswith("2026-12-31")
        assert d["eio_recognition_decision"]["status"] == "met"  # decided on 20 December, before the due date
        late = {"recognition_decision": "2027-01-05T09:00:00+01:00"}
        r2 = c.post("/v1/deadlines", json={"request": req, "events": late, "now": "2027-01-15T12:00:00+01:00"})
        assert {x["id"]: x["status"] for x in r2.json()["deadlines"]}["eio_recognition_decision"] == "overdue"
        assert d["eio_execution"]["status"] == "open" and d["eio_execution"]["start_at"].startswith("2026-12-20")
        soft = c.post("/v1/deadlines", json={"request": example("ng-ch-freezing"), "now": "2027-01-15T12:00:00+01:00"})
        assert {x["id"]: x["status"] for x in soft.json()["deadlines"]}["uncac_execution"] == "soft"
        done = {**decided, "execution_completed": "2026-12-28T16:00:00+01:00"}
        met = c.post("/v1/deadlines", json={"request": req, "events": done, "now": "2027-01-15T12:00:00+01:00"})
        assert {x["id"]: x["status"] for x in met.json()["deadlines"]}["eio_execution"] == "met"
        early = c.post("/v1/deadlines", json={"request": req, "now": "2026-12-02T12:00:00+01:00"}).json()
        assert {x["id"]: x["status"] for x in early["deadlines"]}["eio_recognition_decision"] == "open"
        problem(c.post("/v1/deadlines", json={"request": req, "now": "2027-02-15T12:00:00"}), 422)


def test_reference_data_with_citations(api):
    with api.client("reviewer") as c:
        js = c.get("/v1/jurisdictions").json()
        assert "CH" in [j["code"] for j in js]
        ch = c.get("/v1/jurisdictions/ch").json()
        assert ch["name"] == "Switzerland" and ch["time_zone"] == "Europe/Zurich"
        assert any(p["instrument"] == "UNCAC" for p in ch["instruments"]) and ch["rules"]
        problem(c.get("/v1/jurisdictions/ZZ"), 404)
        problem(c.get("/v1/jurisdictions/ZZZ"), 422)
        ins = c.get("/v1/instruments").json()
        assert "UNCAC" in [i["id"] for i in ins]
        uncac = c.get("/v1/instruments/UNCAC").json()
        assert uncac["rules"] and all(r["citations"] for r in uncac["rules"])
        assert any(p["state"] == "CH" for p in uncac["party_list"])
        problem(c.get("/v1/instruments/NOPE"), 404)
        vocab = c.get("/v1/vocabulary").json()
        assert "bank_records" in [t["id"] for t in vocab["terms"]["measure"]]
        assert "received" in [t["id"] for t in vocab["terms"]["event"]]
        assert vocab["categories"]


def test_reports_are_built_by_the_engine(api):
    with api.client("reviewer") as c:
        r = c.get("/v1/reports/definitions", params={"format": "json", "state": ["CH", "DE"],
                                                       "offence": ["money_laundering"]})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body and "CH" in r.text and "DE" in r.text
        html = c.get("/v1/reports/coverage", params={"format": "html", "state": ["CH", "DE", "FR"],
                                                      "measure": ["freezing"]})
        assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
        assert "<table" in html.text
        bad = problem(c.get("/v1/reports/coverage", params={"state": ["ZZ"]}), 422)
        assert bad["errors"][0]["field"] == "state"
        problem(c.get("/v1/reports/diff"), 422)


def test_rule_check_returns_diagnostics_for_the_submitted_file(api):
    text = ('rule my_rule "Political offences"\n  under UNCAC\n  may refuse for politcal_offence\n'
            '  source UNCAC art. 46(21)(b)\nend\n')
    with api.client("drafter") as c:
        r = c.post("/v1/rules/check", json={"filename": "drafts/new.rules", "text": text}).json()
        assert r["ok"] is False and r["errors"] == 1
        [d] = r["diagnostics"]
        assert d["code"] == "R201" and d["span"]["file"] == "drafts/new.rules" and d["span"]["line"] == 3
        assert "political_offence" in d["suggestions"][0]
        assert "politcal_offence" in r["rendered"]
        good = c.post("/v1/rules/check", json={"filename": "drafts/new.rules",
                                                "text": text.replace("politcal", "political")}).json()
        assert good["ok"] is True and good["errors"] == 0
        syntax = c.post("/v1/rules/check", json={"filename": "x.rules", "text": "rule (( end"}).json()
        assert syntax["ok"] is False and syntax["diagnostics"][0]["code"].startswith("S")
        body = problem(c.post("/v1/rules/check", json={"filename": "../etc/passwd", "text": ""}), 422)
        assert body["errors"][0]["field"] == "filename"


def test_rule_text_is_data_never_code(api, tmp_path):
    marker = tmp_path / "executed"
    payloads = [f"import os\nos.system('touch {marker}')\n",
                f'rule x "{{{{ __import__(\'os\').system(\'touch {marker}\') }}}}"\n  under UNCAC\nend\n']
    with api.client("drafter") as c:
        for text in payloads:
            r = c.post("/v1/rules/check", json={"filename": "evil.rules", "text": text})
            assert r.status_code == 200 and r.json()["ok"] is False
    assert not marker.exists()


def test_rules_status(api):
    with api.client("reviewer") as c:
        s = c.get("/v1/rules").json()
        assert s["status"] == "ok" and s["digest"] == s["active_digest"] and s["files"] > 50 and s["rules"] > 100
        assert s["backend"] == "reference"


def test_audit_verify_endpoint_and_cli(api):
    with api.client("case_system") as c:
        assert c.post("/v1/assessments", json=example()).status_code == 200
    with api.client("reviewer") as c:
        v = c.get("/v1/audit/verify").json()
        assert v["ok"] is True and v["records"] >= 2 and len(v["head_hash"]) == 64
    out = api.comity("audit", "verify")
    assert out.returncode == 0 and out.stdout.startswith("ok:"), out.stderr
