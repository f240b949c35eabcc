"""Shared settings of the report tests: the golden rule base, its amendment, fixed dates and options."""
from datetime import date, datetime, timezone
from pathlib import Path

GOLDEN_DIR = Path("tests/golden/reports")
GOLDEN_RULES = ["rules/vocabulary.rules", "tests/golden/reports/rulebase"]
AS_OF = date(2026, 1, 15)
GENERATED = datetime(2026, 1, 15, 12, 0, tzinfo=timezone.utc)
# An amendment of the golden rule base for the diff: Switzerland's refusal for want of dual
# criminality becomes discretionary, Switzerland criminalises trading in influence, and the
# essential-interests ground of UNCAC becomes mandatory.
AMENDMENT = {
    "tests/golden/reports/rulebase/states.rules": [
        ("  must refuse for no_dual_criminality\n  when measure is coercive",
         "  may refuse for no_dual_criminality\n  when measure is coercive"),
        ('offence ch_scc_322septies', 'offence ch_scc_322 "Trading in influence" in CH\n'
         "  category trading_in_influence\n  elements promise_offer_or_give, undue_advantage, abuse_of_influence, "
         "intent\n  maximum penalty 3 years\n  source CH-SCC art. 322quinquies\nend\n\noffence ch_scc_322septies"),
    ],
    "tests/golden/reports/rulebase/instruments.rules": [
        ("  may refuse for essential_interests\n", "  must refuse for essential_interests\n"),
    ],
}



OPTIONS = {
    "definitions": dict(),
    "coverage": dict(measures=["freezing", "witness_statement"], offence=["money_laundering"]),
    "gaps": dict(offence=["money_laundering", "trading_in_influence", "illicit_enrichment"],
                 measures=["freezing", "bank_records", "witness_statement"]),
    "deadlines": dict(),
    "diff": dict(requests="grid", measures=["freezing", "witness_statement"],
                 offence=["money_laundering", "trading_in_influence"], old_label="golden rule base",
                 new_label="amended golden rule base"),
}


def build_golden(kind, golden_engine, amended_engine):
    from engine.report import build

    opts = dict(OPTIONS[kind], as_of=AS_OF, generated_at=GENERATED, workers=1)
    if kind == "diff":
        opts.update(old=golden_engine, new=amended_engine)
    return build(kind, golden_engine, **opts)
