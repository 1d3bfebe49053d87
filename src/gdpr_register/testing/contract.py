"""The storage contract as a test suite that any backend can run (needs pytest).

Subclass :class:`StoreContract`, implement :meth:`StoreContract.make_store` to return a new,
empty store, and let pytest collect the subclass (name it ``Test...``)::

    from gdpr_register.testing.contract import StoreContract

    class TestMyStore(StoreContract):
        def make_store(self):
            return MyStore(...)

Each test gets its own store and closes it afterwards. The suite checks behaviour only
(values, orderings, error types), never message wording.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs
import pytest

from gdpr_register.errors import ConflictError, NotFoundError, StoreUnavailable, UsageError
from gdpr_register.model import (
    RightKind,
    SubjectEvent,
    TransferMechanism,
)
from gdpr_register.storage import ChangeKind, RequestStatus, Store
from gdpr_register.testing._contract_edges import EdgeCaseContract
from gdpr_register.testing._samples import HOSTILE_SUBJECTS, sample_notice, sample_register
from gdpr_register.testing._samples import ev as _ev
from gdpr_register.testing._samples import is_utc as _is_utc

__all__ = ["HOSTILE_SUBJECTS", "StoreContract", "sample_notice", "sample_register"]

class StoreContract(EdgeCaseContract, abc.ABC):
    """The behaviour every :class:`~gdpr_register.storage.Store` must have."""

    @abc.abstractmethod
    def make_store(self) -> Store:
        """A new, empty store (each test calls this once and closes the store after)."""

    @pytest.fixture
    def store(self) -> Iterator[Store]:
        store = self.make_store()
        try:
            yield store
        finally:
            store.close()

    # ------------------------------------------------------------------ store

    def test_empty_store(self, store: Store) -> None:
        assert store.notices.ids() == ()
        assert list(store.ledger.subjects()) == []
        assert store.requests.list() == ()
        assert store.audit.entries() == ()
        assert store.ledger.receipts() == ()
        assert store.schema_version >= 1
        assert "***" in store.url or ":" in store.url

    def test_closed_store_refuses_work(self) -> None:
        store = self.make_store()
        with store:
            store.notices.save(sample_notice())
        store.close()  # idempotent
        with pytest.raises(StoreUnavailable):
            store.notices.get("acme")
        with pytest.raises(StoreUnavailable):
            store.ledger.append([_ev("a", "contact", date(2020, 1, 1))])

    # ------------------------------------------------------------------ notices

    def test_save_numbers_versions(self, store: Store) -> None:
        first = sample_notice()
        second = sample_notice(mechanism=TransferMechanism.SCC_2021)
        assert store.notices.save(first) == 1
        assert store.notices.save(second, expected_version=1) == 2
        assert store.notices.get("acme").notice == second
        assert store.notices.get("acme").version == 2
        assert store.notices.get("acme", 1).notice == first
        assert store.notices.get("acme", 2).notice == second

    def test_stale_expected_version_conflicts_and_saves_nothing(self, store: Store) -> None:
        store.notices.save(sample_notice())
        store.notices.save(sample_notice(), expected_version=1)
        with pytest.raises(ConflictError):
            store.notices.save(sample_notice(mechanism=TransferMechanism.SCC_2021),
                               expected_version=1)
        assert [v.version for v in store.notices.history("acme")] == [1, 2]
        assert store.notices.get("acme").notice == sample_notice()

    def test_expected_version_zero_means_new(self, store: Store) -> None:
        assert store.notices.save(sample_notice(), expected_version=0) == 1
        with pytest.raises(ConflictError):
            store.notices.save(sample_notice(), expected_version=0)
        with pytest.raises(ConflictError):
            store.notices.save(sample_notice("other"), expected_version=1)
        assert store.notices.ids() == ("acme",)

    def test_bad_versions_are_usage_errors(self, store: Store) -> None:
        store.notices.save(sample_notice())
        with pytest.raises(UsageError):
            store.notices.get("acme", 0)
        with pytest.raises(UsageError):
            store.notices.save(sample_notice(), expected_version=-1)

    def test_unknown_notice_or_version(self, store: Store) -> None:
        with pytest.raises(NotFoundError):
            store.notices.get("nope")
        with pytest.raises(NotFoundError):
            store.notices.history("nope")
        store.notices.save(sample_notice())
        with pytest.raises(NotFoundError):
            store.notices.get("acme", 2)
        with pytest.raises(LookupError):  # NotFoundError is a LookupError too
            store.notices.get("acme", 3)

    def test_history_has_utc_timestamps_and_digests(self, store: Store) -> None:
        before = datetime.now(UTC) - timedelta(seconds=5)
        store.notices.save(sample_notice())
        store.notices.save(sample_notice(mechanism=TransferMechanism.SCC_2021))
        store.notices.save(sample_notice())
        history = store.notices.history("acme")
        assert [v.version for v in history] == [1, 2, 3]
        assert all(v.notice_id == "acme" for v in history)
        assert all(_is_utc(v.saved_at) for v in history)
        assert all(before <= v.saved_at <= datetime.now(UTC) + timedelta(seconds=5)
                   for v in history)
        assert history[0].saved_at <= history[1].saved_at <= history[2].saved_at
        assert history[0].digest == history[2].digest != history[1].digest
        stored = store.notices.get("acme", 2)
        assert stored.saved_at == history[1].saved_at

    def test_ids_sorted(self, store: Store) -> None:
        for notice_id in ("zeta", "alpha", "Mid", "alpha"):
            store.notices.save(sample_notice(notice_id))
        assert store.notices.ids() == ("Mid", "alpha", "zeta")

    def test_diff_is_structural(self, store: Store) -> None:
        store.notices.save(sample_notice())
        store.notices.save(sample_notice(mechanism=TransferMechanism.SCC_2021))
        changes = store.notices.diff("acme", 1, 2)
        assert [(c.kind, c.path, c.old, c.new) for c in changes] == [
            (ChangeKind.CHANGED, "registers[0].transfers[0].mechanism", "privacy-shield",
             "scc-2021")
        ]
        assert str(changes[0]) == (
            "registers[0].transfers[0].mechanism: privacy-shield -> scc-2021"
        )
        assert store.notices.diff("acme", 1, 1) == ()
        with pytest.raises(NotFoundError):
            store.notices.diff("acme", 1, 3)

    def test_notice_with_hostile_text_round_trips(self, store: Store) -> None:
        hostile = sample_notice()
        hostile = attrs.evolve(hostile, title="It's \"quoted\"; DROP TABLE notices; -- " +
                               "ä" * 5000)
        store.notices.save(hostile)
        assert store.notices.get(hostile.id).notice == hostile

    # ------------------------------------------------------------------ ledger

    def test_append_and_read_events_in_date_then_append_order(self, store: Store) -> None:
        batch = [
            _ev("cust-1", "service_contact", date(2021, 6, 15), "call"),
            _ev("cust-1", "invoice", date(2020, 1, 1)),
            _ev("cust-2", "contact", date(2022, 2, 2)),
            _ev("cust-1", "contact", date(2021, 6, 15)),
        ]
        assert store.ledger.append(batch) == 4
        assert store.ledger.append([batch[0]]) == 1  # duplicates are kept: events are facts
        assert store.ledger.events("cust-1") == (batch[1], batch[0], batch[3], batch[0])
        assert store.ledger.events("cust-2") == (batch[2],)
        assert store.ledger.events("nobody") == ()

    def test_append_nothing(self, store: Store) -> None:
        assert store.ledger.append([]) == 0
        assert list(store.ledger.subjects()) == []

    def test_subjects_are_sorted_and_streamed(self, store: Store) -> None:
        keys = ["b", "a", "ä", "B", "a1", "🦊", "\x00z"]
        store.ledger.append(_ev(k, "contact", date(2020, 1, 1)) for k in keys)
        subjects = store.ledger.subjects()
        assert isinstance(subjects, Iterator)
        assert list(subjects) == sorted(set(keys))

    def test_failed_append_stores_nothing(self, store: Store) -> None:
        def events() -> Iterator[SubjectEvent]:
            for n in range(50):
                yield _ev(f"cust-{n}", "contact", date(2020, 1, 1))
            raise RuntimeError("the source broke mid-batch")

        with pytest.raises(RuntimeError):
            store.ledger.append(events())
        assert list(store.ledger.subjects()) == []
        with pytest.raises(UsageError):
            store.ledger.append([_ev("a", "contact", date(2020, 1, 1)), "not an event"])  # type: ignore[list-item]
        assert list(store.ledger.subjects()) == []

    def test_hostile_subjects_and_details_round_trip(self, store: Store) -> None:
        details = "line1\nline2\t'\";--" + "x" * 90_000
        store.ledger.append(_ev(k, "contact", date(2020, 1, 1), details) for k in HOSTILE_SUBJECTS)
        assert list(store.ledger.subjects()) == sorted(HOSTILE_SUBJECTS)
        for key in HOSTILE_SUBJECTS:
            (event,) = store.ledger.events(key)
            assert event.subject == key
            assert event.details == details
        assert store.ledger.events("nul") == ()  # "nul\x00byte" is not truncated at the NUL

    def test_erase_removes_events_and_keeps_a_receipt(self, store: Store) -> None:
        store.ledger.append([
            _ev("cust-42", "contact", date(2020, 1, 1), "phoned about invoice 7"),
            _ev("cust-42", "invoice", date(2020, 2, 1)),
            _ev("cust-43", "contact", date(2020, 1, 1)),
        ])
        request = store.requests.open(subject="cust-42", right=RightKind.ERASURE,
                                      received=date(2026, 11, 20), details="by email")
        other = store.requests.open(subject="cust-43", right=RightKind.ACCESS,
                                    received=date(2026, 11, 21))
        receipt = store.ledger.erase(subject="cust-42", request_id=request.id,
                                     reason="Art 17(1)(a)")
        assert receipt.events_erased == 2
        assert receipt.event_kinds == ("contact", "invoice")
        assert receipt.requests_scrubbed == 1
        assert receipt.request_id == request.id
        assert receipt.reason == "Art 17(1)(a)"
        assert _is_utc(receipt.erased_at)
        assert "cust-42" not in repr(receipt)
        assert store.ledger.events("cust-42") == ()
        assert list(store.ledger.subjects()) == ["cust-43"]
        scrubbed = store.requests.get(request.id)
        assert scrubbed.subject is None
        assert scrubbed.details is None
        assert scrubbed.right is RightKind.ERASURE
        assert store.requests.get(other.id) == other
        assert store.ledger.receipts() == (receipt,)
        assert store.ledger.receipts(request_id=request.id) == (receipt,)
        assert store.ledger.receipts(request_id="other") == ()
        last = store.audit.entries()[-1]
        assert (last.action, last.target) == ("ledger.erase", receipt.id)
        assert all("cust-42" not in (e.target + e.details) for e in store.audit.entries())

    def test_erase_unknown_subject_gives_empty_receipt(self, store: Store) -> None:
        receipt = store.ledger.erase(subject="ghost", reason="request for unknown subject")
        assert (receipt.events_erased, receipt.event_kinds, receipt.requests_scrubbed) == (
            0, (), 0)
        assert receipt.request_id is None

    def test_due_for_erasure_matches_the_retention_engine(self, store: Store) -> None:
        from gdpr_register.storage._sweep import sweep_in_python

        register = sample_register()
        events = [
            _ev("old", "service_contact", date(2020, 6, 15)),
            _ev("edge", "service_contact", date(2021, 11, 25)),
            _ev("fresh", "service_contact", date(2021, 11, 26)),
            _ev("mixed", "service_contact", date(2019, 1, 1)),
            _ev("mixed", "service_contact", date(2025, 1, 1)),
            _ev("other-kind", "newsletter", date(2001, 1, 1)),
        ]
        store.ledger.append(events)
        as_of = date(2026, 11, 25)
        swept = list(store.ledger.due_for_erasure(register, as_of=as_of))
        by_subject: dict[str, list[SubjectEvent]] = {}
        for event in events:
            by_subject.setdefault(event.subject, []).append(event)
        expected = list(sweep_in_python(register, sorted(by_subject.items()), as_of=as_of))
        assert swept == expected
        assert [d.subject for d in swept] == sorted(d.subject for d in swept)
        assert "old" in [d.subject for d in swept]
        assert "fresh" not in [d.subject for d in swept]

    # ------------------------------------------------------------------ requests

    def test_requests_open_decide_list(self, store: Store) -> None:
        first = store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                                    received=date(2026, 11, 1), request_id="r1")
        second = store.requests.open(subject="cust-2", right=RightKind.ERASURE,
                                     received=date(2026, 10, 1))
        assert first.status is RequestStatus.OPEN
        assert first.decided_at is None
        assert _is_utc(first.opened_at)
        assert len(second.id) >= 16
        assert store.requests.get("r1") == first
        done = store.requests.record_outcome("r1", status=RequestStatus.COMPLETED,
                                             details="copy sent")
        assert done.status is RequestStatus.COMPLETED
        assert done.details == "copy sent"
        assert done.decided_at is not None
        assert _is_utc(done.decided_at)
        assert done.decided_at >= done.opened_at
        assert store.requests.get("r1") == done
        assert store.requests.list() == (done, second)
        assert store.requests.list(subject="cust-2") == (second,)
        assert store.requests.list(status=RequestStatus.OPEN) == (second,)
        assert store.requests.list(subject="cust-1", status=RequestStatus.OPEN) == ()

    def test_request_errors(self, store: Store) -> None:
        store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                            received=date(2026, 11, 1), request_id="r1", details="kept")
        with pytest.raises(ConflictError):
            store.requests.open(subject="cust-9", right=RightKind.ACCESS,
                                received=date(2026, 11, 1), request_id="r1")
        with pytest.raises(NotFoundError):
            store.requests.get("r2")
        with pytest.raises(NotFoundError):
            store.requests.record_outcome("r2", status=RequestStatus.REFUSED)
        with pytest.raises(UsageError):
            store.requests.record_outcome("r1", status=RequestStatus.OPEN)
        refused = store.requests.record_outcome("r1", status=RequestStatus.REFUSED)
        assert refused.details == "kept"
        with pytest.raises(ConflictError):
            store.requests.record_outcome("r1", status=RequestStatus.COMPLETED)
        assert store.requests.get("r1").status is RequestStatus.REFUSED
        assert store.requests.get("r1").subject == "cust-1"
        for bad in (
            {"right": "delete-me"},
            {"request_id": ""},
            {"subject": ""},
            {"details": 5},
        ):
            arguments: dict[str, Any] = {
                "subject": "cust-1", "right": RightKind.ACCESS, "received": date(2026, 11, 1),
                **bad,
            }
            with pytest.raises(UsageError):
                store.requests.open(**arguments)
        assert [r.id for r in store.requests.list()] == ["r1"]

    def test_hostile_request_fields_round_trip(self, store: Store) -> None:
        for n, key in enumerate(HOSTILE_SUBJECTS):
            rid = f"r{n};'\"--"
            opened = store.requests.open(subject=key, right=RightKind.OBJECTION,
                                         received=date(2026, 1, 1), request_id=rid,
                                         details=key + "\x00;--")
            assert store.requests.get(rid) == opened
            assert store.requests.list(subject=key) == (opened,)

    # ------------------------------------------------------------------ audit

    def test_audit_records_every_change_in_order(self, store: Store) -> None:
        store.notices.save(sample_notice())
        store.ledger.append([_ev("cust-1", "contact", date(2020, 1, 1))] * 3)
        store.requests.open(subject="cust-1", right=RightKind.ERASURE,
                            received=date(2026, 11, 1), request_id="r1")
        store.requests.record_outcome("r1", status=RequestStatus.COMPLETED)
        receipt = store.ledger.erase(subject="cust-1", request_id="r1", reason="17(1)(a)")
        entries = store.audit.entries()
        assert [(e.seq, e.action, e.target) for e in entries] == [
            (1, "notice.save", "acme"),
            (2, "ledger.append", "ledger"),
            (3, "request.open", "r1"),
            (4, "request.outcome", "r1"),
            (5, "ledger.erase", receipt.id),
        ]
        assert entries[0].details == "version=1"
        assert entries[1].details == "events=3"
        assert entries[2].details == "right=erasure"
        assert entries[3].details == "status=completed"
        assert entries[4].details == "events=3 requests=1"
        assert all(_is_utc(e.at) for e in entries)
        assert [e.at for e in entries] == sorted(e.at for e in entries)
        assert store.audit.entries(since=entries[3].at)[0].seq <= 4
        assert store.audit.entries(since=entries[-1].at)[-1] == entries[-1]
        assert store.audit.entries(since=entries[-1].at + timedelta(seconds=1)) == ()

    def test_failed_writes_leave_no_audit_entry(self, store: Store) -> None:
        store.notices.save(sample_notice())
        with pytest.raises(ConflictError):
            store.notices.save(sample_notice(), expected_version=0)
        with pytest.raises(RuntimeError):
            store.ledger.append(_raising_events())
        assert [e.action for e in store.audit.entries()] == ["notice.save"]


def _raising_events() -> Iterator[SubjectEvent]:
    yield _ev("a", "contact", date(2020, 1, 1))
    raise RuntimeError("broken source")
