from __future__ import annotations

from datetime import datetime, timezone

from fastapi import APIRouter

from api import decisions
from api.deps import CaseSystem, ServicesDep
from api.schemas import DeadlinesIn, DeadlinesOut

router = APIRouter(prefix="/v1/deadlines", tags=["deadlines"])


def _deadlines(engine, body: DeadlinesIn) -> DeadlinesOut:
    now = body.now or datetime.now(timezone.utc)
    req = body.request.model_copy(update={"events": {**body.request.events, **body.events}})
    a = decisions.assess(engine, req, now=now)
    return DeadlinesOut(now=now, deadlines=a.deadlines, ruleset=a.ruleset)


@router.post("", response_model=DeadlinesOut,
             summary="Every applicable deadline with its due date and status (open, met, overdue, soft)")
async def compute_deadlines(body: DeadlinesIn, who: CaseSystem, svc: ServicesDep) -> DeadlinesOut:
    return await svc.run(_deadlines, svc.engine, body)
