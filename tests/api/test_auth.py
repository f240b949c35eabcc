"""Every endpoint refuses a missing key, a wrong key and a wrong role; case systems see only their own."""
import httpx
import pytest

from conftest import example

ID = "00000000-0000-0000-0000-000000000000"
ROLES = ("case_system", "reviewer", "drafter", "admin")
EVERYONE = set(ROLES)

# (method, path, body, roles allowed): must cover every operation in the OpenAPI document.
ENDPOINTS = [
    ("POST", "/v1/assessments", example(), {"case_system", "admin"}),
    ("POST", "/v1/assessments/batch", {"requests": [example()]}, {"case_system", "admin"}),
    ("GET", "/v1/assessments", None, {"case_system", "reviewer", "admin"}),
    ("GET", f"/v1/assessments/{ID}", None, {"case_system", "reviewer", "admin"}),
    ("POST", f"/v1/assessments/{ID}/replay", None, {"case_system", "reviewer", "admin"}),
    ("POST", "/v1/requests/check", example(), {"case_system", "admin"}),
    ("POST", "/v1/deadlines", {"request": example()}, {"case_system", "admin"}),
    ("GET", "/v1/jurisdictions", None, EVERYONE),
    ("GET", "/v1/jurisdictions/CH", None, EVERYONE),
    ("GET", "/v1/instruments", None, EVERYONE),
    ("GET", "/v1/instruments/UNCAC", None, EVERYONE),
    ("GET", "/v1/vocabulary", None, EVERYONE),
    ("GET", "/v1/rules", None, EVERYONE),
    ("POST", "/v1/rules/check", {"filename": "a.rules", "text": ""}, {"drafter", "admin"}),
    ("POST", "/v1/rules/reload", None, {"drafter", "admin"}),
    ("POST", "/v1/keys", {"role": "reviewer"}, {"admin"}),
    ("GET", "/v1/keys", None, {"admin"}),
    ("DELETE", "/v1/keys/nokey", None, {"admin"}),
    ("GET", "/v1/audit/verify", None, {"reviewer", "admin"}),
    ("GET", "/v1/reports/deadlines", None, {"reviewer", "admin"}),
]


def _template(path: str) -> str:
    for concrete, name in ((ID, "{assessment_id}"), ("/CH", "/{iso}"), ("/UNCAC", "/{instrument_id}"),
                           ("/nokey", "/{key_id}"), ("/reports/deadlines", "/reports/{kind}")):
        path = path.replace(concrete, name)
    return path


def test_the_table_covers_every_operation(sqlite_api):
    spec = httpx.get(sqlite_api.url + "/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops if p.startswith("/v1/")}
    assert documented == {(m, _template(p)) for m, p, _, _ in ENDPOINTS}
    for p, ops in spec["paths"].items():
        for op in ops.values():
            assert bool(op.get("security")) == p.startswith("/v1/"), p


def _call(client: httpx.Client, method: str, path: str, body, headers=None) -> httpx.Response:
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize("method, path, body, allowed", ENDPOINTS, ids=[f"{m} {p}" for m, p, _, _ in ENDPOINTS])
def test_missing_wrong_and_unauthorised_keys_are_refused(sqlite_api, method, path, body, allowed):
    with httpx.Client(base_url=sqlite_api.url, timeout=60) as anon:
        for headers in (None, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwYXNz"}):
            r = _call(anon, method, path, body, headers)
            assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", (headers, r.text)
            assert r.headers["content-type"].startswith("application/problem+json")
        real = sqlite_api.key("case_system")
        for wrong in ("Bearer not-a-key", "Bearer " + real[:-2] + "xx", "Bearer cmty_ffffffffffff_" + "a" * 43):
            r = _call(anon, method, path, body, {"Authorization": wrong})
            assert r.status_code == 401, (wrong, r.text)
    for role in ROLES:
        if role == "admin" and method == "POST" and path == "/v1/rules/reload":
            continue  # a successful reload is exercised in test_reload.py
        with sqlite_api.client(role) as c:
            r = _call(c, method, path, body)
            if role in allowed:
                assert r.status_code not in (401, 403), (role, r.text)
            else:
                assert r.status_code == 403, (role, r.text)
                assert role in r.json()["detail"]


def test_case_systems_see_only_their_organisations_decisions(sqlite_api):
    with sqlite_api.client("case_system", "org-a") as a, sqlite_api.client("case_system", "org-b") as b:
        mine = a.post("/v1/assessments", json=example()).json()["assessment_id"]
        theirs = b.post("/v1/assessments", json=example()).json()["assessment_id"]
        assert a.get(f"/v1/assessments/{mine}").status_code == 200
        assert a.get(f"/v1/assessments/{theirs}").status_code == 404
        assert a.post(f"/v1/assessments/{theirs}/replay").status_code == 404
        listed = [i["assessment_id"] for i in a.get("/v1/assessments", params={"limit": 500}).json()["items"]]
        assert mine in listed and theirs not in listed
    # Another key of the same organisation shares its decisions.
    sqlite_api.keys.pop("case_system:org-a")
    with sqlite_api.client("case_system", "org-a") as a2:
        assert a2.get(f"/v1/assessments/{mine}").status_code == 200
    # A key without an organisation sees only what it created itself.
    with sqlite_api.client("case_system") as solo:
        assert solo.get(f"/v1/assessments/{mine}").status_code == 404
    with sqlite_api.client("reviewer") as r:
        assert r.get(f"/v1/assessments/{theirs}").status_code == 200


def test_key_management_and_revocation(sqlite_api):
    with sqlite_api.client("admin") as admin:
        made = admin.post("/v1/keys", json={"role": "reviewer", "org": "fiu", "label": "test"})
        assert made.status_code == 201
        key, key_id = made.json()["key"], made.json()["id"]
        listed = admin.get("/v1/keys").json()
        assert key_id in [k["id"] for k in listed]
        assert key not in str(listed)  # the secret is shown once only
        with httpx.Client(base_url=sqlite_api.url, headers={"Authorization": f"Bearer {key}"}) as c:
            assert c.get("/v1/rules").status_code == 200
            assert admin.delete(f"/v1/keys/{key_id}").json()["revoked_at"]
            assert c.get("/v1/rules").status_code == 401
        assert admin.delete("/v1/keys/nokey").status_code == 404
        bad = admin.post("/v1/keys", json={"role": "root"})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "role"


def test_keys_are_stored_hashed(sqlite_api):
    key = sqlite_api.key("drafter", "hash-check")
    db = sqlite_api.database()
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, secret_hash FROM api_keys").fetchall()
    db.dispose()
    assert all(key not in f"{i}{h}" and key.split("_")[2] not in h for i, h in rows)
    assert key.split("_")[1] in [i for i, _ in rows]


def test_cli_creates_a_key_once_and_lists_it(sqlite_api):
    out = sqlite_api.comity("keys", "create", "--role", "reviewer", "--org", "cli-org")
    assert out.returncode == 0, out.stderr
    key = out.stdout.strip()
    assert key.startswith("cmty_") and "store the key now" in out.stderr
    with httpx.Client(base_url=sqlite_api.url, headers={"Authorization": f"Bearer {key}"}) as c:
        assert c.get("/v1/vocabulary").status_code == 200
    listing = sqlite_api.comity("keys", "list").stdout
    assert key.split("_")[1] in listing and key not in listing
    assert sqlite_api.comity("keys", "create", "--role", "root").returncode == 2
    assert sqlite_api.comity("keys", "revoke", key.split("_")[1]).returncode == 0
    assert sqlite_api.comity("keys", "revoke", "nokey").returncode == 1
