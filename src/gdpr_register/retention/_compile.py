"""Compiling a register's retention rules into per-category clocks and gaps.

Where each clock and gap comes from is specified in the docstring of
:mod:`gdpr_register.retention._policy`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gdpr_register.errors import InputError, Problem
from gdpr_register.law.statutes import ACCOUNTING_EVENTS, Statute, StatuteTable
from gdpr_register.model.enums import (
    DurationUnit,
    LawfulBasis,
    PurposeKind,
    RetentionKind,
    TriggerKind,
)
from gdpr_register.model.register import DataCategory, Register, RetentionRule
from gdpr_register.model.values import Duration, MonthDay
from gdpr_register.retention._clocks import (
    CALENDAR_YEAR,
    Aggregation,
    Anchor,
    CategoryPolicy,
    Clock,
    ClockKind,
    Gap,
    GapKind,
)
from gdpr_register.retention._kinds import EventKind

__all__ = ["MAX_ASSIGNMENTS", "compile_categories"]

# Bound on (category, clock or gap) pairs a policy may hold, as the loader bounds a document's
# values: compiling and every plan cost time in proportion to it, so a document whose rules
# multiply out past it (YAML aliases make that cheap) is refused instead of run for minutes.
MAX_ASSIGNMENTS = 2_000_000

_ZERO_DAYS = Duration(amount=0, unit=DurationUnit.DAYS)

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
    """Per category, the clocks and gaps in first-added order, each once.

    Membership is a dict lookup, so compiling is linear in the number of rules times the
    categories each covers (a list scan made it quadratic: 16,000 rules took 23 s).
    """

    def __init__(self, register: Register) -> None:
        self.register = register.id
        self.clocks: dict[str, dict[Clock, None]] = {c.id: {} for c in register.data_categories}
        self.gaps: dict[str, dict[Gap, None]] = {c.id: {} for c in register.data_categories}
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

    def gap(self, categories: Sequence[str], gap: Gap) -> None:
        self._spend(len(categories))
        for category in categories:
            self.gaps[category].setdefault(gap, None)


def compile_categories(
    register: Register, table: StatuteTable, country: str | None, year_end: MonthDay
) -> tuple[CategoryPolicy, ...]:
    """One :class:`CategoryPolicy` per data category, in the register's order."""
    build = _Builder(register)
    all_ids = [c.id for c in register.data_categories]
    for index, rule in enumerate(register.retention):
        _compile_rule(build, register, index, rule, all_ids, table, year_end)
    for category in register.data_categories:
        _compile_material(build, category, table, country, year_end)
    _compile_gdpr_events(build, register)
    return tuple(
        CategoryPolicy(
            category=c.id,
            name=c.name,
            clocks=tuple(build.clocks[c.id]),
            gaps=tuple(build.gaps[c.id]),
        )
        for c in register.data_categories
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

