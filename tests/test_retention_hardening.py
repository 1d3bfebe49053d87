"""Retention on hostile input (issue 11 items 12, 17, 24) and the compiled-policy cache."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from gdpr_register import (
    DataCategory,
    Duration,
    DurationUnit,
    Register,
    RetentionKind,
    RetentionRule,
    SubjectEvent,
    Trigger,
    TriggerKind,
    load_notice,
)
from gdpr_register.errors import GdprRegisterError, InputError
from gdpr_register.retention import (
    PlanStatus,
    SubjectHistory,
    _compile,
    _plan,
    compile_policy,
    plan_retention,
)
from gdpr_register.testing.strategies import histories, registers

SEED = load_notice(Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml")
REGISTER = SEED.registers[0]


def history(*events: tuple[str, date]) -> SubjectHistory:
    return SubjectHistory.from_events(
        "s", [SubjectEvent(subject="s", kind=k, on=d) for k, d in events]
    )


def test_dates_near_9999_are_a_library_error_not_a_raw_valueerror() -> None:
    # Issue 11 item 17: a retention end after 9999-12-31 cannot be computed.
    late = history(("service_contact", date(9999, 6, 1)))
    with pytest.raises(InputError) as info:
        plan_retention(REGISTER, late, as_of=date(9999, 12, 31), controller=SEED.controller)
    assert isinstance(info.value, GdprRegisterError)
    assert "9999-12-31" in str(info.value)
    # Thresholds for the first days of the calendar do not overflow either.
    policy = compile_policy(REGISTER, controller=SEED.controller)
    assert all(t <= date(1, 1, 1) for pair in policy.thresholds(date.min).values() for t in pair)


@given(registers(), histories())
def test_every_undetermined_item_says_why(register: Register, subject: SubjectHistory) -> None:
    # Issue 11 item 24: `retention --all` printed undetermined categories with no reason.
    plan = plan_retention(register, subject, as_of=date(2026, 11, 25))
    for item in plan.items:
        if item.status is PlanStatus.UNDETERMINED:
            assert item.reason().strip()


def test_a_category_no_rule_covers_is_undetermined_with_a_reason() -> None:
    register = Register(id="r", name="R", data_categories=(DataCategory(id="c", name="C"),))
    item = plan_retention(register, history(), as_of=date(2026, 1, 1)).items[0]
    assert item.status is PlanStatus.UNDETERMINED
    assert "no retention period" in item.reason()


def _rules(count: int) -> tuple[RetentionRule, ...]:
    return tuple(
        RetentionRule(
            text=f"rule {i}", kind=RetentionKind.PERIOD,
            period=Duration(amount=i % 1000 + 1, unit=DurationUnit.DAYS),
            trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",)),
        )
        for i in range(count)
    )


def test_total_work_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 11 item 12: rules multiplied out (YAML aliases) are refused, as the loader
    # refuses too many values, instead of running for minutes.
    register = Register(
        id="r", name="R", retention=_rules(30),
        data_categories=tuple(DataCategory(id=f"c{i}", name="C") for i in range(10)),
    )
    compile_policy(register)  # 300 rule assignments + 10 GDPR clocks: fine
    monkeypatch.setattr(_compile, "MAX_ASSIGNMENTS", 200)
    with pytest.raises(InputError, match="more than 200"):
        compile_policy(register)


def test_compiling_is_linear_in_the_rules() -> None:
    # Issue 11 item 12: each category's clocks are a dict, not a list scanned per rule.
    register = Register(id="r", name="R", retention=_rules(5000),
                        data_categories=(DataCategory(id="c", name="C"),))
    policy = compile_policy(register)
    assert len(policy.category("c").clocks) == 5001  # 5,000 rules + the erasure request
    item = policy.plan(history(("contact", date(2020, 1, 1))), date(2020, 1, 3)).items[0]
    assert item.erase_by == date(2020, 1, 2)  # the earliest of the maxima


def test_plan_retention_compiles_once_per_register() -> None:
    # Issue 12: the policy is compiled once per register object and reused.
    register = attrs.evolve(REGISTER)
    first = _plan.cached_policy(register, controller=SEED.controller)
    assert _plan.cached_policy(register, controller=SEED.controller) is first
    other = _plan.cached_policy(register, jurisdiction="SE")
    assert other is not first
    assert other.jurisdiction == "SE"
    # An equal register object compiles on its own (identity, not value).
    assert _plan.cached_policy(attrs.evolve(register), controller=SEED.controller) is not first
    # The cache does not keep registers alive.
    key = id(register)
    assert key in _plan._CACHE
    del register, first, other
    gc.collect()
    assert key not in _plan._CACHE


def test_the_cache_answers_like_a_fresh_compile() -> None:
    subject = history(("service_contact", date(2020, 3, 1)), ("invoice", date(2020, 3, 1)))
    for as_of in (date(2021, 1, 1), date(2026, 11, 25), date(2031, 1, 1)):
        cached = plan_retention(REGISTER, subject, as_of=as_of, controller=SEED.controller)
        fresh = compile_policy(REGISTER, controller=SEED.controller).plan(subject, as_of)
        assert cached.rows() == fresh.rows()
