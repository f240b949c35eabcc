"""The command line: exit codes, JSON output, friendly errors."""
import json
import subprocess
import sys


def comity(*args, input=None):
    return subprocess.run([sys.executable, "-m", "engine.cli", *args], capture_output=True, text=True, input=input)


def test_check_clean_exits_zero():
    r = comity("check")
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_bad_file_exits_one_with_json():
    r = comity("check", "--format", "json", "tests/golden/diagnostics/bad/typo_reference.rules")
    assert r.returncode == 1
    codes = {d["code"] for d in json.loads(r.stdout)}
    assert "R201" in codes


def test_assess_example_text_and_json():
    r = comity("assess", "examples/requests/fr-lu-bank-records.json")
    assert r.returncode == 0 and r.stdout.startswith("DECISION:")
    r = comity("assess", "examples/requests/fr-lu-bank-records.json", "--format", "json", "--backend", "reference")
    assert json.loads(r.stdout)["primary_basis"] == "EU-2014-41"


def test_bad_request_names_the_field_without_traceback():
    r = comity("assess", "-", input='{"requesting_state": "FR", "requested_state": "LU", "measure": "bank_recrods"}')
    assert r.returncode == 2 and "field `measure`" in r.stderr and "Traceback" not in r.stderr
    r = comity("assess", "-", input='{"requesting_state": "France"}')
    assert r.returncode == 2 and "requesting_state" in r.stderr and "Traceback" not in r.stderr
