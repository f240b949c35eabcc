import pytest

from report_setup import AMENDMENT, GOLDEN_RULES


@pytest.fixture(scope="session")
def golden_engine():
    from engine.assess.engine import Engine

    return Engine.load(GOLDEN_RULES, backend="reference")


@pytest.fixture(scope="session")
def amended_engine():
    from engine.assess.engine import Engine
    from engine.loader import load_texts, read_sources

    sources, diags = read_sources(GOLDEN_RULES)
    for file, edits in AMENDMENT.items():
        for old, new in edits:
            assert old in sources[file], (file, old)
            sources[file] = sources[file].replace(old, new, 1)
    rb, diags = load_texts(sources)
    assert not diags.errors, [str(d) for d in diags.errors]
    return Engine.from_rulebase(rb, "reference")


@pytest.fixture(scope="session")
def shipped_engine():
    from engine.assess.engine import Engine

    return Engine.load(None, backend="reference")
