"""The Engine: a checked, compiled rule base and an evaluator; `assess(request)` answers."""
from __future__ import annotations

import threading
from datetime import datetime, timezone
from typing import Iterable, Optional

from engine.assess import interpret
from engine.assess.facts import case_facts, validate
from engine.assess.models import Assessment, AssistanceRequest
from engine.compile.from_model import CompileError, Compiled, compile_rulebase
from engine.diagnostics import Diagnostics
from engine.evaluate import make_backend
from engine.loader import load
from engine.rulebase import RuleBase


class RuleBaseError(ValueError):
    """The rule base has errors; carries the diagnostics."""

    def __init__(self, diagnostics: Diagnostics):
        self.diagnostics = diagnostics
        super().__init__(f"the rule base has {len(diagnostics.errors)} error(s)")


class Engine:
    def __init__(self, rb: RuleBase, compiled: Compiled, backend: str = "pydatalog"):
        self.rb = rb
        self.compiled = compiled
        self.backend_name = backend
        self.backend = make_backend(compiled.program, backend)
        self.digest = rb.digest
        self.loaded_at = datetime.now(timezone.utc)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, paths: Optional[Iterable[str]] = None, backend: str = "pydatalog") -> "Engine":
        rb, diags = load(paths)
        if diags.errors:
            raise RuleBaseError(diags)
        return cls.from_rulebase(rb, backend)

    @classmethod
    def from_rulebase(cls, rb: RuleBase, backend: str = "pydatalog") -> "Engine":
        try:
            compiled = compile_rulebase(rb)
        except CompileError as exc:
            d = Diagnostics()
            d.error(exc.code, str(exc), notes=tuple(f"rule `{r}`" for r in exc.rules))
            raise RuleBaseError(d) from exc
        return cls(rb, compiled, backend)

    def with_backend(self, backend: str) -> "Engine":
        return Engine(self.rb, self.compiled, backend)

    def answer(self, req: AssistanceRequest) -> set[tuple]:
        return self.backend.answer(case_facts(self.rb, req))

    def answer_many(self, reqs: list[AssistanceRequest]) -> list[set[tuple]]:
        return self.backend.answer_many([case_facts(self.rb, r) for r in reqs])

    def assess(self, req: AssistanceRequest, now: Optional[datetime] = None, questions: bool = True) -> Assessment:
        validate(self.rb, req)
        return interpret.build(self, req, self.answer(req), now=now, with_questions=questions)
