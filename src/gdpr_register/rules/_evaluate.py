"""``evaluate``: run the selected rules over a notice on a date and apply its waivers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from operator import attrgetter
from typing import Any

from gdpr_register.law.eea import GDPR_APPLIES_FROM
from gdpr_register.model.notice import Notice, Waiver
from gdpr_register.model.values import to_date
from gdpr_register.rules._engine import (
    Context,
    Finding,
    Options,
    Registry,
    Rule,
    RuleError,
    Scope,
    default_registry,
)
from gdpr_register.rules._facts import Evaluation
from gdpr_register.rules._options import _ContextDraft
from gdpr_register.rules._report import Report
from gdpr_register.rules._sections import unguarded
from gdpr_register.rules._values import _RANK

__all__ = ["evaluate"]

_NOT_YET = "GDPR_NOT_YET_APPLICABLE"  # the Art. 99(2) info rule
_RULE_ID = attrgetter("id")
_FINDING_RULE = attrgetter("rule")
_BUCKET = {level: 3 - rank for level, rank in _RANK.items()}  # high first
_NEW = object.__new__
_BLOCK = 32  # registers per block (see the loop in _evaluate)


def evaluate(
    notice: Notice,
    *,
    as_of: date | str,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    preview: bool = False,
    options: Options | None = None,
    registry: Registry | None = None,
    source: str | None = None,
) -> Report:
    """Evaluate ``notice`` against the rule catalogue as the law stood on ``as_of``.

    ``select``/``ignore`` take rule ids or id prefixes (``ART13``); ``preview`` adds preview
    rules; ``options`` sets the documented choices for unconfirmed facts; ``registry`` replaces
    the default one (catalogue + plugins + ``@rule`` functions); ``source`` names the file for
    SARIF. Waivers in ``notice.waivers`` mark matching findings as waived (never hidden); a
    waiver expired on ``as_of`` is a finding of its own (``WAIVER_EXPIRED``).

    Before 2018-05-25 (Art. 99(2)) GDPR rules do not run: the report holds one ``info``
    finding ``GDPR_NOT_YET_APPLICABLE`` and the findings of rules that cite other law (see
    ``docs/checking.md``, "Dates before the GDPR").
    """
    day = to_date(as_of)
    registry = default_registry() if registry is None else registry
    return _evaluate(notice, day, select, ignore, preview, options, registry, source)


def _evaluate(
    notice: Notice,
    day: date,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    preview: bool,
    options: Options | None,
    registry: Registry,
    source: str | None,
) -> Report:
    rules = _temporal_scope(registry.select(select, ignore, preview=preview), registry,
                            ignore, day)
    options = options or Options()
    evaluation = Evaluation(notice, options, day)
    base = Context(as_of=day, options=options, evaluation=evaluation)
    # Findings come out by register (notice-level ones first), then severity (highest
    # first), then rule id, then the order the rule yielded them. The rules run in rule-id
    # order and each register's findings are collected per severity, so that order needs no
    # sort: only a bucket where a notice rule's findings about the register meet the
    # register rules' own is sorted (stably, by rule id: two runs to merge).
    by_id = sorted(rules, key=_RULE_ID)
    notice_rules = [r for r in by_id if r.scope is Scope.NOTICE]
    guarded_rules = [(r, r.check) for r in by_id if r.scope is Scope.REGISTER]
    plain_rules = [(r, unguarded(check)) for r, check in guarded_rules]
    order = {register.id: i for i, register in enumerate(notice.registers)}
    about: dict[int, list[list[Finding]]] = {}  # notice rules' findings by register index

    # Only a coverage marking makes a section "elsewhere" or "not assessed": without one the
    # section guard cannot skip a rule, so the check runs unwrapped (the same hits, cheaper).
    notice_marks = notice.coverage is not None
    any_marks = notice_marks or any(r.coverage is not None for r in notice.registers)
    for notice_rule in notice_rules:
        check = notice_rule.check if any_marks else unguarded(notice_rule.check)
        try:
            hits = list(check(notice, base))
        except Exception as exc:
            raise _failed(notice_rule, exc) from exc
        for h in hits:
            finding = notice_rule.finding(h, None)
            where = order.get(finding.register, -1) if finding.register else -1
            buckets = about.get(where)
            if buckets is None:
                buckets = about[where] = [[], [], [], []]
            buckets[_BUCKET[finding.severity]].append(finding)
    findings: list[Finding] = []
    for bucket in about.pop(-1, ()):  # about the notice as a whole: already in order
        findings += bucket
    item: Rule | None = None
    registers = notice.registers
    try:  # one handler for the whole loop: a rule that raises fails the evaluation
        # Registers are evaluated in blocks, rule by rule within a block: one rule's code runs
        # on a block's registers in turn and stays hot in the processor's caches, while a block
        # is small enough that its registers stay hot too (measured: docs/performance.md).
        for start in range(0, len(registers), _BLOCK):
            block = []
            for index in range(start, min(start + _BLOCK, len(registers))):
                register = registers[index]
                ctx: Any = _NEW(_ContextDraft)  # Context(as_of=day, ...), filled as a draft
                ctx.as_of = day
                ctx.options = options
                ctx.path = f"$.registers[{index}]"
                ctx.index = index
                ctx.facts = evaluation.facts_of(register, index)
                ctx.evaluation = evaluation
                ctx.__class__ = Context
                noticed = about.get(index)
                buckets = [[], [], [], []] if noticed is None else [
                    noticed[0][:], noticed[1][:], noticed[2][:], noticed[3][:]]
                block.append((register, ctx, buckets, register.id, noticed))
            # A block with a marked register runs the guarded checks for all of its registers
            # (on an unmarked one the guard finds nothing to skip: the same hits, a little
            # dearer); the others run them unwrapped.
            marked = notice_marks or any(member[0].coverage is not None for member in block)
            for item, run in guarded_rules if marked else plain_rules:
                for register, ctx, buckets, register_id, _ in block:
                    found = run(notice, register, ctx)
                    if found:  # most rules find nothing: () needs no iterator
                        for h in found:
                            finding = item.finding(h, register_id)
                            buckets[_BUCKET[finding.severity]].append(finding)
            table = evaluation.table
            for register, _, buckets, _, noticed in block:
                for level, bucket in enumerate(buckets):
                    if noticed is not None and noticed[level] and len(bucket) > len(
                            noticed[level]):
                        bucket.sort(key=_FINDING_RULE)  # stable: each rule's findings keep order
                    findings += bucket
                # Its rules have run (the notice rules before them): the register's facts are
                # not asked for again, and a large notice need not hold every register's.
                table.pop(id(register), None)
    except Exception as exc:
        if item is None:  # before any rule ran: not a rule's failure
            raise
        raise _failed(item, exc) from exc

    if notice.waivers:
        findings = _apply_waivers(notice, findings, day)
    return Report(notice=notice.id, as_of=day, findings=tuple(findings), rules=rules, source=source)


def _is_gdpr_rule(item: Rule) -> bool:
    return item.citation.startswith("GDPR") and item.id != _NOT_YET


def _temporal_scope(
    rules: tuple[Rule, ...], registry: Registry, ignore: Sequence[str] | None, day: date
) -> tuple[Rule, ...]:
    """Before GDPR applied, drop the rules that cite it and say so once (Art. 99(2)).

    A rule counts as a GDPR rule when its citation begins with "GDPR"; rules citing national
    law only (FI_TSL_REPEALED, FI_SVPL_COOKIES, a plugin's own) still run on their own dates.
    """
    if day >= GDPR_APPLIES_FROM:
        return rules
    kept = [r for r in rules if not _is_gdpr_rule(r)]
    ignored = [ignore] if isinstance(ignore, str) else list(ignore or ())
    silenced = any(s == "ALL" or _NOT_YET.startswith(s) for s in ignored)
    if (
        len(kept) < len(rules)
        and not silenced
        and _NOT_YET in registry
        and all(r.id != _NOT_YET for r in kept)
    ):
        kept.insert(0, registry.get(_NOT_YET))
    return tuple(kept)


def _failed(item: Rule, exc: Exception) -> RuleError:
    return RuleError(f"rule {item.id} failed: {type(exc).__name__}: {exc}")


def _covers(waiver: Waiver, finding: Finding) -> bool:
    if waiver.rule != finding.rule:
        return False
    if waiver.path is None or waiver.path == finding.path:
        return True
    rest = finding.path[len(waiver.path):]
    return finding.path.startswith(waiver.path) and rest[:1] in (".", "[")


_STEP = r"[.\[]"  # where a path step begins (compiled only where waivers need it)


def _apply_waivers(notice: Notice, findings: list[Finding], day: date) -> list[Finding]:
    """Attach the first unexpired covering waiver; expired waivers are the WAIVER_EXPIRED rule.

    O(findings x path depth + waivers): waivers are indexed by (rule, path), and a finding
    looks up only the paths that could cover it (:func:`_covers`): no path, its own path,
    and each prefix of it that ends where a ``.`` or ``[`` step begins.
    """
    import attrs

    everywhere: dict[str, tuple[int, Waiver]] = {}
    at: dict[tuple[str, str], tuple[int, Waiver]] = {}
    for position, waiver in enumerate(notice.waivers):
        if waiver.expires is not None and day > waiver.expires:
            continue
        if waiver.path is None:
            everywhere.setdefault(waiver.rule, (position, waiver))
        else:
            at.setdefault((waiver.rule, waiver.path), (position, waiver))
    pathed = {rule for rule, _ in at}
    step = re.compile(_STEP).finditer
    out = []
    for finding in findings:
        rule, path = finding.rule, finding.path
        best = everywhere.get(rule)
        if rule in pathed:
            for end in [*(m.start() for m in step(path)), len(path)]:
                found = at.get((rule, path[:end]))
                if found is not None and (best is None or found[0] < best[0]):
                    best = found
        out.append(finding if best is None else attrs.evolve(finding, waiver=best[1]))
    return out
