"""Errors as RFC 9457 problem details (`application/problem+json`), naming the field at fault.
No response ever carries a stack trace."""
from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine.assess.facts import RequestError

log = logging.getLogger("comity.api")
MEDIA_TYPE = "application/problem+json"

TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          409: "Conflict", 413: "Content too large", 415: "Unsupported media type", 422: "Unprocessable content",
          500: "Internal server error", 503: "Service unavailable"}


class FieldError(BaseModel):
    field: str = Field(..., description="dotted path of the field, e.g. `offence.categories[0]`")
    message: str
    suggestions: list[str] = Field(default_factory=list)


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: Optional[str] = None
    instance: Optional[str] = None
    errors: list[FieldError] = Field(default_factory=list)


class ProblemError(Exception):
    def __init__(self, status: int, detail: str, errors: Optional[list[FieldError]] = None,
                 headers: Optional[dict[str, str]] = None, type_: str = "about:blank"):
        super().__init__(detail)
        self.status, self.detail, self.errors, self.headers, self.type = status, detail, errors or [], headers, type_


def problem_response(status: int, detail: Optional[str] = None, errors: Optional[list[FieldError]] = None,
                     instance: Optional[str] = None, headers: Optional[dict[str, str]] = None,
                     type_: str = "about:blank") -> JSONResponse:
    body = Problem(type=type_, title=TITLES.get(status, "Error"), status=status, detail=detail, instance=instance,
                   errors=errors or [])
    return JSONResponse(body.model_dump(mode="json"), status_code=status, media_type=MEDIA_TYPE, headers=headers)


def field_path(loc: tuple[Any, ...]) -> str:
    """('body', 'offence', 'categories', 0) -> 'offence.categories[0]'"""
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out or "(body)"


def install(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError):
        return problem_response(exc.status, exc.detail, exc.errors, request.url.path, exc.headers, exc.type)

    @app.exception_handler(RequestError)
    async def _request_error(request: Request, exc: RequestError):
        err = FieldError(field=exc.field, message=str(exc), suggestions=list(exc.suggestions))
        return problem_response(422, f"field `{exc.field}`: {exc}", [err], request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        # The input values are not echoed: they may be large or hold case data.
        errors = [FieldError(field=field_path(tuple(e.get("loc", ()))), message=str(e.get("msg", "invalid")))
                  for e in exc.errors()[:50]]
        detail = "the request does not match the schema" if errors else "invalid request"
        return problem_response(422, detail, errors, request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) else None
        return problem_response(exc.status_code, detail, None, request.url.path, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal error; the incident has been logged", None, request.url.path)
