"""Engine properties: both evaluators agree, requests evaluated together get their own answers,
answers are deterministic, unrelated facts change nothing, concurrent assessments equal
sequential ones, unstratifiable programs are rejected."""
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine.assess.models import AssistanceRequest

STATES = ["CH", "GB", "US", "DE", "FR", "IT", "NL", "ES", "BE", "DK", "IE", "LU", "PT", "CY", "NG", "BR", "SG", "MY"]
MEASURES = ["service_of_documents", "witness_statement", "bank_records", "search_and_seizure", "freezing",
            "confiscation", "fiu_information", "asset_return"]
CATEGORIES = ["bribery_foreign_official_active", "money_laundering", "self_laundering", "embezzlement_public_funds",
              "bribery_private_sector", "fraud", "tax_evasion"]
FACTS = ["political_offence", "fiscal_offence", "bank_secrecy_invoked", "essential_interests_prejudiced",
         "ne_bis_in_idem", "order_final", "urgent", "reciprocity_assured", "trial_in_absentia"]
NOW = datetime(2026, 11, 25, tzinfo=timezone.utc)


@st.composite
def requests(draw):
    a, b = draw(st.lists(st.sampled_from(STATES), min_size=2, max_size=2, unique=True))
    facts = draw(st.dictionaries(st.sampled_from(FACTS), st.booleans(), max_size=4))
    return AssistanceRequest(
        requesting_state=a, requested_state=b, measure=draw(st.sampled_from(MEASURES)),
        offence={"categories": draw(st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=2, unique=True)),
                 "max_penalty_years": draw(st.sampled_from([None, 1, 3, 5, 10]))},
        events={"received": "2026-09-14T10:00:00+02:00"}, as_of=draw(st.sampled_from(["2015-06-01", "2026-09-14"])),
        facts=facts, request_contents=draw(st.sampled_from([None, [], ["requesting_authority", "summary_of_facts"]])),
        language=draw(st.sampled_from([None, "en", "fr", "de"])))


def _strip(a):
    d = a.model_dump(mode="json")
    d["ruleset"].pop("backend")
    return d


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(requests())
def test_reference_and_pydatalog_agree(engines, req):
    assert _strip(engines["reference"].assess(req, now=NOW)) == _strip(engines["pydatalog"].assess(req, now=NOW))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(requests(), min_size=1, max_size=6))
def test_requests_evaluated_together_get_their_own_answers(engines, reqs):
    """One multi-world pass of the reference evaluator gives each request what it gets alone, and
    what pyDatalog gives it."""
    ref, pyd = engines["reference"], engines["pydatalog"]
    together = ref.answer_many(reqs)
    assert together == [ref.answer(r) for r in reqs]
    assert together[0] == pyd.answer(reqs[0])


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(requests())
def test_deterministic(engines, req):
    e = engines["pydatalog"]
    assert _strip(e.assess(req, now=NOW)) == _strip(e.assess(req, now=NOW))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(requests())
def test_unrelated_fact_changes_nothing(engines, rulebase, req):
    rb, _ = rulebase
    from engine.check.walk import rule_atoms
    used = {a.refs[0].name for r in rb.rules.values() for a in rule_atoms(r) if a.refs}
    unused = sorted(set(rb.terms["fact"]) - used)
    if not unused:
        pytest.skip("every fact is used by some rule")
    e = engines["reference"]
    base = e.assess(req, now=NOW, questions=False)
    fact = unused[0]
    value = 1 if rb.terms["fact"][fact].fact_type == "number" else True
    alt = req.model_copy(update={"facts": {**req.facts, fact: value}})
    assert _strip(e.assess(alt, now=NOW, questions=False)) == _strip(base)


def test_concurrent_assessments_equal_sequential(engines):
    e = engines["pydatalog"]
    reqs = [AssistanceRequest(requesting_state=a, requested_state=b, measure=m,
                              offence={"categories": ["money_laundering"], "max_penalty_years": 5},
                              as_of="2026-09-14", facts={"political_offence": False})
            for a, b in [("FR", "LU"), ("NG", "SG"), ("DE", "DK"), ("CH", "US"), ("BR", "PT"), ("GB", "CH")]
            for m in ("bank_records", "freezing", "witness_statement")]
    sequential = [_strip(e.assess(r, now=NOW, questions=False)) for r in reqs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda r: _strip(e.assess(r, now=NOW, questions=False)), reqs * 3))
    assert concurrent == sequential * 3


def test_unstratifiable_program_is_rejected():
    from engine.assess.engine import Engine, RuleBaseError
    from engine.loader import load_texts

    text = open("rules/vocabulary.rules").read() + '''
fact loop_a boolean "a"
fact loop_b boolean "b"
instrument UNCAC "UNCAC"
  kind multilateral
  in force 2005-12-14
  source UNCAC art. 68(1)
end
rule make_a
  under UNCAC
  establishes loop_a
  when not loop_b
  source UNCAC art. 1
end
rule make_b
  under UNCAC
  establishes loop_b
  when not loop_a
  source UNCAC art. 1
end
'''
    rb, diags = load_texts({"loop.rules": text})
    assert not diags.errors
    with pytest.raises(RuleBaseError) as exc:
        Engine.from_rulebase(rb, "reference")
    d = exc.value.diagnostics[0]
    assert d.code == "C401" and "make_a" in d.message and "make_b" in d.message
