"""Retention planning for many subjects vs a hand-written stdlib loop, in one run.

Both sides read the same in-memory histories (the seed register's events: service contacts,
contacts, invoices, the odd erasure request) and produce, per subject and data category, the
status, erase-by date and restricted-until date; both fold them into the same checksum, which
must agree. The baseline hard-codes the seed's policy (5 years after the last contact, the
erasure request, the Accounting Act's 6-year voucher hold from the end of the calendar year in
which the financial year ended) with inline month-end clamping; ours compiles the notice once
and plans each subject through :meth:`CompiledPolicy.plan`.

    python benchmarks/bench_retention.py            # 1,000,000 subjects
    python benchmarks/bench_retention.py --quick    # 50,000 subjects
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from gdpr_register import load_notice
from gdpr_register.retention import CompiledPolicy, SubjectHistory, compile_policy

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 11, 25)
CATEGORIES = (
    ("yhteystiedot", False),
    ("palvelutiedot", False),
    ("markkinointitiedot", False),
    ("laskutustiedot", True),  # accounting vouchers: the Accounting Act's hold applies
)
CONTACTS = frozenset({"service_contact", "contact"})
ACCOUNTING = frozenset({"invoice", "payment", "voucher", "accounting_entry"})
Checksum = dict[str, list[int]]


def make_events(count: int, seed: int) -> list[tuple[str, list[tuple[str, date]]]]:
    rng = random.Random(seed)
    start = date(2012, 1, 1)
    span = (AS_OF - start).days
    kinds = ("service_contact", "service_contact", "contact", "invoice", "invoice")
    subjects = []
    for n in range(count):
        events = [
            (rng.choice(kinds), start + timedelta(days=rng.randrange(span)))
            for _ in range(rng.randint(1, 4))
        ]
        if rng.random() < 0.02:
            events.append(("erasure_request", start + timedelta(days=rng.randrange(span))))
        subjects.append((f"cust-{n}", events))
    return subjects


def _fold(checksum: Checksum, status: str, erase_by: date | None, until: date | None) -> None:
    entry = checksum.setdefault(status, [0, 0])
    entry[0] += 1
    entry[1] += (erase_by.toordinal() if erase_by else 0) + (until.toordinal() if until else 0)


def ours(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """Bulk planning: ``CompiledPolicy.results`` streams each subject's category results."""
    checksum: Checksum = {}
    for _subject, results in policy.results(histories, AS_OF):
        for status, erase_by, restricted_until in results:
            _fold(checksum, status.value, erase_by, restricted_until)
    return checksum


def ours_rows(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """Bulk planning, flat: ``CompiledPolicy.rows`` streams one row per subject and category."""
    checksum: Checksum = {}
    for _subject, _category, status, erase_by, restricted_until in policy.rows(histories, AS_OF):
        _fold(checksum, status.value, erase_by, restricted_until)
    return checksum


def ours_plans(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """One RetentionPlan per subject (statuses and dates computed, items not built)."""
    checksum: Checksum = {}
    plan = policy.plan
    for history in histories:
        for _category, status, erase_by, restricted_until in plan(history, AS_OF).rows():
            _fold(checksum, status.value, erase_by, restricted_until)
    return checksum


def ours_items(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """The same, materialising every PlanItem (what ``plan.items`` costs on top)."""
    checksum: Checksum = {}
    plan = policy.plan
    for history in histories:
        for item in plan(history, AS_OF).items:
            _fold(checksum, item.status.value, item.erase_by, item.restricted_until)
    return checksum


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    if day.month == 2 and day.day == 29 and not (
        year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    ):
        return date(year, 2, 28)
    return date(year, day.month, day.day)


def baseline(_policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """What a careful developer would write by hand for the seed's policy.

    (The generated events are all dated on or before ``AS_OF``, so unlike ours this loop need
    not skip later events.)
    """
    checksum: Checksum = {}
    one_day = timedelta(days=1)
    as_of = AS_OF
    for history in histories:
        last_contact: date | None = None
        last_accounting: date | None = None
        erasure: date | None = None
        for kind, day in history.events:
            if kind in CONTACTS:
                if last_contact is None or day > last_contact:
                    last_contact = day
            elif kind in ACCOUNTING:
                if last_accounting is None or day > last_accounting:
                    last_accounting = day
            elif kind == "erasure_request" and (erasure is None or day < erasure):
                erasure = day
        purpose_ends = _add_years(last_contact, 5) if last_contact is not None else None
        if erasure is not None and (purpose_ends is None or erasure < purpose_ends):
            purpose_ends = erasure
        # Calendar financial year: the year's end is also the calendar year's end.
        hold = (
            _add_years(date(last_accounting.year, 12, 31), 6)
            if last_accounting is not None else None
        )
        for _category, held in CATEGORIES:
            if purpose_ends is None:
                _fold(checksum, "undetermined", None, None)
                continue
            hold_until = hold if held else None
            until = hold_until if hold_until is not None and hold_until >= purpose_ends else None
            erase_by = purpose_ends if until is None else until + one_day
            if as_of < purpose_ends:
                status = "retained"
            elif hold_until is not None and as_of <= hold_until:
                status = "restricted"
            else:
                status = "due"
            _fold(checksum, status, erase_by, until)
    return checksum


def timed(
    fn: Callable[[CompiledPolicy, Sequence[SubjectHistory]], Checksum],
    policy: CompiledPolicy,
    histories: Sequence[SubjectHistory],
) -> tuple[float, Checksum]:
    gc.collect()
    start = time.perf_counter()
    result = fn(policy, histories)
    return time.perf_counter() - start, result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50,000 subjects")
    parser.add_argument("--subjects", type=int, default=None)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=None, help="runs per side (best kept)")
    args = parser.parse_args(argv)
    count = args.subjects or (50_000 if args.quick else 1_000_000)
    repeat = args.repeat or (5 if args.quick else 2)

    notice = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    start = time.perf_counter()
    policy = compile_policy(notice.registers[0], controller=notice.controller)
    compile_time = time.perf_counter() - start
    raw = make_events(count, args.seed)
    start = time.perf_counter()
    histories = [SubjectHistory.from_events(subject, events) for subject, events in raw]
    build_time = time.perf_counter() - start
    del raw

    best: dict[str, float] = {}
    results: dict[str, Checksum] = {}
    for _ in range(repeat):
        for name, fn in (
            ("baseline", baseline), ("ours", ours), ("ours+rows", ours_rows),
            ("ours+plans", ours_plans),
            ("ours+items", ours_items),
        ):
            elapsed, result = timed(fn, policy, histories)
            best[name] = min(best.get(name, elapsed), elapsed)
            results[name] = result
    agree = all(result == results["baseline"] for result in results.values())
    print(f"subjects: {count:,}  events: {sum(len(h.events) for h in histories):,}  "
          f"categories: {len(policy.categories)}  as of {AS_OF}  best of {repeat}")
    print(f"compile policy (once):           {compile_time * 1e3:9.2f} ms")
    print(f"build histories (validated):     {build_time:9.3f} s  (input preparation, not timed "
          "below)")
    print(f"hand-written stdlib loop:        {best['baseline']:9.3f} s")
    print(f"compiled policy, results():      {best['ours']:9.3f} s  "
          f"ratio {best['ours'] / best['baseline']:.2f}x   <- the goal: <= 2x")
    print(f"compiled policy, flat rows():    {best['ours+rows']:9.3f} s  "
          f"ratio {best['ours+rows'] / best['baseline']:.2f}x")
    print(f"one RetentionPlan per subject:   {best['ours+plans']:9.3f} s  "
          f"ratio {best['ours+plans'] / best['baseline']:.2f}x")
    print(f"plans with every PlanItem built: {best['ours+items']:9.3f} s  "
          f"ratio {best['ours+items'] / best['baseline']:.2f}x")
    print(f"results agree: {agree}  {sorted((k, v[0]) for k, v in results['ours'].items())}")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
