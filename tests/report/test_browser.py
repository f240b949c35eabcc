"""The HTML reports in a real headless browser (the system Chromium, installed by .ci/setup-chromium):
they render without console errors or network requests, sorting and filtering work, and a
screenshot of each is saved under test-artifacts/reports/."""
import os
from pathlib import Path

import pytest

from engine.report import render
from report_setup import build_golden

CHROMIUM = os.environ.get("COMITY_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path("test-artifacts/reports")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} "
                                "(.ci/setup-chromium installs it)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(golden_engine, amended_engine, tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    files = {}
    for kind in ("definitions", "coverage", "gaps", "deadlines", "diff"):
        html, _ = render(build_golden(kind, golden_engine, amended_engine), "html")
        files[kind] = out / f"{kind}.html"
        files[kind].write_text(html, encoding="utf-8")
    return files


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    problems, requests = [], []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    return page, problems, requests


def _column(page, table: str, col: int) -> list[str]:
    return page.eval_on_selector_all(f"#{table} tbody tr:not([hidden])",
                                     f"rows => rows.map(r => r.cells[{col}].textContent.trim())")


@pytest.mark.parametrize("kind", ["definitions", "coverage", "gaps", "deadlines", "diff"])
def test_renders_without_errors_or_network(kind, browser, pages):
    page, problems, requests = _open(browser, pages[kind])
    assert page.title().endswith("Comity")
    assert page.locator("h1").inner_text()
    assert page.locator("table.sortable").count() >= 1
    assert page.locator(".legend li").count() >= 2
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{kind}.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator(".controls").first.is_visible()  # filters are not printed
    page.close()
    assert problems == []
    assert requests == []


def test_sorting(browser, pages):
    page, problems, _ = _open(browser, pages["coverage"])
    requested = lambda: _column(page, "tbl-coverage", 1)  # noqa: E731
    before = requested()
    page.click("#tbl-coverage thead th:nth-child(2) button")
    asc = requested()
    assert asc == sorted(before)
    assert page.get_attribute("#tbl-coverage thead th:nth-child(2)", "aria-sort") == "ascending"
    page.click("#tbl-coverage thead th:nth-child(2) button")
    assert requested() == sorted(before, reverse=True)
    # numeric sort keys: maximum penalty in the definitions matrix
    page2, _, _ = _open(browser, pages["definitions"])
    table = "tbl-def-money_laundering"
    ncols = page2.locator(f"#{table} thead th").count()
    page2.click(f"#{table} thead th:nth-child({ncols}) button")
    keys = page2.eval_on_selector_all(f"#{table} tbody tr", "rs => rs.map(r => Number(r.lastElementChild.dataset.sort))")
    assert keys == sorted(keys)
    page.close(), page2.close()
    assert problems == []


def test_filtering(browser, pages):
    page, problems, _ = _open(browser, pages["coverage"])
    total = page.locator("#tbl-coverage tbody tr").count()
    page.fill('input.filter[data-table="tbl-coverage"]', "witness_statement")
    measures = _column(page, "tbl-coverage", 2)
    assert 0 < len(measures) < total
    assert set(measures) == {"witness_statement"}
    shown = [measures]
    assert page.inner_text('.count[data-table="tbl-coverage"]') == f"{len(shown[0])} of {total} rows"
    page.fill('input.filter[data-table="tbl-coverage"]', "")
    page.select_option('select.status-filter[data-table="tbl-coverage"]', "must_refuse")
    decisions = _column(page, "tbl-coverage", 8)
    assert decisions and set(decisions) == {"must refuse"}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "coverage-filtered.png"), full_page=True)
    page.close()
    assert problems == []


def test_heat_map_has_a_cell_per_pair_with_text(browser, pages):
    page, _, _ = _open(browser, pages["coverage"])
    cells = page.locator("svg.heatmap g.cell")
    assert cells.count() == 2 * 5 * 4  # two measures, 5 states: 20 ordered pairs each
    assert set(page.eval_on_selector_all("svg.heatmap g.cell text", "ts => ts.map(t => t.textContent)")) <= set("PDRU")
    page.close()
