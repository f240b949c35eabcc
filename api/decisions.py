"""Assess and store decisions; read them back, scoped to the caller; replay them.

A decision is stored in the same transaction as its audit record, and the caller gets 200 only
after that transaction has committed: an answered request is never lost.
"""
from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from api import audit
from api.db import Database
from api.keys import Principal
from api.models import AssessmentRecord, AuditRecord, utc
from api.problems import FieldError, Problem, ProblemError
from api.schemas import AssessmentPage, AssessmentSummary, Change, ReplayOut
from engine.assess.engine import Engine
from engine.assess.facts import RequestError
from engine.assess.models import Assessment, AssistanceRequest

READ_ALL_ROLES = ("reviewer", "admin")


def assess(engine: Engine, req: AssistanceRequest, now: Optional[datetime] = None) -> Assessment:
    try:
        return engine.assess(req, now=now)
    except OverflowError as exc:  # dates at the edge of the calendar push a deadline past year 9999
        raise ProblemError(422, "a date in the request is too far in the past or future to compute deadlines",
                           [FieldError(field="events", message=str(exc) or "date out of range")]) from exc


def _redact(engine: Engine, req: AssistanceRequest) -> dict:
    """The request as stored: free-text fields replaced by their sha256 when so configured."""
    data = req.model_dump(mode="json")
    if data["offence"].get("description"):
        data["offence"]["description"] = "sha256:" + audit.sha256(data["offence"]["description"])
    facts = engine.rb.terms.get("fact", {})
    for name, value in data["facts"].items():
        if isinstance(value, str) and name in facts and facts[name].fact_type == "text":
            data["facts"][name] = "sha256:" + audit.sha256(value)
    return data


def _stored_body(assessment_json: str, assessment_id: str, created_at: datetime) -> str:
    # Splice the id into the already-serialised assessment rather than serialising 20 kB twice.
    head = json.dumps({"assessment_id": assessment_id, "created_at": created_at.isoformat()})
    return head[:-1] + "," + assessment_json[1:]


@dataclass
class Outcome:
    status: int
    body: str = ""  # the problem JSON when status != 200
    request: Optional[AssistanceRequest] = None
    assessment: Optional[Assessment] = None
    stored_request: Optional[dict] = None


def assess_many(engine: Engine, requests: list[AssistanceRequest], hash_free_text: bool) -> list[Outcome]:
    """Assess each request; a request naming something the rule base does not know gets a 422 problem."""
    out: list[Outcome] = []
    for req in requests:
        try:
            a = assess(engine, req)
        except RequestError as exc:
            p = Problem(title="Unprocessable content", status=422, detail=f"field `{exc.field}`: {exc}",
                        errors=[FieldError(field=exc.field, message=str(exc), suggestions=list(exc.suggestions))])
            out.append(Outcome(422, p.model_dump_json()))
            continue
        except ProblemError as exc:
            p = Problem(title="Unprocessable content", status=exc.status, detail=exc.detail, errors=exc.errors)
            out.append(Outcome(exc.status, p.model_dump_json()))
            continue
        stored = _redact(engine, req) if hash_free_text else req.model_dump(mode="json")
        out.append(Outcome(200, request=req, assessment=a, stored_request=stored))
    return out


def store(s: Session, who: Principal, outcomes: list[Outcome]) -> list[tuple[int, str]]:
    """Write the answered outcomes (audit records + index rows); (status, body JSON) per outcome.
    Runs inside the writer's transaction."""
    answered = [(o, str(uuid.uuid4()), o.assessment.model_dump_json()) for o in outcomes if o.status == 200]
    records = iter(audit.append_many(s, [
        ("assessment", '{"request":' + json.dumps(o.stored_request, sort_keys=True) + ',"assessment":' + a_json + "}",
         aid, who.key_id, who.org) for o, aid, a_json in answered]))
    bodies = iter(answered)
    rows: list[dict] = []
    result: list[tuple[int, str]] = []
    for o in outcomes:
        if o.status != 200:
            result.append((o.status, o.body))
            continue
        (_, aid, a_json), rec = next(bodies), next(records)
        req, a = o.request, o.assessment
        rows.append(dict(id=aid, audit_seq=rec.seq, created_at=rec.at, key_id=who.key_id, org=who.org,
                         requesting_state=req.requesting_state, requested_state=req.requested_state,
                         measure=req.measure, decision=a.decision, ruleset_digest=a.ruleset.digest,
                         backend=a.ruleset.backend))
        result.append((200, _stored_body(a_json, aid, rec.at)))
    if rows:
        s.execute(insert(AssessmentRecord.__table__), rows)
    return result


def _visible(stmt, who: Principal):
    """A case system sees only what its organisation (or, without one, its own key) created."""
    if who.role in READ_ALL_ROLES:
        return stmt
    if who.org:
        return stmt.where(AssessmentRecord.org == who.org)
    return stmt.where(AssessmentRecord.key_id == who.key_id)


def _load(db: Database, who: Principal, assessment_id: str) -> tuple[AssessmentRecord, dict]:
    with db.reading() as s:
        row = s.execute(_visible(select(AssessmentRecord, AuditRecord.payload)
                                 .join(AuditRecord, AuditRecord.seq == AssessmentRecord.audit_seq)
                                 .where(AssessmentRecord.id == assessment_id), who)).first()
    if row is None:  # the same answer whether it does not exist or belongs to someone else
        raise ProblemError(404, f"no assessment `{assessment_id}` visible to this key")
    return row[0], json.loads(row[1])


def get(db: Database, who: Principal, assessment_id: str) -> str:
    rec, payload = _load(db, who, assessment_id)
    return _stored_body(json.dumps(payload["assessment"]), rec.id, utc(rec.created_at))


def _cursor(value: Optional[str]) -> Optional[int]:
    if value is None:
        return None
    try:
        seq = int(base64.urlsafe_b64decode(value.encode("ascii") + b"==").decode("ascii"))
    except (ValueError, UnicodeError):
        seq = -1
    if seq < 0:
        raise ProblemError(422, "invalid cursor", [FieldError(field="cursor", message="not a cursor from this API")])
    return seq


def list_(db: Database, who: Principal, *, requesting_state=None, requested_state=None, measure=None,
          decision=None, since=None, until=None, limit: int = 50, cursor: Optional[str] = None) -> AssessmentPage:
    stmt = _visible(select(AssessmentRecord), who)
    for col, value in ((AssessmentRecord.requesting_state, requesting_state),
                       (AssessmentRecord.requested_state, requested_state),
                       (AssessmentRecord.measure, measure), (AssessmentRecord.decision, decision)):
        if value is not None:
            stmt = stmt.where(col == value)
    if since is not None:
        stmt = stmt.where(AssessmentRecord.created_at >= _naive_utc(since, db))
    if until is not None:
        stmt = stmt.where(AssessmentRecord.created_at < _naive_utc(until, db))
    after = _cursor(cursor)
    if after is not None:
        stmt = stmt.where(AssessmentRecord.audit_seq < after)
    with db.reading() as s:
        rows = s.execute(stmt.order_by(AssessmentRecord.audit_seq.desc()).limit(limit + 1)).scalars().all()
    items = [AssessmentSummary(assessment_id=r.id, created_at=utc(r.created_at), requesting_state=r.requesting_state,
                               requested_state=r.requested_state, measure=r.measure, decision=r.decision,
                               ruleset_digest=r.ruleset_digest) for r in rows[:limit]]
    nxt = None
    if len(rows) > limit:
        nxt = base64.urlsafe_b64encode(str(rows[limit - 1].audit_seq).encode()).decode().rstrip("=")
    return AssessmentPage(items=items, next_cursor=nxt)


def _naive_utc(value: datetime, db: Database) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    # SQLite compares the stored text; it is stored as naive UTC.
    return value.replace(tzinfo=None) if db.is_sqlite else value


def _summary(a: dict) -> dict[str, str]:
    """The parts of an assessment whose change matters to a case officer, flattened for comparison."""
    out = {"decision": a["decision"], "primary_basis": str(a.get("primary_basis")),
           "dual_criminality": a["dual_criminality"]["status"]}
    for b in a["legal_bases"]:
        out[f"legal_bases.{b['instrument']}"] = str(b["applicable"])
    for g in a["refusal_grounds"]:
        out[f"refusal_grounds.{g['id']}"] = g["status"]
    for c in a["required_contents"]:
        out[f"required_contents.{c['id']}"] = str(c["provided"])
    for d in a["defects"]:
        out[f"defects.{d['kind']}:{d['message']}"] = "present"
    for d in a["deadlines"]:
        out[f"deadlines.{d['id']}"] = str(d.get("due_at") or d.get("duration"))
    for c in a["conditions"]:
        out[f"conditions.{c['id']}"] = "present"
    return out


def replay(db: Database, engine: Engine, who: Principal, assessment_id: str) -> ReplayOut:
    rec, payload = _load(db, who, assessment_id)
    req = AssistanceRequest.model_validate(payload["request"])
    current = assess(engine, req)
    before, after = _summary(payload["assessment"]), _summary(current.model_dump(mode="json"))
    changes = [Change(field=k, before=before.get(k), after=after.get(k))
               for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)]
    return ReplayOut(assessment_id=rec.id, stored_digest=rec.ruleset_digest, current_digest=engine.digest,
                     changed=bool(changes), changes=changes, current=current)
