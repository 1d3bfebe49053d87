"""Shared timing for the benchmarks: sides alternate, medians and spreads, the ratio last.

Every benchmark times our code and its baseline in the same process, one round of each side
after the other (the order flips every round), so a noisy neighbour slows both sides alike
and the ratio stays fair even when the absolute numbers move. A side is a callable returning
a value; the value of its last round is kept so a benchmark can check both sides agree.

Both wall time and this process's CPU time are kept: on a shared machine (many processes
on 2 cores) wall time includes waiting for a core, CPU time much less so; the ratio of
each is printed.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Timings", "alternate", "fmt", "ratio_line"]


class Timings:
    """The seconds of every round of one side, with the last value it returned."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.runs: list[float] = []
        self.cpu: list[float] = []
        self.value: Any = None

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> tuple[float, float]:
        return min(self.runs), max(self.runs)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    def describe(self, scale: float = 1.0, unit: str = "s") -> str:
        low, high = self.spread
        cpu = f"; CPU {self.cpu_median * scale:.3f}" if self.cpu else ""
        return (
            f"median {self.median * scale:10.3f} {unit}  "
            f"(min {low * scale:.3f}, max {high * scale:.3f}, n={len(self.runs)}{cpu})"
        )


def alternate(
    sides: Mapping[str, Callable[[], Any]], repeat: int, *, collect: bool = True
) -> dict[str, Timings]:
    """Run each side ``repeat`` times, interleaved, reversing the order every round."""
    names = list(sides)
    out = {name: Timings(name) for name in names}
    for round_ in range(repeat):
        order = names if round_ % 2 == 0 else names[::-1]
        for name in order:
            if collect:
                gc.collect()
            start, cpu = time.perf_counter(), time.process_time()
            value = sides[name]()
            out[name].runs.append(time.perf_counter() - start)
            out[name].cpu.append(time.process_time() - cpu)
            out[name].value = value
    return out


def fmt(t: Timings, label: str, *, scale: float = 1.0, unit: str = "s") -> str:
    return f"{label:<34} {t.describe(scale, unit)}"


def ratio_line(ours: Timings, base: Timings, label: str, goal: str) -> str:
    """The ratio of medians, and the range of per-round ratios (rounds are paired)."""
    per_round = sorted(o / b for o, b in zip(ours.runs, base.runs, strict=True))
    cpu = (f"; CPU {ours.cpu_median / base.cpu_median:.2f}x"
           if ours.cpu and base.cpu and base.cpu_median > 0 else "")
    return (
        f"RATIO {label}: {ours.median / base.median:.2f}x  "
        f"(per-round {per_round[0]:.2f}-{per_round[-1]:.2f}{cpu}; goal {goal})"
    )
