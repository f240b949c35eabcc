"""Every scenario file, on both evaluators.

Scenarios listed in tests/scenarios/known_failures.txt are known gaps of the rule base (each with
its reason); they are strict expected failures, so one that starts passing must be taken off."""
from pathlib import Path

import pytest

from engine.scenarios import load_scenarios, run

SCENARIOS = load_scenarios(["jurisdictions", "tests/scenarios"])
KNOWN = {}
for line in (Path(__file__).parent / "scenarios" / "known_failures.txt").read_text(encoding="utf-8").splitlines():
    if line.strip() and not line.startswith("#"):
        name, _, why = line.partition(" :: ")
        KNOWN[name.strip()] = why.strip()


@pytest.mark.parametrize("backend", ["reference", "pydatalog"])
@pytest.mark.parametrize("sc", SCENARIOS, ids=lambda s: s.name[:100])
def test_scenario(sc, backend, engines, request):
    if sc.name in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[sc.name], strict=True))
    problems = run(engines[backend], sc)
    assert problems == [], f"{sc.file}: " + "; ".join(problems)
