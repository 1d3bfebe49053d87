"""Compiling one stated retention rule: periods, holds, alternatives, and what is not computable."""

from __future__ import annotations

import attrs

from gdpr_register.law.statutes import StatuteTable
from gdpr_register.model.enums import RetentionEnd, RetentionKind, TriggerKind
from gdpr_register.model.register import Register, RetentionRule
from gdpr_register.model.values import MonthDay
from gdpr_register.retention._build import Builder, make_clock, statute_clock
from gdpr_register.retention._clocks import Clock, ClockKind, Gap, GapKind

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
    if rule.kind is RetentionKind.INDEFINITE:
        build.gap(targets, Gap(
            kind=GapKind.INDEFINITE, rule=index, text=rule.text,
            reason="the notice states these data are kept indefinitely: no erase-by date",
        ))
        return
    if rule.kind is RetentionKind.PERIOD and rule.subjects:
        build.gap(targets, Gap(
            kind=GapKind.SUBJECT_GROUP, rule=index, text=rule.text,
            reason=f"the period is stated only for data subjects of {', '.join(rule.subjects)}; "
            "a subject's group is not known here, and the period must not be applied to "
            "every subject",
        ))
        return
    if rule.kind is RetentionKind.PERIOD and rule.alternatives:
        _compile_alternatives(build, index, rule, targets, year_end)
        return
    if rule.kind is RetentionKind.PERIOD:
        problem = _problem(rule)
        if problem is None:
            build.clock(targets, _rule_clock(rule_id, ClockKind.MAXIMUM, rule, index, year_end))
        else:
            build.gap(targets, Gap(kind=problem[0], rule=index, text=rule.text,
                                   reason=problem[1]))
        return
    if rule.kind is not RetentionKind.STATUTORY_HOLD:
        build.gap(targets, Gap(
            kind=GapKind.VAGUE_RULE, rule=index, text=rule.text,
            reason="the rule states no computable period and trigger",
        ))
        return
    # A statutory hold is a minimum: "kept at least 6 years" states its period either way.
    held = attrs.evolve(rule, period=rule.period or rule.minimum)
    problem = _problem(held) if held.period is not None or held.trigger is not None else None
    stated = held.period is not None and held.trigger is not None and problem is None
    if stated:
        build.clock(targets, _rule_clock(rule_id, ClockKind.HOLD, held, index, year_end))
    elif problem is not None:
        build.gap(targets, Gap(
            kind=GapKind.UNCOMPUTABLE_HOLD, rule=index, text=rule.text, blocks_erasure=True,
            reason=f"the hold cannot be computed: {problem[1]}",
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



def _rule_clock(
    clock_id: str, kind: ClockKind, rule: RetentionRule, index: int, year_end: MonthDay
) -> Clock:
    assert rule.period is not None
    assert rule.trigger is not None
    return make_clock(
        id=clock_id, kind=kind, trigger=rule.trigger.kind, events=rule.trigger.events,
        duration=rule.period, year_end=year_end, text=rule.text, law=rule.law, rule=index,
        statute=rule.statute if kind is ClockKind.HOLD else None,
        calendar_year_end=rule.trigger.year_end,
    )


def _problem(rule: RetentionRule) -> tuple[GapKind, str] | None:
    """Why a period rule gives no exact end (None: it does)."""
    if rule.period is None:
        minimum = rule.minimum
        if minimum is not None:
            return GapKind.MINIMUM_ONLY, (
                f"only a minimum is stated (at least {minimum}): a minimum is no erasure "
                "deadline"
            )
        return GapKind.VAGUE_RULE, "the rule states no computable period and trigger"
    if rule.period.approximate:
        return GapKind.APPROXIMATE, (
            f"the period is approximate ({rule.period}): no exact erase-by date"
        )
    if rule.trigger is None:
        bound = "at most " if rule.maximum_only else ""
        return GapKind.NO_START, (
            f"the period ({bound}{rule.period}) has no stated start: nothing says when it runs "
            "from"
        )
    if rule.trigger.kind is TriggerKind.LAST_CONTACT and not rule.trigger.events:
        return GapKind.UNNAMED_EVENTS, (
            "the period runs from the last contact, but the notice does not say which "
            "contacts count (Trigger.events)"
        )
    return None


def _compile_alternatives(
    build: Builder, index: int, rule: RetentionRule, targets: list[str], year_end: MonthDay
) -> None:
    """Alternative periods: "2 years after A or 3 years after B, whichever ends first/last"."""
    if rule.ends is None:
        build.gap(targets, Gap(
            kind=GapKind.ALTERNATIVES, rule=index, text=rule.text,
            reason="the notice offers alternative periods without saying whether the first "
            "or the last of them to end ends retention",
        ))
        return
    last = rule.ends is RetentionEnd.LAST
    alternatives = rule.alternatives
    named = ([(f"rule[{index}]", rule)] if rule.period is not None else []) + [
        (f"rule[{index}].alternatives[{j}]", alt) for j, alt in enumerate(alternatives)
    ]
    if last and any(p.kind is RetentionKind.INDEFINITE for _, p in named):
        build.gap(targets, Gap(
            kind=GapKind.INDEFINITE, rule=index, text=rule.text,
            reason="one alternative keeps the data indefinitely and the last to end ends "
            "retention: no erase-by date",
        ))
        return
    periods = [(cid, p) for cid, p in named if p.kind is not RetentionKind.INDEFINITE]
    problems = [problem for _, p in periods if (problem := _problem(p)) is not None]
    if problems or not periods:
        kind, why = problems[0] if problems else (GapKind.VAGUE_RULE, "no alternative period")
        build.gap(targets, Gap(kind=kind, rule=index, text=rule.text,
                               reason=f"an alternative period: {why}"))
        return
    clock_kind = ClockKind.ALTERNATIVE if last else ClockKind.MAXIMUM
    clocks = tuple(_rule_clock(cid, clock_kind, p, index, year_end) for cid, p in periods)
    for clock in clocks:
        build.clock(targets, clock)
    if last:
        build.group(targets, clocks)
