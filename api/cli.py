"""`comity serve`, `comity keys`, `comity audit`."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    return None
