"""The contract's edge cases: where backends used to disagree (huge versions, the ends of
the calendar, text that is not valid Unicode) and batches that must be all or nothing.

Mixed into :class:`~gdpr_register.testing.contract.StoreContract`; the ``store`` fixture
comes from there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import attrs
import pytest

from gdpr_register.errors import ConflictError, GdprRegisterError, NotFoundError, UsageError
from gdpr_register.model import (
    DataCategory,
    Duration,
    DurationUnit,
    Register,
    RetentionKind,
    RetentionRule,
    RightKind,
    SubjectEvent,
    Trigger,
    TriggerKind,
)
from gdpr_register.model.events import check_subject_key
from gdpr_register.storage import RequestStatus, Store
from gdpr_register.testing._samples import ev, sample_notice

__all__ = ["EdgeCaseContract"]

#: A lone surrogate: what ``surrogateescape`` makes of the byte 0xff. Not valid Unicode.
_LONE = "\udcff"


#: Keys ``SubjectEvent`` refuses: lone surrogates anywhere, empty and over-long keys.
_REFUSED_KEYS = ("cust-" + _LONE, _LONE, "\udc80tail", "ok\ud800", "", "k" * 1001,
                 "ä" * 999 + _LONE)


def _held_register() -> Register:
    """Contact data kept 5 years after the last contact; accounting books kept 1 year after
    collection but held 10 years after the financial year of an invoice by the Finnish
    Accounting Act (a hold clock, with ``jurisdiction="FI"``)."""
    return Register(
        id="books",
        name="Customers and books",
        data_categories=(
            DataCategory(id="contact", name="Contact"),
            DataCategory(id="books", name="Books", material=("accounting-books",)),
        ),
        retention=(
            RetentionRule(
                text="5 years after the last contact", kind=RetentionKind.PERIOD,
                categories=("contact",), period=Duration(amount=5, unit=DurationUnit.YEARS),
                trigger=Trigger(kind=TriggerKind.LAST_CONTACT, events=("contact",)),
            ),
            RetentionRule(
                text="1 year after collection", kind=RetentionKind.PERIOD,
                categories=("books",), period=Duration(amount=1, unit=DurationUnit.YEARS),
                trigger=Trigger(kind=TriggerKind.COLLECTION),
            ),
        ),
    )


def _state(store: Store) -> tuple[Any, ...]:
    """Everything a failed call must leave unchanged."""
    return (
        store.notices.ids(), list(store.ledger.subjects()), store.requests.list(),
        store.ledger.receipts(), len(store.audit.entries()),
    )


class EdgeCaseContract:
    """Edge cases every backend must answer alike."""

    # ------------------------------------------------------------------ versions

    def test_versions_past_64_bits_are_not_found(self, store: Store) -> None:
        store.notices.save(sample_notice())
        for huge in (2**63 - 1, 2**63, 2**64, 2**70, 10**30):
            with pytest.raises(NotFoundError):
                store.notices.get("acme", huge)
            with pytest.raises(NotFoundError):
                store.notices.diff("acme", 1, huge)
        with pytest.raises(UsageError):
            store.notices.get("acme", True)
        with pytest.raises(UsageError):
            store.notices.get("acme", -(2**70))
        assert store.notices.get("acme").version == 1

    # ------------------------------------------------------------------ save_all

    def test_save_all_saves_every_notice_or_none(self, store: Store) -> None:
        assert store.notices.save_all([]) == ()
        assert store.notices.save_all([sample_notice("a"), sample_notice("b")],
                                      expected_version=0) == (1, 1)
        before = _state(store)
        # "c" is new, "a" is not: the conflict on the second keeps the first from being saved.
        with pytest.raises(ConflictError):
            store.notices.save_all([sample_notice("c"), sample_notice("a")], expected_version=0)
        # The same id twice: the second save sees the first.
        with pytest.raises(ConflictError):
            store.notices.save_all([sample_notice("d"), sample_notice("d")], expected_version=0)
        with pytest.raises(UsageError):
            store.notices.save_all([sample_notice("e"), "not a notice"])  # type: ignore[list-item]
        assert _state(store) == before
        assert store.notices.save_all([sample_notice("a"), sample_notice("a")]) == (2, 3)
        assert store.notices.save_all([sample_notice("b")], expected_version=1) == (2,)
        assert [v.version for v in store.notices.history("a")] == [1, 2, 3]
        actions = [e.action for e in store.audit.entries()]
        assert actions == ["notice.save"] * 5

    # ------------------------------------------------------------------ text

    def test_lone_surrogates_are_refused_and_store_nothing(self, store: Store) -> None:
        good = ev("cust-1", "contact", date(2021, 6, 15))
        store.ledger.append([good])
        opened = store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                                     received=date(2026, 1, 1))
        before = _state(store)
        calls: list[Callable[[], object]] = [
            lambda: store.ledger.append([good, ev("cust-2", "contact", date(2021, 1, 1),
                                                  "note " + _LONE)]),
            lambda: store.ledger.events("cust-" + _LONE),
            lambda: store.ledger.erase(subject="cust-" + _LONE, reason="Art 17(1)(a)"),
            lambda: store.ledger.erase(subject="cust-1", reason="Art 17 " + _LONE),
            lambda: store.ledger.receipts(request_id=_LONE),
            lambda: store.requests.open(subject="cust-" + _LONE, right=RightKind.ACCESS,
                                        received=date(2026, 1, 1)),
            lambda: store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                                        received=date(2026, 1, 1), request_id="r" + _LONE),
            lambda: store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                                        received=date(2026, 1, 1), details=_LONE),
            lambda: store.requests.record_outcome(opened.id, status=RequestStatus.COMPLETED,
                                                  details=_LONE),
            lambda: store.requests.get("r" + _LONE),
            lambda: store.requests.list(subject="cust-" + _LONE),
            lambda: store.notices.get("acme" + _LONE),
            lambda: store.notices.history("acme" + _LONE),
            lambda: store.notices.save(attrs.evolve(sample_notice(), title="Acme " + _LONE)),
        ]
        for call in calls:
            with pytest.raises(UsageError):
                call()
        assert _state(store) == before
        assert store.requests.get(opened.id).status is RequestStatus.OPEN

    def test_bad_erasures_and_outcomes_are_refused_alike(self, store: Store) -> None:
        store.ledger.append([ev("cust-1", "contact", date(2021, 6, 15))])
        opened = store.requests.open(subject="cust-1", right=RightKind.ERASURE,
                                     received=date(2026, 1, 1))
        before = _state(store)
        calls: list[Callable[[], object]] = [
            lambda: store.ledger.erase(subject="cust-1", reason=""),  # a receipt needs a ground
            lambda: store.ledger.erase(subject="cust-1", reason="  "),
            lambda: store.requests.record_outcome(
                opened.id, status="decided"),  # type: ignore[arg-type]
            lambda: store.requests.record_outcome(opened.id, status=RequestStatus.OPEN),
        ]
        for call in calls:
            with pytest.raises(UsageError):
                call()
        assert _state(store) == before
        assert [e.subject for e in store.ledger.events("cust-1")] == ["cust-1"]

    def test_every_backend_refuses_the_same_subject_keys(self, store: Store) -> None:
        # The model refuses these keys (a ValueError that is a GdprRegisterError) before any
        # backend sees them: an event one store holds, every store can hold and erase.
        good = ev("cust-1", "contact", date(2021, 6, 15))
        store.ledger.append([good])
        before = _state(store)
        for key in _REFUSED_KEYS:
            with pytest.raises(GdprRegisterError) as refused:
                check_subject_key(key)
            assert isinstance(refused.value, ValueError)

            def batch(key: str = key) -> Iterator[SubjectEvent]:
                yield ev("cust-2", "contact", date(2021, 1, 1))
                yield SubjectEvent(subject=key, kind="contact", on=date(2021, 1, 1))

            # Refused mid-batch: the backend lets the model's error through, stores nothing.
            with pytest.raises(type(refused.value)):
                store.ledger.append(batch())
        assert _state(store) == before
        assert store.ledger.events("cust-1") == (good,)
        assert store.ledger.events("cust-2") == ()

    # ------------------------------------------------------------------ the sweep

    def test_sweep_at_the_ends_of_the_calendar(self, store: Store) -> None:
        from gdpr_register.storage._sweep import sweep_in_python

        # Clocks that start on 0001-01-01 or end on 9999-12-31: thresholds before the first
        # representable date (never expired; a started hold still running) and date
        # arithmetic that would leave the range.
        events = [
            ev("first", "contact", date.min), ev("first", "collection", date.min),
            ev("first", "invoice", date.min),
            ev("second", "contact", date(1, 1, 2)), ev("second", "collection", date(1, 3, 1)),
            ev("second", "invoice", date(1, 12, 31)),
            ev("late", "contact", date(9990, 2, 28)), ev("late", "collection", date(9994, 1, 1)),
            ev("late", "invoice", date(9988, 6, 30)),
        ]
        store.ledger.append(events)
        grouped: dict[str, list[SubjectEvent]] = {}
        for event in events:
            grouped.setdefault(event.subject, []).append(event)
        options = {"jurisdiction": "FI"}
        days = [date.min, date(1, 1, 2), date(1, 12, 31), date(2, 1, 1), date(5, 12, 31),
                date(6, 1, 1), date(11, 12, 31), date(12, 1, 1), date(9998, 12, 31),
                date(9999, 1, 1), date(9999, 12, 30), date.max]
        for register in (_held_register(), _held_register_without_holds()):
            for as_of in days:
                try:
                    expected: object = list(sweep_in_python(
                        register, sorted(grouped.items()), as_of=as_of, **options))
                except GdprRegisterError as exc:  # the engine's own error: the same here
                    expected = type(exc)
                try:
                    swept: object = list(store.ledger.due_for_erasure(
                        register, as_of=as_of, **options))
                except GdprRegisterError as exc:
                    swept = type(exc)
                assert swept == expected, (register.id, as_of)


def _held_register_without_holds() -> Register:
    register = _held_register()
    return Register(id="plain", name="Contact only", data_categories=register.data_categories[:1],
                    retention=register.retention[:1])
