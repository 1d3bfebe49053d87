"""Every backend answers the same random operations in the same way (memory is the
reference; SQLite always; PostgreSQL when a server is available)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from gdpr_register.errors import GdprRegisterError
from gdpr_register.model import RightKind, SubjectEvent, TransferMechanism
from gdpr_register.storage import RequestStatus, Store, open_store
from gdpr_register.testing.contract import sample_notice, sample_register

from ._pg import fresh_postgres_schema, postgres_skip_reason

SUBJECTS = st.sampled_from(["a", "b", "c'd", "e;--", "f\x00g", "äö"])
KINDS = st.sampled_from(["service_contact", "contact", "invoice", "erasure_request"])
DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 1, 1))
EVENTS = st.builds(SubjectEvent, subject=SUBJECTS, kind=KINDS, on=DAYS,
                   details=st.none() | st.sampled_from(["x", "it's", "a;b"]))
NOTICE_IDS = st.sampled_from(["acme", "beta"])
MECHANISMS = st.sampled_from([TransferMechanism.PRIVACY_SHIELD, TransferMechanism.SCC_2021,
                              TransferMechanism.BCR])
REQUEST_IDS = st.sampled_from(["r1", "r2", "r3", "r'4"])


class _Broken(Exception):
    pass


def _outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    """The value, or the error class: what must agree across backends."""
    try:
        return "ok", call()
    except GdprRegisterError as exc:
        return "error", type(exc).__name__
    except _Broken:
        return "error", "broken"


class StoresAgree(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.cleanups: list[Callable[[], None]] = []
        self.stores: list[Store] = [open_store("memory:"), open_store("sqlite:///:memory:")]
        if postgres_skip_reason() is None:
            url, drop = fresh_postgres_schema()
            self.stores.append(open_store(url))
            self.cleanups.append(drop)

    def teardown(self) -> None:
        for store in self.stores:
            store.close()
        for cleanup in self.cleanups:
            cleanup()

    def same(self, call: Callable[[Store], Any], view: Callable[[Any], Any] = lambda v: v) -> Any:
        results = []
        for store in self.stores:
            kind, value = _outcome(partial(call, store))
            results.append((kind, view(value) if kind == "ok" else value))
        assert all(r == results[0] for r in results[1:]), (results, self.stores)
        return results[0]

    @rule(notice_id=NOTICE_IDS, mechanism=MECHANISMS,
          expected=st.none() | st.integers(min_value=0, max_value=3))
    def save(self, notice_id: str, mechanism: TransferMechanism, expected: int | None) -> None:
        notice = sample_notice(notice_id, mechanism)
        self.same(lambda s: s.notices.save(notice, expected_version=expected))

    @rule(notice_id=NOTICE_IDS, version=st.none() | st.integers(min_value=1, max_value=4))
    def get(self, notice_id: str, version: int | None) -> None:
        self.same(lambda s: s.notices.get(notice_id, version),
                  lambda stored: (stored.notice, stored.version))

    @rule(notice_id=NOTICE_IDS)
    def history(self, notice_id: str) -> None:
        self.same(lambda s: s.notices.history(notice_id),
                  lambda h: [(v.notice_id, v.version, v.digest) for v in h])

    @rule(notice_id=NOTICE_IDS, v1=st.integers(1, 3), v2=st.integers(1, 3))
    def diff(self, notice_id: str, v1: int, v2: int) -> None:
        self.same(lambda s: s.notices.diff(notice_id, v1, v2))

    @rule(events=st.lists(EVENTS, max_size=8), fail=st.booleans())
    def append(self, events: list[SubjectEvent], fail: bool) -> None:
        def source() -> Any:
            yield from events
            if fail:
                raise _Broken

        self.same(lambda s: s.ledger.append(source()))

    @rule(subject=SUBJECTS)
    def events(self, subject: str) -> None:
        self.same(lambda s: s.ledger.events(subject))

    @rule(subject=SUBJECTS, request_id=st.none() | REQUEST_IDS)
    def erase(self, subject: str, request_id: str | None) -> None:
        self.same(lambda s: s.ledger.erase(subject=subject, request_id=request_id,
                                           reason="test"),
                  # the receipt id and time differ by nature
                  lambda r: (r.request_id, r.events_erased, r.event_kinds, r.requests_scrubbed))

    @rule(as_of=st.dates(min_value=date(2018, 1, 1), max_value=date(2032, 1, 1)))
    def sweep(self, as_of: date) -> None:
        self.same(lambda s: list(s.ledger.due_for_erasure(sample_register(), as_of=as_of)))

    @rule(subject=SUBJECTS, right=st.sampled_from(RightKind), request_id=REQUEST_IDS,
          details=st.none() | st.just("by post; 'urgent'"))
    def open_request(self, subject: str, right: RightKind, request_id: str,
                     details: str | None) -> None:
        self.same(lambda s: s.requests.open(subject=subject, right=right,
                                            received=date(2026, 11, 1),
                                            request_id=request_id, details=details),
                  _request_fields)

    @rule(request_id=REQUEST_IDS,
          status=st.sampled_from(RequestStatus), details=st.none() | st.just("done"))
    def decide(self, request_id: str, status: RequestStatus, details: str | None) -> None:
        self.same(lambda s: s.requests.record_outcome(request_id, status=status,
                                                      details=details), _request_fields)

    @rule(subject=st.none() | SUBJECTS, status=st.none() | st.sampled_from(RequestStatus))
    def list_requests(self, subject: str | None, status: RequestStatus | None) -> None:
        self.same(lambda s: s.requests.list(subject=subject, status=status),
                  lambda rs: [_request_fields(r) for r in rs])

    @invariant()
    def subjects_and_audit_agree(self) -> None:
        self.same(lambda s: list(s.ledger.subjects()))
        self.same(lambda s: s.audit.entries(),
                  lambda es: [(e.seq, e.action, e.details,
                               e.target if e.action != "ledger.erase" else "")
                              for e in es])
        self.same(lambda s: s.ledger.receipts(),
                  lambda rs: [(r.request_id, r.events_erased, r.event_kinds) for r in rs])


def _request_fields(request: Any) -> tuple[Any, ...]:
    return (request.id, request.subject, request.right, request.received, request.status,
            request.decided_at is None, request.details)


StoresAgree.TestCase.settings = settings(
    max_examples=30, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestStoresAgree = StoresAgree.TestCase
