"""Engine benchmark (issue: the inference engine): rule-base load and compile time, assessment
latency p50/p99 over varied requests, throughput with 2 threads, peak memory.

    python bench/bench_engine.py [--backend pydatalog|reference] [--requests 1000]
    python bench/bench_engine.py --synthetic 200 --instruments 30
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.assess.engine import Engine  # noqa: E402
from engine.assess.models import AssistanceRequest  # noqa: E402


def requests_for(engine: Engine, n: int, seed: int = 7) -> list[AssistanceRequest]:
    rb = engine.rb
    rnd = random.Random(seed)
    states = sorted(rb.jurisdictions)
    measures = rb.names("measure")
    cats = sorted(rb.categories)
    facts = [f for f, t in sorted(rb.terms.get("fact", {}).items()) if t.fact_type == "boolean"]
    out = []
    for _ in range(n):
        a, b = rnd.sample(states, 2)
        out.append(AssistanceRequest(
            requesting_state=a, requested_state=b, measure=rnd.choice(measures),
            offence={"categories": rnd.sample(cats, rnd.choice([1, 2])),
                     "max_penalty_years": rnd.choice([None, 2, 4, 10])},
            events={"received": "2026-09-14T10:00:00+02:00"}, as_of=rnd.choice(["2016-01-01", "2026-09-14"]),
            facts={f: rnd.random() < 0.3 for f in rnd.sample(facts, min(len(facts), rnd.randint(0, 12)))},
            request_contents=rnd.choice([None, ["requesting_authority", "summary_of_facts"]]),
            language=rnd.choice([None, "en", "fr", "de"])))
    return out


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", default="pydatalog")
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--questions", action="store_true", help="also compute questions (counterfactuals)")
    ap.add_argument("--synthetic", type=int, default=0)
    ap.add_argument("--instruments", type=int, default=30)
    args = ap.parse_args()
    paths = None
    label = "shipped rule base"
    if args.synthetic:
        from synthetic_rulebase import generate

        out = Path(tempfile.mkdtemp(prefix="comity-synth-"))
        generate(out, states=args.synthetic, instruments=args.instruments)
        paths = [str(out)]
        label = f"generated: {args.synthetic} jurisdictions, {args.instruments} instruments"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    engine = Engine.load(paths, backend=args.backend)
    t_load = time.perf_counter() - t0
    reqs = requests_for(engine, args.requests)
    t0 = time.perf_counter()
    engine.assess(reqs[0], questions=False)  # first call builds this thread's knowledge base
    t_first = time.perf_counter() - t0
    for r in reqs[:20]:
        engine.assess(r, questions=args.questions)
    lat = []
    for r in reqs:
        t = time.perf_counter()
        engine.assess(r, questions=args.questions)
        lat.append(time.perf_counter() - t)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda r: engine.assess(r, questions=False), reqs[:10]))  # warm both threads
        t = time.perf_counter()
        list(pool.map(lambda r: engine.assess(r, questions=args.questions), reqs))
        thr2 = len(reqs) / (time.perf_counter() - t)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    p = engine.compiled.program
    print(f"{label}, backend {args.backend}: {len(engine.rb.rules)} rules -> {len(p.clauses)} clauses, "
          f"{sum(map(len, p.facts.values()))} static facts")
    print(f"  load+check+compile {t_load:.2f} s; first assessment (builds the thread's knowledge base) {t_first:.2f} s")
    print(f"  latency over {len(lat)} varied requests{' with questions' if args.questions else ''}: "
          f"p50 {statistics.median(lat) * 1000:.1f} ms, p99 {pct(lat, 99) * 1000:.1f} ms, "
          f"max {max(lat) * 1000:.1f} ms; 1 thread {len(lat) / sum(lat):.0f}/s")
    print(f"  2 threads: {thr2:.0f} assessments/s; peak RSS {rss / 1024:.0f} MB (start {rss0 / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
