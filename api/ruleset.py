"""The active rule base of this process, and how it is published to and picked up from the database.

- At start-up the rule base is loaded from disk and published; if the files on disk are broken the
  last published rule set is loaded from the database instead.
- `reload()` loads from disk, checks, compiles and warms a new Engine, then swaps the reference.
  Requests already running keep the Engine they started with; nothing is interrupted.
- The database row `active_ruleset` names the digest every worker and host must run; `sync()`
  (polled) loads that rule set from its stored sources when this process runs another one.
"""
from __future__ import annotations

import gc
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional


from api import audit
from api.db import Database
from api.models import ActiveRuleset, RulesetRecord
from api.settings import Settings
from engine.assess.engine import Engine, RuleBaseError
from engine.diagnostics import Diagnostic, Diagnostics
from engine.loader import default_paths, load_texts, read_sources

log = logging.getLogger("comity.api")


@dataclass
class ReloadResult:
    ok: bool
    digest: Optional[str]
    changed: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Rules:
    def __init__(self, settings: Settings, db: Database):
        self.settings, self.db = settings, db
        self.engine: Optional[Engine] = None
        self.status = "not_loaded"
        self.source = None  # "disk" or "database"
        self.last_error: list[Diagnostic] = []
        self._reload_lock = threading.Lock()
        self._refreeze_at: Optional[float] = None
        self.pool = ThreadPoolExecutor(settings.assess_threads, thread_name_prefix="comity-assess")

    # ------------------------------------------------------------------ paths and warm-up

    def paths(self) -> list[str]:
        return list(self.settings.rule_paths) if self.settings.rule_paths else default_paths()

    def _warm(self, engine: Engine) -> None:
        """pyDatalog builds its knowledge base per thread on first use: build it in every pool thread now."""
        if engine.backend_name != "pydatalog":
            return
        n = self.settings.assess_threads
        barrier = threading.Barrier(n)

        def warm_one():
            engine.backend.answer({})
            barrier.wait(timeout=120)  # holds this thread so every task lands on a different one

        for f in [self.pool.submit(warm_one) for _ in range(n)]:
            f.result()

    # ------------------------------------------------------------------ start-up, reload, sync

    def start(self) -> None:
        result = self.reload(actor=None)
        if not result.ok:
            log.error("the rule base on disk has errors; trying the last published rule set")
            self.sync()

    def reload(self, actor: Optional[str]) -> ReloadResult:
        with self._reload_lock:
            try:
                new = Engine.load(self.paths(), backend=self.settings.backend)
            except RuleBaseError as exc:
                self.last_error = list(exc.diagnostics)
                return ReloadResult(False, self.engine.digest if self.engine else None,
                                    diagnostics=list(exc.diagnostics))
            self._warm(new)
            changed = self.engine is None or self.engine.digest != new.digest
            self._publish(new, actor)
            self.engine, self.status, self.source, self.last_error = new, "ok", "disk", []
            self._refreeze_at = time.monotonic() + 5
            return ReloadResult(True, new.digest, changed)

    def _publish(self, engine: Engine, actor: Optional[str]) -> None:
        digest = engine.digest
        now = datetime.now(timezone.utc)
        with self.db.writing() as s:
            active = s.get(ActiveRuleset, 1)
            if active is not None and active.digest == digest:
                return
            if s.get(RulesetRecord, digest) is None:
                s.add(RulesetRecord(digest=digest, sources=json.dumps(engine.rb.sources, sort_keys=True),
                                    created_at=now, created_by=actor))
                s.flush()
            if active is None:
                s.add(ActiveRuleset(id=1, digest=digest, activated_at=now, activated_by=actor))
            else:
                active.digest, active.activated_at, active.activated_by = digest, now, actor
            files = {f: audit.sha256(t) for f, t in sorted(engine.rb.sources.items())}
            audit.append(s, "ruleset_activated", json.dumps({"digest": digest, "files": files}, sort_keys=True),
                         subject=digest, actor=actor)

    def active_digest(self) -> Optional[str]:
        with self.db.reading() as s:
            row = s.get(ActiveRuleset, 1)
            return row.digest if row else None

    def sync(self) -> bool:
        """Run the rule set the database names as active; True if this process switched."""
        want = self.active_digest()
        if want is None or (self.engine is not None and self.engine.digest == want):
            return False
        with self._reload_lock:
            if self.engine is not None and self.engine.digest == want:
                return False
            with self.db.reading() as s:
                rec = s.get(RulesetRecord, want)
                sources = json.loads(rec.sources) if rec else None
            if sources is None:
                return False
            rb, diags = load_texts(sources)
            try:
                if diags.errors:
                    raise RuleBaseError(diags)
                new = Engine.from_rulebase(rb, self.settings.backend)
            except RuleBaseError as exc:  # a published rule set was clean; this means a different engine version
                log.error("published rule set %s does not load here: %s", want, exc)
                self.status = "out_of_sync"
                return False
            self._warm(new)
            self.engine, self.status, self.source = new, "ok", "database"
            self._refreeze_at = time.monotonic() + 5
            log.info("switched to rule set %s", want)
            return True

    # ------------------------------------------------------------------ garbage collection

    def freeze(self) -> None:
        """Move the loaded rule base out of the collector's sight.

        A full collection walks every tracked object — the rule base and compiled program are a few
        hundred thousand — and stalls all requests for ~100 ms; frozen objects are skipped.
        """
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self._refreeze_at = None

    def maintain(self) -> None:
        """Refreeze a while after a swap, once requests in flight have let go of the old engine."""
        if self._refreeze_at is not None and time.monotonic() >= self._refreeze_at:
            self.freeze()

    # ------------------------------------------------------------------ rule-file checks

    def check_text(self, filename: str, text: str) -> list[Diagnostic]:
        """Check one file together with the current rule base, so its references resolve."""
        if self.engine is not None:
            sources = dict(self.engine.rb.sources)
        else:
            sources, _ = read_sources(self.paths())
        # Replace the file of the same name (by path suffix), so an edited copy does not clash with itself.
        for existing in list(sources):
            if existing == filename or existing.endswith("/" + filename.lstrip("/")):
                del sources[existing]
        sources[filename] = text
        _rb, diags = load_texts(sources)
        return Diagnostics(d for d in diags if d.span is not None and d.span.file == filename).sorted()

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=False)
