"""Source positions and legal citations: every node of the model carries both."""
from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel, ConfigDict


class Span(BaseModel):
    """A region of a rule file, 1-based lines and columns; `end_col` is exclusive."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int
    col: int
    end_line: int
    end_col: int
    start_pos: int = 0
    end_pos: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"

    @classmethod
    def from_meta(cls, file: str, meta) -> "Span":
        if getattr(meta, "empty", False):
            return cls(file=file, line=1, col=1, end_line=1, end_col=1)
        return cls(
            file=file,
            line=meta.line,
            col=meta.column,
            end_line=meta.end_line,
            end_col=meta.end_column,
            start_pos=meta.start_pos,
            end_pos=meta.end_pos,
        )

    @classmethod
    def from_token(cls, file: str, tok) -> "Span":
        return cls(
            file=file,
            line=tok.line,
            col=tok.column,
            end_line=tok.end_line,
            end_col=tok.end_column,
            start_pos=tok.start_pos,
            end_pos=tok.end_pos,
        )


# instrument id, then the provision: `UNCAC art. 46(15)(a)`, `US-18USC § 981(b)(4)`
_CITATION = re.compile(
    r"^(?P<instrument>[A-Z][A-Z0-9]*(?:-[A-Za-z0-9]+)*)\s+"
    r"(?P<kind>art\.|arts\.|§§|§|s\.|ss\.|reg\.|r\.|R\.|INR\.|annex|recital|para\.|sec\.|rule|principle|part|ch\.|sched\.)\s*"
    r"(?P<number>[0-9A-Za-z]+(?:[.-][0-9A-Za-z]+)*)(?P<paras>(?:\([0-9A-Za-z]+\))*)"
    r"(?P<range>\s*(?:-|–|to)\s*[0-9A-Za-z]*(?:\([0-9A-Za-z]+\))*)?$"
)


class Citation(BaseModel):
    """A pointer to the law: instrument id, then provision, e.g. `UNCAC art. 46(15)(a)`."""

    model_config = ConfigDict(frozen=True)

    instrument: str
    kind: str
    number: str
    paragraphs: tuple[str, ...] = ()
    range_to: Optional[str] = None
    url: Optional[str] = None
    unverified: bool = False
    unverified_reason: Optional[str] = None
    span: Optional[Span] = None

    @classmethod
    def parse(cls, text: str, **extra) -> "Citation":
        m = _CITATION.match(text.strip())
        if not m:
            raise ValueError(f"not a citation: {text!r}")
        paras = tuple(re.findall(r"\(([0-9A-Za-z]+)\)", m.group("paras") or ""))
        rng = m.group("range")
        return cls(
            instrument=m.group("instrument"),
            kind=m.group("kind"),
            number=m.group("number"),
            paragraphs=paras,
            range_to=rng.strip().lstrip("-–").replace("to", "", 1).strip() if rng else None,
            **extra,
        )

    @property
    def provision(self) -> str:
        sep = " " if self.kind not in ("§", "§§") else " "
        text = f"{self.kind}{sep}{self.number}" + "".join(f"({p})" for p in self.paragraphs)
        if self.range_to:
            text += f"-{self.range_to}"
        return text

    @property
    def text(self) -> str:
        return f"{self.instrument} {self.provision}"

    def __str__(self) -> str:
        return self.text

    def article_number(self) -> Optional[int]:
        m = re.match(r"\d+", self.number)
        return int(m.group()) if m and self.kind in ("art.", "arts.") else None

    def first_paragraph(self) -> Optional[int]:
        if self.paragraphs and self.paragraphs[0].isdigit():
            return int(self.paragraphs[0])
        return None
