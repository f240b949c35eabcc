"""`comity compare KIND`: every kind runs with its defaults; formats and errors."""
import json

import pytest
from typer.testing import CliRunner

from engine.cli import app
from engine.report import KINDS

RULES = ["--rules", "rules/vocabulary.rules", "--rules", "tests/golden/reports/rulebase"]
runner = CliRunner()


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "diff"])
def test_every_kind_runs_with_defaults(kind, tmp_path):
    out = tmp_path / f"{kind}.html"
    res = runner.invoke(app, ["compare", kind, "-o", str(out)] + RULES)
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Ruleset digest" in html


def test_diff_between_two_directories_and_json(tmp_path):
    res = runner.invoke(app, ["compare", "diff", "--old", "tests/golden/reports/rulebase", "--new",
                              "tests/golden/reports/rulebase", "--requests", "grid", "--format", "json",
                              "--measure", "freezing", "--rules", "rules/vocabulary.rules"])
    # a directory without the shared vocabulary does not check: the error is reported, not a traceback
    assert res.exit_code == 1 and "error" in res.output


def test_diff_against_a_git_revision(tmp_path):
    from engine.report.versions import from_git

    paths = from_git("HEAD")
    assert any(p.endswith("rules") for p in paths)
    with pytest.raises(ValueError, match="neither a directory nor a git revision"):
        from_git("no-such-revision-xyz")


def test_formats_and_options(tmp_path):
    res = runner.invoke(app, ["compare", "coverage", "--format", "json", "--measure", "freezing",
                              "--state", "CH", "--state", "NG", "--as-of", "2026-01-15", "--fact",
                              "political_offence=true"] + RULES)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["as_of"] == "2026-01-15" and len(data["records"]) == 2
    assert data["parameters"]["assumed_facts"] == {"political_offence": True}
    res = runner.invoke(app, ["compare", "coverage", "--format", "csv", "--no-assumptions"] + RULES)
    assert res.exit_code == 0 and res.output.splitlines()[0].startswith("Requesting,Requested")


@pytest.mark.parametrize("args, message", [
    (["compare", "nonsense"], "use one of"),
    (["compare", "coverage", "--format", "pdf"], "use one of"),
    (["compare", "coverage", "--measure", "teleportation"], "unknown measure"),
    (["compare", "coverage", "--as-of", "yesterday"], "not a date"),
])
def test_errors_are_explained(args, message):
    res = runner.invoke(app, args + RULES)
    assert res.exit_code != 0
    assert message in res.output
