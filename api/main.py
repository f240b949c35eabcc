"""The application factory: `create_app(settings)`; `uvicorn --factory api.main:create_app` reads the environment."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Optional

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api import problems
from api.db import Database
from api.deps import Services
from api.keys import KeyStore
from api.limits import BodyLimit
from api.problems import Problem
from api.routes import assessments, audit, deadlines, health, keys, reference, reports, requests, rules
from api.ruleset import Rules
from api.settings import Settings
from api.writer import GroupWriter

log = logging.getLogger("comity.api")

ERRORS = {status: {"model": Problem, "description": problems.TITLES[status]}
          for status in (400, 401, 403, 404, 413, 422, 500, 503)}

DESCRIPTION = """Is the requested assistance permissible between two states, for this offence, on this
date — on which legal basis, with which grounds for refusal, what the request must contain, and which
deadlines apply. Every endpoint except `/healthz` and `/readyz` needs `Authorization: Bearer <API key>`.
Errors are RFC 9457 problem details (`application/problem+json`) naming the field at fault."""


async def _poll_rules(svc: Services) -> None:
    """Pick up a rule set another worker or host published."""
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(svc.settings.rules_poll_seconds)
        try:
            await loop.run_in_executor(None, svc.rules.sync)
            svc.rules.maintain()
        except Exception:  # a database hiccup must not stop the poller
            log.exception("rule-set sync failed")


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings.from_env()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        db = Database(settings)
        await asyncio.to_thread(db.migrate)
        rules_ = Rules(settings, db)
        await asyncio.to_thread(rules_.start)
        rules_.freeze()
        svc = Services(settings=settings, db=db, rules=rules_, keys=KeyStore(db, settings.key_cache_seconds),
                       writer=GroupWriter(db))
        app.state.services = svc
        poller = asyncio.create_task(_poll_rules(svc))
        try:
            yield
        finally:
            poller.cancel()
            rules_.shutdown()
            svc.writer.close()
            db.dispose()

    app = FastAPI(title="Comity", version="1.0.0", description=DESCRIPTION, lifespan=lifespan,
                  openapi_url="/openapi.json", docs_url="/docs", redoc_url=None)
    problems.install(app)
    app.include_router(health.router, responses={500: ERRORS[500]})
    for module in (assessments, requests, deadlines, reference, rules, keys, audit, reports):
        app.include_router(module.router, responses=ERRORS)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.openapi = lambda: _openapi(app)
    return app


def _openapi(app: FastAPI) -> dict:
    """FastAPI documents every error as application/json; ours are application/problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    problem_ref = "#/components/schemas/Problem"
    for path in schema.get("paths", {}).values():
        for op in path.values():
            for resp in op.get("responses", {}).values():
                content = resp.get("content", {})
                js = content.get("application/json")
                if js and js.get("schema", {}).get("$ref") == problem_ref:
                    resp["content"] = {problems.MEDIA_TYPE: js}
    app.openapi_schema = schema
    return schema
