"""Warnings that ask rather than accuse."""
from __future__ import annotations

from engine.diagnostics import Diagnostics
from engine.rulebase import RuleBase


def unverified(rb: RuleBase, diags: Diagnostics) -> None:
    """--strict: list every statement whose source is marked unverified."""
    for decl in rb.all_declarations():
        for c in getattr(decl, "sources", ()):
            if c.unverified:
                why = f": {c.unverified_reason}" if c.unverified_reason else ""
                diags.warning("W601", f"unverified: {c.text}{why}", c.span,
                              suggestions=("check the provision against the official text, then remove "
                                           "`unverified`",))
