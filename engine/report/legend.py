"""Statuses shown in reports: label, meaning and colour. Colours are paired with text everywhere."""
from __future__ import annotations

from engine.report.model import LegendEntry

_ALL = {
    # decisions of the engine
    "permissible": ("permissible", "no ground for refusal applies on the assumed facts", "#b7e4c7"),
    "may_refuse": ("may refuse", "an optional ground applies: assistance is left to the requested state's discretion",
                   "#ffe8a3"),
    "must_refuse": ("must refuse", "a mandatory ground applies, or no legal basis binds the two states", "#f4b4b4"),
    "undetermined": ("undetermined", "depends on facts not given", "#cfd8e3"),
    "no_basis": ("no legal basis", "no instrument binding both states, nor the requested state's law, applies",
                 "#f4b4b4"),
    # dual criminality
    "dc_required": ("required", "dual criminality is required", "#e9d8fd"),
    "dc_not_required": ("not required", "dual criminality is not required", "#d8f3dc"),
    "dc_unknown": ("unknown", "depends on facts not given", "#cfd8e3"),
    # definitions
    "element_required": ("element", "the national definition has this element", "#b7e4c7"),
    "element_not_required": ("not required", "the national definition reaches the conduct without this element "
                             "(wider than the category)", "#d8f3dc"),
    "element_extra": ("extra element", "the national definition requires an element the category does not: "
                      "conduct under the category may fall outside it", "#ffe8a3"),
    "covered": ("covered", "an offence of this state is made out by the conduct of the category "
                "(dual criminality is satisfied)", "#b7e4c7"),
    "not_covered": ("not covered", "no offence of this state is made out by the conduct of the category "
                    "(dual criminality fails)", "#f4b4b4"),
    "yes": ("yes", "the state's law provides it", "#b7e4c7"),
    "no": ("no", "not found in the rule base for this state", "#f4b4b4"),
    # deadlines
    "fixed": ("fixed", "a time limit with a computable due date", "#bde0fe"),
    "soft": ("soft", "as soon as possible / without delay: never given a date", "#e2e2e2"),
    # diff
    "changed": ("changed", "the outcome differs between the two versions", "#ffe8a3"),
    "added": ("added", "only the new version has a result for this request", "#b7e4c7"),
    "removed": ("removed", "only the old version has a result for this request", "#f4b4b4"),
}


def entries(*statuses: str) -> list[LegendEntry]:
    return [LegendEntry(status=s, label=_ALL[s][0], meaning=_ALL[s][1], colour=_ALL[s][2]) for s in statuses]


def label(status: str) -> str:
    return _ALL[status][0] if status in _ALL else status.replace("_", " ")


def colour(status: str) -> str:
    return _ALL[status][2] if status in _ALL else "#ffffff"


DECISIONS = ("permissible", "may_refuse", "must_refuse", "undetermined")
