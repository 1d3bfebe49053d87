"""Art. 12(3) deadlines: ``response_deadline`` against a hand-written stdlib baseline.

Both compute the deadline and the extended deadline (catalogue §3.4) for the same 1,000,000
realistic receipts: ten years of requests (2016-2025), five in six on a working day, in the
order they arrive. The baseline inlines the month arithmetic and rolls over a frozen set of
the same Finnish public holidays, built from the ``holidays`` package inside its timed run.

Three workloads, each alternating with the baseline, round by round:

- **cold** (the goal): every round starts from a fresh process state, no memo and no
  holiday year loaded, as a service that just started would; ours loads the calendar and
  fills its per-date memo during the timed run, the baseline builds its holiday set.
- **memo hits**: the same receipts again with the memo already filled (a long-running
  service); the baseline has its holiday set already built.
- **custom holiday set**: the same holidays passed in as a set (``calendar=...``), from a cold
  start too: the set is checked and indexed once, then memoised like a Member State's.

The machine is shared: absolute times are noisy, the paired ratios much less so.

    python benchmarks/bench_deadlines.py            # 1,000,000 receipts, 5 rounds
    python benchmarks/bench_deadlines.py --quick    # 100,000 receipts, 3 rounds
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import date, timedelta

import holidays
from _timing import alternate, fmt, ratio_line

from gdpr_register.law import calendars as _calendars
from gdpr_register.rights import _deadlines as _rights_deadlines
from gdpr_register.rights import response_deadline

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE = timedelta(days=1)
FIRST, LAST = date(2016, 1, 1), date(2025, 12, 31)


def _plus_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = _DAYS[month0]
    if month0 == 1 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month0 + 1, day.day if day.day <= last else last)


def fi_holidays(first: int, last: int) -> frozenset[date]:
    """Finnish public holidays, Christmas and Midsummer Eves not counted (our default)."""
    found = holidays.country_holidays("FI", years=range(first, last + 1))
    days = {date(d.year, d.month, d.day) for d in found}
    for year in range(first, last + 1):
        june19 = date(year, 6, 19)
        days.discard(date(year, 12, 24))
        days.discard(june19 + timedelta(days=(4 - june19.weekday()) % 7))
    return frozenset(days)


def make_baseline(holiday_set: frozenset[date]) -> Callable[[date], tuple[date, date]]:
    def baseline(received: date) -> tuple[date, date]:
        one = _plus_months(received, 1)
        three = _plus_months(received, 3)
        one_two = _plus_months(one, 2)
        extended = three if three < one_two else one_two
        while one.weekday() > 4 or one in holiday_set:
            one += _ONE
        while extended.weekday() > 4 or extended in holiday_set:
            extended += _ONE
        return one, extended

    return baseline


def receipts(n: int, seed: int = 20261125) -> list[date]:
    """``n`` receipts over ten years, in arrival order, five in six on a working day."""
    rng = random.Random(seed)
    start, span = FIRST.toordinal(), (LAST - FIRST).days
    out: list[date] = []
    while len(out) < n:
        day = date.fromordinal(start + rng.randrange(span + 1))
        if day.weekday() < 5 or rng.random() < 0.4:
            out.append(day)
    out.sort()
    return out


def reset() -> None:
    """Forget every memo and loaded holiday year: the state of a freshly started process."""
    _rights_deadlines._SHARED.clear()
    _calendars._country_calendar.cache_clear()
    _calendars._fixed_calendar.cache_clear()
    _rights_deadlines._FIXED_MEMOS.clear()


def checksum(pairs: list[tuple[date, date]]) -> int:
    return sum(a.toordinal() * 3 + b.toordinal() for a, b in pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 receipts, 3 rounds")
    parser.add_argument("--receipts", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None, help="rounds per side")
    args = parser.parse_args()
    n = args.receipts or (100_000 if args.quick else 1_000_000)
    repeat = args.repeat or (3 if args.quick else 5)
    days = receipts(n)
    years = (FIRST.year, LAST.year + 1)  # extended deadlines reach into the next year

    def ours_cold() -> int:
        reset()
        out: list[tuple[date, date]] = []
        for received in days:
            d = response_deadline(received, country="FI")
            out.append((d.deadline, d.extended_deadline))
        return checksum(out)

    def base_cold() -> int:
        baseline = make_baseline(fi_holidays(*years))
        return checksum([baseline(received) for received in days])

    def ours_warm() -> int:
        out: list[tuple[date, date]] = []
        for received in days:
            d = response_deadline(received, country="FI")
            out.append((d.deadline, d.extended_deadline))
        return checksum(out)

    built = fi_holidays(*years)
    warm_baseline = make_baseline(built)

    def base_warm() -> int:
        return checksum([warm_baseline(received) for received in days])

    def base_custom() -> int:
        # The caller already holds its holiday set: the baseline uses it as it is.
        baseline = make_baseline(built)
        return checksum([baseline(received) for received in days])

    def ours_custom() -> int:
        reset()
        out: list[tuple[date, date]] = []
        for received in days:
            d = response_deadline(received, calendar=built)
            out.append((d.deadline, d.extended_deadline))
        return checksum(out)

    cold = alternate({"ours": ours_cold, "baseline": base_cold}, repeat)
    # ours_cold left the memo full: the next workload is the hit path.
    warm = alternate({"ours": ours_warm, "baseline": base_warm}, repeat)
    custom = alternate({"ours": ours_custom, "baseline": base_custom}, repeat)
    for name, result in (("cold", cold), ("memo hits", warm), ("custom holiday set", custom)):
        if result["ours"].value != result["baseline"].value:
            raise SystemExit(f"{name}: ours and the baseline disagree")

    distinct = len(set(days))
    print(f"{n:,} receipts {FIRST}..{LAST} ({distinct:,} distinct dates), FI holidays, "
          f"{repeat} alternating rounds per workload; answers agree")
    us = 1e6 / n
    for label, result in (("cold", cold), ("memo hits", warm),
                          ("custom holiday set", custom)):
        print(f"{label}:")
        print(fmt(result["ours"], "  response_deadline", scale=us, unit="us/call"))
        print(fmt(result["baseline"], "  stdlib baseline", scale=us, unit="us/call"))
    print(ratio_line(custom["ours"], custom["baseline"], "custom holiday set, cold", "none"))
    print(ratio_line(warm["ours"], warm["baseline"], "memo hits", "none"))
    print(ratio_line(cold["ours"], cold["baseline"], "cold 1M, ours/baseline", "<= 1.5x"))


if __name__ == "__main__":
    main()
