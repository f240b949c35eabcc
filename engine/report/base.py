"""What every report builder shares: the header and the choice of states, measures and offences."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Optional

from engine.report.model import Link, ReportData


def new_report(engine, kind: str, title: str, description: str, as_of: Optional[date],
               generated_at: Optional[datetime], parameters: dict) -> ReportData:
    return ReportData(kind=kind, title=title, description=description, ruleset_digest=engine.digest,
                      as_of=as_of or date.today(),
                      generated_at=(generated_at or datetime.now(timezone.utc)).replace(microsecond=0),
                      parameters=parameters)


def instrument_link(rb, iid: Optional[str]) -> list[Link]:
    inst = rb.instruments.get(iid) if iid else None
    if inst is None or not inst.sources:
        return []
    c = inst.sources[0]
    return [Link(text=c.text, url=c.url, unverified=c.unverified)]


def rule_links(rb, rule_ids) -> list[Link]:
    out = []
    for rid in rule_ids:
        r = rb.rules.get(rid)
        c = r.citation if r else None
        out.append(Link(text=f"{rid} ({c.text})" if c else rid, url=c.url if c else None,
                        unverified=bool(c and c.unverified)))
    return out


def yes_no(v: Optional[bool]) -> str:
    return {True: "yes", False: "no", None: "unknown"}[v]
