"""Evaluators of the compiled program: pyDatalog (the adapter is the only module importing it) and
a small bottom-up reference evaluator that keeps it honest."""
from __future__ import annotations

from typing import Protocol

from engine.compile.ir import Program

CaseFacts = dict[str, set[tuple]]


class Backend(Protocol):
    name: str

    def answer(self, case: CaseFacts) -> set[tuple]:
        """Assert the case facts, return every `out(tag, mode, arg)` tuple, retract."""

    def answer_many(self, cases: list[CaseFacts]) -> list[set[tuple]]:
        """`answer` for each case (an evaluator may share the work between them)."""


def make_backend(program: Program, name: str = "pydatalog") -> Backend:
    if name == "reference":
        from engine.evaluate.reference import ReferenceBackend
        return ReferenceBackend(program)
    if name == "pydatalog":
        from engine.evaluate.pydatalog_backend import PyDatalogBackend
        return PyDatalogBackend(program)
    raise ValueError(f"unknown backend {name!r}: use pydatalog or reference")
