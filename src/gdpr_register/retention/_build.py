"""Building a policy: clocks from triggers and statutes, and the per-category builder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gdpr_register.errors import InputError, Problem
from gdpr_register.law.statutes import ACCOUNTING_EVENTS, Statute
from gdpr_register.model.enums import TriggerKind
from gdpr_register.model.register import Register
from gdpr_register.model.values import Duration, MonthDay
from gdpr_register.retention._clocks import (
    CALENDAR_YEAR,
    Aggregation,
    Anchor,
    Clock,
    ClockKind,
    Gap,
)

__all__ = ["MAX_ASSIGNMENTS", "Builder", "make_clock", "statute_clock"]


# Bound on (category, clock or gap) pairs a policy may hold, as the loader bounds a document's
# values: compiling and every plan cost time in proportion to it, so a document whose rules
# multiply out past it (YAML aliases make that cheap) is refused instead of run for minutes.
MAX_ASSIGNMENTS = 2_000_000


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



def make_clock(
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
    calendar_year_end: bool = False,
) -> Clock:
    """A clock for a trigger kind. ``calendar_year_end``: the period runs from 31 December of
    the year in which the trigger falls (for the financial-year triggers: of the year in which
    the financial year ended)."""
    default_events, aggregation, anchor = _TRIGGER_DEFAULTS[trigger]
    if calendar_year_end:
        anchor = (
            Anchor.CALENDAR_YEAR_END if anchor is Anchor.EVENT
            else Anchor.FINANCIAL_YEAR_CALENDAR_YEAR_END
        )
    counted = tuple(sorted(set(events or default_events)))
    return Clock(
        id=id,
        kind=kind,
        events=counted,
        aggregation=aggregation,
        duration=duration,
        anchor=anchor,
        financial_year_end=(
            year_end if anchor not in (Anchor.EVENT, Anchor.CALENDAR_YEAR_END) else CALENDAR_YEAR
        ),
        trigger=trigger,
        rule=rule,
        statute=statute,
        text=text,
        law=law,
    )


def statute_clock(
    statute: Statute, clock_id: str, year_end: MonthDay, rule: int | None, text: str | None
) -> Clock:
    assert statute.period is not None  # computable
    assert statute.trigger is not None
    return make_clock(
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



class Builder:
    """Per category, the clocks and gaps in first-added order, each once.

    Membership is a dict lookup, so compiling is linear in the number of rules times the
    categories each covers (a list scan made it quadratic: 16,000 rules took 23 s).
    """

    def __init__(self, register: Register) -> None:
        self.register = register.id
        self.clocks: dict[str, dict[Clock, None]] = {c.id: {} for c in register.data_categories}
        self.gaps: dict[str, dict[Gap, None]] = {c.id: {} for c in register.data_categories}
        self.groups: dict[str, dict[tuple[Clock, ...], None]] = {
            c.id: {} for c in register.data_categories
        }
        self.budget = MAX_ASSIGNMENTS

    def _spend(self, count: int) -> None:
        self.budget -= count
        if self.budget < 0:
            raise InputError([Problem(
                location=f"register {self.register}: retention",
                message=f"the retention rules apply more than {MAX_ASSIGNMENTS:,} clocks and "
                "gaps to data categories; split the register or state fewer rules",
            )])

    def clock(self, categories: Sequence[str], clock: Clock) -> None:
        self._spend(len(categories))
        for category in categories:
            self.clocks[category].setdefault(clock, None)

    def group(self, categories: Sequence[str], clocks: tuple[Clock, ...]) -> None:
        """Alternatives of which the last to end ends retention (each already a clock)."""
        self._spend(len(categories))
        for category in categories:
            self.groups[category].setdefault(clocks, None)

    def gap(self, categories: Sequence[str], gap: Gap) -> None:
        self._spend(len(categories))
        for category in categories:
            self.gaps[category].setdefault(gap, None)

