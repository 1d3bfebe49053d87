"""Hypothesis strategies for the domain model: sound, so every value they give is valid.

Cross-field invariants (unique ids, references to defined categories and recipients, a
valid Y-tunnus check digit) are built in with ``@st.composite``, never filtered for. Defaults
are small and flat (a few items per list, one or two registers) so that users' property tests
pass hypothesis's default health checks; pass larger ``max_*`` arguments for bigger values.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from gdpr_register.model import (
    FINNISH_BUSINESS_ID,
    BusinessId,
    Channel,
    ChannelKind,
    ContactKind,
    ContactPoint,
    Controller,
    Coverage,
    DpoStatement,
    DpoStatus,
    MonthDay,
    PartialDate,
    Party,
    PostalAddress,
    Section,
    SectionReference,
    SupervisoryAuthority,
    Waiver,
)
from gdpr_register.model.countries import COUNTRY_NAMES
from gdpr_register.model.values import ytunnus_check_digit

__all__ = [
    "business_ids",
    "channels",
    "contact_points",
    "controllers",
    "country_codes",
    "coverages",
    "dates",
    "dpo_statements",
    "identifiers",
    "month_days",
    "partial_dates",
    "parties",
    "postal_addresses",
    "section_references",
    "supervisory_authorities",
    "texts",
    "waivers",
    "ytunnus",
]

T = TypeVar("T")

# An explicit alphabet: Latin with Nordic letters, other scripts (Cyrillic, Greek, CJK,
# Arabic, Devanagari), a combining accent, symbols and emoji; no control or format
# characters. An explicit alphabet needs no Unicode category tables, which hypothesis would
# otherwise compute on a project's first run, inside the first (timed) draw.
_LETTERS = (
    string.ascii_letters
    + string.digits
    + "åäöÅÄÖøæØÆéèüßñçÞþðŠšŽž"
    + "ДЖжяЯЁё"
    + "αβγΩλ"
    + "中文日本語"
    + "مرحبا"
    + "हिंदी"
    + "€§±°™"
    + "😀🎉🇫🇮"
)
_REST_CHARS = _LETTERS + " .,:;-'\"()/&@+!?%\u0301\u00a0"


def _non_blank(value: str) -> str:
    # A blank draw (spaces only) becomes text by a letter in front: constructive, no filter.
    return value if value.strip() else "a" + value


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text without control characters (Finnish letters, other scripts and emoji).

    One draw per text (a blank draw gets a letter in front), never filtered.
    """
    return st.text(st.sampled_from(_REST_CHARS), min_size=1, max_size=max_size).map(_non_blank)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def small_tuples(strategy: st.SearchStrategy[T], max_size: int = 2) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size).map(tuple)


_ID_CHARS = string.ascii_letters + string.digits + "-_."


def _identifier(value: str) -> str:
    # An id starts with a letter or digit: one in front when the draw starts with -_. .
    return value if value[0].isalnum() else "i" + value[:-1]


def identifiers() -> st.SearchStrategy[str]:
    """Ids as documents use them (letters, digits, ``-_.``, starting with a letter or digit)."""
    return st.text(st.sampled_from(_ID_CHARS), min_size=1, max_size=11).map(_identifier)


def dates(
    min_value: date = date(1990, 1, 1), max_value: date = date(2040, 12, 31)
) -> st.SearchStrategy[date]:
    return st.dates(min_value=min_value, max_value=max_value)


@st.composite
def partial_dates(
    draw: st.DrawFn, min_value: date = date(1990, 1, 1), max_value: date = date(2040, 12, 31)
) -> PartialDate:
    """A date stated to the day, the month or the year, inside ``min_value..max_value``."""
    day = draw(dates(min_value, max_value))
    precision = draw(st.sampled_from(("day", "month", "year")))
    if precision == "day":
        return PartialDate.of(day)
    if precision == "month":
        return PartialDate(year=day.year, month=day.month)
    return PartialDate(year=day.year)


def country_codes() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(COUNTRY_NAMES))


def unique_by_id(strategy: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda item: item.id).map(tuple)


_BODY_NUMBERS = st.integers(min_value=0, max_value=9_999_999)


@st.composite
def ytunnus(draw: st.DrawFn) -> str:
    """A Finnish business ID with a correct check digit."""
    number = draw(_BODY_NUMBERS)
    # One body in eleven has no valid digit (remainder 1): step to the next that has one.
    while (digit := ytunnus_check_digit(f"{number:07d}")) is None:
        number = (number + 1) % 10_000_000
    return f"{number:07d}-{digit}"


def business_ids() -> st.SearchStrategy[BusinessId]:
    other = st.builds(
        BusinessId,
        scheme=st.sampled_from(["se-orgnr", "ee-registrikood", "eu-vat", "lei"]),
        value=st.text(
            st.sampled_from(string.ascii_uppercase + string.digits), min_size=1, max_size=20
        ),
    )
    finnish = st.builds(BusinessId, scheme=st.just(FINNISH_BUSINESS_ID), value=ytunnus())
    return finnish | other


def postal_addresses() -> st.SearchStrategy[PostalAddress]:
    return st.builds(
        PostalAddress,
        street=optional(texts()),
        postal_code=optional(st.text(st.sampled_from(string.digits), min_size=5, max_size=5)),
        city=texts(),
        country=optional(country_codes()),
    )


def channels() -> st.SearchStrategy[Channel]:
    return st.builds(Channel, kind=st.sampled_from(ChannelKind), value=texts())


def contact_points() -> st.SearchStrategy[ContactPoint]:
    return st.builds(
        ContactPoint,
        kind=st.sampled_from(ContactKind),
        name=optional(texts()),
        channels=small_tuples(channels()),
        note=optional(texts()),
    )


def parties() -> st.SearchStrategy[Party]:
    return st.builds(
        Party,
        name=texts(),
        business_id=optional(business_ids()),
        address=optional(postal_addresses()),
        contact=optional(contact_points()),
    )


@st.composite
def dpo_statements(draw: st.DrawFn) -> DpoStatement:
    status = draw(st.sampled_from(DpoStatus))
    contact = draw(optional(contact_points())) if status is DpoStatus.APPOINTED else None
    return DpoStatement(status=status, contact=contact)


def month_days() -> st.SearchStrategy[MonthDay]:
    return st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)).map(
        lambda d: MonthDay(month=d.month, day=d.day)
    )


_OPT_TEXT = optional(texts(12))
_OPT_BUSINESS_ID = optional(business_ids())
_OPT_ADDRESS = optional(postal_addresses())
_OPT_COUNTRY = optional(country_codes())
_OPT_PARTY = optional(parties())
_DPO = dpo_statements()
_EMPLOYEES = optional(st.integers(min_value=0, max_value=500_000))
_RANGE = optional(st.sampled_from(["fewer than 250", "10-49", "over 1000"]))
_OPT_BOOL = optional(st.booleans())
_OPT_MONTH_DAY = optional(month_days())


@st.composite
def controllers(draw: st.DrawFn) -> Controller:
    """A controller; half of them bare (only a name, maybe), to keep notices small."""
    if not draw(st.booleans()):
        return Controller(name=draw(_OPT_TEXT), dpo=draw(_DPO))
    return Controller(
        name=draw(_OPT_TEXT),
        short_name=draw(_OPT_TEXT),
        business_id=draw(_OPT_BUSINESS_ID),
        address=draw(_OPT_ADDRESS),
        phone=draw(_OPT_TEXT),
        email=draw(_OPT_TEXT),
        website=draw(_OPT_TEXT),
        country=draw(_OPT_COUNTRY),
        representative=draw(_OPT_PARTY),
        dpo=draw(_DPO),
        employees=draw(_EMPLOYEES),
        employees_range=draw(_RANGE),
        public_authority=draw(_OPT_BOOL),
        targets_union=draw(_OPT_BOOL),
        financial_year_end=draw(_OPT_MONTH_DAY),
    )


def supervisory_authorities() -> st.SearchStrategy[SupervisoryAuthority]:
    return st.builds(
        SupervisoryAuthority,
        name=optional(texts()),
        country=optional(country_codes()),
        website=optional(texts()),
        contact=optional(contact_points()),
    )


def _known_rule_ids() -> list[str]:
    from gdpr_register.rules._engine import default_registry

    return sorted(item.id for item in default_registry())


def waivers(rule_ids: list[str] | None = None) -> st.SearchStrategy[Waiver]:
    """Waivers of ``rule_ids`` (default: the rules of the catalogue and installed plugins,
    read when the strategy is made, not in a timed draw; a document's waiver must name a
    rule that exists)."""
    rules = st.sampled_from(rule_ids or _known_rule_ids())
    return st.builds(
        Waiver,
        rule=rules,
        justification=texts(),
        path=optional(st.just("$.registers[0]")),
        expires=optional(dates()),
        acknowledged_by=optional(texts()),
    )


def section_references() -> st.SearchStrategy[SectionReference]:
    return st.builds(
        SectionReference,
        section=st.sampled_from(Section),
        reference=optional(texts()),
        text=optional(texts()),
    )


@st.composite
def coverages(draw: st.DrawFn, sections: list[Section] | None = None) -> Coverage:
    """A coverage marking some of ``sections`` (default: all) elsewhere or not assessed."""
    pool = sorted(sections if sections is not None else Section)
    chosen = draw(st.lists(st.sampled_from(pool), max_size=3, unique=True)) if pool else []
    split = draw(st.integers(min_value=0, max_value=len(chosen)))
    elsewhere = tuple(
        SectionReference(
            section=section, reference=draw(optional(texts())), text=draw(optional(texts()))
        )
        for section in chosen[:split]
    )
    return Coverage(
        elsewhere=elsewhere, not_assessed=tuple(chosen[split:]), note=draw(optional(texts()))
    )
