"""Golden diagnostics: each bad file's rendered diagnostics (checked together with the shipped
rule base) must equal its .expected file; good files check clean. `--update-golden` rewrites."""
from pathlib import Path

import pytest

from engine.diagnostics.render import render_text
from engine.loader import read_sources, load_texts


HERE = Path(__file__).parent / "golden" / "diagnostics"


def _diagnose(path: Path) -> str:
    sources, _ = read_sources(["rules/vocabulary.rules", "tests/golden/diagnostics/base"])
    rel = f"tests/golden/diagnostics/{path.parent.name}/{path.name}"
    sources[rel] = path.read_text(encoding="utf-8")
    _, diags = load_texts(sources)
    mine = [d for d in diags if d.span and d.span.file == rel]
    return render_text(mine, sources=lambda f: sources.get(f))


@pytest.mark.parametrize("path", sorted((HERE / "bad").glob("*.rules")), ids=lambda p: p.stem)
def test_bad_file_diagnostics(path, update_golden):
    got = _diagnose(path)
    expected = path.with_suffix(".expected")
    if update_golden or not expected.exists():
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted((HERE / "good").glob("*.rules")), ids=lambda p: p.stem)
def test_good_file_is_clean(path):
    assert _diagnose(path) == ""


def test_typo_gets_one_precise_diagnostic_with_suggestion():
    text = _diagnose(HERE / "bad" / "typo_reference.rules")
    assert text.count("error[") == 1
    assert "typo_reference.rules:4:18" in text
    assert "^^^^^^^^^^^^^^^^" in text
    assert "did you mean `political_offence`?" in text


def test_three_mistakes_give_three_diagnostics():
    assert _diagnose(HERE / "bad" / "three_mistakes.rules").count("error[") == 3
