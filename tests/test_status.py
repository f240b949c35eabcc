"""`comity status`: shares verified and known gaps per instrument and jurisdiction."""
from engine.loader import load_texts, read_sources
from engine.status import coverage, render_status

TREATY = '''
instrument XT-1 "A test treaty"
  kind bilateral
  adopted 2001-01-01
  measures all
  offences all
  source XT-1 art. 1
  gap "art. 9 (costs) not encoded"
  gap "the annex was not read"
end

rule xt_read "A ground read in the text"
  under XT-1
  may refuse for essential_interests
  when essential_interests_prejudiced
  source XT-1 art. 4(1) url "https://example.org/xt-1"
end

rule xt_recalled "A ground recalled, not read"
  under XT-1
  may refuse for political_offence
  when political_offence
  source XT-1 art. 4(2) unverified "recalled"
end
'''


def _rows():
    sources, _ = read_sources(["rules/vocabulary.rules"])
    sources["tests/xt-1.rules"] = TREATY
    rb, diags = load_texts(sources)
    assert not diags.errors, [d.message for d in diags.errors]
    return {r["id"]: r for r in coverage(rb)}


def test_share_of_rules_verified_counts_only_rules_without_unverified_sources():
    row = _rows()["XT-1"]
    assert (row["rules"], row["rules_verified"], row["rules_share_verified"]) == (2, 1, 50)
    assert "rule xt_recalled" in row["unverified"]


def test_declared_gaps_are_listed_under_their_instrument():
    rows = _rows()
    assert rows["XT-1"]["missing"] == ["art. 9 (costs) not encoded", "the annex was not read"]
    text = render_status([rows["XT-1"]])
    assert "2 (listed below)" in text and "    - the annex was not read" in text
    md = render_status([rows["XT-1"]], "markdown")
    assert "  - art. 9 (costs) not encoded" in md


def test_gap_lines_survive_the_printer():
    from engine.loader import parse_sources
    from engine.model.printer import print_module

    rb, diags = parse_sources({"xt.rules": TREATY})
    assert not diags.errors
    printed = print_module(rb.modules[0])
    assert 'gap "the annex was not read"' in printed
    again, _ = parse_sources({"xt.rules": printed})
    [inst] = [d for d in again.modules[0].declarations if getattr(d, "kind", None) == "bilateral"]
    assert inst.gaps == ("art. 9 (costs) not encoded", "the annex was not read")
