from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api import catalogue
from api.deps import Anyone, ServicesDep
from api.problems import ProblemError
from api.schemas import InstrumentOut, InstrumentSummary, JurisdictionOut, JurisdictionSummary, Vocabulary

router = APIRouter(prefix="/v1", tags=["rule base"])


@router.get("/jurisdictions", response_model=list[JurisdictionSummary], summary="Jurisdictions in the rule base")
async def list_jurisdictions(who: Anyone, svc: ServicesDep) -> list[JurisdictionSummary]:
    return catalogue.jurisdictions(svc.engine.rb)


@router.get("/jurisdictions/{iso}", response_model=JurisdictionOut,
            summary="A jurisdiction: instruments it is party to, offences, rules, citations")
async def get_jurisdiction(iso: Annotated[str, Path(pattern=r"^[A-Za-z]{2}$")], who: Anyone,
                           svc: ServicesDep) -> JurisdictionOut:
    found = catalogue.jurisdiction(svc.engine.rb, iso)
    if found is None:
        raise ProblemError(404, f"no jurisdiction `{iso}` in the rule base")
    return found


@router.get("/instruments", response_model=list[InstrumentSummary], summary="Instruments in the rule base")
async def list_instruments(who: Anyone, svc: ServicesDep) -> list[InstrumentSummary]:
    return catalogue.instruments(svc.engine.rb)


@router.get("/instruments/{instrument_id}", response_model=InstrumentOut,
            summary="An instrument: parties, rules, citations")
async def get_instrument(instrument_id: Annotated[str, Path(max_length=100)], who: Anyone,
                         svc: ServicesDep) -> InstrumentOut:
    found = catalogue.instrument(svc.engine.rb, instrument_id)
    if found is None:
        raise ProblemError(404, f"no instrument `{instrument_id}` in the rule base")
    return found


@router.get("/vocabulary", response_model=Vocabulary,
            summary="Measures, offence categories, conduct elements, facts, items, events, grounds, channels")
async def get_vocabulary(who: Anyone, svc: ServicesDep) -> Vocabulary:
    return catalogue.vocabulary(svc.engine.rb)
