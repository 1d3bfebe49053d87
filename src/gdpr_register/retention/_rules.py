"""Compiling one stated retention rule: periods, holds, alternatives, and what is not computable."""

from __future__ import annotations

from gdpr_register.law.statutes import StatuteTable
from gdpr_register.model.enums import RetentionKind
from gdpr_register.model.register import Register, RetentionRule
from gdpr_register.model.values import MonthDay
from gdpr_register.retention._build import Builder, make_clock, statute_clock
from gdpr_register.retention._clocks import ClockKind, Gap, GapKind

__all__ = ["compile_rule"]


def compile_rule(
    build: Builder,
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
        build.clock(targets, make_clock(
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
        build.clock(targets, make_clock(
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
            statute_clock(statute, f"{rule_id}:{statute.id}", year_end, index, rule.text),
        )
    else:
        build.gap(targets, Gap(
            kind=GapKind.UNCOMPUTABLE_HOLD, rule=index, statute=statute.id, text=rule.text,
            blocks_erasure=True, reason=f"{statute.citation}: {statute.note or 'no period'}",
        ))

