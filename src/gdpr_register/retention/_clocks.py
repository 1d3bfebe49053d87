"""Clocks and gaps: the parts a compiled retention policy is made of (values only)."""

from __future__ import annotations

import enum
from datetime import date

import attrs

from gdpr_register._dates import add_duration, latest_start
from gdpr_register.errors import InputError, Problem
from gdpr_register.model.enums import TriggerKind
from gdpr_register.model.values import Duration, MonthDay

__all__ = [
    "CALENDAR_YEAR",
    "Aggregation",
    "Anchor",
    "CategoryPolicy",
    "Clock",
    "ClockKind",
    "Gap",
    "GapKind",
    "financial_year_end_of",
]

CALENDAR_YEAR = MonthDay(month=12, day=31)


class ClockKind(enum.StrEnum):
    MAXIMUM = "maximum"  # a GDPR maximum: erase when it ends (Art. 5(1)(e))
    HOLD = "hold"  # a statutory obligation to keep until it ends (Art. 17(3)(b))
    # One of alternative periods of which the last to end ends retention ("2 years after A
    # or 3 years after B, whichever is later"): see CategoryPolicy.groups.
    ALTERNATIVE = "alternative"


class Aggregation(enum.StrEnum):
    LATEST = "latest"
    EARLIEST = "earliest"


class Anchor(enum.StrEnum):
    EVENT = "event"
    FINANCIAL_YEAR_END = "financial-year-end"
    FINANCIAL_YEAR_CALENDAR_YEAR_END = "financial-year-calendar-year-end"
    CALENDAR_YEAR_END = "calendar-year-end"  # 31 December of the event's year


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
        if self.anchor is Anchor.CALENDAR_YEAR_END:
            return date(trigger.year, 12, 31)
        fy_end = financial_year_end_of(trigger, self.financial_year_end)
        if self.anchor is Anchor.FINANCIAL_YEAR_END:
            return fy_end
        return date(fy_end.year, 12, 31)

    def end(self, trigger: date) -> date:
        """The clock's end for a trigger date (the erase-by date or the hold's last day).

        Raises :class:`~gdpr_register.errors.InputError` when it falls after 9999-12-31.
        """
        try:
            return add_duration(self.anchor_of(trigger), self.duration)
        except (ValueError, OverflowError):
            raise InputError([Problem(
                location=f"clock {self.id}",
                message=f"a trigger on {trigger} + {self.duration} ends after 9999-12-31, "
                "the last date this library computes",
            )]) from None

    def threshold(self, on: date) -> date:
        """The latest trigger date ``t`` with ``end(t) <= on``: compare stored dates to it."""
        start = latest_start(on, self.duration)
        if self.anchor is Anchor.EVENT:
            return start
        if self.anchor is Anchor.CALENDAR_YEAR_END:
            return _fy_on_or_before(start, CALENDAR_YEAR)
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
    APPROXIMATE = "approximate"  # "about 7 years": no exact end
    NO_START = "no-start"  # "10 years", "at most 10 years": a period with no stated start
    UNNAMED_EVENTS = "unnamed-events"  # "last contact" without saying which contacts count
    MINIMUM_ONLY = "minimum-only"  # "at least 7 hours": a minimum is no erasure deadline
    ALTERNATIVES = "alternatives"  # alternative periods without saying which one ends it
    # "kept indefinitely": a statement, not a gap in the computation; with no computable
    # maximum the category is retained with no erase-by date (never due, never undetermined).
    INDEFINITE = "indefinite"
    # A period stated for some groups of data subjects only ("guest customers: 30 days"): the
    # engine is not told a subject's group, and applying the period to everyone would erase
    # other groups' data early, so the categories it covers are undetermined.
    SUBJECT_GROUP = "subject-group"


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
    """One category's clocks and gaps.

    ``groups``: alternative periods of which the last to end ends retention; each group's
    clocks (kind ``alternative``) are also in ``clocks``. A group ends when every one of its
    clocks has ended; while some have not started it does not end (the data are retained,
    erase-by date unknown); when none has started it has not started.
    """

    category: str
    name: str
    clocks: tuple[Clock, ...]
    gaps: tuple[Gap, ...] = ()
    groups: tuple[tuple[Clock, ...], ...] = ()

    @property
    def maxima(self) -> tuple[Clock, ...]:
        return tuple(c for c in self.clocks if c.kind is ClockKind.MAXIMUM)

    @property
    def holds(self) -> tuple[Clock, ...]:
        return tuple(c for c in self.clocks if c.kind is ClockKind.HOLD)

    @property
    def blocked(self) -> bool:
        return any(g.blocks_erasure for g in self.gaps)

    @property
    def indefinite(self) -> bool:
        """The notice states these data are kept indefinitely."""
        return any(g.kind is GapKind.INDEFINITE for g in self.gaps)
