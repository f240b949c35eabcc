"""ISO country and language codes, IANA time zones, holiday calendars."""
from __future__ import annotations

import zoneinfo
from functools import lru_cache

from engine.check.suggest import did_you_mean
from engine.diagnostics import Diagnostics
from engine.iso_codes import COUNTRIES, EXCEPTIONAL, LANGUAGES
from engine.check.walk import rule_atoms
from engine.rulebase import RuleBase


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@lru_cache(maxsize=1)
def holiday_calendars() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


def _country(ref, diags: Diagnostics, allow_exceptional: bool = False) -> None:
    ok = ref.name in COUNTRIES or (allow_exceptional and ref.name in EXCEPTIONAL)
    if not ok:
        diags.error("T304", f"`{ref.name}` is not an ISO 3166-1 alpha-2 country code", ref.span,
                    suggestions=did_you_mean(ref.name, COUNTRIES) or ("use two capital letters, e.g. CH",))


def _language(ref, diags: Diagnostics) -> None:
    if ref.name not in LANGUAGES:
        diags.error("T304", f"`{ref.name}` is not an ISO 639-1 language code", ref.span,
                    suggestions=did_you_mean(ref.name, LANGUAGES) or ("use two lowercase letters, e.g. de",))


def run(rb: RuleBase, diags: Diagnostics) -> None:
    for j in rb.jurisdictions.values():
        _country(j.code, diags)
        for lang in j.languages:
            _language(lang, diags)
        if j.time_zone is not None and j.time_zone not in _zones():
            diags.error("T305", f"`{j.time_zone}` is not an IANA time zone", j.time_zone_span,
                        suggestions=did_you_mean(j.time_zone, _zones()) or ('e.g. "Europe/Zurich"',))
        if j.time_zone is None:
            diags.error("T305", f"jurisdiction {j.code.name} has no time zone", j.code.span,
                        suggestions=('add e.g. `time zone "Europe/Zurich"`',))
        if j.holidays is not None and j.holidays.name not in holiday_calendars():
            diags.error("T306", f"`{j.holidays.name}` is not a holiday calendar known to the `holidays` library",
                        j.holidays.span, suggestions=did_you_mean(j.holidays.name, holiday_calendars()))
    for p in rb.parties:
        _country(p.state, diags, allow_exceptional=True)
    for rule in rb.rules.values():
        for c in rule.conclusions:
            if c.kind == "accepted_languages":
                for lang in c.refs:
                    _language(lang, diags)
        for atom in rule_atoms(rule):
            if atom.kind in ("requesting_is", "requested_is"):
                for ref in atom.refs:
                    _country(ref, diags)
