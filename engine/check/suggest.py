"""'Did you mean' suggestions."""
from __future__ import annotations

import difflib
from typing import Iterable


def did_you_mean(name: str, candidates: Iterable[str]) -> tuple[str, ...]:
    close = difflib.get_close_matches(name, list(candidates), n=3, cutoff=0.6)
    return tuple(f"did you mean `{c}`?" for c in close[:1])
