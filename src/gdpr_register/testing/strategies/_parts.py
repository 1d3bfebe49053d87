"""Draws of one register part each: bases, categories, recipients, transfers, retention,
rights and procedures."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from gdpr_register.model import (
    AutomatedDecisions,
    DataCategory,
    DataOrigin,
    Duration,
    DurationUnit,
    IdentityCheck,
    LawfulBasis,
    PartialDate,
    Provision,
    ProvisionRequirement,
    Purpose,
    Recipient,
    RecipientRole,
    Region,
    RequestCharge,
    RequestProcedure,
    RetentionEnd,
    RetentionKind,
    RetentionRule,
    RightCondition,
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
    Transfer,
    TransferDerogation,
    TransferMechanism,
    Trigger,
    TriggerKind,
)
from gdpr_register.testing.strategies._draws import (
    _AMOUNT,
    _CHANNELS,
    _DATE,
    _DESTINATION,
    _E,
    _ID,
    _INDEX,
    _MATERIAL,
    _MECHANISMS,
    _PURPOSE_KINDS,
    _RIGHT_KINDS,
    _STATUTES,
    _TEXT,
    _VALID_UNTIL_DAYS,
    _Bits,
    _count,
    _items,
    _refs,
    _unique_ids,
)


def _basis(draw: st.DrawFn, subject_ids: list[str]) -> StatedBasis:
    bits = _Bits(draw)
    text = bits.text()
    return StatedBasis(
        text=text,
        article=draw(_E[LawfulBasis]) if text is None or bits.flag() else None,
        law=bits.text(),
        interests=bits.text(),
        cited=bits.opt_bool(),
        subjects=_refs(draw, subject_ids) if bits.flag() else (),
    )


def _special_condition(draw: st.DrawFn) -> SpecialCondition:
    bits = _Bits(draw)
    text = bits.text()
    return SpecialCondition(
        text=text,
        article=draw(_E[SpecialCategoryCondition]) if text is None or bits.flag() else None,
        law=bits.text(),
        cited=bits.opt_bool(),
    )


def _purpose(
    draw: st.DrawFn, ident: str, category_ids: list[str], subject_ids: list[str]
) -> Purpose:
    bits = _Bits(draw)
    return Purpose(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        kinds=draw(_PURPOSE_KINDS) if bits.flag() else (),
        bases=_items(draw, _basis, 2, subject_ids) if bits.flag() else (),
        special_conditions=_items(draw, _special_condition, 1) if bits.flag() else (),
        categories=_refs(draw, category_ids) if bits.flag() else (),
    )


def _subject(draw: st.DrawFn, ident: str) -> SubjectCategory:
    bits = _Bits(draw)
    return SubjectCategory(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        includes_children=bits.opt_bool(),
    )


def _category(draw: st.DrawFn, ident: str) -> DataCategory:
    bits = _Bits(draw)
    return DataCategory(
        id=ident,
        name=draw(_TEXT),
        description=bits.text(),
        special=bits.opt(_E[SpecialCategory]),
        criminal=bits.flag(),
        material=draw(_MATERIAL) if bits.flag() else (),
        national_id=bits.flag(),
        provision=bits.opt(_E[ProvisionRequirement]),
        origin=bits.opt(_E[DataOrigin]),
    )


def _source(draw: st.DrawFn, ident: str, category_ids: list[str]) -> Source:
    bits = _Bits(draw)
    return Source(
        id=ident,
        kind=draw(_E[SourceKind]),
        name=bits.text(),
        description=bits.text(),
        publicly_accessible=bits.flag(),
        categories=_refs(draw, category_ids) if bits.flag() else (),
    )


def _partial_after(draw: st.DrawFn, bits: _Bits, start: date) -> PartialDate:
    until = start + timedelta(days=draw(_VALID_UNTIL_DAYS))
    if bits.flag():
        return PartialDate.of(until)
    if bits.flag():
        return PartialDate(year=until.year, month=until.month)
    return PartialDate(year=until.year)


def _recipient(draw: st.DrawFn, ident: str, category_ids: list[str]) -> Recipient:
    bits = _Bits(draw)
    valid_from = bits.opt(_DATE)
    valid_until = (
        _partial_after(draw, bits, valid_from or date(1990, 1, 1)) if bits.flag() else None
    )
    return Recipient(
        id=ident,
        name=draw(_TEXT),
        role=draw(_E[RecipientRole]),
        description=bits.text(),
        is_category=bits.flag(),
        country=bits.opt(_DESTINATION),
        dpf_certified=bits.opt_bool(),
        categories=_refs(draw, category_ids) if bits.flag() else (),
        valid_from=valid_from,
        valid_until=valid_until,
        arrangement=bits.text(),
        law=bits.text(),
    )


def _transfer(draw: st.DrawFn, recipient_ids: list[str]) -> Transfer:
    bits = _Bits(draw)
    mechanism = draw(_E[TransferMechanism])
    derogation = (
        bits.opt(_E[TransferDerogation]) if mechanism is TransferMechanism.DEROGATION else None
    )
    recipient = None
    if recipient_ids and bits.flag():
        recipient = recipient_ids[draw(_INDEX) % len(recipient_ids)]
    return Transfer(
        recipient=recipient,
        country=draw(_DESTINATION),
        region=bits.opt(_E[Region]),
        mechanism=mechanism,
        mechanism_text=bits.text(),
        derogation=derogation,
        copy_available=bits.text(),
        fallback=bits.opt(_E[TransferMechanism]),
        alternatives=draw(_MECHANISMS) if bits.flag() else (),
        possible=bits.flag(),
        concluded=bits.opt(_DATE),
        international_organisation=bits.text(),
        description=bits.text(),
    )


def _duration(draw: st.DrawFn) -> Duration:
    return Duration(
        amount=draw(_AMOUNT), unit=draw(_E[DurationUnit]), approximate=draw(st.booleans())
    )


def _trigger(draw: st.DrawFn) -> Trigger:
    bits = _Bits(draw)
    kind = draw(_E[TriggerKind])
    events = _unique_ids(draw, _count(draw, 2)) if bits.flag() else []
    if kind is TriggerKind.NAMED_EVENT and not events:
        events = [draw(_ID)]
    return Trigger(kind=kind, events=tuple(events), year_end=bits.flag())


def _retention(
    draw: st.DrawFn,
    category_ids: list[str],
    subject_ids: list[str],
    max_alternatives: int = 1,
) -> RetentionRule:
    bits = _Bits(draw)
    kind = draw(_E[RetentionKind])
    alternatives = (
        _items(draw, _retention, max_alternatives, category_ids, subject_ids, 0)
        if max_alternatives and bits.flag()
        else ()
    )
    period = _duration(draw) if bits.flag() and kind is not RetentionKind.INDEFINITE else None
    return RetentionRule(
        text=draw(_TEXT),
        kind=kind,
        categories=_refs(draw, category_ids) if bits.flag() else (),
        subjects=_refs(draw, subject_ids) if bits.flag() else (),
        period=period,
        trigger=_trigger(draw) if bits.flag() else None,
        minimum=_duration(draw) if bits.flag() else None,
        maximum_only=bits.flag(),
        alternatives=alternatives,
        ends=bits.opt(_E[RetentionEnd]) if alternatives else None,
        condition=draw(_TEXT) if kind is RetentionKind.WHILE else bits.text(),
        statute=bits.opt(_STATUTES),
        law=bits.text(),
    )


def _security(draw: st.DrawFn) -> SecurityMeasure:
    return SecurityMeasure(kind=draw(_E[SecurityKind]), text=draw(_TEXT))


def _automated(draw: st.DrawFn) -> AutomatedDecisions:
    bits = _Bits(draw)
    return AutomatedDecisions(
        automated_decisions=bits.opt_bool(),
        profiling=bits.opt_bool(),
        text=bits.text(),
        logic=bits.text(),
        significance=bits.text(),
    )


def _procedure(draw: st.DrawFn) -> RequestProcedure:
    bits = _Bits(draw)
    return RequestProcedure(
        channels=draw(_CHANNELS) if bits.flag() else (),
        identity_check=draw(_E[IdentityCheck]),
        text=bits.text(),
        response_time=_duration(draw) if bits.flag() else None,
        charge=bits.opt(_E[RequestCharge]),
    )


def _right(draw: st.DrawFn, right: RightKind) -> StatedRight:
    bits = _Bits(draw)
    status = draw(_E[RightStatus])
    return StatedRight(
        right=right,
        status=status,
        condition=draw(_TEXT) if status is RightStatus.CONDITIONAL else bits.text(),
        condition_kind=bits.opt(_E[RightCondition]),
        reason=bits.text(),
        text=bits.text(),
        procedure=_procedure(draw) if bits.flag() else None,
        presented_separately=bits.flag(),
    )


def _rights(draw: st.DrawFn) -> tuple[StatedRight, ...]:
    return tuple(_right(draw, kind) for kind in draw(_RIGHT_KINDS))


def _provision(draw: st.DrawFn) -> Provision:
    bits = _Bits(draw)
    return Provision(
        requirement=draw(_E[ProvisionRequirement]),
        obliged=bits.opt_bool(),
        consequences=bits.text(),
        text=bits.text(),
    )
