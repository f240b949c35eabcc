"""A version of the rule base for the ruleset diff: a directory, or a git revision of the checkout."""
from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Optional

from engine.assess.engine import Engine, RuleBaseError
from engine.loader import load

RULE_DIRS = ("rules", "jurisdictions")


def paths_of(directory: Path) -> list[str]:
    """A checkout-like directory (with rules/ and jurisdictions/) or a plain directory of rule files."""
    sub = [str(directory / d) for d in RULE_DIRS if (directory / d).is_dir()]
    return sub or [str(directory)]


def from_git(rev: str, repo: Optional[str] = None) -> list[str]:
    """Extract rules/ and jurisdictions/ at `rev` into a temporary directory; returns its paths."""
    repo = repo or "."
    try:
        blob = subprocess.run(["git", "-C", repo, "archive", "--format=tar", rev, "--", *RULE_DIRS],
                              check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        err = getattr(exc, "stderr", b"") or b""
        raise ValueError(f"`{rev}` is neither a directory nor a git revision: "
                         f"{err.decode(errors='replace').strip() or exc}") from exc
    out = Path(tempfile.mkdtemp(prefix="comity-rev-"))
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(out, filter="data")
    return paths_of(out)


def load_version(spec: str, backend: str = "reference") -> Engine:
    """`spec` is a directory or a git revision (HEAD, a tag, a commit)."""
    path = Path(spec)
    paths = paths_of(path) if path.is_dir() else from_git(spec)
    rb, diags = load(paths)
    if diags.errors:
        raise RuleBaseError(diags)
    return Engine.from_rulebase(rb, backend)
