"""AssistanceRequest -> case facts for the evaluator, after checking every id against the rule base.
A request naming something the rule base does not know is rejected with the field named."""
from __future__ import annotations

from decimal import Decimal

from engine.assess.models import AssistanceRequest
from engine.check.suggest import did_you_mean
from engine.iso_codes import COUNTRIES
from engine.rulebase import RuleBase


class RequestError(ValueError):
    def __init__(self, field: str, message: str, suggestions: tuple[str, ...] = ()):
        self.field, self.suggestions = field, suggestions
        super().__init__(message)


def _need(rb_names, value: str, field: str, what: str) -> None:
    if value not in rb_names:
        raise RequestError(field, f"unknown {what} `{value}`", did_you_mean(value, rb_names))


def validate(rb: RuleBase, req: AssistanceRequest) -> None:
    for field in ("requesting_state", "requested_state"):
        code = getattr(req, field)
        if code not in COUNTRIES:
            raise RequestError(field, f"`{code}` is not an ISO 3166-1 alpha-2 country code")
    if req.requesting_state == req.requested_state:
        raise RequestError("requested_state", "the requested state must differ from the requesting state")
    _need(rb.terms.get("measure", {}), req.measure, "measure", "measure")
    if req.invoked_instrument is not None:
        _need(rb.instruments, req.invoked_instrument, "invoked_instrument", "instrument")
    for i, c in enumerate(req.offence.categories):
        _need(rb.categories, c, f"offence.categories[{i}]", "offence category")
    for i, e in enumerate(req.offence.conduct):
        _need(rb.terms.get("element", {}), e, f"offence.conduct[{i}]", "conduct element")
    events = rb.terms.get("event", {})
    for name in req.events:
        _need(events, name, f"events.{name}", "event")
    facts = rb.terms.get("fact", {})
    for name, value in req.facts.items():
        _need(facts, name, f"facts.{name}", "fact")
        ftype = facts[name].fact_type
        if value is None:
            continue
        ok = {"boolean": isinstance(value, bool),
              "number": isinstance(value, (int, float)) and not isinstance(value, bool),
              "date": isinstance(value, str), "text": isinstance(value, str)}[ftype]
        if not ok:
            raise RequestError(f"facts.{name}", f"`{name}` is a {ftype} fact; got {type(value).__name__}")
    for i, item in enumerate(req.request_contents or ()):
        _need(rb.terms.get("item", {}), item, f"request_contents[{i}]", "request content item")
    if req.channel is not None:
        _need(rb.terms.get("channel", {}), req.channel, "channel", "channel")


def conduct_of(rb: RuleBase, req: AssistanceRequest) -> list[str]:
    if req.offence.conduct:
        return sorted(set(req.offence.conduct))
    return sorted({e.name for c in req.offence.categories for e in rb.categories[c].elements})


def case_facts(rb: RuleBase, req: AssistanceRequest) -> dict[str, set[tuple]]:
    f: dict[str, set[tuple]] = {}

    def add(pred: str, *args) -> None:
        f.setdefault(pred, set()).add(tuple(args))

    add("req_from", req.requesting_state)
    add("req_to", req.requested_state)
    add("req_measure", req.measure)
    add("req_stage", req.stage)
    add("req_day", req.effective_as_of().toordinal())
    for c in req.offence.categories:
        add("req_category", c)
    for e in conduct_of(rb, req):
        add("req_conduct", e)
    if req.offence.max_penalty_years is not None:
        add("req_penalty", int(round(req.offence.max_penalty_years * 12)), "x")
    if req.invoked_instrument:
        add("req_invoked", req.invoked_instrument)
    if req.request_contents is not None:
        add("contents_known", "x")
        for item in req.request_contents:
            add("req_content", item)
    for e in req.events:
        add("req_event", e)
    if req.language:
        add("req_language", req.language)
    if req.channel:
        add("req_channel", req.channel)
    for name, value in req.facts.items():
        if value is None:
            continue  # explicitly unknown
        if isinstance(value, bool):
            add("req_true" if value else "req_false", name)
        elif isinstance(value, (int, float)):
            add("req_num", name, int((Decimal(str(value)) * 100).to_integral_value()))
    return f
