"""The request and assessment models shared by the CLI, the API and the tests."""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

Stage = Literal["investigation", "prosecution", "trial", "post_conviction"]
FactValue = Union[bool, int, float, str, None]


class Offence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    categories: list[str] = Field(default_factory=list, max_length=50, description="offence category ids")
    conduct: list[str] = Field(default_factory=list, max_length=200,
                               description="conduct element ids; empty means the elements of the categories")
    max_penalty_years: Optional[float] = Field(None, ge=0, le=1000,
                                               description="maximum penalty in the requesting state")
    description: Optional[str] = Field(None, max_length=20000)


class AssistanceRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requesting_state: str = Field(..., pattern=r"^[A-Z]{2}$")
    requested_state: str = Field(..., pattern=r"^[A-Z]{2}$")
    measure: str = Field(..., pattern=r"^[a-z][a-z0-9_]*$", max_length=100)
    invoked_instrument: Optional[str] = Field(None, max_length=100)
    offence: Offence = Field(default_factory=Offence)
    stage: Stage = "investigation"
    events: dict[str, datetime] = Field(default_factory=dict)
    as_of: Optional[date] = None
    facts: dict[str, FactValue] = Field(default_factory=dict)
    request_contents: Optional[list[str]] = Field(None, max_length=200)
    language: Optional[str] = Field(None, pattern=r"^[a-z]{2}$")
    channel: Optional[str] = Field(None, max_length=100)

    @field_validator("events")
    @classmethod
    def _aware(cls, v: dict[str, datetime]) -> dict[str, datetime]:
        for name, when in v.items():
            if when.tzinfo is None:
                raise ValueError(f"events.{name}: give a time zone offset, e.g. 2026-09-14T10:00:00+02:00")
            if not 1900 <= when.year <= 2200:
                raise ValueError(f"events.{name}: the year must be between 1900 and 2200")
        return v

    @field_validator("as_of")
    @classmethod
    def _plausible(cls, v: Optional[date]) -> Optional[date]:
        if v is not None and not 1900 <= v.year <= 2200:
            raise ValueError("as_of: the year must be between 1900 and 2200")
        return v

    def effective_as_of(self) -> date:
        if self.as_of:
            return self.as_of
        if "received" in self.events:
            return self.events["received"].date()
        return date.today()


class CitationOut(BaseModel):
    text: str
    url: Optional[str] = None
    unverified: bool = False


class LegalBasis(BaseModel):
    instrument: str
    title: str
    kind: str
    applicable: Optional[bool]  # None: depends on facts not given
    primary: bool = False
    reasons: list[str] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)


class DualCriminality(BaseModel):
    status: Literal["not_required", "satisfied", "not_satisfied", "exempt", "unknown"]
    required: Optional[bool]
    exempt: bool = False
    satisfied: Optional[bool] = None
    offences: list[str] = Field(default_factory=list)  # the requested state's offences covering the conduct
    reasons: list[str] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)


class RefusalGround(BaseModel):
    id: str
    label: str
    mandatory: bool
    status: Literal["applies", "excluded", "not_applicable", "unknown"]
    rules: list[str] = Field(default_factory=list)
    excluded_by: list[str] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)


class ContentItem(BaseModel):
    id: str
    label: str
    provided: Optional[bool]
    rules: list[str] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)


class Defect(BaseModel):
    kind: Literal["missing_content", "language", "channel", "instrument"]
    message: str
    remedy: str
    citations: list[CitationOut] = Field(default_factory=list)


class Deadline(BaseModel):
    id: str
    label: str
    kind: Literal["fixed", "soft"]
    duration: Optional[str] = None  # ISO 8601
    counting: Optional[Literal["hours", "calendar_days", "working_days", "months"]] = None
    event: Optional[str] = None
    met_by: Optional[str] = None  # the event that meets it
    start_at: Optional[datetime] = None
    due_at: Optional[datetime] = None
    extendable_by: Optional[str] = None
    calendar: Optional[str] = None
    time_zone: Optional[str] = None
    adjustments: list[str] = Field(default_factory=list)
    status: Optional[Literal["open", "met", "overdue", "soft"]] = None
    rule: str
    citations: list[CitationOut] = Field(default_factory=list)


class Condition(BaseModel):
    id: str
    label: str
    rules: list[str] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)


class Question(BaseModel):
    fact: str
    label: str
    type: str
    why: str
    decisive: bool
    rules: list[str] = Field(default_factory=list)


class ProofNode(BaseModel):
    conclusion: str
    rule: Optional[str] = None
    citation: Optional[str] = None
    kind: Literal["derived", "given", "rule_base", "absent", "unknown"] = "derived"
    premises: list["ProofNode"] = Field(default_factory=list)


class Ruleset(BaseModel):
    digest: str
    as_of: date
    backend: str


class Assessment(BaseModel):
    decision: Literal["permissible", "may_refuse", "must_refuse", "undetermined"]
    requesting_state: str
    requested_state: str
    measure: str
    legal_bases: list[LegalBasis]
    primary_basis: Optional[str]
    dual_criminality: DualCriminality
    refusal_grounds: list[RefusalGround]
    required_contents: list[ContentItem]
    defects: list[Defect]
    deadlines: list[Deadline]
    conditions: list[Condition]
    questions: list[Question]
    explanation: list[ProofNode]
    explanation_text: str
    rules_applied: list[str]
    ruleset: Ruleset


ProofNode.model_rebuild()
