"""Coverage-matrix benchmark (issue: harmonization reports).

    python bench/report_coverage.py                    # shipped rule base, all states x all measures
    python bench/report_coverage.py --synthetic 193    # generated 193 states: 193 x 192 pairs, one measure

Prints the load time, the matrix time and the rate; the floor is the 193-state matrix in <= 120 s
on a 2-core machine.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine.assess.engine import Engine  # noqa: E402
from engine.report import coverage, render  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=0, help="generate a rule base of N states")
    ap.add_argument("--instruments", type=int, default=5)
    ap.add_argument("--measure", action="append", help="default: all (shipped) or freezing (synthetic)")
    ap.add_argument("--offence", default="money_laundering")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--html", help="also render the HTML report to this file")
    args = ap.parse_args()
    paths, label = None, "shipped rule base"
    if args.synthetic:
        from synthetic_rulebase import generate

        out = generate(Path(tempfile.mkdtemp(prefix="comity-synth-")), states=args.synthetic,
                       instruments=args.instruments)
        paths, label = [str(out)], f"generated: {args.synthetic} states, {args.instruments} instruments"
    t0 = time.perf_counter()
    engine = Engine.load(paths, backend="reference")
    t_load = time.perf_counter() - t0
    measures = args.measure or (["freezing"] if args.synthetic else engine.rb.names("measure"))
    t0 = time.perf_counter()
    data = coverage.build(engine, measures=measures, offence=[args.offence], as_of=date(2026, 1, 15),
                          workers=args.workers, plot=bool(args.html))
    t_matrix = time.perf_counter() - t0
    n = len(data.records)
    print(f"{label}: {len(engine.rb.jurisdictions)} states, {len(measures)} measure(s), offence {args.offence}, "
          f"{len(engine.rb.rules)} rules, {args.workers} worker process(es)")
    print(f"  load+check+compile {t_load:.1f} s; matrix of {n} requests {t_matrix:.1f} s "
          f"({n / t_matrix:.0f} requests/s)")
    print("  decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(Counter(r['decision'] for r in data.records).items())))
    if args.html:
        t0 = time.perf_counter()
        content, _ = render(data, "html")
        Path(args.html).write_text(content, encoding="utf-8")
        print(f"  HTML {len(content) / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
