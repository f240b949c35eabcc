"""Text -> Lark parse tree, with every syntax error turned into a Diagnostic.

A file with a syntax error is re-parsed declaration by declaration (the rest of the text is
blanked out so positions stay true), so one run reports every broken block, not just the first."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from engine.diagnostics import Diagnostic, Diagnostics
from engine.span import Span
from engine.syntax.error_examples import EXAMPLES
from engine.syntax.words import TOP_LEVEL, describe_expected

MAX_SYNTAX_ERRORS = 20
_DECL_START = re.compile(r"^(?:%s)\b" % "|".join(TOP_LEVEL), re.M)
_LABEL_BY_SNIPPET_STATE: dict = {}


@lru_cache(maxsize=1)
def parser() -> Lark:
    grammar = resources.files("engine.syntax").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual", propagate_positions=True, maybe_placeholders=False)


def _patterns() -> dict[str, str]:
    return {t.name: t.pattern.value for t in parser().terminals if t.pattern.type == "str"}


def parse_text(text: str, file: str) -> tuple[Optional[Tree], Diagnostics]:
    """Parse a whole file. On error, returns a tree of the declarations that did parse."""
    diags = Diagnostics()
    try:
        return parser().parse(text), diags
    except UnexpectedInput:
        pass
    children = []
    starts = [m.start() for m in _DECL_START.finditer(text)]
    if not starts or starts[0] != 0 and text[: starts[0]].strip() and not _only_comments(text[: starts[0]]):
        starts = [0] + starts
    bounds = list(zip(starts, starts[1:] + [len(text)]))
    for start, end in bounds:
        segment = _blank(text, start, end)
        try:
            tree = parser().parse(segment)
            children.extend(tree.children)
        except UnexpectedInput as exc:
            if len(diags) < MAX_SYNTAX_ERRORS:
                diags.append(_diagnostic(exc, text, file, start, end))
    return Tree("start", children), diags


def _only_comments(chunk: str) -> bool:
    return all(not line.strip() or line.strip().startswith("#") for line in chunk.splitlines())


def _blank(text: str, start: int, end: int) -> str:
    """Keep text[start:end]; replace everything else by spaces, keeping newlines."""
    def blank(s: str) -> str:
        return re.sub(r"[^\n]", " ", s)
    return blank(text[:start]) + text[start:end] + blank(text[end:])


def _span_at(text: str, file: str, pos: int, length: int = 1) -> Span:
    pos = max(0, min(pos, len(text)))
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return Span(file=file, line=line, col=col, end_line=line, end_col=col + max(1, length),
                start_pos=pos, end_pos=pos + length)


def _last_token_pos(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    stripped = re.sub(r"#[^\n]*", lambda m: " " * len(m.group()), chunk).rstrip()
    if not stripped:
        return start, 1
    m = re.search(r"\S+$", stripped)
    return start + m.start(), len(m.group())


def _diagnostic(exc: UnexpectedInput, text: str, file: str, start: int, end: int) -> Diagnostic:
    label = _match_label(exc)
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        pos, length = _last_token_pos(text, start, end)
        header = text[start:end].split("\n", 1)[0].strip()
        span = _span_at(text, file, start, len(header.split(" ", 1)[0]) or 1)
        expected = describe_expected(set(getattr(exc, "expected", ()) or ()), _patterns())
        if label == "missing_end" or "END" in {e.upper() for e in (getattr(exc, "expected", ()) or ())}:
            return Diagnostic(code="S102", message=f"the block `{header}` is not closed with `end`",
                              span=span, label="block opened here", expected="`end`",
                              suggestions=(EXAMPLES["missing_end"][1],))
        return Diagnostic(code="S102", message="the file ends in the middle of a declaration",
                          span=_span_at(text, file, pos, length), expected=expected)
    if isinstance(exc, UnexpectedCharacters):
        allowed = set(exc.allowed or ())
        got = _word_at(text, exc.pos_in_stream)
        span = _span_at(text, file, exc.pos_in_stream, len(got) or 1)
        if allowed == {"CITATION"}:
            return Diagnostic(code="S103", message=f"`{got}` does not start a citation", span=span,
                              expected="an instrument id, then the provision",
                              suggestions=("write e.g. `source UNCAC art. 46(15)(a)`, `source CH-IMAC art. 28(2)` "
                                           "or `source US-18USC § 981(b)(4)`",))
        return _with_label(Diagnostic(code="S101", message=f"unexpected `{got}`", span=span,
                                      expected=describe_expected(allowed, _patterns())), label)
    assert isinstance(exc, UnexpectedToken)
    tok = exc.token
    got = _word_at(text, tok.start_pos) if tok.start_pos is not None else str(tok.value)
    span = _span_at(text, file, tok.start_pos, len(got)) if tok.start_pos is not None else _span_at(text, file, start)
    if set(exc.expected or ()) == {"CITATION"}:
        return Diagnostic(code="S103", message=f"`{got}...` is not a citation", span=span,
                          expected="an instrument id, then the provision",
                          suggestions=("write e.g. `source UNCAC art. 46(15)(a)`, `source CH-IMAC art. 28(2)` "
                                       "or `source US-18USC § 981(b)(4)`",))
    expected = describe_expected(set(exc.expected or ()), _patterns())
    return _with_label(Diagnostic(code="S101", message=f"unexpected `{got}`", span=span,
                                  expected=expected), label)


def _with_label(d: Diagnostic, label: Optional[str]) -> Diagnostic:
    if not label:
        return d
    message, help_text, _ = EXAMPLES[label]
    return d.model_copy(update={"message": f"{d.message}: {message}", "suggestions": (help_text,)})


def _word_at(text: str, pos: int) -> str:
    m = re.match(r"[^\s]+", text[pos:])
    word = m.group() if m else text[pos:pos + 1]
    return word[:40]


def _state_key(exc: UnexpectedInput) -> tuple:
    state = getattr(exc, "state", None)
    number = getattr(state, "position", state)
    if isinstance(exc, UnexpectedToken):
        return ("token", number, exc.token.type)
    if isinstance(exc, UnexpectedCharacters):
        return ("chars", number, frozenset(exc.allowed or ()))
    return ("eof", number, None)


@lru_cache(maxsize=1)
def _catalogue() -> dict[tuple, str]:
    """Parser state of each malformed snippet -> its label (first label wins)."""
    keys: dict[tuple, str] = {}
    for label, (_, _, snippets) in EXAMPLES.items():
        for snippet in snippets:
            try:
                parser().parse(snippet)
            except UnexpectedInput as exc:
                keys.setdefault(_state_key(exc), label)
    return keys


def match_label(exc: UnexpectedInput) -> Optional[str]:
    return _catalogue().get(_state_key(exc))


_match_label = match_label
