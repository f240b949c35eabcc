"""The rule base: every declaration of every file, indexed by kind and id, plus its digest."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Optional

from engine.model import ast


@dataclass
class RuleBase:
    modules: list[ast.Module] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # file -> text, for diagnostics and digest
    terms: dict[str, dict[str, ast.Term]] = field(default_factory=dict)  # kind -> id -> term
    categories: dict[str, ast.Category] = field(default_factory=dict)
    lists: dict[str, ast.OffenceList] = field(default_factory=dict)
    instruments: dict[str, ast.Instrument] = field(default_factory=dict)
    parties: list[ast.Party] = field(default_factory=list)
    jurisdictions: dict[str, ast.Jurisdiction] = field(default_factory=dict)
    offences: dict[str, ast.Offence] = field(default_factory=dict)
    precedences: dict[str, ast.Precedence] = field(default_factory=dict)
    rules: dict[str, ast.Rule] = field(default_factory=dict)

    def term(self, kind: str, name: str) -> Optional[ast.Term]:
        return self.terms.get(kind, {}).get(name)

    def names(self, kind: str) -> list[str]:
        return sorted(self.terms.get(kind, {}))

    @property
    def digest(self) -> str:
        """Content hash of the rule base; file names count relative to their common root, so the
        same rules checked out in different places have the same digest."""
        import os

        h = hashlib.sha256()
        root = os.path.commonpath([os.path.abspath(p) for p in self.sources]) if self.sources else ""
        if len(self.sources) == 1:
            root = os.path.dirname(root)
        for path in sorted(self.sources, key=lambda p: os.path.relpath(os.path.abspath(p), root)):
            h.update(os.path.relpath(os.path.abspath(path), root).encode())
            h.update(b"\0")
            h.update(self.sources[path].encode())
            h.update(b"\0")
        return h.hexdigest()[:16]

    def parties_of(self, instrument: str) -> list[ast.Party]:
        return [p for p in self.parties if p.instrument.name == instrument]

    def offences_of(self, state: str) -> list[ast.Offence]:
        return [o for o in self.offences.values() if o.state.name == state]

    def rules_under(self, instrument: str) -> list[ast.Rule]:
        return [r for r in self.rules.values() if r.under and r.under.name == instrument]

    def all_declarations(self):
        for m in self.modules:
            yield from m.declarations
