"""Definitions matrix: for each chosen offence category, one row per state and one column per
conduct element of the category, saying whether the state's definition has the element; then the
maximum penalty, and flags for self-laundering, private-sector bribery, illicit enrichment and
non-conviction-based confiscation.

Dual criminality is judged on conduct (docs/language.md): an offence is made out when all its
elements are in the conduct. A category's conduct is its elements, so a national offence covers the
category when its elements are a subset of the category's; an element the category has and the
offence lacks makes the national definition wider, one the offence adds makes it narrower.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from engine.model import ast
from engine.report import cases, legend
from engine.report.base import new_report
from engine.report.model import Cell, Column, Link, ReportData, Table, cite, link_dicts

FLAGS = (  # flag key, label, the category whose conduct must be an offence
    ("self_laundering", "Self-laundering criminalised", "self_laundering"),
    ("private_sector_bribery", "Private-sector bribery", "bribery_private_sector"),
    ("illicit_enrichment", "Illicit enrichment", "illicit_enrichment"),
)
NCB = "non_conviction_based_confiscation"


def covers(offence: ast.Offence, conduct: set[str]) -> bool:
    return {e.name for e in offence.elements} <= conduct


def matching(rb, state: str, category: str) -> tuple[Optional[ast.Offence], list[ast.Offence]]:
    """The offence the row describes (the first that covers the category's conduct, preferring the
    category's own offences), and every offence of the state in the category or covering it."""
    conduct = {e.name for e in rb.categories[category].elements}
    offences = sorted(rb.offences_of(state), key=lambda o: o.id.name)
    own = [o for o in offences if o.category and o.category.name == category]
    covering = [o for o in offences if covers(o, conduct)]
    related = own + [o for o in covering if o not in own]
    best = next((o for o in own if o in covering), None) or (covering[0] if covering else None)
    if best is None and own:
        best = min(own, key=lambda o: (len({e.name for e in o.elements} - conduct), o.id.name))
    return best, related


def ncb(rb, state: str) -> tuple[Optional[bool], list[ast.Rule]]:
    """Whether the state's own law provides non-conviction-based confiscation (None: only under
    conditions), with the rules."""
    rules = []
    for r in sorted(rb.rules.values(), key=lambda r: r.id.name):
        c = r.conclusion
        inst = rb.instruments.get(r.under.name) if r.under else None
        if c and c.kind == "provides" and c.refs and c.refs[0].name == NCB and inst and inst.of \
                and inst.of.name == state:
            rules.append(r)
    if not rules:
        return False, []
    return (True if any(not r.when and not r.unless for r in rules) else None), rules


def build(engine, offence=None, states=None, as_of: Optional[date] = None,
          generated_at: Optional[datetime] = None, **_ignored) -> ReportData:
    rb = engine.rb
    used = sorted({o.category.name for o in rb.offences.values() if o.category})
    categories = cases.pick(offence, rb.categories, "offence category", used or None)
    states = cases.pick(states, rb.jurisdictions, "jurisdiction")
    report = new_report(engine, "definitions", "Definitions matrix",
                        "How each state's offences match the conduct elements of each offence category, with "
                        "maximum penalties and key flags. Read from the offence definitions in the rule base.",
                        as_of, generated_at, {"offence": categories, "states": states})
    report.legend = legend.entries("element_required", "element_not_required", "element_extra", "covered",
                                   "not_covered", "yes", "no")
    gaps = 0
    for cat in categories:
        table, records = _category_table(rb, cat, states)
        gaps += sum(1 for r in records if not r["covered"])
        report.tables.append(table)
        report.records.extend(records)
    flags_table, flag_records = _flags_table(rb, states)
    report.tables.append(flags_table)
    report.records.extend(flag_records)
    report.summary = [f"{len(categories)} offence categories × {len(states)} states: {gaps} state/category "
                      f"combination(s) where the category's conduct is not an offence (dual criminality fails)."]
    return report


def _category_table(rb, cat: str, states: list[str]) -> tuple[Table, list[dict]]:
    category = rb.categories[cat]
    elements = [e.name for e in category.elements]
    conduct = set(elements)
    cols = [Column(key="state", label="State"), Column(key="offences", label="National offences"),
            Column(key="covered", label="Covers the category")]
    cols += [Column(key=f"el:{e}", label=e.replace("_", " "),
                    help=(rb.term("element", e).label if rb.term("element", e) else e)) for e in elements]
    cols += [Column(key="extra", label="Additional elements required"),
             Column(key="penalty", label="Maximum penalty")]
    rows, records = [], []
    for s in states:
        best, related = matching(rb, s, cat)
        covered = any(covers(o, conduct) for o in related)
        links = [Link(text=f"{o.id.name}: {o.label}" + (f" ({o.citation.text})" if o.citation else ""),
                      url=o.citation.url if o.citation else None, unverified=o.unverified) for o in related]
        row = {"state": Cell(text=s), "offences": Cell(text="" if related else "none", links=links),
               "covered": Cell(text="covered" if covered else "not covered",
                               status="covered" if covered else "not_covered")}
        have = {e.name for e in best.elements} if best else set()
        cells = {}
        for e in elements:
            if best is None:
                row[f"el:{e}"] = Cell(text="—", note="no offence")
                cells[e] = None
            else:
                st = "element_required" if e in have else "element_not_required"
                row[f"el:{e}"] = Cell(text=legend.label(st), status=st, links=cite(best)[:1],
                                      note=f"{best.id.name}")
                cells[e] = e in have
        extra = sorted(have - conduct)
        row["extra"] = Cell(text=", ".join(extra) or ("—" if best is None else "none"),
                            status="element_extra" if extra else None)
        months = max((o.max_penalty_months for o in related if o.max_penalty_months is not None), default=None)
        row["penalty"] = Cell(text=_penalty(months), sort=months if months is not None else -1)
        rows.append(row)
        records.append({"table": f"definitions:{cat}", "category": cat, "state": s, "covered": covered,
                        "offence": best.id.name if best else None,
                        "offences": [o.id.name for o in related], "elements": cells, "additional_elements": extra,
                        "max_penalty_months": months, "citations": link_dicts(links)})
    return Table(id=f"def-{cat}", title=f"{cat}: {category.label}",
                 caption="Elements of the category: " + ", ".join(elements) +
                 (f" ({category.citation.text})" if category.citation else ""), columns=cols, rows=rows), records


def _flags_table(rb, states: list[str]) -> tuple[Table, list[dict]]:
    cols = [Column(key="state", label="State")] + [Column(key=k, label=lab) for k, lab, _ in FLAGS] + \
           [Column(key="ncb", label="Non-conviction-based confiscation")]
    rows, records = [], []
    for s in states:
        row, rec = {"state": Cell(text=s)}, {"table": "flags", "state": s}
        for key, _, cat in FLAGS:
            if cat not in rb.categories:
                row[key] = Cell(text="n/a", note=f"the rule base has no category {cat}")
                rec[key] = None
                continue
            conduct = {e.name for e in rb.categories[cat].elements}
            hits = [o for o in sorted(rb.offences_of(s), key=lambda o: o.id.name) if covers(o, conduct)]
            row[key] = Cell(text="yes" if hits else "no", status="yes" if hits else "no",
                            links=[l for o in hits[:1] for l in cite(o)[:1]])
            rec[key] = bool(hits)
        value, rules = ncb(rb, s)
        text = {True: "yes", False: "no", None: "under conditions"}[value]
        row["ncb"] = Cell(text=text, status={True: "yes", False: "no", None: None}[value],
                          links=[l for r in rules for l in cite(r)[:1]])
        rec["non_conviction_based_confiscation"] = value
        rec["ncb_rules"] = [r.id.name for r in rules]
        rows.append(row)
        records.append(rec)
    return Table(id="flags", title="Flags by state",
                 caption="Yes: an offence of the state is made out by the conduct of the category; "
                         "non-conviction-based confiscation: the state's own law `provides` it.",
                 columns=cols, rows=rows), records


def _penalty(months: Optional[int]) -> str:
    if months is None:
        return "not stated"
    return f"{months // 12} years" if months % 12 == 0 else f"{months} months"
