from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import ServicesDep
from api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process is alive")
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, responses={503: {"model": Health, "description": "not ready"}},
            summary="Ready: a rule base is loaded and the database is reachable")
async def readyz(svc: ServicesDep):
    db_ok = await asyncio.to_thread(svc.db.ping)  # not queued behind assessments
    engine = svc.rules.engine
    body = Health(status="ok" if db_ok and engine else "unavailable", rules=engine.digest if engine else None,
                  database=db_ok)
    return body if body.status == "ok" else JSONResponse(body.model_dump(), status_code=503)
