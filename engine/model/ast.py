"""Model nodes built from the parse tree. Frozen pydantic models; every node has a span."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field

from engine.span import Citation, Span


class Node(BaseModel):
    model_config = ConfigDict(frozen=True)

    span: Span


class Ref(Node):
    """A name used by reference; its own span lets diagnostics point at it exactly."""

    name: str


class Sourced(Node):
    sources: tuple[Citation, ...] = ()
    text: Optional[str] = None
    notes: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()  # what is known to be missing from the encoding (shown by `comity status`)

    @property
    def citation(self) -> Optional[Citation]:
        return self.sources[0] if self.sources else None

    @property
    def unverified(self) -> bool:
        return any(c.unverified for c in self.sources)


# ------------------------------------------------------------------ vocabulary

TermKind = Literal[
    "measure", "element", "fact", "item", "event", "ground", "obligation", "channel", "capability"
]
FactType = Literal["boolean", "number", "date", "text"]


class Term(Sourced):
    kind: TermKind
    id: Ref
    label: str
    coercive: Optional[bool] = None
    fact_type: Optional[FactType] = None


class Category(Sourced):
    id: Ref
    label: str
    elements: tuple[Ref, ...] = ()


class OffenceList(Sourced):
    id: Ref
    label: str
    members: tuple[Ref, ...] = ()


# ------------------------------------------------------------------ instruments and parties

InstrumentKind = Literal["multilateral", "regional", "eu", "bilateral", "domestic", "statute", "standard"]
BASIS_KINDS = ("eu", "bilateral", "regional", "multilateral", "domestic")  # kinds that can be a legal basis


class Instrument(Sourced):
    id: Ref
    label: str
    kind: Optional[InstrumentKind] = None
    of: Optional[Ref] = None
    adopted: Optional[date] = None
    in_force: Optional[date] = None
    measures: Optional[tuple[Ref, ...]] = None  # None = all
    offences: Optional[tuple[Ref, ...]] = None  # None = all
    counting: Optional[Ref] = None
    non_binding: bool = False
    supplements: Optional[Ref] = None  # a protocol: its rules apply with the convention it supplements
    exhaustive: bool = False  # its grounds for refusal are the only ones when it is the operative basis


class Party(Sourced):
    state: Ref
    instrument: Ref
    signed: Optional[date] = None
    ratified: Optional[date] = None
    acceded: Optional[date] = None
    in_force: Optional[date] = None
    withdrawn: Optional[date] = None


class Jurisdiction(Sourced):
    code: Ref
    name: str
    time_zone: Optional[str] = None
    time_zone_span: Optional[Span] = None
    holidays: Optional[Ref] = None
    subdivision: Optional[str] = None
    languages: tuple[Ref, ...] = ()
    central_authority: Optional[str] = None
    channels: tuple[Ref, ...] = ()


class Offence(Sourced):
    id: Ref
    label: str
    state: Ref
    category: Optional[Ref] = None
    elements: tuple[Ref, ...] = ()
    max_penalty_months: Optional[int] = None


class Duration(Node):
    amount: Decimal
    unit: Literal["hours", "calendar_days", "working_days", "weeks", "months", "years"]


class ProvisionSet(Node):
    instrument: Ref
    article: Optional[str] = None
    para_from: Optional[int] = None
    para_to: Optional[int] = None


class Target(Node):
    instrument: Optional[Ref] = None
    kinds: tuple[InstrumentKind, ...] = ()


class Precedence(Sourced):
    id: Ref
    label: Optional[str] = None
    replaced: Optional[ProvisionSet] = None
    yielding: Optional[Ref] = None
    target: Optional[Target] = None
    for_measures: Optional[tuple[Ref, ...]] = None
    alongside: Optional[ProvisionSet] = None  # these provisions apply whatever the operative basis


# ------------------------------------------------------------------ conditions

AtomKind = Literal[
    "fact_true", "fact_false", "fact_compare", "measure_coercive", "measure_non_coercive",
    "measure_is", "offence_is", "offence_in_list", "conduct_includes", "stage_is",
    "requesting_is", "requested_is", "requesting_bound", "requested_bound", "both_bound",
    "invoked_is", "penalty_compare", "dc_is_required", "dc_is_satisfied", "dc_is_exempt",
    "ground_applies", "request_contains", "event_occurred", "requested_provides",
    "instrument_applies",
]


class Atom(Node):
    kind: AtomKind
    refs: tuple[Ref, ...] = ()
    op: Optional[str] = None
    number: Optional[Decimal] = None
    duration: Optional[Duration] = None


class Not(Node):
    item: "Condition"


class All(Node):
    items: tuple["Condition", ...]


class AnyOf(Node):
    items: tuple["Condition", ...]


Condition = Union[Atom, Not, All, AnyOf]


# ------------------------------------------------------------------ rules

ConclusionKind = Literal[
    "may_refuse", "must_refuse", "shall_not_refuse", "dc_required", "dc_not_required",
    "dc_exempt", "must_contain", "accepted_languages", "accepted_channels", "subject_to",
    "does_not_apply", "establishes", "provides", "deadline",
]


class DeadlineSpec(Node):
    kind: Literal["fixed", "soft"]
    duration: Optional[Duration] = None
    event: Optional[Ref] = None
    extension: Optional[Duration] = None
    met_by: Optional[Ref] = None  # the event that meets the deadline (default: execution_completed)
    wording: str = "within"


class Conclusion(Node):
    kind: ConclusionKind
    refs: tuple[Ref, ...] = ()
    label: Optional[str] = None
    deadline: Optional[DeadlineSpec] = None


class Rule(Sourced):
    id: Ref
    label: Optional[str] = None
    under: Optional[Ref] = None
    exception_to: tuple[Ref, ...] = ()
    when: tuple[Condition, ...] = ()
    unless: tuple[Condition, ...] = ()
    valid_from: Optional[date] = None
    valid_until: Optional[date] = None
    conclusions: tuple[Conclusion, ...] = ()

    @property
    def conclusion(self) -> Optional[Conclusion]:
        return self.conclusions[0] if self.conclusions else None


Declaration = Union[Term, Category, OffenceList, Instrument, Party, Jurisdiction, Offence, Precedence, Rule]


class Module(BaseModel):
    """One parsed rule file."""

    model_config = ConfigDict(frozen=True)

    file: str
    declarations: tuple[Declaration, ...] = Field(default_factory=tuple)


Not.model_rebuild()
All.model_rebuild()
AnyOf.model_rebuild()
Rule.model_rebuild()
