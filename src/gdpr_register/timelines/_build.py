"""``timeline(notice, start, end)``: evaluate on the days a dated fact changes, not daily."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from gdpr_register.errors import UsageError
from gdpr_register.model.values import to_date
from gdpr_register.timelines._facts import Fact, law_facts, notice_facts, rule_facts
from gdpr_register.timelines._model import Event, Interval, Key, Timeline, key_of

if TYPE_CHECKING:
    from gdpr_register.model import Notice
    from gdpr_register.rules import Finding, Options, Registry

__all__ = ["change_facts", "timeline"]


def change_facts(notice: Notice, registry: Registry | None = None, *,
                 options: Options | None = None) -> tuple[Fact, ...]:
    """Every dated fact the notice's findings may change on: the law's, the notice's own
    dates and the rules' ``changes`` hooks under ``options`` (see
    :mod:`gdpr_register.timelines._facts`)."""
    from gdpr_register.rules import default_registry

    registry = default_registry() if registry is None else registry
    return (*law_facts(), *notice_facts(notice), *rule_facts(notice, registry, options))


def timeline(
    notice: Notice,
    start: date | str,
    end: date | str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    preview: bool = False,
    options: Options | None = None,
    registry: Registry | None = None,
) -> Timeline:
    """Which findings of ``notice`` hold on which days from ``start`` to ``end`` (both
    included), with the dated facts that opened and closed each.

    The notice is evaluated on ``start`` and on every day in the range on which a dated fact
    it may depend on changes (:func:`change_facts`), which gives the same findings on every
    day as :func:`~gdpr_register.evaluate` would (the test suite checks this on random
    days). The keywords are :func:`~gdpr_register.evaluate`'s.
    """
    from gdpr_register.rules import evaluate

    first, last = to_date(start), to_date(end)
    if last < first:
        raise UsageError(f"the timeline ends ({last}) before it starts ({first})")
    by_day: dict[date, list[Fact]] = {}
    for fact in change_facts(notice, registry, options=options):
        if first < fact.on <= last:
            by_day.setdefault(fact.on, []).append(fact)
    days = (first, *sorted(by_day))
    events = {day: Event(on=day, facts=tuple(dict.fromkeys(facts)))
              for day, facts in by_day.items()}

    open_: dict[Key, tuple[Finding, date, Event | None]] = {}
    done: list[Interval] = []
    for day in days:
        report = evaluate(notice, as_of=day, select=select, ignore=ignore, preview=preview,
                          options=options, registry=registry)
        now = {key_of(f): f for f in report.findings}
        event = events.get(day)
        for key in [k for k in open_ if k not in now]:
            finding, since, opened = open_.pop(key)
            done.append(Interval(finding=finding, start=since, end=_day_before(day),
                                 opened_by=opened, closed_by=event))
        for key, finding in now.items():
            if key not in open_:
                open_[key] = (finding, day, event)
    done.extend(Interval(finding=f, start=since, end=None, opened_by=opened)
                for f, since, opened in open_.values())
    order = {key: i for i, key in enumerate(dict.fromkeys(i.key for i in done))}
    done.sort(key=lambda i: (i.start, order[i.key]))
    return Timeline(notice=notice.id, start=first, end=last, intervals=tuple(done),
                    checkpoints=days)


def _day_before(day: date) -> date:
    from datetime import timedelta

    return day - timedelta(days=1)
