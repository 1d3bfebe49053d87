"""Retention for many subjects vs a hand-written stdlib loop, alternating in one run.

**End to end** (the goal): both sides start from the same raw ``(subject, kind, date)`` rows,
sorted by subject as an export or ``ORDER BY subject`` gives them, and produce, per subject
and data category, the status, erase-by date and restricted-until date, folded into one
checksum that must agree. Ours streams the rows through ``group_histories(rows,
contiguous="sorted")`` (which validates every event, orders each history and checks the
subjects ascend, in constant memory) into
``CompiledPolicy.results``, compiling the policy in each timed round (about 1.5 ms) so that
its memo of clock end dates starts empty every round, as in a fresh process (a memo kept
warm from an earlier round would flatter ours: the baseline has none); the baseline groups
the rows itself and hard-codes the seed's
policy (5 years after the last contact, the erasure request, the Accounting Act's 6-year
voucher hold from the end of the calendar year in which the financial year ended) with
inline month-end clamping, validating nothing.

**Per-subject plan objects** (reported separately): from already built histories, one
``RetentionPlan`` per subject (and with every ``PlanItem`` built), against the baseline's
planning loop on the same histories.

**Memory**: peak traced memory of the end-to-end path streaming rows from a generator, at two
subject counts ten times apart (the events are never all in memory).

The machine is shared: absolute times are noisy; the sides alternate round by round, so
the ratios are fair.

    python benchmarks/bench_retention.py            # 1,000,000 subjects
    python benchmarks/bench_retention.py --quick    # 50,000 subjects

**Instructions** (steadier than time on a shared machine): ``--count ours`` or ``--count
baseline`` runs one end-to-end round of one side inside ``itertools.starmap``, so that
callgrind counts that round alone::

    valgrind --tool=callgrind --toggle-collect=starmap_next --callgrind-out-file=/dev/null \
        python benchmarks/bench_retention.py --quick --count ours   # "Collected : N"
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
import tracemalloc
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

from _timing import alternate, fmt, ratio_line

from gdpr_register import load_notice
from gdpr_register.retention import (
    CompiledPolicy,
    SubjectHistory,
    compile_policy,
    group_histories,
)

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


Row = tuple[str, str, date]


def make_rows(count: int, seed: int, first: int = 0) -> Iterator[Row]:
    """Subjects ``first`` .. ``first + count - 1``: 1-4 events each, 2% with an erasure
    request, as ``(subject, kind, date)`` rows grouped by subject."""
    for subject, events in make_events(count, seed, first):
        for kind, day in events:
            yield subject, kind, day


def make_events(
    count: int, seed: int, first: int = 0
) -> Iterator[tuple[str, list[tuple[str, date]]]]:
    rng = random.Random(seed + first)
    start = date(2012, 1, 1)
    span = (AS_OF - start).days
    kinds = ("service_contact", "service_contact", "contact", "invoice", "invoice")
    for n in range(first, first + count):
        events = [
            (rng.choice(kinds), start + timedelta(days=rng.randrange(span)))
            for _ in range(rng.randint(1, 4))
        ]
        if rng.random() < 0.02:
            events.append(("erasure_request", start + timedelta(days=rng.randrange(span))))
        yield f"cust-{n:08d}", events


def _fold(checksum: Checksum, status: str, erase_by: date | None, until: date | None) -> None:
    entry = checksum.setdefault(status, [0, 0])
    entry[0] += 1
    entry[1] += (erase_by.toordinal() if erase_by else 0) + (until.toordinal() if until else 0)


def ours_end_to_end(policy: CompiledPolicy, rows: Iterable[Row]) -> Checksum:
    """Raw rows -> validated, ordered histories -> per-category results, streamed."""
    checksum: Checksum = {}
    histories = group_histories(rows, contiguous="sorted")
    for _subject, results in policy.results(histories, AS_OF):
        for status, erase_by, restricted_until in results:
            _fold(checksum, status, erase_by, restricted_until)
    return checksum


def ours_plans(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """One RetentionPlan per subject (statuses and dates computed, items not built)."""
    checksum: Checksum = {}
    plan = policy.plan
    for history in histories:
        for _category, status, erase_by, restricted_until in plan(history, AS_OF).rows():
            _fold(checksum, status, erase_by, restricted_until)
    return checksum


def ours_items(policy: CompiledPolicy, histories: Sequence[SubjectHistory]) -> Checksum:
    """The same, materialising every PlanItem (what ``plan.items`` costs on top)."""
    checksum: Checksum = {}
    plan = policy.plan
    for history in histories:
        for item in plan(history, AS_OF).items:
            _fold(checksum, item.status, item.erase_by, item.restricted_until)
    return checksum


def _add_years(day: date, years: int) -> date:
    year = day.year + years
    if day.month == 2 and day.day == 29 and not (
        year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    ):
        return date(year, 2, 28)
    return date(year, day.month, day.day)


_ONE_DAY = timedelta(days=1)


def _plan_subject(checksum: Checksum, events: Iterable[tuple[str, date]]) -> None:
    """What a careful developer would write by hand for the seed's policy.

    (The generated events are all dated on or before ``AS_OF``, so unlike ours this loop need
    not skip later events.)
    """
    last_contact: date | None = None
    last_accounting: date | None = None
    erasure: date | None = None
    for kind, day in events:
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
        erase_by = purpose_ends if until is None else until + _ONE_DAY
        if purpose_ends > AS_OF:
            status = "retained"
        elif hold_until is not None and hold_until >= AS_OF:
            status = "restricted"
        else:
            status = "due"
        _fold(checksum, status, erase_by, until)


def baseline_end_to_end(rows: Iterable[Row]) -> Checksum:
    """The hand-written loop from the same raw rows: group adjacent rows, plan each subject."""
    checksum: Checksum = {}
    current: str | None = None
    events: list[tuple[str, date]] = []
    for subject, kind, day in rows:
        if subject != current:
            if current is not None:
                _plan_subject(checksum, events)
            current, events = subject, []
        events.append((kind, day))
    if current is not None:
        _plan_subject(checksum, events)
    return checksum


def baseline_histories(histories: Sequence[SubjectHistory]) -> Checksum:
    checksum: Checksum = {}
    for history in histories:
        _plan_subject(checksum, history.events)
    return checksum


def peak_memory(policy: CompiledPolicy, subjects: int, seed: int) -> int:
    """Peak traced bytes of the end-to-end path over rows generated on the fly."""
    tracemalloc.start()
    ours_end_to_end(policy, make_rows(subjects, seed))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50,000 subjects")
    parser.add_argument("--subjects", type=int, default=None)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=None, help="rounds per side")
    parser.add_argument("--count", choices=("ours", "baseline"), default=None,
                        help="run one end-to-end round of one side, for callgrind")
    args = parser.parse_args(argv)
    count = args.subjects or (50_000 if args.quick else 1_000_000)
    repeat = args.repeat or (5 if args.quick else 3)

    notice = load_notice(ROOT / "examples" / "valmennuskumppani.yaml")
    register, controller = notice.registers[0], notice.controller
    if args.count is not None:
        rows = list(make_rows(count, args.seed))
        side = (
            (lambda: ours_end_to_end(compile_policy(register, controller=controller), rows))
            if args.count == "ours" else (lambda: baseline_end_to_end(rows))
        )
        list(itertools.starmap(side, [()]))  # the only starmap: callgrind's toggle
        return 0
    start = time.perf_counter()
    policy = compile_policy(notice.registers[0], controller=notice.controller)
    compile_time = time.perf_counter() - start
    rows = list(make_rows(count, args.seed))

    e2e = alternate({
        "ours": lambda: ours_end_to_end(compile_policy(register, controller=controller), rows),
        "baseline": lambda: baseline_end_to_end(rows),
    }, repeat)
    histories = list(group_histories(rows, contiguous=True))
    rows.clear()
    per_subject = alternate({
        "plans": lambda: ours_plans(policy, histories),
        "items": lambda: ours_items(policy, histories),
        "baseline": lambda: baseline_histories(histories),
    }, repeat)
    results = [e2e["ours"].value, e2e["baseline"].value,
               *(t.value for t in per_subject.values())]
    agree = all(result == results[0] for result in results)
    # Two sizes ten times apart (a tenth and a hundredth of the run: tracemalloc is slow).
    small, large = max(count // 100, 1), max(count // 10, 1)
    memory = (peak_memory(policy, small, args.seed), peak_memory(policy, large, args.seed))

    events = sum(len(h.events) for h in histories)
    print(f"subjects: {count:,}  events: {events:,}  categories: {len(policy.categories)}  "
          f"as of {AS_OF}  {repeat} alternating rounds per side")
    print(f"compile policy (once): {compile_time * 1e3:.2f} ms")
    print("end to end, raw (subject, kind, date) rows -> per-category results:")
    print(fmt(e2e["ours"], "  group_histories + results()"))
    print(fmt(e2e["baseline"], "  hand-written loop"))
    print("per-subject plan objects, from built histories:")
    print(fmt(per_subject["plans"], "  policy.plan() per subject"))
    print(fmt(per_subject["items"], "  ... with every PlanItem built"))
    print(fmt(per_subject["baseline"], "  hand-written loop"))
    print(f"peak traced memory streaming rows: {memory[0] / 1e3:,.0f} kB at {small:,} subjects, "
          f"{memory[1] / 1e3:,.0f} kB at {large:,}")
    print(f"results agree: {agree}  "
          f"{sorted((str(k), v[0]) for k, v in e2e['ours'].value.items())}")
    print(ratio_line(per_subject["items"], per_subject["baseline"], "plans+items/loop", "none"))
    print(ratio_line(per_subject["plans"], per_subject["baseline"], "plans/loop", "none"))
    print(ratio_line(e2e["ours"], e2e["baseline"], "end to end, ours/loop", "<= 2x"))
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
