"""The Datalog IR shared by both evaluators: clauses of positive and negative literals and
comparisons over constants and variables. No floats: numbers are integers (cents, day numbers)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union


@dataclass(frozen=True)
class Var:
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Const:
    value: Union[str, int]

    def __str__(self) -> str:
        return repr(self.value)


Term = Union[Var, Const]


@dataclass(frozen=True)
class Atom:
    pred: str
    args: tuple[Term, ...]

    def __str__(self) -> str:
        return f"{self.pred}({', '.join(map(str, self.args))})"


@dataclass(frozen=True)
class Lit:
    atom: Atom
    negated: bool = False

    def __str__(self) -> str:
        return ("not " if self.negated else "") + str(self.atom)


@dataclass(frozen=True)
class Cmp:
    left: Term
    op: str  # one of < <= > >= == !=
    right: Term

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"


BodyItem = Union[Lit, Cmp]


@dataclass(frozen=True)
class Clause:
    head: Atom
    body: tuple[BodyItem, ...]
    rule_id: Optional[str] = None  # the rule of the rule base this clause encodes, if any
    label: str = ""  # what the clause does, for explanations of built-in clauses
    # a fact the body can only hold with (e.g. the rule's instrument is a candidate): an evaluator
    # may skip the clause when it is absent; it never changes the answer
    guard: Optional[Atom] = None

    def __str__(self) -> str:
        if not self.body:
            return f"{self.head}."
        return f"{self.head} :- {', '.join(map(str, self.body))}."


@dataclass
class Program:
    clauses: list[Clause] = field(default_factory=list)
    arities: dict[str, int] = field(default_factory=dict)
    facts: dict[str, set[tuple]] = field(default_factory=dict)  # static facts, loaded once
    case_preds: frozenset[str] = frozenset()  # predicates filled per request
    strata: list[list[str]] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # predicates the assessment reads

    def declare(self, pred: str, arity: int) -> None:
        known = self.arities.setdefault(pred, arity)
        if known != arity:
            raise ValueError(f"predicate {pred} used with arity {arity} and {known}")

    def add(self, clause: Clause) -> None:
        self.declare(clause.head.pred, len(clause.head.args))
        for item in clause.body:
            if isinstance(item, Lit):
                self.declare(item.atom.pred, len(item.atom.args))
        self.clauses.append(clause)

    def fact(self, pred: str, *args) -> None:
        self.declare(pred, len(args))
        self.facts.setdefault(pred, set()).add(tuple(args))

    def dump(self) -> str:
        lines = [f"% {len(self.clauses)} clauses, {sum(map(len, self.facts.values()))} static facts"]
        for pred in sorted(self.facts):
            for args in sorted(self.facts[pred], key=repr):
                lines.append(str(Atom(pred, tuple(Const(a) for a in args))) + ".")
        lines.extend(str(c) for c in self.clauses)
        return "\n".join(lines) + "\n"
