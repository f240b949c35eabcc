"""Requests the reports put to the engine, and the facts they assume.

Harmonization reports compare the law, not a particular file, so each request describes an
ordinary case: complete (it contains every item the rule base knows), and with no trigger of a
ground for refusal present. The second assumption is read from the rules themselves: a boolean fact
a refusal rule needs true is assumed false, one it needs false is assumed true; a fact used both
ways is left unknown. The assumed facts are listed in every report's parameters; `facts=None`
leaves every fact unknown, and the engine then reports those grounds as `unknown`.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Optional

from engine.assess.models import AssistanceRequest
from engine.model import ast

DEFAULT_MEASURE = "freezing"
DEFAULT_OFFENCE = "money_laundering"
DEFAULT_PENALTY_YEARS = 5.0
REFUSALS = ("may_refuse", "must_refuse")


def _triggers(cond, positive: bool, out: dict[str, set[bool]]) -> None:
    """Record, for each boolean fact, the value(s) that make a refusal condition true."""
    if isinstance(cond, ast.Atom):
        if cond.kind == "fact_true":
            out.setdefault(cond.refs[0].name, set()).add(positive)
        elif cond.kind == "fact_false":
            out.setdefault(cond.refs[0].name, set()).add(not positive)
    elif isinstance(cond, ast.Not):
        _triggers(cond.item, not positive, out)
    else:
        for item in cond.items:
            _triggers(item, positive, out)


def ordinary_facts(rb) -> dict[str, bool]:
    """Each boolean fact that triggers a refusal, set to the value that does not."""
    seen: dict[str, set[bool]] = {}
    for r in rb.rules.values():
        if r.conclusion is not None and r.conclusion.kind in REFUSALS:
            for c in r.when:
                _triggers(c, True, seen)
    facts = rb.terms.get("fact", {})
    return {f: not next(iter(vals)) for f, vals in sorted(seen.items())
            if len(vals) == 1 and f in facts and facts[f].fact_type == "boolean"}


def complete_contents(rb) -> list[str]:
    return rb.names("item")


def assumptions(rb, facts: Optional[dict] | str = "ordinary") -> tuple[dict, Optional[list[str]]]:
    """(facts, request contents) for `facts`: "ordinary", None (nothing assumed) or explicit facts
    (the request is then taken as complete)."""
    if facts == "ordinary":
        return ordinary_facts(rb), complete_contents(rb)
    if not facts:
        return {}, None
    return dict(sorted(facts.items())), complete_contents(rb)


def request(a: str, b: str, measure: str, categories: Iterable[str], as_of: date, facts: dict,
            penalty_years: Optional[float] = DEFAULT_PENALTY_YEARS,
            contents: Optional[list[str]] = None) -> AssistanceRequest:
    return AssistanceRequest(requesting_state=a, requested_state=b, measure=measure,
                             offence={"categories": list(categories), "max_penalty_years": penalty_years},
                             as_of=as_of, facts=dict(facts), request_contents=contents)


def pick(values: Optional[Iterable[str]], known: Iterable[str], what: str, default: Optional[list[str]] = None
         ) -> list[str]:
    """Validate a user choice against the rule base; None means the default (or all)."""
    known = sorted(known)
    if not values:
        return [v for v in (default if default is not None else known) if v in known] or known[:1]
    bad = [v for v in values if v not in known]
    if bad:
        raise ValueError(f"unknown {what}: {', '.join(bad)}; known: {', '.join(known)}")
    return sorted(dict.fromkeys(values))
