from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import Anyone, Drafter, ServicesDep
from api.schemas import ReloadOut, RuleCheckIn, RuleCheckOut, RulesStatus
from engine.diagnostics.render import render_text

router = APIRouter(prefix="/v1/rules", tags=["rules"])


@router.get("", response_model=RulesStatus, summary="The active rule set: digest, load time, status")
async def rules_status(who: Anyone, svc: ServicesDep) -> RulesStatus:
    engine = svc.rules.engine
    active = await svc.run(svc.rules.active_digest)
    return RulesStatus(digest=engine.digest if engine else None, active_digest=active,
                       loaded_at=engine.loaded_at if engine else None, status=svc.rules.status,
                       source=svc.rules.source, backend=svc.settings.backend,
                       files=len(engine.rb.sources) if engine else 0, rules=len(engine.rb.rules) if engine else 0)


@router.post("/check", response_model=RuleCheckOut,
             summary="Check one rule file against the current rule base; diagnostics for that file")
async def check_rules(body: RuleCheckIn, who: Drafter, svc: ServicesDep) -> RuleCheckOut:
    diags = await svc.run(svc.rules.check_text, body.filename, body.text)
    errors = sum(1 for d in diags if d.severity.value == "error")
    rendered = render_text(diags, sources=lambda f: body.text if f == body.filename else None)
    return RuleCheckOut(ok=errors == 0, errors=errors, warnings=sum(1 for d in diags if d.severity.value == "warning"),
                        diagnostics=diags, rendered=rendered)


@router.post("/reload", response_model=ReloadOut,
             responses={409: {"model": ReloadOut,
                               "description": "the rule base on disk has errors; the old one is still serving"}},
             summary="Load the rule base from disk; swap it in only if it is clean")
async def reload_rules(who: Drafter, svc: ServicesDep):
    result = await svc.run(svc.rules.reload, who.key_id)
    out = ReloadOut(ok=result.ok, changed=result.changed, digest=result.digest, diagnostics=result.diagnostics,
                    rendered=render_text(result.diagnostics))
    return out if result.ok else JSONResponse(out.model_dump(mode="json"), status_code=409)
