from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api import keys
from api.deps import Admin, ServicesDep
from api.models import utc
from api.problems import ProblemError
from api.schemas import KeyIn, KeyOut, NewKey

router = APIRouter(prefix="/v1/keys", tags=["keys"])


def _out(row) -> dict:
    return dict(id=row.id, role=row.role, org=row.org, label=row.label, created_at=utc(row.created_at),
                revoked_at=utc(row.revoked_at))


@router.post("", response_model=NewKey, status_code=201, summary="Create an API key (the secret is shown once)")
async def create_key(body: KeyIn, who: Admin, svc: ServicesDep) -> NewKey:
    key, row = await svc.run(lambda: keys.create(svc.db, body.role, body.org, body.label, actor=who.key_id))
    return NewKey(key=key, **_out(row))


@router.get("", response_model=list[KeyOut], summary="API keys (never their secrets)")
async def list_keys(who: Admin, svc: ServicesDep) -> list[KeyOut]:
    return [KeyOut(**_out(r)) for r in await svc.run(keys.list_keys, svc.db)]


@router.delete("/{key_id}", response_model=KeyOut, summary="Revoke an API key")
async def revoke_key(key_id: Annotated[str, Path(max_length=32)], who: Admin, svc: ServicesDep) -> KeyOut:
    row = await svc.run(lambda: keys.revoke(svc.db, key_id, actor=who.key_id))
    if row is None:
        raise ProblemError(404, f"no key `{key_id}`")
    svc.keys.forget()
    return KeyOut(**_out(row))
