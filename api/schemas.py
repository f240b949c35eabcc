"""Request and response bodies of the API (the engine's own models are reused where they fit)."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, field_validator

from engine.assess.models import (Assessment, AssistanceRequest, CitationOut, ContentItem, Deadline, Defect,
                                  Question, Ruleset)
from engine.diagnostics import Diagnostic
from api.problems import Problem


class StoredAssessment(Assessment):
    assessment_id: str
    created_at: datetime


class AssessmentSummary(BaseModel):
    assessment_id: str
    created_at: datetime
    requesting_state: str
    requested_state: str
    measure: str
    decision: str
    ruleset_digest: str


class AssessmentPage(BaseModel):
    items: list[AssessmentSummary]
    next_cursor: Optional[str] = Field(None, description="pass as `cursor` to get the next page")


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requests: list[AssistanceRequest] = Field(..., min_length=1, max_length=10_000)


class BatchItem(BaseModel):
    index: int
    status: int
    assessment: Optional[StoredAssessment] = None
    problem: Optional[Problem] = None


class BatchOut(BaseModel):
    results: list[BatchItem]


class Change(BaseModel):
    field: str
    before: Optional[str] = None
    after: Optional[str] = None


class ReplayOut(BaseModel):
    assessment_id: str
    stored_digest: str
    current_digest: str
    changed: bool
    changes: list[Change]
    current: Assessment


class CheckOut(BaseModel):
    ready: bool = Field(..., description="no defects and no missing contents")
    decision: str
    defects: list[Defect]
    missing_contents: list[ContentItem]
    unknown_contents: list[ContentItem]
    questions: list[Question]
    ruleset: Ruleset


def _aware(v: dict[str, datetime]) -> dict[str, datetime]:
    for name, when in v.items():
        if when.tzinfo is None:
            raise ValueError(f"events.{name}: give a time zone offset, e.g. 2026-09-14T10:00:00+02:00")
    return v


class DeadlinesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    request: AssistanceRequest
    events: dict[str, datetime] = Field(default_factory=dict,
                                        description="events that happened, added to the request's own")
    now: Optional[datetime] = Field(None, description="the moment statuses are computed for (default: now)")

    @field_validator("events")
    @classmethod
    def _events_aware(cls, v: dict[str, datetime]) -> dict[str, datetime]:
        return _aware(v)

    @field_validator("now")
    @classmethod
    def _now_aware(cls, v: Optional[datetime]) -> Optional[datetime]:
        if v is not None and v.tzinfo is None:
            raise ValueError("give a time zone offset, e.g. 2026-09-14T10:00:00+02:00")
        return v


class DeadlinesOut(BaseModel):
    now: datetime
    deadlines: list[Deadline]
    ruleset: Ruleset


class RuleCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filename: str = Field("submitted.rules", min_length=1, max_length=300, pattern=r"^[A-Za-z0-9_./-]+\.rules$")
    text: str = Field(..., max_length=1_000_000)


class RuleCheckOut(BaseModel):
    ok: bool
    errors: int
    warnings: int
    diagnostics: list[Diagnostic]
    rendered: str


class RulesStatus(BaseModel):
    digest: Optional[str]
    active_digest: Optional[str] = Field(None, description="the digest the database names for every worker")
    loaded_at: Optional[datetime]
    status: str
    source: Optional[str]
    backend: str
    files: int
    rules: int


class ReloadOut(BaseModel):
    ok: bool
    changed: bool
    digest: Optional[str]
    diagnostics: list[Diagnostic]
    rendered: str


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    rules: Optional[str] = None
    database: Optional[bool] = None


# ------------------------------------------------------------------ reference data

class TermOut(BaseModel):
    id: str
    label: str
    coercive: Optional[bool] = None
    fact_type: Optional[str] = None
    citations: list[CitationOut] = Field(default_factory=list)


class CategoryOut(BaseModel):
    id: str
    label: str
    elements: list[str]
    citations: list[CitationOut] = Field(default_factory=list)


class Vocabulary(BaseModel):
    terms: dict[str, list[TermOut]]
    categories: list[CategoryOut]


class PartyOut(BaseModel):
    state: str
    instrument: str
    signed: Optional[date] = None
    ratified: Optional[date] = None
    acceded: Optional[date] = None
    in_force: Optional[date] = None
    withdrawn: Optional[date] = None
    citations: list[CitationOut] = Field(default_factory=list)


class JurisdictionSummary(BaseModel):
    code: str
    name: str
    time_zone: Optional[str] = None
    central_authority: Optional[str] = None
    languages: list[str]
    channels: list[str]


class OffenceOut(BaseModel):
    id: str
    label: str
    category: Optional[str] = None
    max_penalty_months: Optional[int] = None
    citations: list[CitationOut] = Field(default_factory=list)


class JurisdictionOut(JurisdictionSummary):
    holidays: Optional[str] = None
    instruments: list[PartyOut]
    offences: list[OffenceOut]
    rules: list[str]
    citations: list[CitationOut] = Field(default_factory=list)


class InstrumentSummary(BaseModel):
    id: str
    label: str
    kind: Optional[str] = None
    in_force: Optional[date] = None
    parties: int
    citations: list[CitationOut] = Field(default_factory=list)


class RuleOut(BaseModel):
    id: str
    label: Optional[str] = None
    valid_from: Optional[date] = None
    valid_until: Optional[date] = None
    citations: list[CitationOut] = Field(default_factory=list)


class InstrumentOut(InstrumentSummary):
    adopted: Optional[date] = None
    of: Optional[str] = None
    supplements: Optional[str] = None
    non_binding: bool = False
    exhaustive: bool = False
    measures: Optional[list[str]] = None
    party_list: list[PartyOut]
    rules: list[RuleOut]


# ------------------------------------------------------------------ keys and audit

class KeyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Literal["case_system", "reviewer", "drafter", "admin"]
    org: Optional[str] = Field(None, min_length=1, max_length=100)
    label: Optional[str] = Field(None, max_length=200)


class KeyOut(BaseModel):
    id: str
    role: str
    org: Optional[str] = None
    label: Optional[str] = None
    created_at: datetime
    revoked_at: Optional[datetime] = None


class NewKey(KeyOut):
    key: str = Field(..., description="the secret; shown once, store it now")


class AuditVerification(BaseModel):
    ok: bool
    records: int
    head_hash: str
    first_bad_seq: Optional[int] = None
    reason: Optional[str] = None
