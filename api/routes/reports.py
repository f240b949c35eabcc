"""GET /v1/reports/{kind}: the harmonization reports, built by the engine on the active rule base."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from api.deps import Reviewer, ServicesDep
from api.problems import FieldError, ProblemError

router = APIRouter(prefix="/v1", tags=["reports"])

Kind = Literal["definitions", "coverage", "gaps", "deadlines"]
Format = Literal["html", "md", "csv", "json"]


@router.get("/reports/{kind}", summary="A harmonization report (definitions, coverage, gaps, deadlines)",
            response_class=Response,
            responses={200: {"content": {"text/html": {}, "text/markdown": {}, "text/csv": {},
                                         "application/json": {}}}})
async def get_report(
    kind: Annotated[Kind, Path(description="the ruleset diff needs two rule bases: run `comity compare diff`")],
    who: Reviewer,
    svc: ServicesDep,
    format: Annotated[Format, Query(description="html, md, csv or json")] = "json",
    state: Annotated[list[str], Query(max_length=300, description="jurisdictions (default: all)")] = [],
    measure: Annotated[list[str], Query(max_length=50, description="measures")] = [],
    offence: Annotated[list[str], Query(max_length=50, description="offence categories")] = [],
    as_of: Annotated[Optional[date], Query(description="date of the law (default: today)")] = None,
) -> Response:
    from engine import report

    engine = svc.engine
    options = {"states": state or None, "measures": measure or None, "offence": offence or None, "as_of": as_of,
               "workers": 1}

    def build():
        data = report.build(kind, engine, **options)
        return report.render(data, format)

    try:
        content, media_type = await svc.run(build)
    except ValueError as exc:  # an unknown state, measure or offence: name the parameter
        field = next((f for f, v in (("state", state), ("measure", measure), ("offence", offence))
                      if v and any(str(x) in str(exc) for x in v)), "query")
        raise ProblemError(422, str(exc), errors=[FieldError(field=field, message=str(exc))])
    return Response(content=content, media_type=media_type)
