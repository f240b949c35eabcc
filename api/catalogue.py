"""What the rule base knows — jurisdictions, instruments, vocabulary — shaped for the API, with citations."""
from __future__ import annotations

from typing import Optional

from api.schemas import (CategoryOut, InstrumentOut, InstrumentSummary, JurisdictionOut, JurisdictionSummary,
                         OffenceOut, PartyOut, RuleOut, TermOut, Vocabulary)
from engine.assess.models import CitationOut
from engine.rulebase import RuleBase

TERM_KINDS = ("measure", "element", "fact", "item", "event", "ground", "obligation", "channel", "capability")


def citations(node) -> list[CitationOut]:
    return [CitationOut(text=c.text, url=c.url, unverified=c.unverified) for c in getattr(node, "sources", ())]


def _party(p) -> PartyOut:
    return PartyOut(state=p.state.name, instrument=p.instrument.name, signed=p.signed, ratified=p.ratified,
                    acceded=p.acceded, in_force=p.in_force, withdrawn=p.withdrawn, citations=citations(p))


def _jurisdiction_summary(j) -> dict:
    return dict(code=j.code.name, name=j.name, time_zone=j.time_zone, central_authority=j.central_authority,
                languages=[r.name for r in j.languages], channels=[r.name for r in j.channels])


def jurisdictions(rb: RuleBase) -> list[JurisdictionSummary]:
    return [JurisdictionSummary(**_jurisdiction_summary(j)) for _, j in sorted(rb.jurisdictions.items())]


def jurisdiction(rb: RuleBase, iso: str) -> Optional[JurisdictionOut]:
    j = rb.jurisdictions.get(iso.upper())
    if j is None:
        return None
    code = j.code.name
    # A jurisdiction's own rules are those under its national instruments.
    own = {i for i, ins in rb.instruments.items() if ins.of is not None and ins.of.name == code}
    return JurisdictionOut(
        **_jurisdiction_summary(j), holidays=j.holidays.name if j.holidays else None,
        instruments=[_party(p) for p in rb.parties if p.state.name == code],
        offences=[OffenceOut(id=o.id.name, label=o.label, category=o.category.name if o.category else None,
                             max_penalty_months=o.max_penalty_months, citations=citations(o))
                  for o in sorted(rb.offences_of(code), key=lambda o: o.id.name)],
        rules=sorted(r.id.name for r in rb.rules.values() if r.under is not None and r.under.name in own),
        citations=citations(j))


def _instrument_summary(rb: RuleBase, ins) -> dict:
    return dict(id=ins.id.name, label=ins.label, kind=ins.kind, in_force=ins.in_force,
                parties=len(rb.parties_of(ins.id.name)), citations=citations(ins))


def instruments(rb: RuleBase) -> list[InstrumentSummary]:
    return [InstrumentSummary(**_instrument_summary(rb, i)) for _, i in sorted(rb.instruments.items())]


def instrument(rb: RuleBase, instrument_id: str) -> Optional[InstrumentOut]:
    ins = rb.instruments.get(instrument_id)
    if ins is None:
        return None
    return InstrumentOut(
        **_instrument_summary(rb, ins), adopted=ins.adopted, of=ins.of.name if ins.of else None,
        supplements=ins.supplements.name if ins.supplements else None, non_binding=ins.non_binding,
        exhaustive=ins.exhaustive, measures=[m.name for m in ins.measures] if ins.measures is not None else None,
        party_list=[_party(p) for p in rb.parties_of(ins.id.name)],
        rules=[RuleOut(id=r.id.name, label=r.label, valid_from=r.valid_from, valid_until=r.valid_until,
                       citations=citations(r)) for r in sorted(rb.rules_under(ins.id.name), key=lambda r: r.id.name)])


def vocabulary(rb: RuleBase) -> Vocabulary:
    terms = {k: [TermOut(id=t.id.name, label=t.label, coercive=t.coercive, fact_type=t.fact_type,
                         citations=citations(t)) for _, t in sorted(rb.terms.get(k, {}).items())]
             for k in TERM_KINDS}
    cats = [CategoryOut(id=c.id.name, label=c.label, elements=[e.name for e in c.elements], citations=citations(c))
            for _, c in sorted(rb.categories.items())]
    return Vocabulary(terms=terms, categories=cats)
