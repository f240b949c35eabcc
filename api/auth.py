"""Bearer API keys and roles.

case_system: assess, check, deadlines, read its own decisions; reviewer: read-only (all decisions,
audit); drafter: rule checks and reloads; admin: everything, including key management. Reference
data and the rule-set status are readable by every role.
"""
from __future__ import annotations

from typing import Optional

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from api.keys import Principal
from api.problems import ProblemError

bearer = HTTPBearer(auto_error=False, description="an API key: `Authorization: Bearer cmty_…`")

CHALLENGE = {"WWW-Authenticate": "Bearer"}
ANY_ROLE = ("case_system", "reviewer", "drafter", "admin")


def require(*roles: str):
    allowed = set(roles) | {"admin"}

    async def dependency(request: Request,
                         cred: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> Principal:
        if cred is None or cred.scheme.lower() != "bearer" or not cred.credentials:
            raise ProblemError(401, "an API key is required: `Authorization: Bearer <key>`", headers=CHALLENGE)
        store = request.app.state.services.keys
        found, principal = store.cached(cred.credentials)
        if not found:
            principal = await run_in_threadpool(store.lookup, cred.credentials)
        if principal is None:
            raise ProblemError(401, "the API key is not valid or has been revoked", headers=CHALLENGE)
        if principal.role not in allowed:
            raise ProblemError(403, f"the role `{principal.role}` may not do this; "
                                    f"needs {' or '.join(sorted(allowed))}")
        return principal

    return dependency
