"""bench/synthetic_rulebase.py writes a rule base that checks cleanly and that the reports can run on."""
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path("bench").resolve()))

from synthetic_rulebase import generate  # noqa: E402


def test_generated_rule_base_checks_and_reports(tmp_path):
    from engine.assess.engine import Engine
    from engine.loader import load
    from engine.report import build

    out = generate(tmp_path / "rb", states=12, instruments=4)
    rb, diags = load([str(out)])
    assert not diags.errors, [str(d) for d in diags.errors][:5]
    assert len(rb.jurisdictions) == 12 and len([i for i in rb.instruments.values() if i.kind != "domestic"]) == 4
    engine = Engine.from_rulebase(rb, "reference")
    data = build("coverage", engine, as_of=date(2026, 1, 15), workers=1)
    assert len(data.records) == 12 * 11
    assert all(r["legal_basis"] for r in data.records)  # the universal instrument binds every pair
    gaps = build("gaps", engine, as_of=date(2026, 1, 15), offence=["trading_in_influence"], measures=["freezing"],
                 workers=1)
    assert gaps.records  # some states do not criminalise trading in influence
