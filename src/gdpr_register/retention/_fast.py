"""The compiled evaluator of a retention policy: generated Python, memoised date arithmetic."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from gdpr_register.retention._clocks import Aggregation, CategoryPolicy, Clock, ClockKind
from gdpr_register.retention._history import SubjectHistory
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


_CACHE_LIMIT = 100_000  # distinct trigger dates remembered per clock (bounded memory)
_UNDETERMINED: Outcome = ((PlanStatus.UNDETERMINED, None, None), None, None)


class FastPath:
    """The compiled evaluator: clock specs as plain tuples, end dates memoised per clock.

    Each event kind maps straight to the clocks it feeds; categories with the same clocks and
    gaps are evaluated once per subject; date arithmetic runs only for trigger dates not seen
    before (with ``_dates``, never pendulum).
    """

    __slots__ = (
        "_caches", "_clocks", "_evaluators", "_feeds", "_register", "evaluate", "groups",
        "order", "source",
    )

    def __init__(
        self, register: str, categories: Sequence[CategoryPolicy], clocks: tuple[Clock, ...]
    ) -> None:
        self._register = register
        self._clocks = clocks
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
        groups: dict[tuple[tuple[int, ...], bool], list[tuple[int, CategoryPolicy]]] = {}
        for position, category in enumerate(categories):
            key = (tuple(index[c] for c in category.clocks), category.blocked)
            groups.setdefault(key, []).append((position, category))
        # What RetentionPlan needs to build items: (clock positions, (position, policy)s).
        self.groups = tuple(
            (positions, tuple(members)) for (positions, _), members in groups.items()
        )
        self._evaluators = tuple(
            (
                tuple(i for i in positions if clocks[i].kind is ClockKind.MAXIMUM),
                tuple(i for i in positions if clocks[i].kind is ClockKind.HOLD),
                blocked,
            )
            for (positions, blocked) in groups
        )
        group_of = {
            position: g
            for g, (_, members) in enumerate(self.groups)
            for position, _policy in members
        }
        self.source = _generate(self._feeds, self._evaluators, len(clocks))
        namespace: dict[str, Any] = {
            "_feeds": self._feeds, "_caches": self._caches, "_end": self._end,
            "_UNDETERMINED": _UNDETERMINED, "_ONE_DAY": _ONE_DAY,
            "RETAINED": PlanStatus.RETAINED, "RESTRICTED": PlanStatus.RESTRICTED,
            "UNDETERMINED": PlanStatus.UNDETERMINED, "DUE": PlanStatus.DUE,
        }
        exec(compile(self.source, f"<retention policy {register}>", "exec"), namespace)
        self.evaluate: Callable[
            [tuple[tuple[str, date], ...], date],
            tuple[tuple[date | None, ...], tuple[Outcome, ...]],
        ] = namespace["evaluate"]
        # Categories in register order with the index of their group's outcome.
        self.order = tuple(
            (category.category, group_of[position])
            for position, category in enumerate(categories)
        )

    def _end(self, i: int, trigger: date) -> date:
        end = self._clocks[i].end(trigger)
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
        for maxima, holds, blocked in self._evaluators:
            purpose_ends: date | None = None
            for i in maxima:
                e = ends[i]
                if e is not None and (purpose_ends is None or e < purpose_ends):
                    purpose_ends = e
            if purpose_ends is None:
                outcomes.append(_UNDETERMINED)
                continue
            hold_until: date | None = None
            for i in holds:
                e = ends[i]
                if e is not None and (hold_until is None or e > hold_until):
                    hold_until = e
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
        evaluate = self.evaluate
        groups = tuple(g for _, g in self.order)
        for history in histories:
            outcomes = evaluate(history.events, as_of)[1]
            yield history.subject, tuple([outcomes[g][0] for g in groups])

    def rows(self, histories: Iterable[SubjectHistory], as_of: date) -> Iterator[Row]:
        evaluate = self.evaluate
        order = self.order
        for history in histories:
            outcomes = evaluate(history.events, as_of)[1]
            subject = history.subject
            for category, g in order:
                status, erase_by, restricted_until = outcomes[g][0]
                yield subject, category, status, erase_by, restricted_until


def _generate(
    feeds: Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]],
    evaluators: Sequence[tuple[tuple[int, ...], tuple[int, ...], bool]],
    clocks: int,
) -> str:
    """Python source of ``evaluate(events, as_of)`` specialised to one policy.

    Same semantics as :meth:`FastPath.reference`, with clocks as local variables and one
    branch per distinct way an event kind feeds clocks: no per-subject interpretation.
    Only integers are written into the source; event kinds stay data (``_feeds``), so no
    text from a notice or an events file is ever executed.
    """
    codes: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    for feed in feeds.values():
        codes.setdefault(feed, len(codes))
    lines = [
        "_code = {kind: _codes[feed] for kind, feed in _feeds.items()}",
        "def evaluate(events, as_of):",
    ]
    lines.insert(0, f"_codes = {codes!r}")
    if clocks:
        lines.append("    " + " = ".join(f"t{i}" for i in range(clocks)) + " = None")
    lines.append("    for kind, day in events:")
    lines.append("        if day > as_of:")
    lines.append("            break")
    lines.append("        code = _code.get(kind)")
    lines.append("        if code is None:")
    lines.append("            continue")
    for (latest, earliest), code in codes.items():
        lines.append(f"        {'if' if code == 0 else 'elif'} code == {code}:")
        body = [f"t{i} = day" for i in latest]
        for i in earliest:
            body.append(f"if t{i} is None: t{i} = day")
        lines.extend("            " + statement for statement in body or ["pass"])
    for i in range(clocks):
        lines.append(
            f"    e{i} = None if t{i} is None else "
            f"(_caches[{i}].get(t{i}) or _end({i}, t{i}))"
        )
    results = []
    for g, (maxima, holds, blocked) in enumerate(evaluators):
        results.append(f"o{g}")
        lines.append("    p = None")
        for i in maxima:
            lines.append(f"    if e{i} is not None and (p is None or e{i} < p): p = e{i}")
        lines.append("    if p is None:")
        lines.append(f"        o{g} = _UNDETERMINED")
        lines.append("    else:")
        lines.append("        h = None")
        for i in holds:
            lines.append(f"        if e{i} is not None and (h is None or e{i} > h): h = e{i}")
        lines.append("        if h is not None and h >= p:")
        if blocked:
            lines.append("            s = RETAINED if as_of < p else RESTRICTED if as_of <= h "
                         "else UNDETERMINED")
            lines.append(f"            o{g} = ((s, None, h), p, h)")
        else:
            lines.append("            s = RETAINED if as_of < p else RESTRICTED if as_of <= h "
                         "else DUE")
            lines.append(f"            o{g} = ((s, h + _ONE_DAY, h), p, h)")
        lines.append("        else:")
        if blocked:
            lines.append("            s = RETAINED if as_of < p else UNDETERMINED")
            lines.append(f"            o{g} = ((s, None, None), p, h)")
        else:
            lines.append("            s = RETAINED if as_of < p else DUE")
            lines.append(f"            o{g} = ((s, p, None), p, h)")
    triggers = "".join(f"t{i}, " for i in range(clocks))
    outcomes = "".join(f"{o}, " for o in results)
    lines.append(f"    return ({triggers}), ({outcomes})")
    return "\n".join(lines) + "\n"

