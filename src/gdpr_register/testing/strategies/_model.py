"""Hypothesis strategies for the domain model: sound, so every value they give is valid.

Cross-field invariants (unique ids, references to defined categories and recipients, a
valid Y-tunnus check digit) are built in with ``@st.composite``, never filtered for.
"""

from __future__ import annotations

import string
from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from gdpr_register.model import (
    FINNISH_BUSINESS_ID,
    AutomatedDecisions,
    BusinessId,
    Channel,
    ChannelKind,
    ContactKind,
    ContactPoint,
    Controller,
    DataCategory,
    DpoStatement,
    DpoStatus,
    Duration,
    DurationUnit,
    EntryKind,
    IdentityCheck,
    LawfulBasis,
    MonthDay,
    Notice,
    NoticeKind,
    Party,
    PostalAddress,
    Provision,
    ProvisionRequirement,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientRole,
    Register,
    RequestProcedure,
    RetentionKind,
    RetentionRule,
    RightKind,
    RightStatus,
    SecurityKind,
    SecurityMeasure,
    Source,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    SpecialCondition,
    StatedBasis,
    StatedRight,
    SubjectCategory,
    SubjectEvent,
    SupervisoryAuthority,
    Transfer,
    TransferDerogation,
    TransferMechanism,
    Trigger,
    TriggerKind,
    Waiver,
)
from gdpr_register.model.countries import COUNTRY_NAMES, UNKNOWN_COUNTRY
from gdpr_register.model.values import ytunnus_check_digit

__all__ = [
    "automated_decisions",
    "business_ids",
    "channels",
    "contact_points",
    "controllers",
    "country_codes",
    "data_categories",
    "dates",
    "dpo_statements",
    "durations",
    "identifiers",
    "month_days",
    "notices",
    "parties",
    "postal_addresses",
    "provisions",
    "purposes",
    "recipients",
    "registers",
    "request_procedures",
    "retention_rules",
    "security_measures",
    "sources",
    "special_conditions",
    "stated_bases",
    "stated_rights",
    "subject_categories",
    "subject_events",
    "supervisory_authorities",
    "texts",
    "transfers",
    "triggers",
    "waivers",
    "ytunnus",
]

T = TypeVar("T")

_TEXT_ALPHABET = st.characters(
    blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"),
)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text without control characters (Finnish letters and emoji included)."""
    return st.text(_TEXT_ALPHABET, min_size=1, max_size=max_size).filter(lambda s: bool(s.strip()))


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def identifiers() -> st.SearchStrategy[str]:
    first = string.ascii_letters + string.digits
    rest = first + "-_."
    return st.builds(
        lambda a, b: a + b,
        st.sampled_from(first),
        st.text(st.sampled_from(rest), max_size=15),
    )


def dates(
    min_value: date = date(1990, 1, 1), max_value: date = date(2040, 12, 31)
) -> st.SearchStrategy[date]:
    return st.dates(min_value=min_value, max_value=max_value)


def country_codes() -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(COUNTRY_NAMES))


def _unique_by_id(strategy: st.SearchStrategy[Any], max_size: int) -> st.SearchStrategy[Any]:
    return st.lists(strategy, max_size=max_size, unique_by=lambda item: item.id).map(tuple)


@st.composite
def ytunnus(draw: st.DrawFn) -> str:
    """A Finnish business ID with a correct check digit."""
    body = draw(
        st.text(st.sampled_from(string.digits), min_size=7, max_size=7).filter(
            lambda b: ytunnus_check_digit(b) is not None
        )
    )
    return f"{body}-{ytunnus_check_digit(body)}"


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
        street=texts(),
        postal_code=_optional(st.text(st.sampled_from(string.digits), min_size=5, max_size=5)),
        city=texts(),
        country=_optional(country_codes()),
    )


def channels() -> st.SearchStrategy[Channel]:
    return st.builds(Channel, kind=st.sampled_from(ChannelKind), value=texts())


def contact_points() -> st.SearchStrategy[ContactPoint]:
    return st.builds(
        ContactPoint,
        kind=st.sampled_from(ContactKind),
        name=_optional(texts()),
        channels=st.lists(channels(), max_size=3).map(tuple),
        note=_optional(texts()),
    )


def parties() -> st.SearchStrategy[Party]:
    return st.builds(
        Party,
        name=texts(),
        business_id=_optional(business_ids()),
        address=_optional(postal_addresses()),
        contact=_optional(contact_points()),
    )


@st.composite
def dpo_statements(draw: st.DrawFn) -> DpoStatement:
    status = draw(st.sampled_from(DpoStatus))
    contact = draw(_optional(contact_points())) if status is DpoStatus.APPOINTED else None
    return DpoStatement(status=status, contact=contact)


def month_days() -> st.SearchStrategy[MonthDay]:
    return st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31)).map(
        lambda d: MonthDay(month=d.month, day=d.day)
    )


def controllers() -> st.SearchStrategy[Controller]:
    return st.builds(
        Controller,
        name=texts(),
        short_name=_optional(texts()),
        business_id=_optional(business_ids()),
        address=_optional(postal_addresses()),
        phone=_optional(texts(20)),
        email=_optional(texts(30)),
        website=_optional(texts(30)),
        country=_optional(country_codes()),
        representative=_optional(parties()),
        dpo=dpo_statements(),
        employees=_optional(st.integers(min_value=0, max_value=500_000)),
        public_authority=st.booleans(),
        financial_year_end=_optional(month_days()),
    )


@st.composite
def stated_bases(draw: st.DrawFn) -> StatedBasis:
    text = draw(_optional(texts()))
    article = draw(
        st.sampled_from(LawfulBasis) if text is None else _optional(st.sampled_from(LawfulBasis))
    )
    return StatedBasis(
        text=text,
        article=article,
        law=draw(_optional(texts())),
        interests=draw(_optional(texts())),
    )


@st.composite
def special_conditions(draw: st.DrawFn) -> SpecialCondition:
    text = draw(_optional(texts()))
    conditions = st.sampled_from(SpecialCategoryCondition)
    article = draw(conditions if text is None else _optional(conditions))
    return SpecialCondition(text=text, article=article, law=draw(_optional(texts())))


def _ref_tuple(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), max_size=3, unique=True).map(tuple)


def purposes(category_ids: list[str] | None = None) -> st.SearchStrategy[Purpose]:
    return st.builds(
        Purpose,
        id=identifiers(),
        name=texts(),
        description=_optional(texts()),
        kinds=st.lists(st.sampled_from(PurposeKind), max_size=3, unique=True).map(tuple),
        bases=st.lists(stated_bases(), max_size=3).map(tuple),
        special_conditions=st.lists(special_conditions(), max_size=2).map(tuple),
        categories=_ref_tuple(category_ids or []),
    )


def subject_categories() -> st.SearchStrategy[SubjectCategory]:
    return st.builds(
        SubjectCategory,
        id=identifiers(),
        name=texts(),
        description=_optional(texts()),
        includes_children=st.booleans(),
    )


def data_categories() -> st.SearchStrategy[DataCategory]:
    return st.builds(
        DataCategory,
        id=identifiers(),
        name=texts(),
        description=_optional(texts()),
        special=_optional(st.sampled_from(SpecialCategory)),
        criminal=st.booleans(),
        material=st.lists(
            st.sampled_from(["accounting-voucher", "accounting-books", "employment-record"]),
            max_size=2,
            unique=True,
        ).map(tuple),
    )


def sources(category_ids: list[str] | None = None) -> st.SearchStrategy[Source]:
    return st.builds(
        Source,
        id=identifiers(),
        kind=st.sampled_from(SourceKind),
        name=_optional(texts()),
        description=_optional(texts()),
        publicly_accessible=st.booleans(),
        categories=_ref_tuple(category_ids or []),
    )


def _destinations() -> st.SearchStrategy[str]:
    return country_codes() | st.just(UNKNOWN_COUNTRY)


@st.composite
def recipients(draw: st.DrawFn, category_ids: list[str] | None = None) -> Recipient:
    valid_from = draw(_optional(dates()))
    valid_until = draw(_optional(dates(min_value=valid_from or date(1990, 1, 1))))
    return Recipient(
        id=draw(identifiers()),
        name=draw(texts()),
        role=draw(st.sampled_from(RecipientRole)),
        description=draw(_optional(texts())),
        is_category=draw(st.booleans()),
        country=draw(_optional(_destinations())),
        dpf_certified=draw(_optional(st.booleans())),
        categories=draw(_ref_tuple(category_ids or [])),
        valid_from=valid_from,
        valid_until=valid_until,
        arrangement=draw(_optional(texts())),
    )


@st.composite
def transfers(draw: st.DrawFn, recipient_ids: list[str] | None = None) -> Transfer:
    mechanism = draw(st.sampled_from(TransferMechanism))
    derogation = (
        draw(_optional(st.sampled_from(TransferDerogation)))
        if mechanism is TransferMechanism.DEROGATION
        else None
    )
    recipient = draw(_optional(st.sampled_from(recipient_ids))) if recipient_ids else None
    return Transfer(
        recipient=recipient,
        country=draw(_destinations()),
        mechanism=mechanism,
        mechanism_text=draw(_optional(texts())),
        derogation=derogation,
        copy_available=draw(_optional(texts())),
        fallback=draw(_optional(st.sampled_from(TransferMechanism))),
        concluded=draw(_optional(dates())),
        international_organisation=draw(_optional(texts())),
        description=draw(_optional(texts())),
    )


def durations() -> st.SearchStrategy[Duration]:
    return st.builds(
        Duration, amount=st.integers(min_value=0, max_value=30), unit=st.sampled_from(DurationUnit)
    )


@st.composite
def triggers(draw: st.DrawFn) -> Trigger:
    kind = draw(st.sampled_from(TriggerKind))
    needs_events = kind in (TriggerKind.LAST_CONTACT, TriggerKind.NAMED_EVENT)
    events = draw(
        st.lists(identifiers(), min_size=1 if needs_events else 0, max_size=3, unique=True)
    )
    return Trigger(kind=kind, events=tuple(events))


@st.composite
def retention_rules(draw: st.DrawFn, category_ids: list[str] | None = None) -> RetentionRule:
    kind = draw(st.sampled_from(RetentionKind))
    computable = draw(st.booleans())
    return RetentionRule(
        text=draw(texts(80)),
        kind=kind,
        categories=draw(_ref_tuple(category_ids or [])),
        period=draw(durations()) if computable else None,
        trigger=draw(triggers()) if computable else None,
        condition=draw(texts()) if kind is RetentionKind.WHILE else draw(_optional(texts())),
        statute=draw(_optional(st.sampled_from(["FI_KPL_2_10_SHORT", "FI_KPL_2_10_LONG"]))),
        law=draw(_optional(texts())),
    )


def security_measures() -> st.SearchStrategy[SecurityMeasure]:
    return st.builds(SecurityMeasure, kind=st.sampled_from(SecurityKind), text=texts())


def automated_decisions() -> st.SearchStrategy[AutomatedDecisions]:
    return st.builds(
        AutomatedDecisions,
        automated_decisions=st.booleans(),
        profiling=st.booleans(),
        text=_optional(texts()),
        logic=_optional(texts()),
        significance=_optional(texts()),
    )


def request_procedures() -> st.SearchStrategy[RequestProcedure]:
    return st.builds(
        RequestProcedure,
        channels=st.lists(channels(), max_size=3).map(tuple),
        identity_check=st.sampled_from(IdentityCheck),
        text=_optional(texts()),
    )


@st.composite
def stated_rights(draw: st.DrawFn, right: RightKind | None = None) -> StatedRight:
    status = draw(st.sampled_from(RightStatus))
    condition = draw(texts()) if status is RightStatus.CONDITIONAL else draw(_optional(texts()))
    return StatedRight(
        right=right if right is not None else draw(st.sampled_from(RightKind)),
        status=status,
        condition=condition,
        reason=draw(_optional(texts())),
        text=draw(_optional(texts())),
        procedure=draw(_optional(request_procedures())),
        presented_separately=draw(st.booleans()),
    )


def provisions() -> st.SearchStrategy[Provision]:
    return st.builds(
        Provision,
        requirement=st.sampled_from(ProvisionRequirement),
        obliged=_optional(st.booleans()),
        consequences=_optional(texts()),
        text=_optional(texts()),
    )


@st.composite
def registers(draw: st.DrawFn, max_items: int = 4) -> Register:
    """A register whose cross-references (categories, recipients) all resolve."""
    categories = draw(_unique_by_id(data_categories(), max_items))
    category_ids = [c.id for c in categories]
    recipient_list = draw(
        st.lists(recipients(category_ids), max_size=max_items, unique_by=lambda r: r.id).map(tuple)
    )
    recipient_ids = [r.id for r in recipient_list]
    rights = draw(st.lists(st.sampled_from(RightKind), max_size=len(RightKind), unique=True))
    return Register(
        id=draw(identifiers()),
        name=draw(texts()),
        kind=draw(st.sampled_from(EntryKind)),
        description=draw(_optional(texts())),
        purposes=draw(_unique_by_id(purposes(category_ids), max_items)),
        pooled_bases=tuple(draw(st.lists(stated_bases(), max_size=3))),
        data_subjects=draw(_unique_by_id(subject_categories(), max_items)),
        data_categories=categories,
        sources=draw(_unique_by_id(sources(category_ids), max_items)),
        recipients=recipient_list,
        transfers=tuple(draw(st.lists(transfers(recipient_ids), max_size=max_items))),
        retention=tuple(draw(st.lists(retention_rules(category_ids), max_size=max_items))),
        security=tuple(draw(st.lists(security_measures(), max_size=3))),
        automated_decisions=draw(_optional(automated_decisions())),
        rights=tuple(draw(stated_rights(right)) for right in rights),
        request_procedure=draw(_optional(request_procedures())),
        provision=draw(_optional(provisions())),
        automated_processing=draw(_optional(st.booleans())),
        occasional=draw(_optional(st.booleans())),
        likely_risk=draw(_optional(st.booleans())),
        large_scale=draw(_optional(st.booleans())),
        systematic_monitoring=draw(_optional(st.booleans())),
        record_kept=draw(_optional(st.booleans())),
    )


def supervisory_authorities() -> st.SearchStrategy[SupervisoryAuthority]:
    return st.builds(
        SupervisoryAuthority,
        name=texts(),
        country=_optional(country_codes()),
        website=_optional(texts()),
        contact=_optional(contact_points()),
    )


def waivers(rule_ids: list[str] | None = None) -> st.SearchStrategy[Waiver]:
    rules = st.sampled_from(rule_ids) if rule_ids else identifiers()
    return st.builds(
        Waiver,
        rule=rules,
        justification=texts(),
        path=_optional(st.just("$.registers[0]")),
        expires=_optional(dates()),
        acknowledged_by=_optional(texts()),
    )


@st.composite
def notices(draw: st.DrawFn, max_registers: int = 3) -> Notice:
    """A notice with 1..max_registers registers of distinct ids and names."""
    register_list = draw(
        st.lists(
            registers(),
            min_size=1,
            max_size=max_registers,
            unique_by=(lambda r: r.id, lambda r: r.name.strip().casefold()),
        )
    )
    return Notice(
        id=draw(identifiers()),
        title=draw(texts()),
        kind=draw(st.sampled_from(NoticeKind)),
        language=draw(st.sampled_from(["fi", "sv", "en"])),
        updated=draw(_optional(dates())),
        version=draw(_optional(texts(10))),
        source=draw(_optional(texts())),
        controller=draw(controllers()),
        joint_controllers=tuple(draw(st.lists(parties(), max_size=2))),
        contact_points=tuple(draw(st.lists(contact_points(), max_size=2))),
        registers=tuple(register_list),
        supervisory_authority=draw(_optional(supervisory_authorities())),
        cited_laws=tuple(draw(st.lists(texts(), max_size=2))),
        waivers=tuple(draw(st.lists(waivers(), max_size=2))),
    )


def subject_events(
    subjects: st.SearchStrategy[str] | None = None,
    kinds: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[SubjectEvent]:
    return st.builds(
        SubjectEvent,
        subject=subjects if subjects is not None else st.text(min_size=1, max_size=20),
        kind=kinds if kinds is not None else identifiers(),
        on=dates(),
        details=_optional(texts()),
    )
