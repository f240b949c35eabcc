from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api import decisions
from api.deps import CaseSystem, Reader, ServicesDep
from api.problems import FieldError, ProblemError
from api.schemas import AssessmentPage, BatchIn, BatchOut, ReplayOut, StoredAssessment
from engine.assess.models import AssistanceRequest

router = APIRouter(prefix="/v1/assessments", tags=["assessments"])

AssessmentId = Annotated[str, Path(max_length=36, pattern=r"^[0-9a-f-]{36}$")]
Decision = Literal["permissible", "may_refuse", "must_refuse", "undetermined"]


def _json(body: str, status: int = 200) -> Response:
    return Response(content=body, status_code=status, media_type="application/json")


@router.post("", response_model=StoredAssessment, summary="Assess one request and store the decision")
async def create_assessment(req: AssistanceRequest, who: CaseSystem, svc: ServicesDep) -> Response:
    [(status, body)] = await svc.assess_and_store(who, [req])
    if status != 200:
        return Response(body, status, media_type="application/problem+json")
    return _json(body)


@router.post("/batch", response_model=BatchOut, summary="Assess several requests; answered ones are stored together")
async def create_batch(batch: BatchIn, who: CaseSystem, svc: ServicesDep) -> Response:
    if len(batch.requests) > svc.settings.max_batch:
        raise ProblemError(422, f"at most {svc.settings.max_batch} requests per batch",
                           [FieldError(field="requests", message=f"{len(batch.requests)} given; "
                                                                  f"the limit is {svc.settings.max_batch}")])
    results = await svc.assess_and_store(who, batch.requests)
    items = ",".join(f'{{"index":{i},"status":{status},"{"assessment" if status == 200 else "problem"}":{body}}}'
                     for i, (status, body) in enumerate(results))
    return _json('{"results":[' + items + "]}")


@router.get("", response_model=AssessmentPage, summary="Stored decisions, newest first")
async def list_assessments(
    who: Reader, svc: ServicesDep,
    requesting_state: Annotated[Optional[str], Query(pattern=r"^[A-Z]{2}$")] = None,
    requested_state: Annotated[Optional[str], Query(pattern=r"^[A-Z]{2}$")] = None,
    measure: Annotated[Optional[str], Query(max_length=100)] = None,
    decision: Optional[Decision] = None,
    since: Annotated[Optional[datetime], Query(description="created at or after")] = None,
    until: Annotated[Optional[datetime], Query(description="created before")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[Optional[str], Query(max_length=40)] = None,
) -> AssessmentPage:
    return await svc.run(lambda: decisions.list_(
        svc.db, who, requesting_state=requesting_state, requested_state=requested_state, measure=measure,
        decision=decision, since=since, until=until, limit=limit, cursor=cursor))


@router.get("/{assessment_id}", response_model=StoredAssessment, summary="One stored decision")
async def get_assessment(assessment_id: AssessmentId, who: Reader, svc: ServicesDep) -> Response:
    return _json(await svc.run(decisions.get, svc.db, who, assessment_id))


@router.post("/{assessment_id}/replay", response_model=ReplayOut,
             summary="Re-assess a stored request against the current rule base and show what changed")
async def replay_assessment(assessment_id: AssessmentId, who: Reader, svc: ServicesDep) -> ReplayOut:
    return await svc.run(decisions.replay, svc.db, svc.engine, who, assessment_id)
