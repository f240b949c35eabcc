import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
os.chdir(ROOT)  # file names in diagnostics and goldens are relative to the checkout
RULE_PATHS = ["rules", "jurisdictions"]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files; review the git diff")


@pytest.fixture(scope="session")
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def rulebase():
    from engine.loader import load

    rb, diags = load(RULE_PATHS)
    return rb, diags


@pytest.fixture(scope="session")
def engines(rulebase):
    from engine.assess.engine import Engine

    rb, diags = rulebase
    assert not diags.errors
    ref = Engine.from_rulebase(rb, "reference")
    return {"reference": ref, "pydatalog": ref.with_backend("pydatalog")}
