"""The numbers in each report agree with assessments run one by one through the engine."""
import random

from engine.assess.models import AssistanceRequest
from engine.report import build, cases
from engine.report.definitions import matching
from engine.report.outcome import evaluate
from report_setup import AS_OF


def _same(o, a):
    assert o.decision == a.decision
    assert o.primary_basis == a.primary_basis
    assert o.dc_status == a.dual_criminality.status and o.dc_required == a.dual_criminality.required
    assert o.grounds == {g.id: g.status for g in a.refusal_grounds if g.status in ("applies", "unknown")}
    assert o.rules_applied == a.rules_applied
    assert o.applicable == sorted((b.instrument for b in a.legal_bases if b.applicable),
                                  key=lambda i: (i != a.primary_basis, i))


def test_coverage_matches_assess_on_the_golden_rule_base(golden_engine):
    data = build("coverage", golden_engine, measures=["freezing", "witness_statement", "bank_records"],
                 offence=["money_laundering"], as_of=AS_OF, workers=1)
    facts, contents = cases.assumptions(golden_engine.rb)
    assert len(data.records) == 5 * 4 * 3
    for rec in data.records:
        req = cases.request(rec["requesting"], rec["requested"], rec["measure"], rec["offence"], AS_OF, facts,
                            cases.DEFAULT_PENALTY_YEARS, contents)
        a = golden_engine.assess(req, questions=False)
        assert rec["decision"] == a.decision, rec
        assert rec["legal_basis"] == a.primary_basis
        assert rec["dual_criminality"] == a.dual_criminality.status
        assert rec["dual_criminality_required"] == a.dual_criminality.required


def test_coverage_summary_counts_match_the_records(golden_engine):
    data = build("coverage", golden_engine, as_of=AS_OF, workers=1, measures=["freezing"])
    n_must = sum(1 for r in data.records if r["decision"] == "must_refuse")
    assert f"must refuse {n_must}" in data.summary[1]
    no_basis = sum(1 for r in data.records if r["legal_basis"] is None)
    assert f"No legal basis: {no_basis} pair(s)" in data.summary[2]
    # the US is party to nothing here and has no law of assistance encoded; FR and NG have none either,
    # so only CH and DE (their own law) can assist the US
    assert no_basis == 4 + 2


def test_fast_path_equals_assess_on_a_sample_of_the_shipped_rule_base(shipped_engine):
    rb = shipped_engine.rb
    rnd = random.Random(3)
    states, measures, cats = sorted(rb.jurisdictions), rb.names("measure"), sorted(rb.categories)
    facts, contents = cases.assumptions(rb)
    for i in range(60):
        a, b = rnd.sample(states, 2)
        req = cases.request(a, b, rnd.choice(measures), [rnd.choice(cats)], AS_OF,
                            facts if i % 2 else {}, 4, contents if i % 2 else None)
        _same(evaluate(shipped_engine, req), shipped_engine.assess(req, questions=False))


def test_parallel_run_equals_sequential(golden_engine):
    kw = dict(measures=["freezing", "bank_records"], offence=["money_laundering"], as_of=AS_OF)
    seq = build("coverage", golden_engine, workers=1, **kw)
    from engine.report import runner

    par_items = runner.run_all(golden_engine, evaluate, [
        cases.request(r["requesting"], r["requested"], r["measure"], r["offence"], AS_OF,
                      *cases.assumptions(golden_engine.rb)[:1], cases.DEFAULT_PENALTY_YEARS,
                      cases.assumptions(golden_engine.rb)[1]) for r in seq.records], workers=2, min_parallel=1)
    assert [o.decision for o in par_items] == [r["decision"] for r in seq.records]
    assert [o.primary_basis for o in par_items] == [r["legal_basis"] for r in seq.records]


def test_gaps_prefilter_loses_nothing(golden_engine):
    kw = dict(offence=["money_laundering", "trading_in_influence", "illicit_enrichment"],
              measures=["freezing", "witness_statement", "bank_records", "search_and_seizure"], as_of=AS_OF, workers=1)
    fast = build("gaps", golden_engine, **kw)
    full = build("gaps", golden_engine, prefilter=False, **kw)
    assert fast.records == full.records
    assert fast.records  # the golden rule base has gaps


def test_gaps_match_assess(golden_engine):
    data = build("gaps", golden_engine, offence=["trading_in_influence"], measures=["freezing", "witness_statement"],
                 as_of=AS_OF, workers=1)
    facts, contents = cases.assumptions(golden_engine.rb)
    found = set()
    for a in sorted(golden_engine.rb.jurisdictions):
        for b in sorted(golden_engine.rb.jurisdictions):
            for m in ("freezing", "witness_statement"):
                if a == b:
                    continue
                req = cases.request(a, b, m, ["trading_in_influence"], AS_OF, facts, 5.0, contents)
                res = golden_engine.assess(req, questions=False)
                ground = next((g for g in res.refusal_grounds if g.id == "no_dual_criminality"), None)
                if ground and ground.status in ("applies", "unknown") and res.dual_criminality.status != "satisfied":
                    found.add((a, b, m, "refused" if ground.mandatory else "discretion"))
    assert {(r["requesting"], r["requested"], r["measure"], r["effect"]) for r in data.records} == found
    # non-coercive measures: dual criminality is not required, so never a gap here
    assert all(r["measure"] == "freezing" for r in data.records)


def test_definitions_covered_agrees_with_the_engines_dual_criminality(golden_engine):
    rb = golden_engine.rb
    data = build("definitions", golden_engine, as_of=AS_OF)
    for rec in (r for r in data.records if r.get("table", "").startswith("definitions:")):
        other = next(s for s in sorted(rb.jurisdictions) if s != rec["state"])
        req = AssistanceRequest(requesting_state=other, requested_state=rec["state"], measure="freezing",
                                offence={"categories": [rec["category"]]}, as_of=AS_OF)
        dc = golden_engine.assess(req, questions=False).dual_criminality
        assert rec["covered"] == bool(dc.offences), rec
        best, _ = matching(rb, rec["state"], rec["category"])
        if rec["covered"]:
            assert best is not None and best.id.name in dc.offences


def test_definitions_flags(golden_engine):
    data = build("definitions", golden_engine, as_of=AS_OF)
    flags = {r["state"]: r for r in data.records if r["table"] == "flags"}
    assert flags["DE"]["non_conviction_based_confiscation"] is True
    assert flags["FR"]["non_conviction_based_confiscation"] is False
    assert flags["NG"]["illicit_enrichment"] is True and flags["CH"]["illicit_enrichment"] is False
    assert flags["DE"]["private_sector_bribery"] is True
    ml = {r["state"]: r for r in data.records if r.get("category") == "money_laundering"}
    assert ml["NG"]["covered"] is False and ml["NG"]["additional_elements"] == ["organised_criminal_group"]
    assert ml["FR"]["elements"]["knowledge_of_illicit_origin"] is False  # wider: no knowledge element


def test_deadlines_report_lists_every_deadline_the_engine_returns(shipped_engine):
    data = build("deadlines", shipped_engine, as_of=AS_OF)
    by_rule = {r["rule"]: r for r in data.records}
    rb = shipped_engine.rb
    rnd = random.Random(5)
    facts, contents = cases.assumptions(rb)
    states, measures = sorted(rb.jurisdictions), rb.names("measure")
    seen = 0
    for _ in range(80):
        a, b = rnd.sample(states, 2)
        m = rnd.choice(measures)
        req = cases.request(a, b, m, ["money_laundering"], AS_OF, facts, 5.0, contents)
        for d in shipped_engine.assess(req, questions=False).deadlines:
            rec = by_rule[d.rule]
            assert m in rec["measures"], (d.rule, m)
            assert rec["kind"] == d.kind
            if d.kind == "fixed":
                assert rec["counting"] == d.counting
            seen += 1
    assert seen


def test_diff_matches_assess_on_both_versions(golden_engine, amended_engine):
    data = build("diff", golden_engine, old=golden_engine, new=amended_engine, requests="grid",
                 measures=["freezing"], offence=["trading_in_influence"], as_of=AS_OF, workers=1)
    facts, contents = cases.assumptions(golden_engine.rb)
    changed = set()
    for a in sorted(golden_engine.rb.jurisdictions):
        for b in sorted(golden_engine.rb.jurisdictions):
            if a != b:
                req = cases.request(a, b, "freezing", ["trading_in_influence"], AS_OF, facts, 5.0, contents)
                x, y = golden_engine.assess(req, questions=False), amended_engine.assess(req, questions=False)
                if x.decision != y.decision:
                    changed.add((a, b, x.decision, y.decision))
    got = {(r["requesting"], r["requested"], r["old"]["decision"], r["new"]["decision"]) for r in data.records
           if r["old"]["decision"] != r["new"]["decision"]}
    assert got == changed and changed
    assert all("ch_imac_64_1_refusal" in r["rules_responsible"] for r in data.records if r["requested"] == "CH")


def test_ordinary_facts_are_read_from_the_refusal_rules(golden_engine):
    assert cases.ordinary_facts(golden_engine.rb) == {"essential_interests_prejudiced": False,
                                                      "political_offence": False}
