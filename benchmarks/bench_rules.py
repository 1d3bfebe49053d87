"""Benchmark: the whole rule catalogue over 1,000 notices x 10 activities.

Prints microseconds per activity-rule pair for ``evaluate`` and for a trivial baseline (a loop
that calls a no-op function once per activity-rule pair) measured in the same run, their
ratio, and the speed-up against fides' ~270 us per declaration-rule pair (docs/peers.md).

    python benchmarks/bench_rules.py            # 1,000 notices x 10 activities
    python benchmarks/bench_rules.py --quick    # 100 notices x 10 activities
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date
from pathlib import Path

import attrs

from gdpr_register import Notice, Register, evaluate, load_notice
from gdpr_register.rules import Context, default_registry

FIDES_US_PER_PAIR = 270.0
ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)


def build(notices: int, activities: int) -> list[Notice]:
    """Notices of ``activities`` registers each, mixing compliant and defective templates."""
    northwind = load_notice(ROOT / "examples" / "northwind-coaching.yaml")
    seed = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    templates: list[Register] = [*northwind.registers, *seed.registers]
    out = []
    for n in range(notices):
        registers = tuple(
            attrs.evolve(templates[(n + i) % len(templates)], id=f"activity-{i}",
                         name=f"Activity {i}")
            for i in range(activities)
        )
        base = northwind if n % 2 else seed
        out.append(attrs.evolve(base, id=f"notice-{n}", registers=registers))
    return out


def _noop(notice: object, register: object, ctx: object) -> None:
    return None


def baseline(notices: list[Notice], rules: int) -> float:
    ctx = Context(as_of=AS_OF)
    start = time.perf_counter()
    for notice in notices:
        for register in notice.registers:
            for _ in range(rules):
                _noop(notice, register, ctx)
    return time.perf_counter() - start


def ours(notices: list[Notice]) -> tuple[float, int]:
    start = time.perf_counter()
    findings = 0
    for notice in notices:
        findings += len(evaluate(notice, as_of=AS_OF).findings)
    return time.perf_counter() - start, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 notices instead of 1,000")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    args = parser.parse_args()
    count, activities = (100 if args.quick else 1000), 10
    notices = build(count, activities)
    rules = len(default_registry().select())
    pairs = count * activities * rules
    evaluate(notices[0], as_of=AS_OF)  # warm: catalogue import, selection cache

    ours_runs, base_runs = [], []
    findings = 0
    for _ in range(args.repeat):
        elapsed, findings = ours(notices)
        ours_runs.append(elapsed)
        base_runs.append(baseline(notices, rules))
    ours_us = statistics.median(ours_runs) / pairs * 1e6
    base_us = statistics.median(base_runs) / pairs * 1e6
    print(f"{count} notices x {activities} activities x {rules} rules = {pairs:,} "
          f"activity-rule pairs; {findings:,} findings per run; median of {args.repeat} runs")
    print(f"evaluate:           {ours_us:8.3f} us per activity-rule pair")
    print(f"no-op baseline:     {base_us:8.3f} us per activity-rule pair")
    print(f"ratio to baseline:  {ours_us / base_us:8.1f}x the cost of a no-op call per pair")
    print(f"fides (peers.md):   {FIDES_US_PER_PAIR:8.1f} us per pair -> we are "
          f"{FIDES_US_PER_PAIR / ours_us:,.0f}x faster (goal: >= 100x)")


if __name__ == "__main__":
    main()
