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

Modules: values in ``_clocks``, compiling in ``_compile``, evaluation in ``_fast`` (a Python
function generated for the policy, clocks as local variables, end dates memoised per trigger
date; ``FastPath.reference`` interprets the same semantics and tests check that both agree),
plans in ``_results``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import attrs

from gdpr_register.errors import UsageError
from gdpr_register.law.statutes import DEFAULT_STATUTES, Statute, StatuteTable
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.notice import Controller
from gdpr_register.model.register import Register
from gdpr_register.model.values import MonthDay
from gdpr_register.retention._clocks import CALENDAR_YEAR, CategoryPolicy, Clock
from gdpr_register.retention._compile import compile_categories
from gdpr_register.retention._fast import FastPath, distinct_clocks
from gdpr_register.retention._history import SubjectHistory
from gdpr_register.retention._kinds import EventKind
from gdpr_register.retention._results import Result, RetentionPlan, Row

__all__ = ["CompiledPolicy", "compile_policy"]

_ONE_DAY = timedelta(days=1)


def _fast_path(policy: CompiledPolicy) -> FastPath:
    return FastPath(policy.register, policy.categories, policy.clocks)


def _distinct(policy: CompiledPolicy) -> tuple[Clock, ...]:
    return distinct_clocks(policy.categories)


def _index(policy: CompiledPolicy) -> dict[str, CategoryPolicy]:
    return {category.category: category for category in policy.categories}


@attrs.frozen(kw_only=True)
class CompiledPolicy:
    """A register's retention policy, compiled once; evaluate subjects with :meth:`plan`."""

    register: str
    jurisdiction: str | None
    financial_year_end: MonthDay
    categories: tuple[CategoryPolicy, ...]
    statutes: StatuteTable = attrs.field(eq=False, repr=False)
    # Derived once (attrs runs the factories in field order): every distinct clock in
    # first-use order, the category index, and the generated evaluator.
    clocks: tuple[Clock, ...] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_distinct, takes_self=True)
    )
    _by_id: dict[str, CategoryPolicy] = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_index, takes_self=True)
    )
    _fast: FastPath = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_fast_path, takes_self=True)
    )

    @property
    def event_kinds(self) -> frozenset[str]:
        """The event kinds some clock reads."""
        return frozenset(kind for clock in self.clocks for kind in clock.events)

    @property
    def known_event_kinds(self) -> frozenset[str]:
        """Kinds an events file may contain: those clocks read plus the well-known ones."""
        return self.event_kinds | frozenset(k.value for k in EventKind)

    def category(self, category_id: str) -> CategoryPolicy:
        try:
            return self._by_id[category_id]
        except KeyError:
            raise KeyError(category_id) from None

    def thresholds(self, as_of: date) -> dict[str, tuple[date, date]]:
        """Per clock id: ``(threshold(as_of), threshold(as_of - 1 day))``.

        A maximum clock has expired iff its aggregated date ``<=`` the first; a hold clock is
        active iff its aggregated date ``>`` the second.
        """
        before = as_of - _ONE_DAY if as_of > date.min else as_of
        return {c.id: (c.threshold(as_of), c.threshold(before)) for c in self.clocks}

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
    categories = compile_categories(register, table, country, year_end)
    return CompiledPolicy(
        register=register.id,
        jurisdiction=country,
        financial_year_end=year_end,
        categories=categories,
        statutes=table,
    )

