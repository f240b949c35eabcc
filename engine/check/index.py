"""Fill the rule base's tables; report ids declared twice."""
from __future__ import annotations

from engine.diagnostics import Diagnostics
from engine.model import ast
from engine.rulebase import RuleBase


def _add(table: dict, key: str, node, what: str, diags: Diagnostics) -> None:
    if key in table:
        first = table[key]
        diags.error("R202", f"{what} `{key}` is declared twice", node.span,
                    notes=(f"first declared at {first.span}",),
                    suggestions=("rename one of them or delete the duplicate",))
        return
    table[key] = node


def run(rb: RuleBase, diags: Diagnostics) -> None:
    seen_parties: dict[tuple, ast.Party] = {}
    for decl in rb.all_declarations():
        if isinstance(decl, ast.Term):
            _add(rb.terms.setdefault(decl.kind, {}), decl.id.name, decl, decl.kind, diags)
        elif isinstance(decl, ast.Category):
            _add(rb.categories, decl.id.name, decl, "offence category", diags)
        elif isinstance(decl, ast.OffenceList):
            _add(rb.lists, decl.id.name, decl, "list", diags)
        elif isinstance(decl, ast.Instrument):
            _add(rb.instruments, decl.id.name, decl, "instrument", diags)
        elif isinstance(decl, ast.Party):
            key = (decl.state.name, decl.instrument.name)
            if key in seen_parties:
                diags.error("R202", f"{key[0]} is recorded twice as a party to {key[1]}", decl.span,
                            notes=(f"first recorded at {seen_parties[key].span}",),
                            suggestions=("merge the two party records",))
            else:
                seen_parties[key] = decl
                rb.parties.append(decl)
        elif isinstance(decl, ast.Jurisdiction):
            _add(rb.jurisdictions, decl.code.name, decl, "jurisdiction", diags)
        elif isinstance(decl, ast.Offence):
            _add(rb.offences, decl.id.name, decl, "offence", diags)
        elif isinstance(decl, ast.Precedence):
            _add(rb.precedences, decl.id.name, decl, "precedence", diags)
        elif isinstance(decl, ast.Rule):
            _add(rb.rules, decl.id.name, decl, "rule", diags)
