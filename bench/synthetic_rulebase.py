"""A generated, well-formed rule base of any size, for benchmarks: N states (real ISO 3166 codes, in
order), M instruments with parties, national offences with elements, and a few rules each.

    python bench/synthetic_rulebase.py OUTDIR --states 200 --instruments 30

The content is synthetic: names, citations and dates follow the rule language but encode no real law.
The shared vocabulary (rules/vocabulary.rules) is copied in, so OUTDIR alone is a complete rule base.
Generation is deterministic for given parameters and seed.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine.iso_codes import COUNTRIES  # noqa: E402

CATEGORIES = {  # category -> elements, as in rules/vocabulary.rules
    "bribery_national_official_active": ["promise_offer_or_give", "undue_advantage", "national_public_official",
                                         "act_or_refrain_in_official_duties", "intent"],
    "bribery_foreign_official_active": ["promise_offer_or_give", "undue_advantage", "foreign_public_official",
                                        "act_or_refrain_in_official_duties", "international_business", "intent"],
    "embezzlement_public_funds": ["misappropriation_or_diversion", "entrusted_property", "national_public_official",
                                  "intent"],
    "trading_in_influence": ["promise_offer_or_give", "undue_advantage", "abuse_of_influence", "intent"],
    "illicit_enrichment": ["significant_increase_in_assets", "unexplained_in_relation_to_income",
                           "national_public_official", "intent"],
    "bribery_private_sector": ["promise_offer_or_give", "undue_advantage", "private_sector_person", "breach_of_duty",
                               "economic_financial_commercial_activity", "intent"],
    "money_laundering": ["conversion_transfer_or_concealment", "proceeds_of_crime", "knowledge_of_illicit_origin",
                         "proceeds_of_another_person", "intent"],
    "self_laundering": ["conversion_transfer_or_concealment", "proceeds_of_crime", "knowledge_of_illicit_origin",
                        "own_predicate_offence", "intent"],
}
OPTIONAL = ("trading_in_influence", "illicit_enrichment", "self_laundering", "bribery_private_sector")
KINDS = ("multilateral", "regional", "bilateral")


def state_codes(n: int) -> list[str]:
    codes = sorted(COUNTRIES)
    if n > len(codes):
        raise SystemExit(f"at most {len(codes)} states (ISO 3166-1 alpha-2 codes)")
    return codes[:n]


def instrument_plan(codes: list[str], m: int, rnd: random.Random) -> list[tuple[str, str, list[str]]]:
    """(id, kind, parties): the first is universal, then regional groups, then bilateral treaties."""
    plan = [("SYN-UN", "multilateral", list(codes))]
    n_regional = max(0, min(m - 1, (m - 1) // 2 + 1))
    size = max(2, len(codes) // max(1, n_regional))
    for i in range(n_regional):
        group = codes[i * size:(i + 1) * size] or rnd.sample(codes, min(len(codes), 10))
        plan.append((f"SYN-R{i + 1:02d}", "regional", group))
    for i in range(m - 1 - n_regional):
        plan.append((f"SYN-B{i + 1:02d}", "bilateral", sorted(rnd.sample(codes, 2))))
    return plan[:m]


def instrument_file(iid: str, kind: str, parties: list[str], index: int) -> str:
    year = 1990 + index % 30
    out = [f"# {iid}: a generated {kind} instrument.\n",
           f'instrument {iid} "Synthetic {kind} convention {iid}"',
           f"  kind {kind}", f"  adopted {year}-01-15", f"  in force {year + 1}-03-01",
           "  measures all", "  offences all", f"  source {iid} art. 1", "end\n"]
    for p in parties:
        out += [f"party {p} to {iid}", f"  in force {year + 2}-06-01", f"  source {iid} art. 30", "end\n"]
    s = iid.lower().replace("-", "_")
    out += [
        f'rule {s}_dc "Dual criminality for coercive measures"', f"  under {iid}",
        "  dual criminality is required", "  when measure is coercive", f"  source {iid} art. 5(1)", "end\n",
        f'rule {s}_dc_refusal "Absence of dual criminality"', f"  under {iid}",
        "  may refuse for no_dual_criminality",
        "  when dual criminality is required and not dual criminality is satisfied",
        f"  source {iid} art. 5(2)", "end\n",
        f'rule {s}_interests "Essential interests"', f"  under {iid}",
        "  may refuse for essential_interests", "  when essential_interests_prejudiced",
        f"  source {iid} art. 6(1)", "end\n",
        f'rule {s}_secrecy "Bank secrecy is no ground for refusal"', f"  under {iid}",
        "  shall not refuse for bank_secrecy", f"  source {iid} art. 6(2)", "end\n",
        f'rule {s}_contents "Contents of the request"', f"  under {iid}",
        "  request must contain requesting_authority, summary_of_facts, assistance_sought",
        f"  source {iid} art. 7(1)", "end\n",
        f'rule {s}_execution "Execution of the request"', f"  under {iid}",
        f'  deadline {s}_execution "Execute the request" '
        + ("as soon as possible from received" if index % 2 else f"within {30 + index % 4 * 15} calendar days from received"),
        f"  source {iid} art. 8(1)", "end\n",
    ]
    return "\n".join(out)


def state_file(code: str, rnd: random.Random) -> str:
    law = f"{code}-MLA"
    s = code.lower()
    out = [f"# {code}: a generated jurisdiction.\n",
           f'jurisdiction {code} "State {code}"', '  time zone "UTC"', "  languages en",
           '  central authority "Ministry of Justice"', "  channels central_authority, diplomatic",
           f"  source {law} art. 1", "end\n",
           f'instrument {law} "Mutual Legal Assistance Act of {code}"', "  kind domestic", f"  of {code}",
           "  measures all", "  offences all", f"  source {law} art. 1", "end\n",
           f'precedence {s}_treaties_prevail "Treaties prevail over the Act"',
           f"  {law} yields to any instrument of kind multilateral, regional, bilateral binding both states",
           f"  source {law} art. 2", "end\n"]
    for cat, elements in CATEGORIES.items():
        if cat in OPTIONAL and rnd.random() < 0.35:
            continue  # not criminalised here: dual criminality fails for this conduct
        els = list(elements)
        if cat == "bribery_foreign_official_active" and rnd.random() < 0.4:
            els.remove("international_business")  # a wider definition than the convention's
        if cat == "money_laundering" and rnd.random() < 0.2:
            els.append("organised_criminal_group")  # a narrower one: requires an extra element
        years = rnd.choice([2, 3, 4, 5, 7, 10, 12])
        out += [f'offence {s}_{cat} "{cat.replace("_", " ").capitalize()}" in {code}', f"  category {cat}",
                f"  elements {', '.join(els)}", f"  maximum penalty {years} years",
                f"  source {code}-PC art. {100 + len(out) % 400}", "end\n"]
    out += [f'rule {s}_dc "No coercive measure without dual criminality"', f"  under {law}",
            "  dual criminality is required", "  when measure is coercive", f"  source {law} art. 10(1)", "end\n",
            f'rule {s}_dc_refusal "Refusal for absence of dual criminality"', f"  under {law}",
            f"  {'must' if rnd.random() < 0.5 else 'may'} refuse for no_dual_criminality",
            "  when measure is coercive and dual criminality is required and not dual criminality is satisfied",
            f"  source {law} art. 10(2)", "end\n",
            f'rule {s}_political "Political offences"', f"  under {law}", "  must refuse for political_offence",
            "  when political_offence", f"  source {law} art. 3(1)", "end\n",
            f'rule {s}_freezing_deadline "Decision on a freezing request"', f"  under {law}",
            f'  deadline {s}_freezing_decision "Decide on the freezing request" within {rnd.choice([2, 5, 10])} '
            f"working days from received", "  when measure is freezing", f"  source {law} art. 20(1)", "end\n"]
    if rnd.random() < 0.4:
        out += [f'rule {s}_ncb "Confiscation without conviction"', f"  under {law}",
                "  provides non_conviction_based_confiscation", f"  source {law} art. 30(1)", "end\n"]
    return "\n".join(out)


def generate(outdir: Path, states: int = 193, instruments: int = 5, seed: int = 1) -> Path:
    """Write the rule base under outdir (created; files of a previous run are replaced)."""
    codes = state_codes(states)
    rnd = random.Random(seed)
    outdir = Path(outdir)
    (outdir / "instruments").mkdir(parents=True, exist_ok=True)
    (outdir / "jurisdictions").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "rules" / "vocabulary.rules", outdir / "vocabulary.rules")
    for i, (iid, kind, parties) in enumerate(instrument_plan(codes, max(1, instruments), rnd)):
        (outdir / "instruments" / f"{iid.lower()}.rules").write_text(instrument_file(iid, kind, parties, i),
                                                                       encoding="utf-8")
    for code in codes:
        (outdir / "jurisdictions" / f"{code.lower()}.rules").write_text(state_file(code, rnd), encoding="utf-8")
    return outdir



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--states", type=int, default=193)
    ap.add_argument("--instruments", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    out = generate(Path(args.outdir), states=args.states, instruments=args.instruments, seed=args.seed)
    n = sum(1 for _ in out.rglob("*.rules"))
    print(f"{out}: {args.states} states, {args.instruments} instruments, {n} rule files")


if __name__ == "__main__":
    main()
