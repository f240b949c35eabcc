"""Catalogue of common syntax mistakes: each message comes with malformed snippets that fail
in the same parser state (lark `match_examples`). A test checks every snippet maps to its label."""
from __future__ import annotations

# label -> (message, help, snippets)
EXAMPLES: dict[str, tuple[str, str, list[str]]] = {
    "unquoted_label": (
        "the label must be in double quotes",
        'write the label as a quoted string, e.g. measure bank_records "Production of bank records" coercive',
        [
            "measure bank_records Production of bank records coercive",
            "element undue_advantage undue advantage",
            "ground bank_secrecy Bank secrecy",
            "category c Bribery\nend",
        ],
    ),
    "missing_coercivity": (
        "a measure must say whether it is coercive",
        'end the line with `coercive` or `non-coercive`, e.g. measure freezing "Freezing" coercive',
        [
            'measure freezing "Freezing"\nmeasure x "X" coercive',
            'measure freezing "Freezing" source UNCAC art. 2(f)',
            'measure freezing "Freezing"',
        ],
    ),
    "missing_comma": (
        "items of a list are separated by commas",
        "put a comma between the names, e.g. elements undue_advantage, public_official",
        [
            'category c "C"\n  elements a b\nend',
            'rule r\n  request must contain a b\nend',
            'jurisdiction CH "Switzerland"\n  languages de fr\nend',
        ],
    ),
    "missing_end": (
        "this block is not closed",
        "close every rule, instrument, party, jurisdiction, offence, category, list and precedence block with `end`",
        [
            'rule r\n  under UNCAC\n  may refuse for g\n  source UNCAC art. 46(21)(b)\n',
            'instrument UNCAC "UNCAC"\n  kind multilateral\n',
            'party CH to UNCAC\n  in force 2009-10-24\n',
            'rule r\n  under UNCAC\n',
        ],
    ),
    "dangling_operator": (
        "a condition is missing after `and` / `or`",
        "complete the condition or remove the trailing `and`/`or`",
        [
            "rule r\n  when political_offence and\nend",
            "rule r\n  when political_offence or\nend",
            "rule r\n  unless urgent and\nend",
        ],
    ),
    "bad_date": (
        "dates are written YYYY-MM-DD",
        "write the date in full, e.g. 2009-10-24",
        [
            "party CH to UNCAC\n  in force 24.10.2009\nend",
            "rule r\n  from 1 January 2020\nend",
            "party CH to UNCAC\n  ratified September 2009\nend",
        ],
    ),
    "refuse_without_for": (
        "a refusal conclusion names its ground after `for`",
        "write e.g. `may refuse for political_offence`",
        [
            "rule r\n  may refuse political_offence\nend",
            "rule r\n  must refuse political_offence\nend",
            "rule r\n  shall not refuse bank_secrecy\nend",
        ],
    ),
    "deadline_unit": (
        "a deadline needs a number and a unit",
        "write e.g. `within 30 calendar days from received` or `within 48 hours from received`",
        [
            'rule r\n  deadline d "D" within 30 from received\nend',
            'rule r\n  deadline d "D" within 30 days from received\nend',
            'rule r\n  deadline d "D" within thirty days from received\nend',
        ],
    ),
}
