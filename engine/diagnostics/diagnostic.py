"""The Diagnostic record shared by the CLI, the API and the tests."""
from __future__ import annotations

from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict

from engine.span import Span


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"


class Diagnostic(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity = Severity.error
    message: str
    span: Optional[Span] = None
    label: Optional[str] = None  # short text printed under the caret
    law: Optional[str] = None  # citation of the provision the span belongs to
    expected: Optional[str] = None
    notes: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()

    def sort_key(self):
        s = self.span
        return (s.file, s.line, s.col) if s else ("", 0, 0), self.code, self.message


class Diagnostics(list):
    """A list of Diagnostic with helpers; stages append, nothing raises."""

    def error(self, code: str, message: str, span: Optional[Span] = None, **kw) -> None:
        self.append(Diagnostic(code=code, severity=Severity.error, message=message, span=span, **kw))

    def warning(self, code: str, message: str, span: Optional[Span] = None, **kw) -> None:
        self.append(Diagnostic(code=code, severity=Severity.warning, message=message, span=span, **kw))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity == Severity.error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self, key=lambda d: d.sort_key())
