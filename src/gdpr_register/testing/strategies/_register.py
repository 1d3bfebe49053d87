"""Strategies for registers, their parts, the shared block and whole notices."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from hypothesis import strategies as st

from gdpr_register.model import (
    AutomatedDecisions,
    DataCategory,
    DataOrigin,
    Duration,
    DurationUnit,
    EntryKind,
    IdentityCheck,
    LawfulBasis,
    Notice,
    NoticeKind,
    Provision,
    ProvisionRequirement,
    Purpose,
    PurposeKind,
    Recipient,
    RecipientRole,
    Region,
    Register,
    RequestCharge,
    RequestProcedure,
    RetentionEnd,
    RetentionKind,
    RetentionRule,
    RightCondition,
    RightKind,
    RightStatus,
    Section,
    SecurityKind,
    SecurityMeasure,
    SharedStatements,
    Source,
    SourceKind,
    SpecialCategory,
    SpecialCategoryCondition,
    SpecialCondition,
    StatedBasis,
    StatedRight,
    SubjectCategory,
    SubjectEvent,
    Transfer,
    TransferDerogation,
    TransferMechanism,
    Trigger,
    TriggerKind,
)
from gdpr_register.model.countries import UNKNOWN_COUNTRY
from gdpr_register.model.register import NOTICE_SECTIONS, states
from gdpr_register.testing.strategies._model import (
    channels,
    contact_points,
    controllers,
    coverages,
    dates,
    identifiers,
    optional,
    partial_dates,
    parties,
    small_tuples,
    supervisory_authorities,
    texts,
    unique_by_id,
    waivers,
)

__all__ = [
    "automated_decisions",
    "data_categories",
    "durations",
    "notices",
    "provisions",
    "purposes",
    "recipients",
    "registers",
    "request_procedures",
    "retention_rules",
    "security_measures",
    "shared_statements",
    "sources",
    "special_conditions",
    "stated_bases",
    "stated_rights",
    "subject_categories",
    "subject_events",
    "transfers",
    "triggers",
]


def _refs(ids: list[str]) -> st.SearchStrategy[tuple[str, ...]]:
    if not ids:
        return st.just(())
    return st.lists(st.sampled_from(ids), max_size=2, unique=True).map(tuple)


@st.composite
def stated_bases(draw: st.DrawFn, subject_ids: list[str] | None = None) -> StatedBasis:
    text = draw(optional(texts()))
    article = draw(
        st.sampled_from(LawfulBasis) if text is None else optional(st.sampled_from(LawfulBasis))
    )
    return StatedBasis(
        text=text,
        article=article,
        law=draw(optional(texts())),
        interests=draw(optional(texts())),
        cited=draw(optional(st.booleans())),
        subjects=draw(_refs(subject_ids or [])),
    )


@st.composite
def special_conditions(draw: st.DrawFn) -> SpecialCondition:
    text = draw(optional(texts()))
    conditions = st.sampled_from(SpecialCategoryCondition)
    article = draw(conditions if text is None else optional(conditions))
    return SpecialCondition(
        text=text, article=article, law=draw(optional(texts())), cited=draw(optional(st.booleans()))
    )


def purposes(
    category_ids: list[str] | None = None, subject_ids: list[str] | None = None
) -> st.SearchStrategy[Purpose]:
    return st.builds(
        Purpose,
        id=identifiers(),
        name=texts(),
        description=optional(texts()),
        kinds=st.lists(st.sampled_from(PurposeKind), max_size=2, unique=True).map(tuple),
        bases=small_tuples(stated_bases(subject_ids)),
        special_conditions=small_tuples(special_conditions(), 1),
        categories=_refs(category_ids or []),
    )


def subject_categories() -> st.SearchStrategy[SubjectCategory]:
    return st.builds(
        SubjectCategory,
        id=identifiers(),
        name=texts(),
        description=optional(texts()),
        includes_children=optional(st.booleans()),
    )


def data_categories() -> st.SearchStrategy[DataCategory]:
    return st.builds(
        DataCategory,
        id=identifiers(),
        name=texts(),
        description=optional(texts()),
        special=optional(st.sampled_from(SpecialCategory)),
        criminal=st.booleans(),
        material=st.lists(
            st.sampled_from(["accounting-voucher", "accounting-books", "employment-record"]),
            max_size=2,
            unique=True,
        ).map(tuple),
        national_id=st.booleans(),
        provision=optional(st.sampled_from(ProvisionRequirement)),
        origin=optional(st.sampled_from(DataOrigin)),
    )


def sources(category_ids: list[str] | None = None) -> st.SearchStrategy[Source]:
    return st.builds(
        Source,
        id=identifiers(),
        kind=st.sampled_from(SourceKind),
        name=optional(texts()),
        description=optional(texts()),
        publicly_accessible=st.booleans(),
        categories=_refs(category_ids or []),
    )


def _destinations() -> st.SearchStrategy[str]:
    from gdpr_register.testing.strategies._model import country_codes

    return country_codes() | st.just(UNKNOWN_COUNTRY)


@st.composite
def recipients(draw: st.DrawFn, category_ids: list[str] | None = None) -> Recipient:
    valid_from = draw(optional(dates()))
    valid_until = draw(optional(partial_dates(min_value=valid_from or date(1990, 1, 1))))
    return Recipient(
        id=draw(identifiers()),
        name=draw(texts()),
        role=draw(st.sampled_from(RecipientRole)),
        description=draw(optional(texts())),
        is_category=draw(st.booleans()),
        country=draw(optional(_destinations())),
        dpf_certified=draw(optional(st.booleans())),
        categories=draw(_refs(category_ids or [])),
        valid_from=valid_from,
        valid_until=valid_until,
        arrangement=draw(optional(texts())),
        law=draw(optional(texts())),
    )


@st.composite
def transfers(draw: st.DrawFn, recipient_ids: list[str] | None = None) -> Transfer:
    mechanism = draw(st.sampled_from(TransferMechanism))
    derogation = (
        draw(optional(st.sampled_from(TransferDerogation)))
        if mechanism is TransferMechanism.DEROGATION
        else None
    )
    recipient = draw(optional(st.sampled_from(recipient_ids))) if recipient_ids else None
    return Transfer(
        recipient=recipient,
        country=draw(_destinations()),
        region=draw(optional(st.sampled_from(Region))),
        mechanism=mechanism,
        mechanism_text=draw(optional(texts())),
        derogation=derogation,
        copy_available=draw(optional(texts())),
        fallback=draw(optional(st.sampled_from(TransferMechanism))),
        alternatives=draw(
            st.lists(st.sampled_from(TransferMechanism), max_size=2, unique=True).map(tuple)
        ),
        possible=draw(st.booleans()),
        concluded=draw(optional(dates())),
        international_organisation=draw(optional(texts())),
        description=draw(optional(texts())),
    )


def durations() -> st.SearchStrategy[Duration]:
    return st.builds(
        Duration,
        amount=st.integers(min_value=0, max_value=30),
        unit=st.sampled_from(DurationUnit),
        approximate=st.booleans(),
    )


@st.composite
def triggers(draw: st.DrawFn) -> Trigger:
    kind = draw(st.sampled_from(TriggerKind))
    needs_events = kind is TriggerKind.NAMED_EVENT
    events = draw(
        st.lists(identifiers(), min_size=1 if needs_events else 0, max_size=2, unique=True)
    )
    return Trigger(kind=kind, events=tuple(events), year_end=draw(st.booleans()))


_STATUTES = ["FI_KPL_2_10_SHORT", "FI_KPL_2_10_LONG"]


@st.composite
def retention_rules(
    draw: st.DrawFn,
    category_ids: list[str] | None = None,
    subject_ids: list[str] | None = None,
    max_alternatives: int = 1,
) -> RetentionRule:
    kind = draw(st.sampled_from(RetentionKind))
    alternatives = tuple(
        draw(
            st.lists(
                retention_rules(category_ids, subject_ids, max_alternatives=0),
                max_size=max_alternatives,
            )
        )
        if max_alternatives
        else ()
    )
    return RetentionRule(
        text=draw(texts(60)),
        kind=kind,
        categories=draw(_refs(category_ids or [])),
        subjects=draw(_refs(subject_ids or [])),
        period=None if kind is RetentionKind.INDEFINITE else draw(optional(durations())),
        trigger=draw(optional(triggers())),
        minimum=draw(optional(durations())),
        maximum_only=draw(st.booleans()),
        alternatives=alternatives,
        ends=draw(optional(st.sampled_from(RetentionEnd))) if alternatives else None,
        condition=draw(texts()) if kind is RetentionKind.WHILE else draw(optional(texts())),
        statute=draw(optional(st.sampled_from(_STATUTES))),
        law=draw(optional(texts())),
    )


def security_measures() -> st.SearchStrategy[SecurityMeasure]:
    return st.builds(SecurityMeasure, kind=st.sampled_from(SecurityKind), text=texts())


def automated_decisions() -> st.SearchStrategy[AutomatedDecisions]:
    return st.builds(
        AutomatedDecisions,
        automated_decisions=optional(st.booleans()),
        profiling=optional(st.booleans()),
        text=optional(texts()),
        logic=optional(texts()),
        significance=optional(texts()),
    )


def request_procedures() -> st.SearchStrategy[RequestProcedure]:
    return st.builds(
        RequestProcedure,
        channels=small_tuples(channels()),
        identity_check=st.sampled_from(IdentityCheck),
        text=optional(texts()),
        response_time=optional(durations()),
        charge=optional(st.sampled_from(RequestCharge)),
    )


@st.composite
def stated_rights(draw: st.DrawFn, right: RightKind | None = None) -> StatedRight:
    status = draw(st.sampled_from(RightStatus))
    condition = draw(texts()) if status is RightStatus.CONDITIONAL else draw(optional(texts()))
    return StatedRight(
        right=right if right is not None else draw(st.sampled_from(RightKind)),
        status=status,
        condition=condition,
        condition_kind=draw(optional(st.sampled_from(RightCondition))),
        reason=draw(optional(texts())),
        text=draw(optional(texts())),
        procedure=draw(optional(request_procedures())),
        presented_separately=draw(st.booleans()),
    )


def provisions() -> st.SearchStrategy[Provision]:
    return st.builds(
        Provision,
        requirement=st.sampled_from(ProvisionRequirement),
        obliged=optional(st.booleans()),
        consequences=optional(texts()),
        text=optional(texts()),
    )


def _rights(draw: st.DrawFn, max_items: int) -> tuple[StatedRight, ...]:
    kinds = draw(st.lists(st.sampled_from(RightKind), max_size=max_items + 1, unique=True))
    return tuple(draw(stated_rights(kind)) for kind in kinds)


_REGISTER_SECTIONS = sorted(set(Section) - NOTICE_SECTIONS)


def _marks(draw: st.DrawFn, holder: Any, coverage: bool) -> dict[str, Any]:
    """``none`` (and ``coverage``) for sections ``holder`` does not state."""
    silent = [s for s in _REGISTER_SECTIONS if not states(holder, s)]
    if not silent:
        return {}
    marked = draw(st.lists(st.sampled_from(silent), max_size=3, unique=True))
    split = draw(st.integers(min_value=0, max_value=len(marked)))
    found: dict[str, Any] = {"none": tuple(marked[:split])}
    if coverage and split < len(marked):
        found["coverage"] = draw(optional(coverages(marked[split:])))
    return found


@st.composite
def registers(draw: st.DrawFn, max_items: int = 2) -> Register:
    """A register whose cross-references (categories, recipients, subjects) all resolve,
    with some unstated sections marked none, elsewhere or not assessed."""
    categories = draw(unique_by_id(data_categories(), max_items))
    category_ids = [c.id for c in categories]
    subjects = draw(unique_by_id(subject_categories(), max_items))
    subject_ids = [s.id for s in subjects]
    recipient_list = draw(unique_by_id(recipients(category_ids), max_items))
    recipient_ids = [r.id for r in recipient_list]
    base = Register(
        id=draw(identifiers()),
        name=draw(optional(texts())),
        kind=draw(st.sampled_from(EntryKind)),
        description=draw(optional(texts())),
        purposes=draw(unique_by_id(purposes(category_ids, subject_ids), max_items)),
        purposes_non_exhaustive=draw(st.booleans()),
        pooled_bases=draw(small_tuples(stated_bases(subject_ids), max_items)),
        data_subjects=subjects,
        data_categories=categories,
        categories_non_exhaustive=draw(st.booleans()),
        sources=draw(unique_by_id(sources(category_ids), max_items)),
        recipients=recipient_list,
        recipients_non_exhaustive=draw(st.booleans()),
        transfers=draw(small_tuples(transfers(recipient_ids), max_items)),
        retention=draw(small_tuples(retention_rules(category_ids, subject_ids), max_items)),
        security=draw(small_tuples(security_measures(), max_items)),
        automated_decisions=draw(optional(automated_decisions())),
        rights=_rights(draw, max_items),
        request_procedure=draw(optional(request_procedures())),
        provision=draw(optional(provisions())),
        consents=draw(small_tuples(texts(), 1)),
        automated_processing=draw(optional(st.booleans())),
        information_society_service=draw(optional(st.booleans())),
        occasional=draw(optional(st.booleans())),
        likely_risk=draw(optional(st.booleans())),
        large_scale=draw(optional(st.booleans())),
        systematic_monitoring=draw(optional(st.booleans())),
        record_kept=draw(optional(st.booleans())),
    )
    marks = _marks(draw, base, coverage=True)
    return attrs.evolve(base, **marks) if marks else base


@st.composite
def shared_statements(draw: st.DrawFn, max_items: int = 2) -> SharedStatements:
    """A shared block without cross-references (so any register can inherit from it)."""
    base = SharedStatements(
        data_subjects=draw(unique_by_id(subject_categories(), max_items)),
        data_categories=draw(unique_by_id(data_categories(), max_items)),
        sources=draw(unique_by_id(sources(), 1)),
        recipients=draw(unique_by_id(recipients(), max_items)),
        transfers=draw(small_tuples(transfers(), 1)),
        retention=draw(small_tuples(retention_rules(max_alternatives=0), 1)),
        security=draw(small_tuples(security_measures(), 1)),
        automated_decisions=draw(optional(automated_decisions())),
        rights=_rights(draw, max_items),
        request_procedure=draw(optional(request_procedures())),
        provision=draw(optional(provisions())),
        consents=draw(small_tuples(texts(), 1)),
    )
    marks = _marks(draw, base, coverage=False)
    return attrs.evolve(base, **marks) if marks else base


def _name_key(register: Register) -> object:
    return register.name.strip().casefold() if register.name is not None else ("id", register.id)


@st.composite
def notices(draw: st.DrawFn, max_registers: int = 2, max_items: int = 2) -> Notice:
    """A notice with 1..max_registers registers of distinct ids and names, sometimes with a
    shared block the registers inherit from and a notice-wide coverage."""
    register_list = draw(
        st.lists(
            registers(max_items),
            min_size=1,
            max_size=max_registers,
            unique_by=(lambda r: r.id, _name_key),
        )
    )
    shared = draw(optional(shared_statements(max_items)))
    return Notice(
        id=draw(identifiers()),
        title=draw(optional(texts())),
        kind=draw(st.sampled_from(NoticeKind)),
        language=draw(st.sampled_from(["fi", "sv", "en"])),
        updated=draw(optional(partial_dates())),
        version=draw(optional(texts(10))),
        source=draw(optional(texts())),
        controller=draw(controllers()),
        joint_controllers=draw(small_tuples(parties(), 1)),
        contact_points=draw(small_tuples(contact_points(), 1)),
        registers=tuple(register_list),
        supervisory_authority=draw(optional(supervisory_authorities())),
        cited_laws=draw(small_tuples(texts(), 1)),
        waivers=draw(small_tuples(waivers(), 1)),
        shared=shared,
        coverage=draw(optional(coverages())),
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
        details=optional(texts()),
    )
