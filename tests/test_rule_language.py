"""The shipped rule base checks clean and round-trips; the syntax-error catalogue is consistent;
no input makes the parser or checker raise."""
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lark.exceptions import UnexpectedInput

from engine.loader import load_texts, parse_sources, rule_files
from engine.model.printer import print_module
from engine.syntax.error_examples import EXAMPLES
from engine.syntax.parse import match_label, parser

RULE_PATHS = ["rules", "jurisdictions"]  # relative to the checkout (conftest chdirs there)

SHIPPED = [str(p) for p in rule_files(RULE_PATHS)]


def test_shipped_rule_base_checks_clean(rulebase):
    rb, diags = rulebase
    assert [str(d.message) + " at " + str(d.span) for d in diags.errors] == []
    assert len(rb.rules) > 0


def _clean(o):
    if isinstance(o, dict):
        return {k: _clean(v) for k, v in o.items() if not k.endswith("span")}
    if isinstance(o, (list, tuple)):
        return [_clean(v) for v in o]
    return o


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(Path(p).relative_to(Path(RULE_PATHS[0]).parent)))
def test_round_trip(path):
    text = Path(path).read_text(encoding="utf-8")
    a, d1 = parse_sources({path: text})
    printed = print_module(a.modules[0])
    b, d2 = parse_sources({path: printed})
    assert not d1.errors and not d2.errors
    assert _clean([x.model_dump() for x in a.modules[0].declarations]) == \
        _clean([x.model_dump() for x in b.modules[0].declarations])


@pytest.mark.parametrize("label", sorted(EXAMPLES))
def test_every_error_example_maps_to_its_label(label):
    for snippet in EXAMPLES[label][2]:
        with pytest.raises(UnexpectedInput) as exc:
            parser().parse(snippet)
        assert match_label(exc.value) == label, snippet


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_crashes(text):
    load_texts({"fuzz.rules": text})


KEYWORDS = ["rule", "end", "when", "unless", "and", "or", "not", "source", "UNCAC art. 1", "(", ")", "\n",
            "may refuse for", "measure is", '"', "2020-13-45", "exception to", "under", "#"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SHIPPED), st.data())
def test_mutated_rule_files_never_crash(path, data):
    text = Path(path).read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, max(0, len(text) - 1)))
        op = data.draw(st.sampled_from(["delete", "insert", "swap"]))
        if op == "delete":
            text = text[:pos] + text[pos + data.draw(st.integers(1, 20)):]
        elif op == "insert":
            text = text[:pos] + data.draw(st.sampled_from(KEYWORDS)) + text[pos:]
        else:
            text = text[:pos] + data.draw(st.text(max_size=5)) + text[pos + 1:]
    load_texts({path: text})
