"""The seed notice's retention rules end to end (issue 4's example)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gdpr_register import Notice, load_notice
from gdpr_register.retention import (
    ClockKind,
    GapKind,
    PlanStatus,
    ReasonKind,
    SubjectHistory,
    compile_policy,
    plan_retention,
)

AS_OF = date(2026, 11, 25)


@pytest.fixture
def notice(seed_path: Path) -> Notice:
    return load_notice(seed_path)


def cust42() -> SubjectHistory:
    return SubjectHistory.from_events("cust-42", [
        ("service_contact", date(2021, 6, 15)),
        ("invoice", date(2021, 6, 30)),
    ])


def test_issue_example_without_controller(notice: Notice) -> None:
    plan = plan_retention(notice.registers[0], cust42(), as_of=AS_OF)
    assert [i.category for i in plan.items] == [
        "yhteystiedot", "palvelutiedot", "markkinointitiedot", "laskutustiedot"
    ]
    contact = plan.item("yhteystiedot")
    assert contact.status is PlanStatus.DUE
    assert contact.erase_by == date(2026, 6, 15)
    assert contact.restricted_until is None
    invoices = plan.item("laskutustiedot")
    assert invoices.status is PlanStatus.RESTRICTED
    assert invoices.restricted_until == date(2027, 12, 31)
    assert invoices.purpose_ends == date(2026, 6, 15)
    assert invoices.erase_by == date(2028, 1, 1)


def test_issue_example_with_controller(notice: Notice) -> None:
    plan = plan_retention(
        notice.registers[0], cust42(), as_of=AS_OF, controller=notice.controller
    )
    statuses = {i.category: (i.status, i.erase_by, i.restricted_until) for i in plan.items}
    assert statuses == {
        "yhteystiedot": (PlanStatus.DUE, date(2026, 6, 15), None),
        "palvelutiedot": (PlanStatus.DUE, date(2026, 6, 15), None),
        "markkinointitiedot": (PlanStatus.DUE, date(2026, 6, 15), None),
        "laskutustiedot": (PlanStatus.RESTRICTED, date(2028, 1, 1), date(2027, 12, 31)),
    }
    # With the controller known, no "unknown jurisdiction" note.
    kinds = {g.kind for g in plan.item("laskutustiedot").policy.gaps}
    assert GapKind.NO_JURISDICTION not in kinds


def test_explain_names_rule_trigger_arithmetic_and_law(notice: Notice) -> None:
    plan = plan_retention(notice.registers[0], cust42(), as_of=AS_OF)
    contact_reasons = [r for r in plan.item("yhteystiedot").reasons if r.decisive]
    assert len(contact_reasons) == 1
    reason = contact_reasons[0]
    assert reason.kind is ReasonKind.PURPOSE_ENDS
    assert reason.clock is not None
    assert reason.clock.rule == 0
    assert reason.clock.text == notice.registers[0].retention[0].text
    assert (reason.trigger, reason.anchor, reason.end) == (
        date(2021, 6, 15), date(2021, 6, 15), date(2026, 6, 15)
    )
    hold = [r for r in plan.item("laskutustiedot").reasons if r.kind is ReasonKind.HOLD]
    assert len(hold) == 1
    assert hold[0].clock is not None
    assert hold[0].clock.statute == "FI_KPL_2_10_SHORT"
    assert (hold[0].trigger, hold[0].anchor, hold[0].end) == (
        date(2021, 6, 30), date(2021, 12, 31), date(2027, 12, 31)
    )
    text = plan.item("laskutustiedot").explain()
    for fact in ("2021-06-30", "2021-12-31", "2027-12-31", "1336/1997", "6 years"):
        assert fact in text


def test_vague_hold_is_a_note_not_a_date(notice: Notice) -> None:
    """"Some data kept longer by law" names no law: reported, never turned into a date."""
    policy = compile_policy(notice.registers[0], controller=notice.controller)
    for category in policy.categories:
        gaps = [g for g in category.gaps if g.kind is GapKind.UNNAMED_HOLD]
        assert len(gaps) == 1
        assert gaps[0].rule == 1
        assert not gaps[0].blocks_erasure
        assert all(c.rule != 1 for c in category.clocks)


def test_accounting_hold_only_on_accounting_material(notice: Notice) -> None:
    """DPA 4359/163/2018: the bookkeeping duty covers accounting material only."""
    policy = compile_policy(notice.registers[0], controller=notice.controller)
    holds = {c.category: [k.statute for k in c.holds] for c in policy.categories}
    assert holds == {
        "yhteystiedot": [],
        "palvelutiedot": [],
        "markkinointitiedot": [],
        "laskutustiedot": ["FI_KPL_2_10_SHORT"],
    }


def test_policy_is_introspectable(notice: Notice) -> None:
    policy = compile_policy(notice.registers[0], controller=notice.controller)
    assert policy.jurisdiction == "FI"
    rule = policy.category("yhteystiedot").maxima[0]
    assert rule.events == ("contact", "service_contact")
    assert rule.aggregation.value == "latest"
    assert str(rule.duration) == "5 years"
    assert rule.kind is ClockKind.MAXIMUM
    hold = policy.category("laskutustiedot").holds[0]
    assert hold.anchor.value == "financial-year-calendar-year-end"
    assert set(hold.events) >= {"invoice", "voucher"}
    thresholds = policy.thresholds(AS_OF)
    # A contact on or before 2021-11-25 has expired by 2026-11-25.
    assert thresholds[rule.id][0] == date(2021, 11, 25)
    # Vouchers from financial years ending up to 2019 are out of their hold on 2026-11-25.
    assert thresholds[hold.id][1] == date(2019, 12, 31)


def test_no_contact_is_undetermined(notice: Notice) -> None:
    history = SubjectHistory.from_events("cust-1", [("invoice", date(2024, 2, 1))])
    plan = plan_retention(notice.registers[0], history, as_of=AS_OF)
    item = plan.item("yhteystiedot")
    assert item.status is PlanStatus.UNDETERMINED
    assert item.erase_by is None
    assert any(r.kind is ReasonKind.NOT_STARTED for r in item.reasons)


def test_retained_before_the_period_ends(notice: Notice) -> None:
    history = SubjectHistory.from_events("cust-2", [("contact", date(2024, 2, 29))])
    item = plan_retention(notice.registers[0], history, as_of=AS_OF).item("palvelutiedot")
    assert item.status is PlanStatus.RETAINED
    assert item.erase_by == date(2029, 2, 28)  # 29 Feb + 5 years clamps to 28 Feb


def test_due_on_the_erase_by_day_itself(notice: Notice) -> None:
    history = SubjectHistory.from_events("cust-3", [("contact", date(2021, 11, 25))])
    plan = plan_retention(notice.registers[0], history, as_of=AS_OF)
    assert plan.item("yhteystiedot").status is PlanStatus.DUE
    before = plan_retention(notice.registers[0], history, as_of=date(2026, 11, 24))
    assert before.item("yhteystiedot").status is PlanStatus.RETAINED


def test_erasure_request_restricts_held_data(notice: Notice) -> None:
    history = SubjectHistory.from_events("cust-4", [
        ("contact", date(2025, 1, 10)),
        ("invoice", date(2025, 1, 10)),
        ("erasure_request", date(2026, 3, 1)),
    ])
    plan = plan_retention(
        notice.registers[0], history, as_of=AS_OF, controller=notice.controller
    )
    assert plan.item("yhteystiedot").status is PlanStatus.DUE
    assert plan.item("yhteystiedot").erase_by == date(2026, 3, 1)
    held = plan.item("laskutustiedot")
    assert held.status is PlanStatus.RESTRICTED
    assert held.restricted_until == date(2031, 12, 31)
