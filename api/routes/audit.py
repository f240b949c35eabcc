from __future__ import annotations

from fastapi import APIRouter

from api import audit
from api.deps import Reviewer, ServicesDep
from api.schemas import AuditVerification

router = APIRouter(prefix="/v1/audit", tags=["audit"])


def _verify(db) -> AuditVerification:
    with db.reading() as s:
        v = audit.verify(s)
    return AuditVerification(ok=v.ok, records=v.records, head_hash=v.head_hash, first_bad_seq=v.first_bad_seq,
                             reason=v.reason)


@router.get("/verify", response_model=AuditVerification, summary="Check the audit log's hash chain")
async def verify_audit(who: Reviewer, svc: ServicesDep) -> AuditVerification:
    return await svc.run(_verify, svc.db)
