"""Compiling a register's retention rules into per-category clocks and gaps.

Where each clock and gap comes from is specified in the docstring of
:mod:`gdpr_register.retention._policy`.
"""

from __future__ import annotations

from gdpr_register.law.statutes import StatuteTable
from gdpr_register.model.enums import (
    DurationUnit,
    LawfulBasis,
    PurposeKind,
)
from gdpr_register.model.register import DataCategory, Register
from gdpr_register.model.values import Duration, MonthDay
from gdpr_register.retention._build import Builder, statute_clock
from gdpr_register.retention._clocks import (
    Aggregation,
    CategoryPolicy,
    Clock,
    ClockKind,
    Gap,
    GapKind,
)
from gdpr_register.retention._kinds import EventKind
from gdpr_register.retention._rules import compile_rule

_ZERO_DAYS = Duration(amount=0, unit=DurationUnit.DAYS)


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



def compile_categories(
    register: Register, table: StatuteTable, country: str | None, year_end: MonthDay
) -> tuple[CategoryPolicy, ...]:
    """One :class:`CategoryPolicy` per data category, in the register's order."""
    build = Builder(register)
    all_ids = [c.id for c in register.data_categories]
    for index, rule in enumerate(register.retention):
        compile_rule(build, register, index, rule, all_ids, table, year_end)
    for category in register.data_categories:
        _compile_material(build, category, table, country, year_end)
    _compile_gdpr_events(build, register)
    return tuple(
        CategoryPolicy(
            category=c.id,
            name=c.name,
            clocks=tuple(build.clocks[c.id]),
            gaps=tuple(build.gaps[c.id]),
            groups=tuple(build.groups[c.id]),
        )
        for c in register.data_categories
    )



def _compile_material(
    build: Builder,
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
                    statute_clock(statute, f"statute:{statute.id}", year_end, None, None),
                )
            else:
                build.gap([category.id], Gap(
                    kind=GapKind.UNCOMPUTABLE_HOLD, statute=statute.id, blocks_erasure=True,
                    reason=f"{statute.citation}: {statute.note or 'no period'}",
                ))



def _compile_gdpr_events(build: Builder, register: Register) -> None:
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


