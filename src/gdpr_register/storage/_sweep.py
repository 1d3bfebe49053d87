"""The retention sweep: the register's compiled policy as one parameterised SQL query.

The in-memory engine (:mod:`gdpr_register.retention`) is the definition; this module turns a
:class:`~gdpr_register.retention.CompiledPolicy` into SQL that gives exactly its answer.
Per subject, each distinct ``(event kinds, latest|earliest)`` pair becomes one aggregate
(``MAX(day) FILTER (WHERE kind IN (...))``); per clock, the date arithmetic is done once in
Python as a threshold (``Clock.threshold``), so SQL only compares stored dates to parameters:

- a maximum clock has expired on ``as_of`` iff ``agg <= threshold(as_of)``;
- a hold clock is active on ``as_of`` iff ``agg > threshold(as_of - 1 day)``;
- a category is due iff it is not blocked by a gap, some maximum clock has expired and no
  hold clock is active (a clock that has not started, ``agg IS NULL``, does neither);
- events dated after ``as_of`` do not count (a plan on ``as_of`` knows what had happened by
  then).

Nothing from the register or the caller is ever formatted into the SQL text: kinds and
thresholds are bound parameters; the text holds only placeholders and generated column names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from gdpr_register.model import Register, SubjectEvent
from gdpr_register.storage.base import DueForErasure

if TYPE_CHECKING:
    from gdpr_register.retention import Clock

__all__ = ["SqlSweep", "sweep_in_python"]


def sweep_in_python(
    register: Register,
    subjects: Iterable[tuple[str, Sequence[SubjectEvent]]],
    *,
    as_of: date,
    **policy_options: Any,
) -> Iterator[DueForErasure]:
    """The reference answer: the in-memory engine, one subject at a time (streamed)."""
    from gdpr_register.retention import PlanStatus, SubjectHistory, compile_policy

    policy = compile_policy(register, **policy_options)
    for subject, events in subjects:
        # SubjectHistory's own constructor: the store already validated the events.
        history = SubjectHistory(subject=subject, events=[(e.kind, e.on) for e in events])
        due = sorted(i.category for i in policy.plan(history, as_of).items
                     if i.status is PlanStatus.DUE)
        if due:
            yield DueForErasure(subject=subject, categories=tuple(due))


@attrs.frozen(kw_only=True)
class SqlSweep:
    """One sweep, ready to run: ``sql`` with named placeholders, :meth:`bind` for its
    parameters, and :meth:`results` to turn rows into values.

    The query is keyset-paginated: ``bind(after, limit)`` asks for at most ``limit`` subjects
    after ``after`` (``''`` to start). Rows are ``(subject, mask)`` in subject order, for
    subjects with an expired maximum clock; bit ``i`` of ``mask`` set means the categories in
    ``flags[i]`` are due (categories with the same clocks share one flag). Pagination counts
    rows, not results: a page may yield fewer values than it has rows.

    It is one level of ``GROUP BY subject ... HAVING ... ORDER BY subject LIMIT``: the
    subject index gives the groups in order, so a page stops as soon as it is full (no sort,
    no scan of the rest of the table).
    """

    sql: str
    params: dict[str, Any]
    flags: tuple[tuple[str, ...], ...]

    @property
    def categories(self) -> tuple[str, ...]:
        """Every category the query can report (sorted)."""
        return tuple(sorted(c for flag in self.flags for c in flag))

    @classmethod
    def build(
        cls,
        register: Register,
        *,
        as_of: date,
        dialect: str = "sqlite",
        table: str = "events",
        **policy_options: Any,
    ) -> SqlSweep:
        """Compile ``register`` and render the query.

        ``dialect`` is ``sqlite`` (``:name`` placeholders, days as ``date.toordinal()``) or
        ``postgres`` (``%(name)s`` placeholders, days as ``date``). ``table`` must have
        columns ``subject``, ``kind`` and ``day``; it is a fixed identifier chosen by the
        backend, never user input.
        """
        from gdpr_register.retention import Aggregation, compile_policy

        if dialect not in ("sqlite", "postgres"):
            raise ValueError(f"unknown dialect {dialect!r}")

        def mark(name: str) -> str:
            return f":{name}" if dialect == "sqlite" else f"%({name})s"

        day: Callable[[date], Any] = date.toordinal if dialect == "sqlite" else _same
        policy = compile_policy(register, **policy_options)
        # None: the day before date.min, on which nothing can have happened.
        before = as_of - timedelta(days=1) if as_of > date.min else None
        # Events dated after as_of are ignored, as the engine ignores them.
        params: dict[str, Any] = {"as_of": day(as_of)}
        named: dict[Any, str] = {}

        def param(value: Any, prefix: str) -> str:
            # One placeholder per distinct value: repeated expressions stay identical, so
            # the database computes each aggregate once.
            key = (prefix, value)
            if key not in named:
                named[key] = f"{prefix}{len(named)}"
                params[named[key]] = value
            return mark(named[key])

        def aggregate(events: tuple[str, ...], aggregation: Aggregation) -> str:
            kinds = ", ".join(param(kind, "k") for kind in events)
            function = "MAX" if aggregation is Aggregation.LATEST else "MIN"
            return f"{function}(day) FILTER (WHERE kind IN ({kinds}))"

        flag_sql: dict[str, list[str]] = {}
        any_expired: dict[str, None] = {}
        for category in policy.categories:
            maxima = category.maxima
            if category.blocked or not maxima:
                continue  # never due: leave it out of the query altogether
            # A comparison with a clock that has not started (NULL) is NULL: false in
            # HAVING and falsy in results, so only the negated holds need COALESCE.
            expired = []
            for c in maxima:
                limit = _threshold(c, as_of)
                # No trigger date at all ends by as_of (dates near 0001-01-01): never expired.
                expired.append("FALSE" if limit is None else
                               f"{aggregate(c.events, c.aggregation)} <= "
                               f"{param(day(limit), 't')}")
            active = []
            for c in category.holds:
                limit = _threshold(c, before)
                # No trigger date ends before as_of: a started hold is still running.
                active.append(f"({aggregate(c.events, c.aggregation)} IS NOT NULL)"
                              if limit is None else
                              f"COALESCE({aggregate(c.events, c.aggregation)} > "
                              f"{param(day(limit), 't')}, FALSE)")
            any_expired.update(dict.fromkeys(expired))
            expression = f"({' OR '.join(expired)})"
            if active:
                expression += f" AND NOT ({' OR '.join(active)})"
            flag_sql.setdefault(f"({expression})", []).append(category.category)

        if not flag_sql:
            return cls(sql="", params={}, flags=())
        expressions = list(flag_sql)
        # One integer per row: bit i set when flag i is true (fewer values to hand to Python).
        mask = " + ".join(
            f"(CASE WHEN {e} THEN {1 << i} ELSE 0 END)" for i, e in enumerate(expressions)
        )
        # HAVING keeps subjects with some expired maximum (a superset of those with a due
        # category: holds may still keep all of them); results() drops the rest.
        sql = (
            f"SELECT subject, {mask} FROM {table} "
            f"WHERE subject > {mark('after')} AND day <= {mark('as_of')} GROUP BY subject "
            f"HAVING {' OR '.join(any_expired)} ORDER BY subject LIMIT {mark('limit')}"
        )
        return cls(sql=sql, params=params,
                   flags=tuple(tuple(sorted(flag_sql[e])) for e in expressions))

    def bind(self, after: Any, limit: int) -> dict[str, Any]:
        """The parameters for the page of at most ``limit`` subjects after ``after``."""
        return {**self.params, "after": after, "limit": limit}

    def results(self, rows: Iterable[Sequence[Any]]) -> Iterator[DueForErasure]:
        flags = self.flags
        # Each row's second column is a bit mask of true flags: map every mask seen to its
        # sorted categories once.
        combinations: dict[int, tuple[str, ...]] = {}
        for subject, mask in rows:
            due = combinations.get(mask)
            if due is None:
                due = combinations[mask] = tuple(sorted(
                    {c for i, categories in enumerate(flags) if mask >> i & 1
                     for c in categories}
                ))
            if due:
                yield DueForErasure(subject=subject, categories=due)


def _same(value: date) -> date:
    return value


def _threshold(clock: Clock, on: date | None) -> date | None:
    """``clock.threshold(on)`` (the latest trigger date whose clock ends by ``on``) over the
    whole range of ``date``; ``None`` when no trigger date from ``date.min`` on qualifies."""
    if on is None:
        return None
    try:
        if clock.end(date.min) > on:
            return None
    except (OverflowError, ValueError):  # even the earliest clock ends after 9999-12-31
        return None
    try:
        return clock.threshold(on)
    except (OverflowError, ValueError):
        pass
    # Calendar arithmetic near 9999-12-31 left the date range while probing: search the
    # monotone end() directly (end(t) >= t, so the answer lies in [date.min, on]).
    low, high = date.min.toordinal(), on.toordinal()
    while low < high:
        middle = (low + high + 1) // 2
        try:
            fits = clock.end(date.fromordinal(middle)) <= on
        except (OverflowError, ValueError):
            fits = False
        if fits:
            low = middle
        else:
            high = middle - 1
    return date.fromordinal(low)
