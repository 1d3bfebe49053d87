"""Statutes that oblige a controller to keep records, as data with their sources.

A :class:`Statute` says which kinds of statutory *material* it covers (``accounting-voucher``,
``employment-record``...), in which jurisdiction, for how long and from which clock. The
retention engine links it to a register's data categories through ``DataCategory.material``
(and through a ``statutory-hold`` rule that names it): a statute covers only the categories
that hold its material (the Finnish DPA's decision 4359/163/2018: the bookkeeping duty covers
accounting material only).

Confidence follows the rule catalogue: ``C`` confirmed from primary text or an official page,
``S`` confirmed only from a secondary source, ``U`` unconfirmed. A statute whose period or
trigger is not confirmed has ``period``/``trigger`` None: the engine then reports the covered
data *undetermined*, never a made-up date.

Users add their own statutes with :meth:`StatuteTable.with_statutes` (or pass ``statutes=`` to
the retention functions); nothing here reads the clock.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping

import attrs

from gdpr_register.model._validators import ModelValueError, identifier, optional_text, text
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.enums import DurationUnit, TriggerKind
from gdpr_register.model.values import Duration

__all__ = [
    "ACCOUNTING_EVENTS",
    "DEFAULT_STATUTES",
    "FINNISH_STATUTES",
    "Confidence",
    "Statute",
    "StatuteTable",
]


class Confidence(enum.StrEnum):
    """How well a legal fact is sourced (the rule catalogue's flags)."""

    CONFIRMED = "C"
    SECONDARY = "S"
    UNCONFIRMED = "U"


# The host application's event kinds that create accounting material about a data subject:
# the accounting clocks run from the latest of them (see docs/retention.md).
ACCOUNTING_EVENTS: tuple[str, ...] = ("invoice", "payment", "voucher", "accounting_entry")

_STATUTE_TRIGGERS = frozenset(
    {
        TriggerKind.FINANCIAL_YEAR_END,
        TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END,
        TriggerKind.EMPLOYMENT_END,
        TriggerKind.CONTRACT_END,
        TriggerKind.RELATIONSHIP_END,
        TriggerKind.ACCOUNT_CLOSURE,
        TriggerKind.COLLECTION,
        TriggerKind.NAMED_EVENT,
    }
)


def _jurisdiction(_instance: object, attribute: object, value: str) -> None:
    if not isinstance(value, str) or not is_country_code(value):
        raise ModelValueError("jurisdiction", f"{value!r} is not an ISO 3166-1 alpha-2 code")


def _trigger(_instance: object, _attribute: object, value: TriggerKind | None) -> None:
    if value is not None and value not in _STATUTE_TRIGGERS:
        raise ModelValueError("trigger", f"{value!r} cannot start a statutory retention clock")


_ids = attrs.validators.deep_iterable(identifier)


@attrs.frozen(kw_only=True)
class Statute:
    """A legal obligation to keep certain records for a period (Art. 17(3)(b)).

    ``period`` runs from ``trigger``, evaluated on the subject's latest event of the kinds in
    ``events``: for ``financial-year-end`` the end of the financial year containing that event,
    for ``financial-year-calendar-year-end`` the 31 December of the calendar year in which
    that financial year ended, otherwise the event's date itself.
    """

    id: str = attrs.field(validator=identifier)
    citation: str = attrs.field(validator=text)
    title: str = attrs.field(validator=text)
    jurisdiction: str = attrs.field(validator=_jurisdiction)
    material: tuple[str, ...] = attrs.field(validator=_ids)
    period: Duration | None = None
    trigger: TriggerKind | None = attrs.field(default=None, validator=_trigger)
    events: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    source: str = attrs.field(validator=text)
    confidence: Confidence = attrs.field(validator=attrs.validators.instance_of(Confidence))
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if not self.material:
            raise ModelValueError("material", "a statute must name the material it covers")
        if self.period is not None and self.trigger is not None and not self.events:
            raise ModelValueError("events", "a computable statute must name its event kinds")

    @property
    def computable(self) -> bool:
        """Whether the period and its trigger are both known (else: undetermined)."""
        return self.period is not None and self.trigger is not None and bool(self.events)


@attrs.frozen
class StatuteTable(Mapping[str, Statute]):
    """An immutable id -> :class:`Statute` table; extend it with :meth:`with_statutes`."""

    _by_id: Mapping[str, Statute]

    @classmethod
    def of(cls, statutes: Iterable[Statute]) -> StatuteTable:
        table: dict[str, Statute] = {}
        for statute in statutes:
            if statute.id in table:
                raise ValueError(f"duplicate statute id {statute.id!r}")
            table[statute.id] = statute
        return cls(table)

    def with_statutes(self, statutes: Iterable[Statute]) -> StatuteTable:
        """A new table with ``statutes`` added; a statute with an existing id replaces it."""
        table = dict(self._by_id)
        table.update((s.id, s) for s in statutes)
        return StatuteTable(table)

    def covering(self, material: str, jurisdiction: str | None) -> tuple[Statute, ...]:
        """Statutes covering ``material`` in ``jurisdiction`` (None: every jurisdiction)."""
        return tuple(
            s
            for s in self._by_id.values()
            if material in s.material and (jurisdiction is None or s.jurisdiction == jurisdiction)
        )

    def __getitem__(self, key: str) -> Statute:
        return self._by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


_FINLEX_KPL = "https://finlex.fi/fi/laki/ajantasa/1997/19971336"

FINNISH_STATUTES: tuple[Statute, ...] = (
    Statute(
        id="FI_KPL_2_10_LONG",
        citation="Kirjanpitolaki 1336/1997 2 luku 10 §",
        title=(
            "Accounting Act 1336/1997 2:10: financial statements, annual report, books, chart "
            "of accounts and list of books kept at least 10 years from the end of the "
            "financial year"
        ),
        jurisdiction="FI",
        material=("accounting-books", "financial-statements"),
        period=Duration(amount=10, unit=DurationUnit.YEARS),
        trigger=TriggerKind.FINANCIAL_YEAR_END,
        events=ACCOUNTING_EVENTS,
        source=_FINLEX_KPL,
        confidence=Confidence.SECONDARY,
    ),
    Statute(
        id="FI_KPL_2_10_SHORT",
        citation="Kirjanpitolaki 1336/1997 2 luku 10 §",
        title=(
            "Accounting Act 1336/1997 2:10: vouchers, correspondence on business transactions "
            "and other accounting material kept at least 6 years from the end of the calendar "
            "year in which the financial year ended"
        ),
        jurisdiction="FI",
        material=("accounting-voucher", "business-correspondence", "accounting-material"),
        period=Duration(amount=6, unit=DurationUnit.YEARS),
        trigger=TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END,
        events=ACCOUNTING_EVENTS,
        source=_FINLEX_KPL,
        confidence=Confidence.SECONDARY,
    ),
    Statute(
        id="FI_EMPL_6_7",
        citation="Työsopimuslaki 55/2001 6 luku 7 §",
        title=(
            "Employment Contracts Act 55/2001 6:7: an employment certificate can be requested "
            "for 10 years after the employment ended, so basic employment data are kept 10 "
            "years"
        ),
        jurisdiction="FI",
        material=("employment-record",),
        period=Duration(amount=10, unit=DurationUnit.YEARS),
        trigger=TriggerKind.EMPLOYMENT_END,
        events=("employment_end",),
        source="https://www.finlex.fi/fi/laki/ajantasa/2001/20010055",
        confidence=Confidence.CONFIRMED,
        note="The certificate's assessment part can be requested for 5 years only.",
    ),
    Statute(
        id="FI_EMPL_WAGE",
        citation="Työsopimuslaki 55/2001 13 luku",
        title=(
            "Employment Contracts Act 55/2001 ch. 13: wage claims can be brought within 2 "
            "years after the employment ended, so wage records are kept 2 years"
        ),
        jurisdiction="FI",
        material=("wage-record",),
        period=Duration(amount=2, unit=DurationUnit.YEARS),
        trigger=TriggerKind.EMPLOYMENT_END,
        events=("employment_end",),
        source="https://www.finlex.fi/fi/laki/ajantasa/2001/20010055",
        confidence=Confidence.SECONDARY,
        note=(
            "During employment a 5-year limitation applies to each claim; that clock is not "
            "encoded (section numbers unconfirmed)."
        ),
    ),
    Statute(
        id="FI_TYOAIKA_32",
        citation="Työaikalaki 872/2019 32 §",
        title=(
            "Working Hours Act 872/2019 s. 32: working-time records kept until the period for "
            "bringing claims has ended (at least 2 years)"
        ),
        jurisdiction="FI",
        material=("working-time-record",),
        source="https://www.finlex.fi/fi/laki/ajantasa/2019/20190872",
        confidence=Confidence.SECONDARY,
        note="The end of the action period is not encoded: retention is undetermined.",
    ),
    Statute(
        id="FI_VUOSILOMA_29",
        citation="Vuosilomalaki 162/2005 29 §",
        title=(
            "Annual Holidays Act 162/2005 s. 29: annual-holiday records kept at least until "
            "the s. 34 action period has ended"
        ),
        jurisdiction="FI",
        material=("annual-holiday-record",),
        source="https://www.finlex.fi/fi/laki/ajantasa/2005/20050162",
        confidence=Confidence.CONFIRMED,
        note="The end of the action period is not encoded: retention is undetermined.",
    ),
    Statute(
        id="FI_VAT_REALESTATE",
        citation="Arvonlisäverolaki 1501/1993 (section unconfirmed)",
        title=(
            "VAT Act 1501/1993: vouchers on real-estate investments kept 13 years (the VAT "
            "adjustment period)"
        ),
        jurisdiction="FI",
        material=("real-estate-investment-voucher",),
        period=Duration(amount=13, unit=DurationUnit.YEARS),
        source="https://www.finlex.fi/fi/laki/ajantasa/1993/19931501",
        confidence=Confidence.UNCONFIRMED,
        note="The section and the start of the 13 years are unconfirmed: undetermined.",
    ),
)

DEFAULT_STATUTES: StatuteTable = StatuteTable.of(FINNISH_STATUTES)
