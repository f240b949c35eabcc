"""Walk conditions."""
from __future__ import annotations

from typing import Iterator

from engine.model import ast


def atoms(cond) -> Iterator[ast.Atom]:
    if isinstance(cond, ast.Atom):
        yield cond
    elif isinstance(cond, ast.Not):
        yield from atoms(cond.item)
    else:
        for item in cond.items:
            yield from atoms(item)


def rule_atoms(rule: ast.Rule) -> Iterator[ast.Atom]:
    for c in rule.when + rule.unless:
        yield from atoms(c)
