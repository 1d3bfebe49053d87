"""The compiled evaluator of a retention policy: generated Python, memoised date arithmetic."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from gdpr_register._dates import add_months, exact_days
from gdpr_register.model.enums import DurationUnit
from gdpr_register.model.values import Duration
from gdpr_register.retention._clocks import (
    Aggregation,
    Anchor,
    CategoryPolicy,
    Clock,
    ClockKind,
)
from gdpr_register.retention._codegen import Evaluator, generate
from gdpr_register.retention._history import Pair, SubjectHistory, pairs_of
from gdpr_register.retention._results import Outcome, PlanStatus, Result, RetentionPlan, Row

__all__ = ["FastPath", "distinct_clocks"]

_ONE_DAY = timedelta(days=1)


def distinct_clocks(categories: Iterable[CategoryPolicy]) -> tuple[Clock, ...]:
    """Every distinct clock of ``categories``, in first-use order."""
    seen: dict[Clock, None] = {}
    for category in categories:
        for clock in category.clocks:
            seen.setdefault(clock, None)
    return tuple(seen)


def _adder(duration: Duration) -> Callable[[date], date]:
    """``add_duration(_, duration)`` specialised to one duration (the memo's cold path)."""
    days = exact_days(duration)
    if days is not None:
        delta = timedelta(days=days)
        return lambda day: day + delta
    months = duration.amount * (12 if duration.unit is DurationUnit.YEARS else 1)
    if months % 12:
        return lambda day: add_months(day, months)
    years = months // 12

    def add_years(day: date) -> date:  # add_months for whole years: only 29 Feb clamps
        year = day.year + years
        if day.month == 2 and day.day == 29 and not (
            year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        ):
            return date(year, 2, 28)
        return date(year, day.month, day.day)

    return add_years


def _ender(clock: Clock) -> Callable[[date], date]:
    """``clock.end`` without its dispatch; may raise ValueError or OverflowError where
    ``clock.end`` raises its :class:`InputError` (the caller then asks ``clock.end``)."""
    add = _adder(clock.duration)
    if clock.anchor is Anchor.EVENT:
        return add
    # A year-end anchor depends only on the trigger's year and whether the trigger falls on
    # or before that year's financial-year end (the pivot): two ends per year, computed once.
    anchor_of, year_end = clock.anchor_of, clock.financial_year_end
    calendar = clock.anchor is Anchor.CALENDAR_YEAR_END
    by_year: dict[int, tuple[date, date, date]] = {}

    def end(trigger: date) -> date:
        entry = by_year.get(trigger.year)
        if entry is None:
            year = trigger.year
            last = date(year, 12, 31)
            pivot = last if calendar else year_end.in_year(year)
            # A trigger whose own end is computable is answered by clock.end if the other
            # end of its year is not (the caller asks clock.end on ValueError).
            entry = by_year[year] = (pivot, add(anchor_of(pivot)), add(anchor_of(last)))
        return entry[1] if trigger <= entry[0] else entry[2]

    return end


_CACHE_LIMIT = 100_000  # distinct trigger dates remembered per clock (bounded memory)
_UNDETERMINED: Outcome = ((PlanStatus.UNDETERMINED, None, None), None, None)
# The end of a maximum that never ends (kept indefinitely; alternatives of which the last has
# not started): compared by identity, it sorts after every real end.
_NEVER = date(9999, 12, 31)
_GroupKey = tuple[tuple[int, ...], bool, tuple[tuple[int, ...], ...], bool]


class FastPath:
    """The compiled evaluator: clock specs as plain tuples, end dates memoised per clock.

    Each event kind maps straight to the clocks it feeds; categories with the same clocks and
    gaps are evaluated once per subject; date arithmetic runs only for trigger dates not seen
    before (with ``_dates``, never pendulum).
    """

    __slots__ = (
        "_caches", "_clocks", "_enders", "_evaluators", "_feeds", "_register", "_results",
        "_results_of_pairs", "evaluate", "groups", "order", "source",
    )

    def __init__(
        self, register: str, categories: Sequence[CategoryPolicy], clocks: tuple[Clock, ...]
    ) -> None:
        self._register = register
        self._clocks = clocks
        self._enders = tuple(_ender(clock) for clock in clocks)
        index = {clock: i for i, clock in enumerate(clocks)}
        latest: dict[str, list[int]] = {}
        earliest: dict[str, list[int]] = {}
        for i, clock in enumerate(clocks):
            feeds = latest if clock.aggregation is Aggregation.LATEST else earliest
            for kind in clock.events:
                feeds.setdefault(kind, []).append(i)
        self._feeds = {
            kind: (tuple(latest.get(kind, ())), tuple(earliest.get(kind, ())))
            for kind in {*latest, *earliest}
        }
        self._caches: tuple[dict[date, date], ...] = tuple({} for _ in clocks)
        groups: dict[_GroupKey, list[tuple[int, CategoryPolicy]]] = {}
        for position, category in enumerate(categories):
            key = (
                tuple(index[c] for c in category.clocks),
                category.blocked,
                tuple(tuple(index[c] for c in last) for last in category.groups),
                category.indefinite,
            )
            groups.setdefault(key, []).append((position, category))
        # What RetentionPlan needs to build items: (clock positions, (position, policy)s).
        self.groups = tuple(
            (key[0], tuple(members)) for key, members in groups.items()
        )
        self._evaluators: tuple[Evaluator, ...] = tuple(
            (
                tuple(i for i in positions if clocks[i].kind is ClockKind.MAXIMUM),
                tuple(i for i in positions if clocks[i].kind is ClockKind.HOLD),
                blocked,
                lasts,
                indefinite,
            )
            for (positions, blocked, lasts, indefinite) in groups
        )
        group_of = {
            position: g
            for g, (_, members) in enumerate(self.groups)
            for position, _policy in members
        }
        # Categories in register order with the index of their group's outcome.
        self.order = tuple(
            (category.category, group_of[position])
            for position, category in enumerate(categories)
        )
        self.source = generate(
            self._feeds, self._evaluators, len(clocks), [g for _, g in self.order]
        )
        namespace: dict[str, Any] = {
            "_feeds": self._feeds, "_end": self._end,
            "_UNDETERMINED": _UNDETERMINED, "_UNDETERMINED_RESULT": _UNDETERMINED[0],
            "_ONE_DAY": _ONE_DAY, "_NEVER": _NEVER,
            "RETAINED": PlanStatus.RETAINED, "RESTRICTED": PlanStatus.RESTRICTED,
            "UNDETERMINED": PlanStatus.UNDETERMINED, "DUE": PlanStatus.DUE,
        }
        # The memo of each clock, looked up by a bound method (cleared in place, never
        # replaced, so the binding stays valid).
        namespace.update({f"_get{i}": cache.get for i, cache in enumerate(self._caches)})
        exec(compile(self.source, f"<retention policy {register}>", "exec"), namespace)
        self.evaluate: Callable[
            [tuple[tuple[str, date], ...], date],
            tuple[tuple[date | None, ...], tuple[Outcome, ...]],
        ] = namespace["evaluate"]
        self._results: Callable[
            [Iterable[SubjectHistory], date], Iterator[tuple[str, tuple[Result, ...]]]
        ] = namespace["results"]
        self._results_of_pairs: Callable[
            [Iterable[Pair], date], Iterator[tuple[str, tuple[Result, ...]]]
        ] = namespace["results_of_pairs"]

    def _end(self, i: int, trigger: date) -> date:
        """Clock ``i``'s end for ``trigger``, remembered (a memo miss)."""
        try:
            end = self._enders[i](trigger)
        except (ValueError, OverflowError):
            end = self._clocks[i].end(trigger)  # raises the InputError saying why
        cache = self._caches[i]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[trigger] = end
        return end

    def reference(
        self, events: tuple[tuple[str, date], ...], as_of: date
    ) -> tuple[list[date | None], list[Outcome]]:
        """Trigger dates per clock and one outcome per category group, interpreted.

        The generated :attr:`evaluate` computes the same; tests check they agree.
        """
        triggers: list[date | None] = [None] * len(self._clocks)
        feeds = self._feeds
        for kind, day in events:  # (date, kind) order: the last seen is the latest
            if day > as_of:
                break  # events after the evaluation date are not known yet
            feed = feeds.get(kind)
            if feed is not None:
                for i in feed[0]:
                    triggers[i] = day
                for i in feed[1]:
                    if triggers[i] is None:
                        triggers[i] = day
        ends: list[date | None] = [
            None if t is None else (cache.get(t) or self._end(i, t))
            for i, (t, cache) in enumerate(zip(triggers, self._caches, strict=True))
        ]
        outcomes: list[Outcome] = []
        for maxima, holds, blocked, lasts, indefinite in self._evaluators:
            purpose_ends: date | None = None
            for i in maxima:
                e = ends[i]
                if e is not None and (purpose_ends is None or e < purpose_ends):
                    purpose_ends = e
            for last in lasts:
                known = [e for i in last if (e := ends[i]) is not None]
                if not known:
                    continue  # no alternative has started
                e = max(known) if len(known) == len(last) else _NEVER
                if purpose_ends is None or e < purpose_ends:
                    purpose_ends = e
            if purpose_ends is None and indefinite:
                purpose_ends = _NEVER
            if purpose_ends is None:
                outcomes.append(_UNDETERMINED)
                continue
            hold_until: date | None = None
            for i in holds:
                e = ends[i]
                if e is not None and (hold_until is None or e > hold_until):
                    hold_until = e
            if purpose_ends is _NEVER:
                outcomes.append(((PlanStatus.RETAINED, None, None), None, hold_until))
                continue
            if hold_until is not None and hold_until >= purpose_ends:
                erase_by = None if blocked else hold_until + _ONE_DAY
                status = (
                    PlanStatus.RETAINED if as_of < purpose_ends
                    else PlanStatus.RESTRICTED if as_of <= hold_until
                    else PlanStatus.UNDETERMINED if blocked
                    else PlanStatus.DUE
                )
                outcomes.append(((status, erase_by, hold_until), purpose_ends, hold_until))
                continue
            status = (
                PlanStatus.RETAINED if as_of < purpose_ends
                else PlanStatus.UNDETERMINED if blocked
                else PlanStatus.DUE
            )
            erase_by = None if blocked else purpose_ends
            outcomes.append(((status, erase_by, None), purpose_ends, hold_until))
        return triggers, outcomes

    def plan(self, history: SubjectHistory, as_of: date) -> RetentionPlan:
        triggers, outcomes = self.evaluate(history.events, as_of)
        return RetentionPlan(
            subject=history.subject, register=self._register, as_of=as_of, layout=self,
            outcomes=outcomes, triggers=triggers,
        )

    def results(
        self, histories: Iterable[SubjectHistory], as_of: date
    ) -> Iterator[tuple[str, tuple[Result, ...]]]:
        pairs = pairs_of(histories)  # a stream from group_histories: no history objects
        if pairs is not None:
            return self._results_of_pairs(pairs, as_of)
        return self._results(histories, as_of)

    def rows(self, histories: Iterable[SubjectHistory], as_of: date) -> Iterator[Row]:
        categories = tuple(category for category, _ in self.order)
        for subject, results in self.results(histories, as_of):
            for category, (status, erase_by, restricted_until) in zip(
                categories, results, strict=True
            ):
                yield subject, category, status, erase_by, restricted_until
