"""The national retention duties (:class:`Statute`, :class:`StatuteTable`, the table itself),
re-exported by :mod:`gdpr_register.law.statutes` and built on first use there: a check reads
only the repealed laws, which that module keeps, and never pays for this table."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import attrs

from gdpr_register.law._source import Confidence, LegalSource
from gdpr_register.model._validators import ModelValueError, identifier, optional_text, text
from gdpr_register.model.countries import is_country_code
from gdpr_register.model.enums import DurationUnit, TriggerKind
from gdpr_register.model.values import Duration

__all__ = ["ACCOUNTING_EVENTS", "DEFAULT_STATUTES", "STATUTES", "Statute", "StatuteTable"]

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


def _country(_instance: object, _attribute: object, value: str) -> None:
    if not isinstance(value, str) or not is_country_code(value):
        raise ModelValueError("country", f"{value!r} is not an ISO 3166-1 alpha-2 code")


def _trigger(_instance: object, _attribute: object, value: TriggerKind | None) -> None:
    if value is not None and value not in _STATUTE_TRIGGERS:
        raise ModelValueError("trigger", f"{value!r} cannot start a statutory retention clock")


_ids = attrs.validators.deep_iterable(identifier)


@attrs.frozen(kw_only=True)
class Statute:
    """A duty to keep records; it covers only categories holding one of ``material``.

    ``period`` runs from ``trigger``, evaluated on the subject's latest event of the kinds in
    ``events``: for ``financial-year-end`` the end of the financial year containing that event,
    for ``financial-year-calendar-year-end`` the 31 December of the calendar year in which
    that financial year ended, otherwise the event's date itself.
    """

    id: str = attrs.field(validator=identifier)
    title: str = attrs.field(validator=text)
    country: str = attrs.field(validator=_country)
    material: tuple[str, ...] = attrs.field(validator=_ids)
    source: LegalSource
    period: Duration | None = None
    trigger: TriggerKind | None = attrs.field(default=None, validator=_trigger)
    events: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if not self.material:
            raise ModelValueError("material", "a statute must name the material it covers")
        if self.period is not None and self.trigger is not None and not self.events:
            raise ModelValueError("events", "a computable statute must name its event kinds")

    @property
    def jurisdiction(self) -> str:
        return self.country

    @property
    def citation(self) -> str:
        return self.source.citation

    @property
    def url(self) -> str | None:
        return self.source.url

    @property
    def confidence(self) -> Confidence:
        return self.source.confidence

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
        for item in statutes:
            if item.id in table:
                raise ValueError(f"duplicate statute id {item.id!r}")
            table[item.id] = item
        return cls(table)

    def with_statutes(self, statutes: Iterable[Statute]) -> StatuteTable:
        """A new table with ``statutes`` added; a statute with an existing id replaces it."""
        table = dict(self._by_id)
        table.update((s.id, s) for s in statutes)
        return StatuteTable(table)

    def covering(self, material: str, country: str | None) -> tuple[Statute, ...]:
        """Statutes covering ``material`` in ``country`` (None: every country)."""
        return tuple(
            s
            for s in self._by_id.values()
            if material in s.material and (country is None or s.country == country)
        )

    def __getitem__(self, key: str) -> Statute:
        return self._by_id[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


_KPL = "https://finlex.fi/fi/laki/ajantasa/1997/19971336"
_TSL = "https://finlex.fi/fi/laki/ajantasa/2001/20010055"
STATUTES: dict[str, Statute] = {
    s.id: s
    for s in (
        Statute(
            id="FI_KPL_2_10_LONG",
            country="FI",
            title=(
                "Accounting Act 1336/1997 ch. 2 s. 10: financial statements, annual report, "
                "books, chart of accounts and list of books kept at least 10 years from the "
                "end of the financial year"
            ),
            material=("accounting-books", "financial-statements"),
            source=LegalSource(
                citation="Kirjanpitolaki 1336/1997 2:10", url=_KPL, confidence=Confidence.SECONDARY
            ),
            period=Duration(amount=10, unit=DurationUnit.YEARS),
            trigger=TriggerKind.FINANCIAL_YEAR_END,
            events=ACCOUNTING_EVENTS,
        ),
        Statute(
            id="FI_KPL_2_10_SHORT",
            country="FI",
            title=(
                "Accounting Act 1336/1997 ch. 2 s. 10: vouchers, correspondence on business "
                "transactions and other accounting material kept at least 6 years from the "
                "end of the calendar year in which the financial year ended"
            ),
            material=("accounting-voucher", "accounting-correspondence", "accounting-material"),
            source=LegalSource(
                citation="Kirjanpitolaki 1336/1997 2:10", url=_KPL, confidence=Confidence.SECONDARY
            ),
            period=Duration(amount=6, unit=DurationUnit.YEARS),
            trigger=TriggerKind.FINANCIAL_YEAR_CALENDAR_YEAR_END,
            events=ACCOUNTING_EVENTS,
        ),
        Statute(
            id="FI_EMPL_6_7",
            country="FI",
            title=(
                "Employment Contracts Act 55/2001 ch. 6 s. 7: an employment certificate can be "
                "requested for 10 years after the employment ended, so basic employment data "
                "are kept 10 years"
            ),
            material=("employment-record",),
            source=LegalSource(citation="Työsopimuslaki 55/2001 6:7", url=_TSL),
            period=Duration(amount=10, unit=DurationUnit.YEARS),
            trigger=TriggerKind.EMPLOYMENT_END,
            events=("employment_end",),
            note="The certificate's assessment part can be requested for 5 years only.",
        ),
        Statute(
            id="FI_EMPL_WAGE",
            country="FI",
            title=(
                "Employment Contracts Act 55/2001 ch. 13: wage claims can be brought within 2 "
                "years after the employment ended, so wage records are kept 2 years"
            ),
            material=("wage-record",),
            source=LegalSource(
                citation="Työsopimuslaki 55/2001 13 luku", url=_TSL,
                confidence=Confidence.SECONDARY,
            ),
            period=Duration(amount=2, unit=DurationUnit.YEARS),
            trigger=TriggerKind.EMPLOYMENT_END,
            events=("employment_end",),
            note=(
                "During employment a 5-year limitation applies to each claim; that clock is "
                "not encoded (section numbers unconfirmed)."
            ),
        ),
        Statute(
            id="FI_TYOAIKA_32",
            country="FI",
            title=(
                "Working Hours Act 872/2019 s. 32: working-time records kept until the period "
                "for bringing claims has ended (at least 2 years)"
            ),
            material=("working-time-record",),
            source=LegalSource(
                citation="Työaikalaki 872/2019 32 §",
                url="https://finlex.fi/fi/laki/ajantasa/2019/20190872",
                confidence=Confidence.SECONDARY,
            ),
            note="The end of the action period is not encoded: retention is undetermined.",
        ),
        Statute(
            id="FI_VUOSILOMA_29",
            country="FI",
            title=(
                "Annual Holidays Act 162/2005 s. 29: annual-holiday records kept at least "
                "until the s. 34 action period has ended"
            ),
            material=("holiday-record",),
            source=LegalSource(
                citation="Vuosilomalaki 162/2005 29 §",
                url="https://finlex.fi/fi/laki/ajantasa/2005/20050162",
            ),
            note="The end of the action period is not encoded: retention is undetermined.",
        ),
        Statute(
            id="FI_VAT_REALESTATE",
            country="FI",
            title=(
                "VAT Act 1501/1993: vouchers on real-estate investments kept 13 years (the VAT "
                "adjustment period)"
            ),
            material=("real-estate-investment-voucher",),
            source=LegalSource(
                citation="Arvonlisäverolaki 1501/1993 (section unconfirmed)",
                url="https://finlex.fi/fi/laki/ajantasa/1993/19931501",
                confidence=Confidence.UNCONFIRMED,
            ),
            period=Duration(amount=13, unit=DurationUnit.YEARS),
            note="The section and the start of the 13 years are unconfirmed: undetermined.",
        ),
    )
}

DEFAULT_STATUTES: StatuteTable = StatuteTable(STATUTES)
