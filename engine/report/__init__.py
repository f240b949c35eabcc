"""Harmonization comparison reports: definitions, coverage, gaps, deadlines and ruleset diff.

    data = build("coverage", engine, measures=["freezing"], offence=["money_laundering"])
    content, media_type = render(data, "html")   # or "md", "csv", "json"

Each builder returns a `ReportData` (report/model.py); the renderers turn it into any format.
"""
from __future__ import annotations

from engine.report.model import ReportData
from engine.report.render import FORMATS, render

KINDS = ("definitions", "coverage", "gaps", "deadlines", "diff")


def build(kind: str, engine, **options) -> ReportData:
    """Build report `kind` with the engine; options are those of the kind's `build` function."""
    if kind not in KINDS:
        raise ValueError(f"unknown report `{kind}`: use one of {', '.join(KINDS)}")
    from importlib import import_module

    return import_module(f"engine.report.{kind}").build(engine, **options)


__all__ = ["KINDS", "FORMATS", "ReportData", "build", "render"]
