"""Parse tree -> model. One method per grammar alias; clauses become (key, value) pairs that the
block builders assemble. Problems found here (impossible dates, repeated clauses) are diagnostics."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from lark import Token, Transformer, Tree, v_args

from engine.diagnostics import Diagnostics
from engine.model import ast
from engine.span import Citation, Span

UNITS = {
    "hour": "hours", "hours": "hours", "calendar day": "calendar_days", "calendar days": "calendar_days",
    "working day": "working_days", "working days": "working_days", "week": "weeks", "weeks": "weeks",
    "month": "months", "months": "months", "year": "years", "years": "years",
}
REPEATABLE = {"source", "note", "gap", "when", "unless", "conclusion", "exception", "replaced", "yields"}


class _Clause(tuple):
    """(key, value, span) produced by a clause method."""


def _clause(key: str, value: Any, span: Span) -> _Clause:
    return _Clause((key, value, span))


@v_args(meta=True)
class ModelBuilder(Transformer):
    def __init__(self, file: str, diags: Diagnostics, text: str | None = None):
        super().__init__()
        self.file = file
        self.diags = diags
        self.text = text

    # ------------------------------------------------------------ helpers
    def _span(self, meta) -> Span:
        return Span.from_meta(self.file, meta)

    def _ref(self, tok: Token) -> ast.Ref:
        return ast.Ref(name=str(tok), span=Span.from_token(self.file, tok))

    def _string(self, tok: Token) -> str:
        return bytes(str(tok)[1:-1], "utf-8").decode("unicode_escape") if "\\" in tok else str(tok)[1:-1]

    def _date(self, tok: Token) -> date | None:
        try:
            return date.fromisoformat(str(tok))
        except ValueError:
            self.diags.error("T302", f"`{tok}` is not a valid date", Span.from_token(self.file, tok),
                             expected="a calendar date written YYYY-MM-DD, e.g. 2009-10-24")
            return None

    def _collect(self, clauses, allowed: set[str], what: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for c in clauses:
            key, value, span = c
            if key not in allowed:
                self.diags.error("S101", f"`{key.replace('_', ' ')}` is not allowed in {what}", span,
                                 expected="one of: " + ", ".join(sorted(k.replace("_", " ") for k in allowed)))
                continue
            if key in REPEATABLE:
                out.setdefault(key, []).append(value)
            elif key in out:
                self.diags.error("S101", f"`{key.replace('_', ' ')}` is given twice in {what}", span,
                                 suggestions=("keep one and delete the other",))
            else:
                out[key] = value
        return out

    def _meta_fields(self, got: dict[str, Any]) -> dict[str, Any]:
        return {
            "sources": tuple(got.get("source", [])),
            "text": (got.get("text") or None),
            "notes": tuple(got.get("note", [])),
            "gaps": tuple(got.get("gap", [])),
        }

    def _text_at(self, meta) -> str:
        return self.text[meta.start_pos:meta.end_pos] if self.text is not None else ""

    # ------------------------------------------------------------ start / vocabulary
    def start(self, meta, children):
        return [c for c in children if c is not None]

    def _term(self, kind, meta, children, **extra):
        name, label, *rest = children
        sources = tuple(c[1] for c in rest if isinstance(c, _Clause))
        return ast.Term(kind=kind, id=self._ref(name), label=self._string(label), span=self._span(meta),
                        sources=sources, **extra)

    def measure_decl(self, meta, children):
        name, label, coercive, *rest = children
        return self._term("measure", meta, [name, label, *rest], coercive=coercive)

    def coercive(self, meta, children):
        return True

    def non_coercive(self, meta, children):
        return False

    def fact_decl(self, meta, children):
        name, ftype, label, *rest = children
        return self._term("fact", meta, [name, label, *rest], fact_type=str(ftype))

    def element_decl(self, meta, c): return self._term("element", meta, c)
    def item_decl(self, meta, c): return self._term("item", meta, c)
    def event_decl(self, meta, c): return self._term("event", meta, c)
    def ground_decl(self, meta, c): return self._term("ground", meta, c)
    def obligation_decl(self, meta, c): return self._term("obligation", meta, c)
    def channel_decl(self, meta, c): return self._term("channel", meta, c)
    def capability_decl(self, meta, c): return self._term("capability", meta, c)

    # ------------------------------------------------------------ metadata clauses
    def source_clause(self, meta, children):
        tok, *flags = children
        extra: dict[str, Any] = {}
        for key, value in flags:
            if key == "url":
                extra["url"] = value
            else:
                extra["unverified"] = True
                extra["unverified_reason"] = value
        span = Span.from_token(self.file, tok)
        try:
            cit = Citation.parse(str(tok), span=span, **extra)
        except ValueError:
            self.diags.error("S103", f"`{tok}` is not a citation", span,
                             suggestions=("write e.g. `UNCAC art. 46(15)(a)`",))
            cit = Citation(instrument=str(tok).split()[0], kind="art.", number="0", span=span)
        return _clause("source", cit, self._span(meta))

    def url_flag(self, meta, children):
        return ("url", self._string(children[0]))

    def unverified_flag(self, meta, children):
        return ("unverified", self._string(children[0]) if children else None)

    def text_clause(self, meta, children):
        return _clause("text", self._string(children[0]), self._span(meta))

    def note_clause(self, meta, children):
        return _clause("note", self._string(children[0]), self._span(meta))

    def gap_clause(self, meta, children):
        return _clause("gap", self._string(children[0]), self._span(meta))

    def name_list(self, meta, children):
        return tuple(self._ref(t) for t in children)

    code_list = name_list

    def all_names(self, meta, children):
        return None

    # ------------------------------------------------------------ categories, lists
    def elements_clause(self, meta, children):
        return _clause("elements", children[0], self._span(meta))

    def members_clause(self, meta, children):
        return _clause("members", children[0], self._span(meta))

    def category_decl(self, meta, children):
        name, label, *clauses = children
        got = self._collect(clauses, {"elements", "source", "text", "note", "gap"}, "a category")
        return ast.Category(id=self._ref(name), label=self._string(label), elements=got.get("elements", ()),
                            span=self._span(meta), **self._meta_fields(got))

    def list_decl(self, meta, children):
        name, label, *clauses = children
        got = self._collect(clauses, {"members", "source", "text", "note", "gap"}, "a list")
        return ast.OffenceList(id=self._ref(name), label=self._string(label), members=got.get("members", ()),
                               span=self._span(meta), **self._meta_fields(got))

    # ------------------------------------------------------------ instruments, parties
    def kind_clause(self, meta, c): return _clause("kind", str(c[0]), self._span(meta))
    def of_clause(self, meta, c): return _clause("of", self._ref(c[0]), self._span(meta))
    def adopted_clause(self, meta, c): return _clause("adopted", self._date(c[0]), self._span(meta))
    def in_force_clause(self, meta, c): return _clause("in_force", self._date(c[0]), self._span(meta))
    def signed_clause(self, meta, c): return _clause("signed", self._date(c[0]), self._span(meta))
    def ratified_clause(self, meta, c): return _clause("ratified", self._date(c[0]), self._span(meta))
    def acceded_clause(self, meta, c): return _clause("acceded", self._date(c[0]), self._span(meta))
    def withdrawn_clause(self, meta, c): return _clause("withdrawn", self._date(c[0]), self._span(meta))
    def scope_measures_clause(self, meta, c): return _clause("measures", c[0], self._span(meta))
    def scope_offences_clause(self, meta, c): return _clause("offences", c[0], self._span(meta))
    def counting_clause(self, meta, c): return _clause("counting", self._ref(c[0]), self._span(meta))
    def non_binding_clause(self, meta, c): return _clause("non_binding", True, self._span(meta))
    def supplements_clause(self, meta, c): return _clause("supplements", self._ref(c[0]), self._span(meta))
    def exhaustive_clause(self, meta, c): return _clause("exhaustive", True, self._span(meta))

    def instrument_decl(self, meta, children):
        code, label, *clauses = children
        keys = ("kind", "of", "adopted", "in_force", "measures", "offences", "counting", "non_binding",
                "supplements", "exhaustive")
        got = self._collect(clauses, set(keys) | {"source", "text", "note", "gap"}, "an instrument")
        fields = {k: got[k] for k in keys if k in got}
        return ast.Instrument(id=self._ref(code), label=self._string(label), span=self._span(meta),
                              **fields, **self._meta_fields(got))

    def party_decl(self, meta, children):
        state, instrument, *clauses = children
        allowed = {"signed", "ratified", "acceded", "in_force", "withdrawn", "source", "text", "note", "gap"}
        got = self._collect(clauses, allowed, "a party record")
        fields = {k: got[k] for k in ("signed", "ratified", "acceded", "in_force", "withdrawn") if k in got}
        return ast.Party(state=self._ref(state), instrument=self._ref(instrument), span=self._span(meta),
                         **fields, **self._meta_fields(got))

    # ------------------------------------------------------------ jurisdictions, offences
    def time_zone_clause(self, meta, c):
        return _clause("time_zone", (self._string(c[0]), Span.from_token(self.file, c[0])), self._span(meta))

    def holiday_subdiv(self, meta, c):
        return self._string(c[0])

    def holidays_clause(self, meta, c):
        return _clause("holidays", (self._ref(c[0]), c[1] if len(c) > 1 else None), self._span(meta))

    def languages_clause(self, meta, c): return _clause("languages", c[0], self._span(meta))
    def channels_clause(self, meta, c): return _clause("channels", c[0], self._span(meta))

    def central_authority_clause(self, meta, c):
        return _clause("central_authority", self._string(c[0]), self._span(meta))

    def jurisdiction_decl(self, meta, children):
        code, name, *clauses = children
        allowed = {"time_zone", "holidays", "languages", "central_authority", "channels", "source", "text", "note", "gap"}
        got = self._collect(clauses, allowed, "a jurisdiction")
        fields: dict[str, Any] = {}
        if "time_zone" in got:
            fields["time_zone"], fields["time_zone_span"] = got["time_zone"]
        if "holidays" in got:
            fields["holidays"], fields["subdivision"] = got["holidays"]
        for k in ("languages", "central_authority", "channels"):
            if k in got:
                fields[k] = got[k]
        return ast.Jurisdiction(code=self._ref(code), name=self._string(name), span=self._span(meta),
                                **fields, **self._meta_fields(got))

    def offence_category_clause(self, meta, c):
        return _clause("category", self._ref(c[0]), self._span(meta))

    def max_penalty_clause(self, meta, c):
        return _clause("max_penalty", c[0], self._span(meta))

    def offence_decl(self, meta, children):
        name, label, state, *clauses = children
        allowed = {"category", "elements", "max_penalty", "source", "text", "note", "gap"}
        got = self._collect(clauses, allowed, "an offence")
        months = None
        if "max_penalty" in got:
            months = duration_months(got["max_penalty"])
            if months is None:
                self.diags.error("T306", "a maximum penalty is given in months or years", got["max_penalty"].span,
                                 suggestions=("write e.g. `maximum penalty 5 years`",))
        return ast.Offence(id=self._ref(name), label=self._string(label), state=self._ref(state),
                           category=got.get("category"), elements=got.get("elements", ()),
                           max_penalty_months=months, span=self._span(meta), **self._meta_fields(got))

    # ------------------------------------------------------------ precedence
    def article_range(self, meta, c):
        article = str(c[0])
        if len(c) == 3:
            return (article, int(c[1]), int(c[2]))
        return (article, None, None)

    def provision_set(self, meta, c):
        art = c[1] if len(c) > 1 else (None, None, None)
        return ast.ProvisionSet(instrument=self._ref(c[0]), article=art[0], para_from=art[1], para_to=art[2],
                                span=self._span(meta))

    def target_instrument(self, meta, c):
        return ast.Target(instrument=self._ref(c[0]), span=self._span(meta))

    def kind_list(self, meta, c):
        return tuple(str(t) for t in c)

    def target_kind(self, meta, c):
        return ast.Target(kinds=c[0], span=self._span(meta))

    def replaced_clause(self, meta, c):
        return _clause("replaced", (c[0], c[1]), self._span(meta))

    def yields_clause(self, meta, c):
        return _clause("yields", (self._ref(c[0]), c[1]), self._span(meta))

    def alongside_clause(self, meta, c):
        return _clause("alongside", c[0], self._span(meta))

    def for_measures_clause(self, meta, c):
        return _clause("for_measures", c[0], self._span(meta))

    def precedence_decl(self, meta, children):
        name, *rest = children
        label = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            label = self._string(rest[0])
            rest = rest[1:]
        got = self._collect(rest, {"replaced", "yields", "alongside", "for_measures", "source", "text", "note", "gap"},
                            "a precedence")
        fields: dict[str, Any] = {}
        relations = got.get("replaced", []) + got.get("yields", []) + ([got["alongside"]] if "alongside" in got else [])
        if len(relations) != 1:
            self.diags.error("S101", "a precedence states exactly one relation (`... is replaced by ...`, "
                             "`... yields to ...` or `... apply alongside any basis`)", self._span(meta),
                             suggestions=("split it into one precedence block per relation",))
        if got.get("replaced"):
            fields["replaced"], fields["target"] = got["replaced"][0]
        elif got.get("yields"):
            fields["yielding"], fields["target"] = got["yields"][0]
        if "alongside" in got:
            fields["alongside"] = got["alongside"]
        if "for_measures" in got:
            fields["for_measures"] = got["for_measures"]
        return ast.Precedence(id=self._ref(name), label=label, span=self._span(meta), **fields,
                              **self._meta_fields(got))

    # ------------------------------------------------------------ rules
    def under_clause(self, meta, c): return _clause("under", self._ref(c[0]), self._span(meta))

    def exception_clause(self, meta, c):
        return _clause("exception", tuple(self._ref(t) for t in c), self._span(meta))

    def when_clause(self, meta, c): return _clause("when", c[0], self._span(meta))
    def unless_clause(self, meta, c): return _clause("unless", c[0], self._span(meta))
    def from_clause(self, meta, c): return _clause("valid_from", self._date(c[0]), self._span(meta))
    def until_clause(self, meta, c): return _clause("valid_until", self._date(c[0]), self._span(meta))

    def _conclusion(self, kind, meta, refs=(), **extra):
        return _clause("conclusion", ast.Conclusion(kind=kind, refs=tuple(refs), span=self._span(meta), **extra),
                       self._span(meta))

    def may_refuse(self, meta, c): return self._conclusion("may_refuse", meta, [self._ref(c[0])])
    def must_refuse(self, meta, c): return self._conclusion("must_refuse", meta, [self._ref(c[0])])
    def shall_not_refuse(self, meta, c): return self._conclusion("shall_not_refuse", meta, [self._ref(c[0])])
    def dc_required(self, meta, c): return self._conclusion("dc_required", meta)
    def dc_not_required(self, meta, c): return self._conclusion("dc_not_required", meta)
    def dc_exempt(self, meta, c): return self._conclusion("dc_exempt", meta)
    def must_contain(self, meta, c): return self._conclusion("must_contain", meta, c[0])
    def accepted_languages(self, meta, c): return self._conclusion("accepted_languages", meta, c[0])
    def accepted_channels(self, meta, c): return self._conclusion("accepted_channels", meta, c[0])
    def subject_to(self, meta, c): return self._conclusion("subject_to", meta, [self._ref(c[0])])
    def does_not_apply(self, meta, c): return self._conclusion("does_not_apply", meta)
    def establishes(self, meta, c): return self._conclusion("establishes", meta, [self._ref(c[0])])
    def provides(self, meta, c): return self._conclusion("provides", meta, [self._ref(c[0])])

    def deadline(self, meta, c):
        name, label, spec = c
        return self._conclusion("deadline", meta, [self._ref(name)], label=self._string(label), deadline=spec)

    def duration(self, meta, c):
        amount, unit = c
        words = " ".join(str(unit).split())
        return ast.Duration(amount=Decimal(str(amount)), unit=UNITS[words], span=self._span(meta))

    def extension(self, meta, c):
        return c[0]

    def met_by(self, meta, c):
        return ("met_by", self._ref(c[0]))

    def fixed_deadline(self, meta, c):
        dur, event, *rest = c
        met = next((x[1] for x in rest if isinstance(x, tuple)), None)
        ext = next((x for x in rest if isinstance(x, ast.Duration)), None)
        return ast.DeadlineSpec(kind="fixed", duration=dur, event=self._ref(event), met_by=met,
                                extension=ext, span=self._span(meta))

    def soft_deadline(self, meta, c):
        words = "without delay" if self._text_at(meta).lstrip().startswith("without") else "as soon as possible"
        return ast.DeadlineSpec(kind="soft", event=self._ref(c[0]) if c else None, wording=words,
                                span=self._span(meta))

    def rule_decl(self, meta, children):
        name, *rest = children
        label = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            label = self._string(rest[0])
            rest = rest[1:]
        allowed = {"under", "exception", "when", "unless", "valid_from", "valid_until", "conclusion",
                   "source", "text", "note", "gap"}
        got = self._collect(rest, allowed, "a rule")
        exceptions = tuple(r for group in got.get("exception", []) for r in group)
        return ast.Rule(
            id=self._ref(name), label=label, under=got.get("under"), exception_to=exceptions,
            when=tuple(got.get("when", [])), unless=tuple(got.get("unless", [])),
            valid_from=got.get("valid_from"), valid_until=got.get("valid_until"),
            conclusions=tuple(got.get("conclusion", [])), span=self._span(meta), **self._meta_fields(got),
        )

    # ------------------------------------------------------------ conditions
    def any_of(self, meta, c):
        return c[0] if len(c) == 1 else ast.AnyOf(items=tuple(c), span=self._span(meta))

    def all_of(self, meta, c):
        return c[0] if len(c) == 1 else ast.All(items=tuple(c), span=self._span(meta))

    def negated(self, meta, c):
        return ast.Not(item=c[0], span=self._span(meta))

    def _atom(self, kind, meta, refs=(), **extra):
        return ast.Atom(kind=kind, refs=tuple(refs), span=self._span(meta), **extra)

    def single(self, meta, c): return (self._ref(c[0]),)
    def several(self, meta, c): return c[0]

    def fact_true(self, meta, c): return self._atom("fact_true", meta, [self._ref(c[0])])
    def fact_false(self, meta, c): return self._atom("fact_false", meta, [self._ref(c[0])])

    def fact_compare(self, meta, c):
        return self._atom("fact_compare", meta, [self._ref(c[0])], op=str(c[1]), number=Decimal(str(c[2])))

    def measure_coercive(self, meta, c): return self._atom("measure_coercive", meta)
    def measure_non_coercive(self, meta, c): return self._atom("measure_non_coercive", meta)
    def measure_is(self, meta, c): return self._atom("measure_is", meta, c[0])
    def offence_is(self, meta, c): return self._atom("offence_is", meta, c[0])
    def offence_in_list(self, meta, c): return self._atom("offence_in_list", meta, [self._ref(c[0])])
    def conduct_includes(self, meta, c): return self._atom("conduct_includes", meta, [self._ref(c[0])])
    def stage_is(self, meta, c): return self._atom("stage_is", meta, c[0])
    def requesting_is(self, meta, c): return self._atom("requesting_is", meta, c[0])
    def requested_is(self, meta, c): return self._atom("requested_is", meta, c[0])
    def requesting_bound(self, meta, c): return self._atom("requesting_bound", meta, [self._ref(c[0])])
    def requested_bound(self, meta, c): return self._atom("requested_bound", meta, [self._ref(c[0])])
    def both_bound(self, meta, c): return self._atom("both_bound", meta, [self._ref(c[0])])
    def invoked_is(self, meta, c): return self._atom("invoked_is", meta, [self._ref(c[0])])

    def penalty_compare(self, meta, c):
        return self._atom("penalty_compare", meta, op=str(c[0]), duration=c[1])

    def dc_is_required(self, meta, c): return self._atom("dc_is_required", meta)
    def dc_is_satisfied(self, meta, c): return self._atom("dc_is_satisfied", meta)
    def dc_is_exempt(self, meta, c): return self._atom("dc_is_exempt", meta)
    def ground_applies(self, meta, c): return self._atom("ground_applies", meta, [self._ref(c[0])])
    def request_contains(self, meta, c): return self._atom("request_contains", meta, [self._ref(c[0])])
    def event_occurred(self, meta, c): return self._atom("event_occurred", meta, [self._ref(c[0])])
    def requested_provides(self, meta, c): return self._atom("requested_provides", meta, [self._ref(c[0])])
    def instrument_applies(self, meta, c): return self._atom("instrument_applies", meta, [self._ref(c[0])])


def duration_months(d: ast.Duration) -> int | None:
    if d.unit == "years":
        return int(d.amount * 12)
    if d.unit == "months":
        return int(d.amount)
    return None


def build_module(tree: Tree, file: str, diags: Diagnostics, text: str | None = None) -> ast.Module:
    decls = ModelBuilder(file, diags, text).transform(tree)
    return ast.Module(file=file, declarations=tuple(decls))
