"""Art. 12(3) deadlines: ``response_deadline`` against a hand-written stdlib baseline.

Both compute the deadline and the extended deadline (catalogue §3.4) for the same random
receipt dates in 2019-2030; the baseline inlines the month arithmetic and rolls over a
precomputed set of Finnish public holidays. ``response_deadline`` memoises results per
receipt date for the Member-State calendars; the run also times it with the memo bypassed
(a calendar passed in), so both numbers are visible. Run: ``python benchmarks/bench_deadlines.py``
(1,000,000 computations) or ``--quick`` (100,000). Goal: ratio <= 1.5.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from gdpr_register.law.calendars import country_calendar
from gdpr_register.rights import response_deadline

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ONE = timedelta(days=1)


def _plus_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = _DAYS[month0]
    if month0 == 1 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return date(year, month0 + 1, day.day if day.day <= last else last)


def make_baseline(holidays: frozenset[date]) -> Callable[[date], tuple[date, date]]:
    def baseline(received: date) -> tuple[date, date]:
        one = _plus_months(received, 1)
        three = _plus_months(received, 3)
        one_two = _plus_months(one, 2)
        extended = three if three < one_two else one_two
        while one.weekday() > 4 or one in holidays:
            one += _ONE
        while extended.weekday() > 4 or extended in holidays:
            extended += _ONE
        return one, extended

    return baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100,000 computations")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000

    rng = random.Random(20261125)
    start, span = date(2019, 1, 1).toordinal(), (date(2030, 12, 31) - date(2019, 1, 1)).days
    receipts = [date.fromordinal(start + rng.randrange(span + 1)) for _ in range(n)]

    calendar = country_calendar("FI")
    holidays = frozenset(d for year in range(2019, 2032) for d in calendar.holidays_in(year))
    baseline = make_baseline(holidays)

    # Same answers first, so the timing compares equal work.
    for received in receipts[:20_000]:
        ours = response_deadline(received)
        if (ours.deadline, ours.extended_deadline) != baseline(received):
            raise SystemExit(f"disagreement on {received}: {ours} vs {baseline(received)}")

    def run_ours() -> None:
        for received in receipts:
            response_deadline(received, country="FI")

    def run_uncached() -> None:
        # A calendar passed in bypasses the per-date memo: every call does the arithmetic.
        for received in receipts:
            response_deadline(received, calendar=calendar)

    def run_baseline() -> None:
        for received in receipts:
            baseline(received)

    def best(fn: Callable[[], None]) -> float:
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    ours_s = best(run_ours)
    cold_s = best(run_uncached)
    base_s = best(run_baseline)
    print(f"{n:,} deadline computations (receipts 2019-2030, FI), best of {args.repeat}")
    print(f"  response_deadline : {ours_s:8.3f} s  ({ours_s / n * 1e6:.2f} us each)")
    print(f"  stdlib baseline   : {base_s:8.3f} s  ({base_s / n * 1e6:.2f} us each)")
    print(f"  without the memo  : {cold_s:8.3f} s  ({cold_s / n * 1e6:.2f} us each)")
    print(f"  ratio ours/baseline: {ours_s / base_s:.2f}x (goal <= 1.5x)")
    print(f"  ratio without memo : {cold_s / base_s:.2f}x")


if __name__ == "__main__":
    main()
