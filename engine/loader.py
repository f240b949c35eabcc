"""Files -> rule base: read, parse, build the model and check it. Nothing here raises on bad input;
every problem is a diagnostic."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from engine.diagnostics import Diagnostics
from engine.model.from_tree import build_module
from engine.rulebase import RuleBase
from engine.syntax.parse import parse_text


def default_paths() -> list[str]:
    """COMITY_RULES (os.pathsep-separated), else ./rules and ./jurisdictions, else the checkout's."""
    env = os.environ.get("COMITY_RULES")
    if env:
        return [p for p in env.split(os.pathsep) if p]
    here = [p for p in ("rules", "jurisdictions") if Path(p).is_dir()]
    if here:
        return here
    root = Path(__file__).resolve().parent.parent
    return [str(root / p) for p in ("rules", "jurisdictions") if (root / p).is_dir()]


def rule_files(paths: Iterable[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files.extend(sorted(path.rglob("*.rules")))
        else:
            files.append(path)
    return files


def parse_sources(sources: dict[str, str]) -> tuple[RuleBase, Diagnostics]:
    """Parse texts keyed by file name into an (unchecked) rule base."""
    diags = Diagnostics()
    rb = RuleBase(sources=dict(sources))
    for file in sorted(sources):
        tree, syntax = parse_text(sources[file], file)
        diags.extend(syntax)
        rb.modules.append(build_module(tree, file, diags, sources[file]))
    return rb, diags


def read_sources(paths: Iterable[str]) -> tuple[dict[str, str], Diagnostics]:
    diags = Diagnostics()
    sources: dict[str, str] = {}
    for f in rule_files(paths):
        try:
            sources[str(f)] = f.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            diags.error("S104", f"cannot read `{f}`: {exc.__class__.__name__}: {exc}",
                        suggestions=("check the path and that the file is UTF-8 text",))
    if not sources and not diags:
        diags.error("S104", "no .rules files found in " + ", ".join(map(str, paths)),
                    suggestions=("pass a directory that contains .rules files",))
    return sources, diags


def load(paths: Iterable[str] | None = None, strict: bool = False) -> tuple[RuleBase, Diagnostics]:
    from engine.check import check_rulebase

    paths = list(paths) if paths else default_paths()
    sources, diags = read_sources(paths)
    rb, parse_diags = parse_sources(sources)
    diags.extend(parse_diags)
    diags.extend(check_rulebase(rb, strict=strict))
    return rb, diags


def load_texts(sources: dict[str, str], strict: bool = False) -> tuple[RuleBase, Diagnostics]:
    from engine.check import check_rulebase

    rb, diags = parse_sources(sources)
    diags.extend(check_rulebase(rb, strict=strict))
    return rb, diags
