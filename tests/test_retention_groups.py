"""A retention period stated for one group of data subjects is not applied to every subject.

Art. 5(1)(e) and 13(2)(a): "guest customers' orders: 30 days" says nothing about members'
orders. The engine is not told a subject's group, so the categories such a period covers are
undetermined (with the reason), never due on another group's period — in memory and in SQL.
"""

from __future__ import annotations

from datetime import date

from gdpr_register import loads_notice
from gdpr_register.model import Notice, SubjectEvent
from gdpr_register.retention import GapKind, PlanStatus, SubjectHistory, plan_retention
from gdpr_register.storage import open_store

DOCUMENT = """
id: shop
title: Shop
controller: {name: Shop Oy, email: privacy@shop.example}
registers:
  - id: customers
    name: Customers
    purposes: [{id: orders, name: Orders, bases: ["6(1)(b)"]}]
    data_subjects: [{id: guests, name: Guest customers}, {id: members, name: Members}]
    data_categories: [{id: contact, name: Contact details}, {id: orders, name: Orders}]
    retention:
      - kind: period
        text: Guest customers' orders are erased 30 days after the order.
        subjects: [guests]
        categories: [orders]
        period: {amount: 30, unit: days}
        trigger: {kind: collection}
      - kind: period
        text: Contact details are erased 2 years after collection.
        categories: [contact]
        period: {amount: 2, unit: years}
        trigger: {kind: collection}
"""


def _notice() -> Notice:
    return loads_notice(DOCUMENT, format="yaml")


def test_a_period_for_one_group_leaves_its_categories_undetermined() -> None:
    register = _notice().registers[0]
    history = SubjectHistory.from_events("c1", [("collection", date(2020, 1, 1))])
    plan = plan_retention(register, history, as_of=date(2026, 11, 25))
    orders, contact = plan.item("orders"), plan.item("contact")
    assert orders.status is PlanStatus.UNDETERMINED
    assert orders.erase_by is None
    assert [r.gap.kind for r in orders.reasons if r.gap is not None] == [GapKind.SUBJECT_GROUP]
    assert (contact.status, contact.erase_by) == (PlanStatus.DUE, date(2022, 1, 1))


def test_stores_do_not_sweep_a_group_period_onto_every_subject() -> None:
    register = _notice().registers[0]
    with open_store("memory:") as memory, open_store("sqlite:///:memory:") as sqlite:
        for store in (memory, sqlite):
            store.ledger.append([SubjectEvent(subject="c1", kind="collection",
                                              on=date(2020, 1, 1))])
            due = list(store.ledger.due_for_erasure(register, as_of=date(2026, 11, 25)))
            assert [(d.subject, d.categories) for d in due] == [("c1", ("contact",))]
