"""The report data model shared by every report kind and every output format.

A report is a header (ruleset digest, date of the law, generation time, parameters), a legend of
statuses, display tables of cells, optional plots, and `records`: the same content as typed, flat
dictionaries for machine consumers (JSON). Rows are sorted by the builders; renderers never reorder.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional, Union

from pydantic import BaseModel, Field


class Link(BaseModel):
    """A citation; `url` when the rule base gives one."""

    text: str
    url: Optional[str] = None
    unverified: bool = False


class Cell(BaseModel):
    text: str = ""
    status: Optional[str] = None  # a legend key: drives the colour; the text always says it too
    sort: Optional[Union[float, str]] = None  # sort key when the text does not sort naturally
    links: list[Link] = Field(default_factory=list)
    note: Optional[str] = None  # longer explanation, shown on hover


class Column(BaseModel):
    key: str
    label: str
    help: Optional[str] = None


class Table(BaseModel):
    id: str
    title: str
    caption: Optional[str] = None
    columns: list[Column]
    rows: list[dict[str, Cell]]


class LegendEntry(BaseModel):
    status: str
    label: str
    meaning: str
    colour: str  # background colour in the HTML; every status also has a text label


class Plot(BaseModel):
    title: str
    caption: str
    svg: str


class ReportData(BaseModel):
    kind: str
    title: str
    description: str
    ruleset_digest: str
    as_of: date
    generated_at: datetime
    parameters: dict[str, Any] = Field(default_factory=dict)
    summary: list[str] = Field(default_factory=list)
    legend: list[LegendEntry] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    plots: list[Plot] = Field(default_factory=list)
    records: list[dict[str, Any]] = Field(default_factory=list)


def cite(node) -> list[Link]:
    """The citations of a model node (rule, offence, instrument) as links."""
    return [Link(text=c.text, url=c.url, unverified=c.unverified) for c in getattr(node, "sources", ()) or ()]


def link_dicts(links: list[Link]) -> list[dict]:
    return [l.model_dump(exclude_none=True) for l in links]
