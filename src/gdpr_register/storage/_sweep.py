"""The retention sweep: the register's compiled policy as one parameterised SQL query.

The in-memory engine (:mod:`gdpr_register.retention`) is the definition; this module turns a
:class:`~gdpr_register.retention.CompiledPolicy` into SQL that gives exactly its answer.
Per subject, each distinct ``(event kinds, latest|earliest)`` pair becomes one aggregate
(``MAX(day) FILTER (WHERE kind IN (...))``); per clock, the date arithmetic is done once in
Python as a threshold (``Clock.threshold``), so SQL only compares stored dates to parameters:

- a maximum clock has expired on ``as_of`` iff ``agg <= threshold(as_of)``;
- a hold clock is active on ``as_of`` iff ``agg > threshold(as_of - 1 day)``;
- a category is due iff it is not blocked by a gap, some maximum clock has expired and no
  hold clock is active (a clock that has not started, ``agg IS NULL``, does neither).

Nothing from the register or the caller is ever formatted into the SQL text: kinds and
thresholds are bound parameters; the text holds only placeholders and generated column names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from gdpr_register.model import Register, SubjectEvent
from gdpr_register.storage.base import DueForErasure

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
    """One sweep, ready to run: ``sql`` with placeholders, ``params`` to bind after the
    pagination key, and :meth:`results` to turn rows into values.

    The query is keyset-paginated: its first parameter is the last subject already seen
    (``''`` to start) and its last one is the page size (``LIMIT``); rows come as
    ``(subject, due_0, due_1, ...)`` in subject order, one flag per category in
    ``categories`` order, only for subjects with at least one due category.
    """

    sql: str
    params: tuple[Any, ...]
    categories: tuple[str, ...]

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

        ``dialect`` is ``sqlite`` (``?`` placeholders, days as ``date.toordinal()``) or
        ``postgres`` (``%s`` placeholders, days as ``date``). ``table`` must have columns
        ``subject``, ``kind`` and ``day`` (it is a fixed identifier chosen by the backend,
        never user input).
        """
        from gdpr_register.retention import ClockKind, compile_policy

        if dialect not in ("sqlite", "postgres"):
            raise ValueError(f"unknown dialect {dialect!r}")
        mark = "?" if dialect == "sqlite" else "%s"
        day: Callable[[date], Any] = date.toordinal if dialect == "sqlite" else _same
        policy = compile_policy(register, **policy_options)
        before = as_of - timedelta(days=1)

        columns: dict[tuple[tuple[str, ...], bool], int] = {}
        column_params: list[Any] = []
        column_sql: list[str] = []

        def column(events: tuple[str, ...], latest: bool) -> str:
            key = (events, latest)
            if key not in columns:
                columns[key] = len(columns)
                marks = ", ".join([mark] * len(events))
                function = "MAX" if latest else "MIN"
                column_sql.append(
                    f"{function}(day) FILTER (WHERE kind IN ({marks})) AS c{columns[key]}"
                )
                column_params.extend(events)
            return f"c{columns[key]}"

        flag_sql: list[str] = []
        flag_params: list[Any] = []
        categories: list[str] = []
        for category in policy.categories:
            maxima = category.maxima
            if category.blocked or not maxima:
                continue  # never due: leave it out of the query altogether
            expired = []
            for clock in maxima:
                name = column(clock.events, clock.aggregation.value == "latest")
                expired.append(f"COALESCE({name} <= {mark}, FALSE)")
                flag_params.append(day(clock.threshold(as_of)))
            active = []
            for clock in category.holds:
                assert clock.kind is ClockKind.HOLD
                name = column(clock.events, clock.aggregation.value == "latest")
                active.append(f"COALESCE({name} > {mark}, FALSE)")
                flag_params.append(day(clock.threshold(before)))
            expression = f"({' OR '.join(expired)})"
            if active:
                expression += f" AND NOT ({' OR '.join(active)})"
            flag_sql.append(f"({expression}) AS d{len(categories)}")
            categories.append(category.category)

        if not categories:
            return cls(sql="", params=(), categories=())
        flags = [f"d{i}" for i in range(len(categories))]
        # Inner: one row per subject with its aggregates (GROUP BY walks the subject index);
        # middle: the per-category flags; outer: keep subjects with a due category, one page.
        sql = (
            f"SELECT subject, {', '.join(flags)} FROM ("
            f"SELECT subject, {', '.join(flag_sql)} FROM ("
            f"SELECT subject, {', '.join(column_sql)} FROM {table} "
            f"WHERE subject > {mark} GROUP BY subject) AS per_subject"
            f") AS flagged WHERE {' OR '.join(flags)} ORDER BY subject LIMIT {mark}"
        )
        # Placeholders in text order: flags' thresholds, aggregates' kinds, the pagination
        # key, the page size (see bind()).
        return cls(
            sql=sql,
            params=(*flag_params, *column_params),
            categories=tuple(categories),
        )

    def bind(self, after: Any, limit: int) -> tuple[Any, ...]:
        """All parameters in placeholder order, for the page after subject ``after``."""
        return (*self.params, after, limit)

    def results(self, rows: Iterable[Sequence[Any]]) -> Iterator[DueForErasure]:
        names = self.categories
        order = sorted(range(len(names)), key=names.__getitem__)
        for row in rows:
            due = tuple(names[i] for i in order if row[i + 1])
            yield DueForErasure(subject=row[0], categories=due)


def _same(value: date) -> date:
    return value
