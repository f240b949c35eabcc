"""Annotated dependencies shared by the routes."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Annotated, Callable, TypeVar

from fastapi import Depends, Request

from api import decisions
from api.auth import ANY_ROLE, require
from api.db import Database
from api.keys import KeyStore, Principal
from api.problems import ProblemError
from api.ruleset import Rules
from api.settings import Settings
from api.writer import GroupWriter
from engine.assess.engine import Engine
from engine.assess.models import AssistanceRequest

T = TypeVar("T")


@dataclass
class Services:
    settings: Settings
    db: Database
    rules: Rules
    keys: KeyStore
    writer: GroupWriter

    @property
    def engine(self) -> Engine:
        engine = self.rules.engine
        if engine is None:
            raise ProblemError(503, "no rule base is loaded")
        return engine

    async def run(self, fn: Callable[..., T], *args) -> T:
        """Run blocking work (the engine is synchronous; so is the database) off the event loop."""
        return await asyncio.get_running_loop().run_in_executor(self.rules.pool, fn, *args)

    async def assess_and_store(self, who: Principal, requests: list[AssistanceRequest]) -> list[tuple[int, str]]:
        """Assess off the event loop, then store through the group writer; (status, JSON) per request.
        Returns only once the answered decisions are committed."""
        outcomes = await self.run(decisions.assess_many, self.engine, requests, self.settings.hash_free_text)
        if not any(o.status == 200 for o in outcomes):
            return [(o.status, o.body) for o in outcomes]
        return await asyncio.wrap_future(self.writer.submit(lambda s: decisions.store(s, who, outcomes)))


def get_services(request: Request) -> Services:
    return request.app.state.services


ServicesDep = Annotated[Services, Depends(get_services)]
Anyone = Annotated[Principal, Depends(require(*ANY_ROLE))]
CaseSystem = Annotated[Principal, Depends(require("case_system"))]
Reader = Annotated[Principal, Depends(require("case_system", "reviewer"))]
Reviewer = Annotated[Principal, Depends(require("reviewer"))]
Drafter = Annotated[Principal, Depends(require("drafter"))]
Admin = Annotated[Principal, Depends(require("admin"))]
