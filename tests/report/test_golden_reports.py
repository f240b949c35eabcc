"""Golden files for every report kind and format on the fixed rule base in tests/golden/reports/rulebase.
Regenerate with `pytest tests/report --update-golden` and review the diff."""
import re

import pytest

from engine.report import FORMATS, KINDS, render
from report_setup import GOLDEN_DIR, build_golden

# The digest covers rules/vocabulary.rules, which changes with the shipped rule base; the goldens
# should not, so it is masked (its presence in each header is checked below).
DIGEST = re.compile(r"\b[0-9a-f]{16}\b")


@pytest.fixture(scope="module")
def reports(golden_engine, amended_engine):
    return {k: build_golden(k, golden_engine, amended_engine) for k in KINDS}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("kind", KINDS)
def test_golden(kind, fmt, reports, update_golden):
    content, media_type = render(reports[kind], fmt)
    assert media_type == FORMATS[fmt]
    if fmt != "csv":  # CSV carries only the table rows
        assert reports[kind].ruleset_digest in content
    masked = DIGEST.sub("<digest>", content)
    path = GOLDEN_DIR / f"{kind}.{fmt}"
    if update_golden:
        path.write_text(masked, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run pytest --update-golden"
    assert masked == path.read_text(encoding="utf-8"), f"{path} differs; run --update-golden and review the diff"


def test_rendering_is_deterministic(golden_engine, amended_engine):
    a = build_golden("coverage", golden_engine, amended_engine)
    b = build_golden("coverage", golden_engine, amended_engine)
    assert render(a, "html") == render(b, "html")


def test_html_is_self_contained(reports):
    for kind, data in reports.items():
        html, _ = render(data, "html")
        assert "<script src" not in html and "<link rel=\"stylesheet\"" not in html
        for tag in re.findall(r"<(?:script|img|link|iframe)[^>]*>", html):
            assert "http" not in tag, (kind, tag)
        assert "Content-Security-Policy" in html
        assert data.as_of.isoformat() in html and data.generated_at.isoformat() in html
