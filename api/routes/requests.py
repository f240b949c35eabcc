from __future__ import annotations

from fastapi import APIRouter

from api import decisions
from api.deps import CaseSystem, ServicesDep
from api.schemas import CheckOut
from engine.assess.models import AssistanceRequest

router = APIRouter(prefix="/v1/requests", tags=["requests"])


def _check(engine, req: AssistanceRequest) -> CheckOut:
    a = decisions.assess(engine, req)
    missing = [c for c in a.required_contents if c.provided is False]
    unknown = [c for c in a.required_contents if c.provided is None]
    return CheckOut(ready=not a.defects and not missing, decision=a.decision, defects=a.defects,
                    missing_contents=missing, unknown_contents=unknown, questions=a.questions, ruleset=a.ruleset)


@router.post("/check", response_model=CheckOut,
             summary="Right first time: a draft request's defects and missing contents (nothing is stored)")
async def check_request(req: AssistanceRequest, who: CaseSystem, svc: ServicesDep) -> CheckOut:
    return await svc.run(_check, svc.engine, req)
