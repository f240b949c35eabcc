"""Parse + check time of a rule base (issue: the rule language).

    python bench/bench_rules.py                      # the shipped rule base
    python bench/bench_rules.py --synthetic 200      # a generated base of 200 jurisdictions
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.loader import read_sources, parse_sources  # noqa: E402
from engine.check import check_rulebase  # noqa: E402


def measure(paths: list[str], repeat: int) -> dict:
    sources, _ = read_sources(paths)
    parse_t, check_t, total_t = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        rb, d = parse_sources(sources)
        t1 = time.perf_counter()
        diags = check_rulebase(rb)
        t2 = time.perf_counter()
        parse_t.append(t1 - t0)
        check_t.append(t2 - t1)
        total_t.append(t2 - t0)
    return {"files": len(sources), "lines": sum(s.count("\n") for s in sources.values()), "rules": len(rb.rules),
            "declarations": sum(len(m.declarations) for m in rb.modules), "errors": len(diags.errors) + len(d.errors),
            "parse_s": statistics.median(parse_t), "check_s": statistics.median(check_t),
            "total_s": statistics.median(total_t)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=0, help="generate a rule base with N jurisdictions")
    ap.add_argument("--instruments", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if args.synthetic:
        from synthetic_rulebase import generate

        out = Path(tempfile.mkdtemp(prefix="comity-synth-"))
        generate(out, states=args.synthetic, instruments=args.instruments)
        paths = [str(out)]
        label = f"generated: {args.synthetic} jurisdictions, {args.instruments} instruments"
    else:
        paths = ["rules", "jurisdictions"]
        label = "shipped rule base"
    r = measure(paths, args.repeat)
    print(f"{label}: {r['files']} files, {r['lines']} lines, {r['declarations']} declarations, {r['rules']} rules, "
          f"{r['errors']} errors")
    print(f"  parse {r['parse_s'] * 1000:.0f} ms, check {r['check_s'] * 1000:.0f} ms, "
          f"parse+check {r['total_s'] * 1000:.0f} ms (median of {args.repeat})")


if __name__ == "__main__":
    main()
