"""Stable diagnostic codes, grouped by stage: S syntax, R resolution, T types and dates,
C compile, E evaluation, W lint. Codes never change meaning once shipped."""

CODES: dict[str, str] = {
    # syntax
    "S101": "unexpected text",
    "S102": "unexpected end of file",
    "S103": "malformed citation",
    "S104": "file cannot be read",
    # resolution
    "R201": "unknown name",
    "R202": "duplicate id",
    "R203": "name of the wrong kind",
    "R204": "unknown instrument",
    "R205": "unknown jurisdiction",
    "R206": "exception names an unknown rule",
    "R207": "exceptions form a cycle",
    "R208": "rule has no citation",
    "R209": "rule has no conclusion",
    "R210": "conflicting rules without priority",
    "R211": "party recorded for an unknown instrument",
    "R212": "precedence relations form a cycle",
    "R213": "rule has several conclusions",
    "R214": "a non-binding standard cannot decide a refusal or dual criminality",
    "R215": "a source without its article or section number cannot be marked verified",
    # types and dates
    "T301": "fact used with the wrong type",
    "T302": "invalid date",
    "T303": "date range is empty",
    "T304": "unknown ISO code",
    "T305": "unknown time zone",
    "T306": "unknown unit or holiday calendar",
    "T307": "inconsistent party dates",
    # compile
    "C401": "program cannot be stratified",
    "C402": "unsafe variable",
    "C403": "undeclared predicate",
    # lint
    "W601": "unverified content",
    "W602": "declared but never used",
    "W603": "citation does not name the rule's instrument",
}
