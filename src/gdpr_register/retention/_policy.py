"""A register's retention rules compiled into clocks, once, for fast evaluation per subject.

Semantics (the contract an in-database sweep must reproduce exactly)
=====================================================================

A :class:`CompiledPolicy` has one :class:`CategoryPolicy` per data category of the register;
each lists its :class:`Clock` s and its :class:`Gap` s.

**Clock.** For one subject, a clock's *trigger date* ``t`` is the latest
(``aggregation = latest``) or earliest (``earliest``) date among the subject's events whose
kind is in ``clock.events``; with no such event the clock has *not started* and is ignored.
Its *anchor* ``a`` is

- ``event``: ``t`` itself;
- ``financial-year-end``: the end of the financial year containing ``t`` (the first date
  ``>= t`` that is the financial year's last day, ``MonthDay.in_year`` clamping 02-29);
- ``financial-year-calendar-year-end``: 31 December of the calendar year in which that
  financial year ended (Accounting Act 1336/1997 2:10 for vouchers).

Its *end* is ``add_duration(a, clock.duration)`` (days, or calendar months/years clamped to
the month's end: 31 Jan + 1 month = 28/29 Feb, 29 Feb + 1 year = 28 Feb). ``end`` is monotone
in ``t``, so for any day ``D``: ``end(t) <= D`` iff ``t <= clock.threshold(D)``.

Events dated after ``as_of`` are ignored: a plan on ``as_of`` knows what had happened by then.

**Category on a day** ``as_of``:

- ``purpose_ends`` = the minimum end of the started ``maximum`` clocks (GDPR maximums: each one
  caps storage, the earliest cap wins); ``hold_until`` = the maximum end of the started
  ``hold`` clocks (legal obligations to keep; the longest wins; a hold lasts *through* its end
  day).
- ``undetermined`` if no maximum clock has started (nothing computable says when to erase);
- else ``retained`` if ``as_of < purpose_ends``;
- else ``restricted`` if ``hold_until`` is not None and ``as_of <= hold_until`` (the purpose has
  ended; the data are kept only for the hold's purpose, Art. 17(3)(b) and 18);
- else ``undetermined`` if the category has a *blocking* gap (a hold that covers it but cannot
  be computed: erasing might break the law);
- else ``due``.

In SQL terms, with ``T(c, D) = clock.threshold(D)`` computed once per clock in Python and
``agg(c) = MAX(date) FILTER (WHERE kind IN c.events AND date <= as_of)`` (``MIN`` for
``earliest``):
a maximum clock has *expired* on ``as_of`` iff ``agg(c) <= T(c, as_of)``; a hold clock is
*active* on ``as_of`` iff ``agg(c) > T(c, as_of - 1 day)``. A category is due iff some maximum
clock expired, no hold clock is active and it has no blocking gap; restricted iff some maximum
expired and some hold is active.

``erase_by`` (None when undetermined or blocked) is ``purpose_ends``, or the day after
``hold_until`` when the hold outlasts the purpose; ``restricted_until`` is ``hold_until`` when
the hold outlasts the purpose.

Where clocks come from
======================

- ``period`` rules with a period and trigger: a ``maximum`` clock on the rule's categories
  (all the register's categories when it lists none).
- ``statutory-hold`` rules: a ``hold`` clock from the rule's own period and trigger if stated,
  and from the named ``statute``; a rule naming a statute but no categories covers the
  categories whose ``material`` the statute covers (DPA decision 4359/163/2018).
- Statutes by law: every statute of the controller's jurisdiction covering a category's
  ``material`` is a ``hold`` clock on it, whether or not the notice states it (the law
  applies anyway). With no jurisdiction known, statutes of every jurisdiction apply.
- GDPR events that end processing early, on every register: ``erasure_request`` (all
  categories, Art. 17(1)); ``consent_withdrawn`` (categories every purpose of which rests on
  consent only, Art. 7(3) and 17(1)(b)); ``direct_marketing_objection`` (categories used only
  for direct marketing, Art. 21(3) and 17(1)(c)). Each is a ``maximum`` of 0 days from the
  earliest such event.

Trigger kinds and the events they count: ``Trigger.events`` when given, else the well-known
kind (``collection``: earliest ``collection``; ``relationship-end``: latest
``relationship_end``; ``contract-end``: ``contract_end``; ``account-closure``:
``account_closed``; ``employment-end``: ``employment_end``; ``consent-withdrawal``: earliest
``consent_withdrawn``; ``objection``: earliest ``direct_marketing_objection``/``objection``;
the two financial-year triggers: latest accounting event ``invoice``/``payment``/``voucher``/
``accounting_entry``). ``last-contact`` and ``named-event`` always name their events.

Vague rules (``while``, ``unspecified``, a ``period`` rule without a period) are gaps: the
category is undetermined unless a computable maximum exists, and the gap is always reported.

Evaluation: compiling generates a Python function specialised to the policy (clocks as local
variables, end dates memoised per trigger date); :meth:`_FastPath.reference` interprets the
same semantics and tests check that both agree.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

import attrs

from gdpr_register._dates import add_duration, latest_start
from gdpr_register.errors import UsageError
from gdpr_register.law.statutes import ACCOUNTING_EVENTS, DEFAULT_STATUTES, Statute, StatuteTable
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.enums import (
    DurationUnit,
    LawfulBasis,
    PurposeKind,
    RetentionKind,
    TriggerKind,
)
from gdpr_register.model.notice import Controller
from gdpr_register.model.register import DataCategory, Register, RetentionRule
from gdpr_register.model.values import Duration, MonthDay
from gdpr_register.retention._history import SubjectHistory
from gdpr_register.retention._kinds import EventKind
from gdpr_register.retention._results import Outcome, PlanStatus, RetentionPlan

__all__ = [
    "CALENDAR_YEAR",
    "Aggregation",
    "Anchor",
    "CategoryPolicy",
    "Clock",
    "ClockKind",
    "CompiledPolicy",
    "Gap",
    "GapKind",
    "Result",
    "Row",
    "compile_policy",
    "financial_year_end_of",
]

CALENDAR_YEAR = MonthDay(month=12, day=31)
# One row of bulk planning: subject, category, status, erase_by, restricted_until.
Row = tuple[str, str, PlanStatus, date | None, date | None]
# One category's result in bulk planning: status, erase_by, restricted_until.
Result = tuple[PlanStatus, date | None, date | None]
_ONE_DAY = timedelta(days=1)
_ZERO_DAYS = Duration(amount=0, unit=DurationUnit.DAYS)


class ClockKind(enum.StrEnum):
    MAXIMUM = "maximum"  # a GDPR maximum: erase when it ends (Art. 5(1)(e))
    HOLD = "hold"  # a statutory obligation to keep until it ends (Art. 17(3)(b))


class Aggregation(enum.StrEnum):
    LATEST = "latest"
    EARLIEST = "earliest"


class Anchor(enum.StrEnum):
    EVENT = "event"
    FINANCIAL_YEAR_END = "financial-year-end"
    FINANCIAL_YEAR_CALENDAR_YEAR_END = "financial-year-calendar-year-end"


def financial_year_end_of(day: date, year_end: MonthDay) -> date:
    """The last day of the financial year (ending on ``year_end``) that contains ``day``."""
    end = year_end.in_year(day.year)
    return end if day <= end else year_end.in_year(day.year + 1)


def _fy_on_or_before(day: date, year_end: MonthDay) -> date:
    """The latest financial-year end on or before ``day``."""
    end = year_end.in_year(day.year)
    return end if end <= day else year_end.in_year(day.year - 1)


@attrs.frozen(kw_only=True)
class Clock:
    """One retention clock (see the module docstring for its exact semantics).

    ``id`` is stable within a policy: ``rule[N]`` for the register's N-th retention rule,
    ``rule[N]:STATUTE`` for the statute a hold rule names, ``statute:STATUTE`` for a statute
    applied by law, ``gdpr:KIND`` for the GDPR events that end processing early.
    """

    id: str
    kind: ClockKind
    events: tuple[str, ...]
    aggregation: Aggregation
    duration: Duration
    anchor: Anchor = Anchor.EVENT
    financial_year_end: MonthDay = CALENDAR_YEAR
    trigger: TriggerKind | None = None  # the trigger kind it implements (None: GDPR event)
    rule: int | None = None  # index in Register.retention, if from a rule
    statute: str | None = None  # statute id, if a statute backs it
    text: str  # the rule text as stated, or the statute's title
    law: str | None = None  # the law cited (statute citation or the rule's law as stated)

    def anchor_of(self, trigger: date) -> date:
        """The date the duration runs from, for a trigger date."""
        if self.anchor is Anchor.EVENT:
            return trigger
        fy_end = financial_year_end_of(trigger, self.financial_year_end)
        if self.anchor is Anchor.FINANCIAL_YEAR_END:
            return fy_end
        return date(fy_end.year, 12, 31)

    def end(self, trigger: date) -> date:
        """The clock's end for a trigger date (the erase-by date or the hold's last day)."""
        return add_duration(self.anchor_of(trigger), self.duration)

    def threshold(self, on: date) -> date:
        """The latest trigger date ``t`` with ``end(t) <= on``: compare stored dates to it."""
        start = latest_start(on, self.duration)
        if self.anchor is Anchor.EVENT:
            return start
        if self.anchor is Anchor.FINANCIAL_YEAR_END:
            # Anchors are financial-year ends; the latest trigger mapping onto the latest
            # admissible one is that year end itself.
            return _fy_on_or_before(start, self.financial_year_end)
        year = start.year if (start.month, start.day) == (12, 31) else start.year - 1
        # The financial year ending in ``year`` is the last whose calendar year ends in time.
        return self.financial_year_end.in_year(year)


class GapKind(enum.StrEnum):
    VAGUE_RULE = "vague-rule"  # "as long as necessary": no computable period
    UNNAMED_HOLD = "unnamed-hold"  # "some data kept longer by law": no law, no data named
    UNCOMPUTABLE_HOLD = "uncomputable-hold"  # a hold covers the data; its end is unknown
    UNKNOWN_STATUTE = "unknown-statute"  # a rule names a statute not in the table
    UNKNOWN_MATERIAL = "unknown-material"  # statutory material no statute covers
    NO_JURISDICTION = "no-jurisdiction"  # statutes applied from every jurisdiction


@attrs.frozen(kw_only=True)
class Gap:
    """Something the engine cannot compute for a category, reported with every plan item.

    ``blocks_erasure``: a hold covers the data but its end is unknown, so data whose purpose
    has ended are ``undetermined`` rather than ``due``.
    """

    kind: GapKind
    reason: str
    blocks_erasure: bool = False
    rule: int | None = None
    statute: str | None = None
    text: str | None = None  # the rule text as stated


@attrs.frozen(kw_only=True)
class CategoryPolicy:
    category: str
    name: str
    clocks: tuple[Clock, ...]
    gaps: tuple[Gap, ...] = ()

    @property
    def maxima(self) -> tuple[Clock, ...]:
        return tuple(c for c in self.clocks if c.kind is ClockKind.MAXIMUM)

    @property
    def holds(self) -> tuple[Clock, ...]:
        return tuple(c for c in self.clocks if c.kind is ClockKind.HOLD)

    @property
    def blocked(self) -> bool:
        return any(g.blocks_erasure for g in self.gaps)


def _compiled_fast_path(policy: CompiledPolicy) -> _FastPath:
    return _FastPath(policy)


@attrs.frozen(kw_only=True)
class CompiledPolicy:
    """A register's retention policy, compiled once; evaluate subjects with :meth:`plan`."""

    register: str
    jurisdiction: str | None
    financial_year_end: MonthDay
    categories: tuple[CategoryPolicy, ...]
    statutes: StatuteTable = attrs.field(eq=False, repr=False)
    _fast: _FastPath = attrs.field(
        init=False, eq=False, repr=False,
        default=attrs.Factory(_compiled_fast_path, takes_self=True),
    )

    @property
    def clocks(self) -> tuple[Clock, ...]:
        """Every distinct clock, in first-use order."""
        seen: dict[Clock, None] = {}
        for category in self.categories:
            for clock in category.clocks:
                seen.setdefault(clock, None)
        return tuple(seen)

    @property
    def event_kinds(self) -> frozenset[str]:
        """The event kinds some clock reads."""
        return frozenset(kind for clock in self.clocks for kind in clock.events)

    @property
    def known_event_kinds(self) -> frozenset[str]:
        """Kinds an events file may contain: those clocks read plus the well-known ones."""
        return self.event_kinds | frozenset(k.value for k in EventKind)

    def category(self, category_id: str) -> CategoryPolicy:
        for category in self.categories:
            if category.category == category_id:
                return category
        raise KeyError(category_id)

    def thresholds(self, as_of: date) -> dict[str, tuple[date, date]]:
        """Per clock id: ``(threshold(as_of), threshold(as_of - 1 day))``.

        A maximum clock has expired iff its aggregated date ``<=`` the first; a hold clock is
        active iff its aggregated date ``>`` the second.
        """
        return {
            c.id: (c.threshold(as_of), c.threshold(as_of - _ONE_DAY)) for c in self.clocks
        }

    def plan(self, history: SubjectHistory, as_of: date) -> RetentionPlan:
        """The retention plan of one subject on ``as_of``."""
        return self._fast.plan(history, as_of)

    def results(
        self, histories: Iterable[SubjectHistory], as_of: date
    ) -> Iterator[tuple[str, tuple[Result, ...]]]:
        """Bulk planning, streamed: per subject ``(subject, results)`` with one
        ``(status, erase_by, restricted_until)`` per category, aligned with
        :attr:`categories`. The fastest way to plan many subjects."""
        return self._fast.results(histories, as_of)

    def rows(self, histories: Iterable[SubjectHistory], as_of: date) -> Iterator[Row]:
        """Bulk planning, streamed: ``(subject, category, status, erase_by,
        restricted_until)`` for every subject and category, in register order, without
        building plan objects (for exports and in-memory sweeps over many subjects)."""
        return self._fast.rows(histories, as_of)


_TRIGGER_DEFAULTS: Mapping[TriggerKind, tuple[tuple[str, ...], Aggregation, Anchor]] = {
    TriggerKind.COLLECTION: (("collection",), Aggregation.EARLIEST, Anchor.EVENT),
    TriggerKind.LAST_CONTACT: ((), Aggregation.LATEST, Anchor.EVENT),
    TriggerKind.RELATIONSHIP_END: (("relationship_end",), Aggregation.LATEST, Anchor.EVENT),
    TriggerKind.CONTRACT_END: (("contract_end",), Aggregation.LATEST, Anchor.EVENT),
    TriggerKind.CONSENT_WITHDRAWAL: (
        ("consent_withdrawn",), Aggregation.EARLIEST, Anchor.EVENT
    ),
    TriggerKind.OBJECTION: (
        ("direct_marketing_objection", "objection"), Aggregation.EARLIEST, Anchor.EVENT
    ),
    TriggerKind.ACCOUNT_CLOSURE: (("account_closed",), Aggregation.LATEST, Anchor.EVENT),
    TriggerKind.EMPLOYMENT_END: (("employment_end",), Aggregation.LATEST, Anchor.EVENT),
    TriggerKind.FINANCIAL_YEAR_END: (
        ACCOUNTING_EVENTS, Aggregation.LATEST, Anchor.FINANCIAL_YEAR_END
    ),
    TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END: (
        ACCOUNTING_EVENTS, Aggregation.LATEST, Anchor.FINANCIAL_YEAR_CALENDAR_YEAR_END
    ),
    TriggerKind.NAMED_EVENT: ((), Aggregation.LATEST, Anchor.EVENT),
}


def _clock(
    *,
    id: str,
    kind: ClockKind,
    trigger: TriggerKind,
    events: Sequence[str],
    duration: Duration,
    year_end: MonthDay,
    text: str,
    law: str | None,
    rule: int | None = None,
    statute: str | None = None,
) -> Clock:
    default_events, aggregation, anchor = _TRIGGER_DEFAULTS[trigger]
    counted = tuple(sorted(set(events or default_events)))
    return Clock(
        id=id,
        kind=kind,
        events=counted,
        aggregation=aggregation,
        duration=duration,
        anchor=anchor,
        financial_year_end=year_end if anchor is not Anchor.EVENT else CALENDAR_YEAR,
        trigger=trigger,
        rule=rule,
        statute=statute,
        text=text,
        law=law,
    )


def _statute_clock(
    statute: Statute, clock_id: str, year_end: MonthDay, rule: int | None, text: str | None
) -> Clock:
    assert statute.period is not None  # computable
    assert statute.trigger is not None
    return _clock(
        id=clock_id,
        kind=ClockKind.HOLD,
        trigger=statute.trigger,
        events=statute.events,
        duration=statute.period,
        year_end=year_end,
        text=text if text is not None else statute.title,
        law=f"{statute.citation} ({statute.title})" if text is not None else statute.citation,
        rule=rule,
        statute=statute.id,
    )


def _purposes_of(register: Register, category: str) -> list[tuple[bool, bool]]:
    """Per purpose using ``category``: (rests on consent only, is direct marketing)."""
    result = []
    for purpose in register.purposes:
        if purpose.categories and category not in purpose.categories:
            continue
        bases = purpose.bases or register.pooled_bases
        consent_only = bool(bases) and all(b.article is LawfulBasis.CONSENT for b in bases)
        result.append((consent_only, PurposeKind.DIRECT_MARKETING in purpose.kinds))
    return result


class _Builder:
    def __init__(self, register: Register) -> None:
        self.clocks: dict[str, list[Clock]] = {c.id: [] for c in register.data_categories}
        self.gaps: dict[str, list[Gap]] = {c.id: [] for c in register.data_categories}

    def clock(self, categories: Iterable[str], clock: Clock) -> None:
        for category in categories:
            if clock not in self.clocks[category]:
                self.clocks[category].append(clock)

    def gap(self, categories: Iterable[str], gap: Gap) -> None:
        for category in categories:
            if gap not in self.gaps[category]:
                self.gaps[category].append(gap)


def _resolve_context(
    controller: Controller | None,
    financial_year_end: MonthDay | str | None,
    jurisdiction: str | None,
) -> tuple[MonthDay, str | None]:
    if controller is not None and financial_year_end is not None:
        raise UsageError("give either controller= or financial_year_end=, not both")
    if controller is not None and jurisdiction is not None:
        raise UsageError("give either controller= or jurisdiction=, not both")
    if isinstance(financial_year_end, str):
        try:
            financial_year_end = MonthDay.parse(financial_year_end)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    if controller is not None:
        return controller.financial_year_end or CALENDAR_YEAR, controller.member_state
    if jurisdiction is not None:
        # Statutes are keyed by upper-case codes: "fi" must not silently match none of them.
        code = jurisdiction.upper() if isinstance(jurisdiction, str) else jurisdiction
        if not isinstance(code, str) or not is_country_code(code):
            raise UsageError(
                f"jurisdiction must be an ISO 3166-1 alpha-2 code, got {jurisdiction!r}"
            )
        jurisdiction = code
    return financial_year_end or CALENDAR_YEAR, jurisdiction


def compile_policy(
    register: Register,
    *,
    controller: Controller | None = None,
    financial_year_end: MonthDay | str | None = None,
    jurisdiction: str | None = None,
    statutes: StatuteTable | Iterable[Statute] | None = None,
) -> CompiledPolicy:
    """Compile ``register``'s retention rules into clocks (see the module docstring).

    ``controller`` supplies the financial year end (default 12-31) and the jurisdiction whose
    statutes apply by law; without it give ``financial_year_end=`` and ``jurisdiction=``
    (neither: calendar year, statutes of every jurisdiction). ``statutes`` replaces the
    default table (a :class:`StatuteTable`) or extends it (an iterable of statutes).
    """
    year_end, country = _resolve_context(controller, financial_year_end, jurisdiction)
    if statutes is None:
        table = DEFAULT_STATUTES
    elif isinstance(statutes, StatuteTable):
        table = statutes
    else:
        table = DEFAULT_STATUTES.with_statutes(statutes)
    build = _Builder(register)
    all_ids = [c.id for c in register.data_categories]
    for index, rule in enumerate(register.retention):
        _compile_rule(build, register, index, rule, all_ids, table, year_end)
    for category in register.data_categories:
        _compile_material(build, category, table, country, year_end)
    _compile_gdpr_events(build, register)
    categories = tuple(
        CategoryPolicy(
            category=c.id,
            name=c.name,
            clocks=tuple(build.clocks[c.id]),
            gaps=tuple(build.gaps[c.id]),
        )
        for c in register.data_categories
    )
    return CompiledPolicy(
        register=register.id,
        jurisdiction=country,
        financial_year_end=year_end,
        categories=categories,
        statutes=table,
    )


def _compile_rule(
    build: _Builder,
    register: Register,
    index: int,
    rule: RetentionRule,
    all_ids: list[str],
    table: StatuteTable,
    year_end: MonthDay,
) -> None:
    targets = list(rule.categories) or all_ids
    rule_id = f"rule[{index}]"
    stated = rule.period is not None and rule.trigger is not None
    if rule.kind is RetentionKind.PERIOD and stated:
        assert rule.period is not None
        assert rule.trigger is not None
        build.clock(targets, _clock(
            id=rule_id, kind=ClockKind.MAXIMUM, trigger=rule.trigger.kind,
            events=rule.trigger.events, duration=rule.period, year_end=year_end,
            text=rule.text, law=rule.law, rule=index,
        ))
        return
    if rule.kind is not RetentionKind.STATUTORY_HOLD:
        build.gap(targets, Gap(
            kind=GapKind.VAGUE_RULE, rule=index, text=rule.text,
            reason="the rule states no computable period and trigger",
        ))
        return
    if stated:
        assert rule.period is not None
        assert rule.trigger is not None
        build.clock(targets, _clock(
            id=rule_id, kind=ClockKind.HOLD, trigger=rule.trigger.kind,
            events=rule.trigger.events, duration=rule.period, year_end=year_end,
            text=rule.text, law=rule.law, rule=index, statute=rule.statute,
        ))
    if rule.statute is None:
        if stated:
            return
        if rule.categories:
            build.gap(targets, Gap(
                kind=GapKind.UNCOMPUTABLE_HOLD, rule=index, text=rule.text, blocks_erasure=True,
                reason="the rule holds these data by law but names no statute and no period",
            ))
        else:
            build.gap(all_ids, Gap(
                kind=GapKind.UNNAMED_HOLD, rule=index, text=rule.text,
                reason=(
                    "the notice says some data are kept longer by law but names neither the "
                    "law nor the data; only statutes covering a category's material are "
                    "applied (DPA decision 4359/163/2018)"
                ),
            ))
        return
    statute = table.get(rule.statute)
    if statute is None:
        build.gap(targets, Gap(
            kind=GapKind.UNKNOWN_STATUTE, rule=index, statute=rule.statute, text=rule.text,
            blocks_erasure=True, reason=f"statute {rule.statute!r} is not in the statute table",
        ))
        return
    if not rule.categories:
        targets = [
            c.id for c in register.data_categories if set(c.material) & set(statute.material)
        ]
        if not targets:
            build.gap(all_ids, Gap(
                kind=GapKind.UNNAMED_HOLD, rule=index, statute=statute.id, text=rule.text,
                reason=(
                    f"the rule names {statute.id} but no category holds its material "
                    f"({', '.join(statute.material)}); a statute covers only its material "
                    "(DPA decision 4359/163/2018)"
                ),
            ))
            return
    if statute.computable:
        build.clock(
            targets,
            _statute_clock(statute, f"{rule_id}:{statute.id}", year_end, index, rule.text),
        )
    else:
        build.gap(targets, Gap(
            kind=GapKind.UNCOMPUTABLE_HOLD, rule=index, statute=statute.id, text=rule.text,
            blocks_erasure=True, reason=f"{statute.citation}: {statute.note or 'no period'}",
        ))


def _compile_material(
    build: _Builder,
    category: DataCategory,
    table: StatuteTable,
    country: str | None,
    year_end: MonthDay,
) -> None:
    for material in category.material:
        covering = table.covering(material, country)
        if not covering:
            where = f" in {country}" if country else ""
            build.gap([category.id], Gap(
                kind=GapKind.UNKNOWN_MATERIAL, blocks_erasure=True,
                reason=(
                    f"no statute in the table covers {material!r}{where}: add one "
                    "(statutes=) or correct the category's material"
                ),
            ))
            continue
        if country is None:
            build.gap([category.id], Gap(
                kind=GapKind.NO_JURISDICTION,
                reason=(
                    "no controller or jurisdiction given: statutes of every jurisdiction "
                    f"covering {material!r} were applied"
                ),
            ))
        for statute in covering:
            if statute.computable:
                build.clock(
                    [category.id],
                    _statute_clock(statute, f"statute:{statute.id}", year_end, None, None),
                )
            else:
                build.gap([category.id], Gap(
                    kind=GapKind.UNCOMPUTABLE_HOLD, statute=statute.id, blocks_erasure=True,
                    reason=f"{statute.citation}: {statute.note or 'no period'}",
                ))


def _compile_gdpr_events(build: _Builder, register: Register) -> None:
    def early(kind: EventKind, text: str, law: str) -> Clock:
        return Clock(
            id=f"gdpr:{kind.value}", kind=ClockKind.MAXIMUM, events=(kind.value,),
            aggregation=Aggregation.EARLIEST, duration=_ZERO_DAYS, text=text, law=law,
        )

    erasure = early(
        EventKind.ERASURE_REQUEST,
        "the data subject asked for erasure: erase without undue delay unless a legal "
        "obligation to keep applies",
        "GDPR Art. 17(1) and 17(3)(b)",
    )
    consent = early(
        EventKind.CONSENT_WITHDRAWN,
        "consent withdrawn: data processed on consent only have no basis left",
        "GDPR Art. 7(3) and 17(1)(b)",
    )
    marketing = early(
        EventKind.DIRECT_MARKETING_OBJECTION,
        "objection to direct marketing: data used only for direct marketing are no longer "
        "processed for it",
        "GDPR Art. 21(3) and 17(1)(c)",
    )
    for category in register.data_categories:
        build.clock([category.id], erasure)
        uses = _purposes_of(register, category.id)
        if uses and all(consent_only for consent_only, _ in uses):
            build.clock([category.id], consent)
        if uses and all(marketing_only for _, marketing_only in uses):
            build.clock([category.id], marketing)


_CACHE_LIMIT = 100_000  # distinct trigger dates remembered per clock (bounded memory)
_UNDETERMINED: Outcome = ((PlanStatus.UNDETERMINED, None, None), None, None)


class _FastPath:
    """The compiled evaluator: clock specs as plain tuples, end dates memoised per clock.

    Each event kind maps straight to the clocks it feeds; categories with the same clocks and
    gaps are evaluated once per subject; date arithmetic runs only for trigger dates not seen
    before (with ``_dates``, never pendulum).
    """

    __slots__ = (
        "_caches", "_clocks", "_evaluators", "_feeds", "_register", "evaluate", "groups",
        "order", "source",
    )

    def __init__(self, policy: CompiledPolicy) -> None:
        self._register = policy.register
        clocks = policy.clocks
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
        for position, category in enumerate(policy.categories):
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
        exec(compile(self.source, f"<retention policy {policy.register}>", "exec"), namespace)
        self.evaluate: Callable[
            [tuple[tuple[str, date], ...], date],
            tuple[tuple[date | None, ...], tuple[Outcome, ...]],
        ] = namespace["evaluate"]
        # Categories in register order with the index of their group's outcome.
        self.order = tuple(
            (category.category, group_of[position])
            for position, category in enumerate(policy.categories)
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

    Same semantics as :meth:`_FastPath.reference`, with clocks as local variables and one
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
