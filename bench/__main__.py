"""`python -m bench [--tiers 4,5,6] [--smoke] [--seed N] [--out DIR]` — see bench/run.py."""

import argparse
import sys
import time
from pathlib import Path

from bench import run as bench_run
from bench.generate import WORK_DIR


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--tiers", default="4,5,6", help="powers of ten of the dataset sizes (default 4,5,6)")
    parser.add_argument("--smoke", action="store_true",
                        help="smallest tier (10^3), few reruns: checks that every figure is produced")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, default=None,
                        help="directory for the results (default bench/results; bench/work/results for --smoke)")
    args = parser.parse_args(argv)

    if args.smoke:
        settings = bench_run.Settings(tiers=(3,), seed=args.seed, reruns=3, sessions=2, search_words=2,
                                      ours_pages=("overview", "quotes"), ours_budget_s=60,
                                      naive_budget_s=lambda _e: 60, server_budget_s=lambda _a, _e: 60, smoke=True,
                                      parallel_servers=True)
        out = args.out or WORK_DIR / "results"
    else:
        tiers = tuple(sorted(int(t) for t in args.tiers.split(",") if t.strip()))
        settings = bench_run.Settings(tiers=tiers, seed=args.seed)
        out = args.out or bench_run.RESULTS_DIR
    started = time.perf_counter()
    data = bench_run.run(settings)
    rows = bench_run.figures(data, settings)
    text = bench_run.report(rows, settings, time.perf_counter() - started)
    path = bench_run.write_report(text, out, rows)
    print(bench_run.table(rows))
    failed = [r for r in rows if r.passed is False]
    wall = (time.perf_counter() - started) / 60
    print(f"Targets met: {sum(1 for r in rows if r.passed)} of {sum(1 for r in rows if r.passed is not None)}. "
          f"Results: {path} (and {path.parent / 'latest.md'}). Wall time {wall:.1f} min.")
    return 1 if failed and not settings.smoke else 0


if __name__ == "__main__":
    sys.exit(main())
