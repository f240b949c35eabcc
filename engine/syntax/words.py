"""What the parser expected, said in words a drafter understands."""
from __future__ import annotations

TERMINAL_WORDS = {
    "NAME": "a lowercase name such as `bank_records`",
    "CODE": "a code such as `UNCAC` or `CH`",
    "STRING": 'a quoted label such as "Production of bank records"',
    "DATE": "a date written YYYY-MM-DD",
    "NUMBER": "a number",
    "INT": "a whole number",
    "ARTICLE": "an article number such as 46",
    "UNIT": "a unit: hours, calendar days, working days, weeks, months or years",
    "CITATION": "a citation: instrument id then provision, such as `UNCAC art. 46(15)(a)`",
    "COMPARATOR": "a comparison: >=, <=, >, < or =",
    "FACT_TYPE": "a fact type: boolean, number, date or text",
    "INSTRUMENT_KIND": "an instrument kind: multilateral, regional, eu, bilateral, domestic or standard",
    "NON_COERCIVE": "`non-coercive`",
    "NON_BINDING": "`non-binding`",
    "$END": "the end of the file",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "COMMA": "`,`",
}

TOP_LEVEL = (
    "measure", "element", "fact", "item", "event", "ground", "obligation", "channel",
    "capability", "category", "list", "instrument", "party", "jurisdiction", "offence",
    "rule", "precedence",
)


def describe_terminal(name: str, pattern: str | None = None) -> str:
    if name in TERMINAL_WORDS:
        return TERMINAL_WORDS[name]
    if pattern:
        return f"`{pattern}`"
    return f"`{name.lower()}`"


def describe_expected(names: set[str], patterns: dict[str, str]) -> str:
    words = sorted({describe_terminal(n, patterns.get(n)) for n in names})
    if len(words) > 8:
        keywords = [w for w in words if w.startswith("`")]
        others = [w for w in words if not w.startswith("`")]
        words = others + keywords[:6] + [f"or one of {len(keywords) - 6} other keywords"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " or " + words[-1]
