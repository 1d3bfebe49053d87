"""Small pieces: URL redaction, the structural diff, timestamps, value checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register.errors import UsageError
from gdpr_register.model import Controller, TransferMechanism
from gdpr_register.storage import ChangeKind, NoticeVersion, open_store, redact_url
from gdpr_register.storage._codec import from_timestamp, to_timestamp
from gdpr_register.storage._diff import diff_data, diff_notices
from gdpr_register.testing.contract import sample_notice


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
    ("postgresql://u:p%40ss@h/db?sslmode=require", "postgresql://u:***@h/db?sslmode=require"),
    ("postgresql://:pw@[::1]:5/db", "postgresql://:***@[::1]:5/db"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
    ("memory:", "memory:"),
])
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://u@h/db?password=secret", "postgresql://u@h/db?password=***"),
    ("postgresql://u@h/db?sslmode=require&PASSWORD=secret&x=1",
     "postgresql://u@h/db?sslmode=require&PASSWORD=***&x=1"),
    ("postgresql://u:pw@h/db?password=pw2", "postgresql://u:***@h/db?password=***"),
    ("postgresql://u@h/db?passfile=/p", "postgresql://u@h/db?passfile=/p"),
])
def test_redact_url_hides_a_password_query_parameter(url: str, shown: str) -> None:
    # libpq also takes the password as a query parameter.
    assert redact_url(url) == shown


def test_unknown_url_is_a_usage_error_without_the_password() -> None:
    with pytest.raises(UsageError) as caught:
        open_store("mysql://u:topsecret@h/db")
    assert "topsecret" not in str(caught.value)
    with pytest.raises(UsageError):
        open_store("memory:extra")


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1),
                    timezones=st.just(UTC)))
def test_timestamps_round_trip(moment: datetime) -> None:
    assert from_timestamp(to_timestamp(moment)) == moment
    assert from_timestamp(to_timestamp(moment)).tzinfo is UTC


def test_timestamps_of_other_zones_are_the_same_instant() -> None:
    helsinki = datetime(2026, 11, 25, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert from_timestamp(to_timestamp(helsinki)) == helsinki
    assert from_timestamp(to_timestamp(helsinki)).hour == 12


def test_values_insist_on_aware_utc() -> None:
    with pytest.raises(ValueError, match="UTC"):
        NoticeVersion(notice_id="a", version=1, saved_at=datetime(2026, 1, 1), digest="x")
    with pytest.raises(ValueError, match="positive"):
        NoticeVersion(notice_id="a", version=0, saved_at=datetime.now(UTC), digest="x")


def test_diff_added_removed_changed() -> None:
    old = {"a": 1, "list": [1, 2], "gone": "x", "nested": {"k": "v"}}
    new = {"a": 2, "list": [1], "nested": {"k": "v", "k2": [3]}}
    changes = diff_data(old, new)
    assert [(c.kind, c.path) for c in changes] == [
        (ChangeKind.CHANGED, "a"),
        (ChangeKind.REMOVED, "list[1]"),
        (ChangeKind.REMOVED, "gone"),
        (ChangeKind.ADDED, "nested.k2"),
    ]
    assert [str(c) for c in changes] == ["a: 1 -> 2", "list[1]: removed 2", "gone: removed x",
                                         "nested.k2: added [3]"]


def test_diff_of_notices_sees_defaults_appear() -> None:
    old = sample_notice()
    second = attrs.evolve(old.registers[0], id="second", name="Second")
    new = attrs.evolve(old, controller=Controller(name="Acme Oy", email="dpo@acme.example"),
                       registers=(*old.registers, second))
    changes = diff_notices(old, new)
    assert [(c.kind, c.path) for c in changes] == [
        (ChangeKind.ADDED, "controller.email"),
        (ChangeKind.ADDED, "registers[1]"),
    ]
    assert diff_notices(old, sample_notice(mechanism=TransferMechanism.PRIVACY_SHIELD)) == ()


def test_sqlite_refuses_lone_surrogates_with_a_library_error() -> None:
    # sqlite3 stores TEXT as strict UTF-8: a lone surrogate (e.g. from surrogateescape
    # decoding) cannot be stored; it must be the library's error and store nothing, not a
    # UnicodeEncodeError from the driver.
    from datetime import date

    from gdpr_register.errors import GdprRegisterError
    from gdpr_register.model import RightKind, SubjectEvent

    good = SubjectEvent(subject="cust-2", kind="contact", on=date(2021, 6, 15))
    # A key with a lone surrogate never becomes an event: the model refuses it for every backend.
    with pytest.raises(GdprRegisterError):
        SubjectEvent(subject="cust-\udcff", kind="contact", on=date(2021, 6, 15))
    with open_store("sqlite:///:memory:") as store:
        bad = SubjectEvent(subject="cust-1", kind="contact", on=date(2021, 6, 15),
                           details="\udcff")
        with pytest.raises(UsageError):
            store.ledger.append([good, bad])
        with pytest.raises(UsageError):
            store.requests.open(subject="cust-1", right=RightKind.ACCESS,
                                received=date(2021, 6, 15), details="\udcff")
        with pytest.raises(UsageError):
            store.ledger.events("cust-\udcff")
        assert list(store.ledger.subjects()) == []
        assert store.requests.list() == ()
