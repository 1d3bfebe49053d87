"""Benchmark: the whole rule catalogue over 1,000 notices x 10 activities.

Prints microseconds per activity-rule pair for ``evaluate`` and for a trivial baseline (a loop
that calls a no-op function once per activity-rule pair), alternating in the same run, with
medians, spreads and their ratio last: the engine's cost over pure dispatch. The comparison
with fides, run for real, is ``benchmarks/bench_vs_fides.py``.

    python benchmarks/bench_rules.py            # 1,000 notices x 10 activities
    python benchmarks/bench_rules.py --quick    # 100 notices x 10 activities
    python benchmarks/bench_rules.py --scale    # one notice of 10, 100, 1,000, 10,000
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import attrs
from _timing import alternate, fmt, ratio_line

from gdpr_register import Notice, Register, evaluate, load_notice
from gdpr_register.rules import Context, default_registry

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


def baseline(notices: list[Notice], rules: int) -> None:
    ctx = Context(as_of=AS_OF)
    for notice in notices:
        for register in notice.registers:
            for _ in range(rules):
                _noop(notice, register, ctx)


def ours(notices: list[Notice]) -> int:
    findings = 0
    for notice in notices:
        findings += len(evaluate(notice, as_of=AS_OF).findings)
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 notices instead of 1,000")
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    parser.add_argument("--scale", action="store_true",
                        help="one notice of 10 ... 10,000 activities: cost as it grows")
    args = parser.parse_args()
    if args.scale:
        scale(args.repeat)
        return
    count, activities = (100 if args.quick else 1000), 10
    notices = build(count, activities)
    rules = len(default_registry().select())
    pairs = count * activities * rules
    evaluate(notices[0], as_of=AS_OF)  # warm: catalogue import, selection cache

    runs = alternate({
        "ours": lambda: ours(notices),
        "baseline": lambda: baseline(notices, rules),
    }, args.repeat)
    findings = runs["ours"].value
    us = 1e6 / pairs
    print(f"{count} notices x {activities} activities x {rules} rules = {pairs:,} "
          f"activity-rule pairs; {findings:,} findings per run; {args.repeat} alternating "
          "rounds")
    print(fmt(runs["ours"], "evaluate", scale=us, unit="us/pair"))
    print(fmt(runs["baseline"], "no-op baseline", scale=us, unit="us/pair"))
    print(ratio_line(runs["ours"], runs["baseline"], "evaluate / no-op dispatch", "none"))

def scale(repeat: int) -> None:
    """evaluate() on one notice as it grows, with the no-op dispatch baseline alongside."""
    rules = len(default_registry().select())
    last = ""
    for activities in (10, 100, 1000, 10_000):
        notices = build(1, activities)
        evaluate(notices[0], as_of=AS_OF)
        runs = alternate({
            "ours": lambda n=notices: ours(n),  # type: ignore[misc]
            "baseline": lambda n=notices: baseline(n, rules),  # type: ignore[misc]
        }, repeat)
        print(fmt(runs["ours"], f"{activities:>6,} activities, evaluate", scale=1e3, unit="ms")
              + f"  {runs['ours'].median / (activities * rules) * 1e6:.2f} us/pair")
        last = ratio_line(runs["ours"], runs["baseline"], f"{activities:,} activities", "none")
        print(last)


if __name__ == "__main__":
    main()
