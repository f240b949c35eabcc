"""Model -> canonical rule-file text (`comity fmt`). Parsing the output gives the same model."""
from __future__ import annotations

from decimal import Decimal

from engine.model import ast

UNIT_WORDS = {"hours": "hours", "calendar_days": "calendar days", "working_days": "working days",
              "weeks": "weeks", "months": "months", "years": "years"}


def q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def names(refs) -> str:
    return ", ".join(r.name for r in refs)


def num(n: Decimal) -> str:
    return str(int(n)) if n == int(n) else str(n)


def dur(d: ast.Duration) -> str:
    word = UNIT_WORDS[d.unit]
    return f"{num(d.amount)} {word[:-1] if d.amount == 1 else word}"


def sources(node, indent: str = "  ") -> list[str]:
    out = []
    for c in node.sources:
        line = f"{indent}source {c.text}"
        if c.url:
            line += f" url {q(c.url)}"
        if c.unverified:
            line += " unverified" + (f" {q(c.unverified_reason)}" if c.unverified_reason else "")
        out.append(line)
    if getattr(node, "text", None):
        out.append(f"{indent}text {q(node.text)}")
    for n in getattr(node, "notes", ()):
        out.append(f"{indent}note {q(n)}")
    for g in getattr(node, "gaps", ()):
        out.append(f"{indent}gap {q(g)}")
    return out


ATOM = {
    "measure_coercive": "measure is coercive", "measure_non_coercive": "measure is non-coercive",
    "dc_is_required": "dual criminality is required", "dc_is_satisfied": "dual criminality is satisfied",
    "dc_is_exempt": "dual criminality is exempt",
}


def one_of(refs) -> str:
    return refs[0].name if len(refs) == 1 else "one of " + names(refs)


def atom(a: ast.Atom) -> str:
    k, r = a.kind, a.refs
    if k in ATOM:
        return ATOM[k]
    return {
        "fact_true": lambda: r[0].name, "fact_false": lambda: f"{r[0].name} is false",
        "fact_compare": lambda: f"{r[0].name} {a.op} {num(a.number)}",
        "measure_is": lambda: f"measure is {one_of(r)}", "offence_is": lambda: f"offence is {one_of(r)}",
        "offence_in_list": lambda: f"offence is in list {r[0].name}",
        "conduct_includes": lambda: f"conduct includes {r[0].name}", "stage_is": lambda: f"stage is {one_of(r)}",
        "requesting_is": lambda: f"requesting state is {one_of(r)}",
        "requested_is": lambda: f"requested state is {one_of(r)}",
        "requesting_bound": lambda: f"requesting state is bound by {r[0].name}",
        "requested_bound": lambda: f"requested state is bound by {r[0].name}",
        "both_bound": lambda: f"both states are bound by {r[0].name}",
        "invoked_is": lambda: f"invoked instrument is {r[0].name}",
        "penalty_compare": lambda: f"maximum penalty {a.op} {dur(a.duration)}",
        "ground_applies": lambda: f"ground {r[0].name} applies",
        "request_contains": lambda: f"request contains {r[0].name}",
        "event_occurred": lambda: f"event {r[0].name} has occurred",
        "requested_provides": lambda: f"requested state provides {r[0].name}",
        "instrument_applies": lambda: f"instrument {r[0].name} applies",
    }[k]()


def cond(c, parent: str = "") -> str:
    if isinstance(c, ast.Atom):
        return atom(c)
    if isinstance(c, ast.Not):
        inner = cond(c.item, "not")
        return f"not {inner}" if isinstance(c.item, ast.Atom) else f"not {inner}"
    op = "and" if isinstance(c, ast.All) else "or"
    text = f" {op} ".join(cond(i, op) for i in c.items)
    return f"({text})" if parent in ("and", "not") or (parent == "or" and op == "or") else text


def conclusion(c: ast.Conclusion) -> str:
    r = c.refs
    if c.kind == "deadline":
        d = c.deadline
        head = f"deadline {r[0].name} {q(c.label or '')}"
        if d.kind == "soft":
            return head + f" {d.wording}" + (f" from {d.event.name}" if d.event else "")
        ext = f" extendable by {dur(d.extension)}" if d.extension else ""
        met = f" met by {d.met_by.name}" if d.met_by else ""
        return head + f" within {dur(d.duration)} from {d.event.name}{met}{ext}"
    return {
        "may_refuse": lambda: f"may refuse for {r[0].name}", "must_refuse": lambda: f"must refuse for {r[0].name}",
        "shall_not_refuse": lambda: f"shall not refuse for {r[0].name}",
        "dc_required": lambda: "dual criminality is required",
        "dc_not_required": lambda: "dual criminality is not required",
        "dc_exempt": lambda: "dual criminality is exempt", "must_contain": lambda: f"request must contain {names(r)}",
        "accepted_languages": lambda: f"request must be in one of {names(r)}",
        "accepted_channels": lambda: f"request must be sent through one of {names(r)}",
        "subject_to": lambda: f"assistance is subject to {r[0].name}",
        "does_not_apply": lambda: "instrument does not apply", "establishes": lambda: f"establishes {r[0].name}",
        "provides": lambda: f"provides {r[0].name}",
    }[c.kind]()


def provisions(ps: ast.ProvisionSet) -> str:
    prov = ps.instrument.name
    if ps.article:
        prov += f" article {ps.article}"
        if ps.para_from is not None:
            prov += f" paragraphs {ps.para_from} to {ps.para_to}"
    return prov


def decl(d) -> str:
    L: list[str] = []
    if isinstance(d, ast.Term):
        extra = {"measure": " coercive" if d.coercive else " non-coercive"}.get(d.kind, "")
        ftype = f" {d.fact_type}" if d.kind == "fact" else ""
        L.append(f"{d.kind} {d.id.name}{ftype} {q(d.label)}{extra}")
        L += sources(d)
        return "\n".join(L)
    if isinstance(d, ast.Category):
        L.append(f"category {d.id.name} {q(d.label)}")
        if d.elements:
            L.append(f"  elements {names(d.elements)}")
    elif isinstance(d, ast.OffenceList):
        L.append(f"list {d.id.name} {q(d.label)}")
        if d.members:
            L.append(f"  members {names(d.members)}")
    elif isinstance(d, ast.Instrument):
        L.append(f"instrument {d.id.name} {q(d.label)}")
        if d.kind:
            L.append(f"  kind {d.kind}")
        if d.of:
            L.append(f"  of {d.of.name}")
        if d.adopted:
            L.append(f"  adopted {d.adopted}")
        if d.in_force:
            L.append(f"  in force {d.in_force}")
        if d.non_binding:
            L.append("  non-binding")
        L.append("  measures " + ("all" if d.measures is None else names(d.measures)))
        L.append("  offences " + ("all" if d.offences is None else names(d.offences)))
        if d.counting:
            L.append(f"  periods counted under {d.counting.name}")
        if d.supplements:
            L.append(f"  supplements {d.supplements.name}")
        if d.exhaustive:
            L.append("  grounds exhaustive")
    elif isinstance(d, ast.Party):
        L.append(f"party {d.state.name} to {d.instrument.name}")
        for k in ("signed", "ratified", "acceded"):
            if getattr(d, k):
                L.append(f"  {k} {getattr(d, k)}")
        if d.in_force:
            L.append(f"  in force {d.in_force}")
        if d.withdrawn:
            L.append(f"  withdrawn {d.withdrawn}")
    elif isinstance(d, ast.Jurisdiction):
        L.append(f"jurisdiction {d.code.name} {q(d.name)}")
        if d.time_zone:
            L.append(f"  time zone {q(d.time_zone)}")
        if d.holidays:
            L.append(f"  holidays {d.holidays.name}" + (f" subdivision {q(d.subdivision)}" if d.subdivision else ""))
        if d.languages:
            L.append(f"  languages {names(d.languages)}")
        if d.central_authority:
            L.append(f"  central authority {q(d.central_authority)}")
        if d.channels:
            L.append(f"  channels {names(d.channels)}")
    elif isinstance(d, ast.Offence):
        L.append(f"offence {d.id.name} {q(d.label)} in {d.state.name}")
        if d.category:
            L.append(f"  category {d.category.name}")
        if d.elements:
            L.append(f"  elements {names(d.elements)}")
        if d.max_penalty_months is not None:
            m = d.max_penalty_months
            L.append(f"  maximum penalty {m // 12} years" if m % 12 == 0 else f"  maximum penalty {m} months")
    elif isinstance(d, ast.Precedence):
        L.append(f"precedence {d.id.name}" + (f" {q(d.label)}" if d.label else ""))
        tgt = d.target
        target = (tgt.instrument.name if tgt.instrument else
                  "any instrument of kind " + ", ".join(tgt.kinds) + " binding both states") if tgt else ""
        if d.replaced:
            L.append(f"  {provisions(d.replaced)} is replaced by {target}")
        elif d.alongside:
            L.append(f"  {provisions(d.alongside)} apply alongside any basis")
        elif d.yielding:
            L.append(f"  {d.yielding.name} yields to {target}")
        if d.for_measures:
            L.append(f"  for measures {names(d.for_measures)}")
    elif isinstance(d, ast.Rule):
        L.append(f"rule {d.id.name}" + (f" {q(d.label)}" if d.label else ""))
        if d.under:
            L.append(f"  under {d.under.name}")
        if d.exception_to:
            L.append(f"  exception to {names(d.exception_to)}")
        for c in d.conclusions:
            L.append(f"  {conclusion(c)}")
        for c in d.when:
            L.append(f"  when {cond(c)}")
        for c in d.unless:
            L.append(f"  unless {cond(c)}")
        if d.valid_from:
            L.append(f"  from {d.valid_from}")
        if d.valid_until:
            L.append(f"  until {d.valid_until}")
    L += sources(d)
    L.append("end")
    return "\n".join(L)


def print_module(m: ast.Module) -> str:
    return "\n\n".join(decl(d) for d in m.declarations) + "\n"
