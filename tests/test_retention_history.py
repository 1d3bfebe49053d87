"""SubjectHistory: validation, canonical order, SubjectEvent input."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from gdpr_register import InputError, SubjectEvent
from gdpr_register.retention import SubjectHistory


def test_accepts_pairs_strings_pendulum_and_subject_events() -> None:
    history = SubjectHistory.from_events("cust-1", [
        ("contact", "2021-06-15"),
        ("invoice", pendulum.date(2021, 6, 30)),
        SubjectEvent(subject="cust-1", kind="payment", on=date(2021, 7, 1)),
    ])
    assert history.events == (
        ("contact", date(2021, 6, 15)),
        ("invoice", date(2021, 6, 30)),
        ("payment", date(2021, 7, 1)),
    )
    assert all(type(day) is date for _, day in history.events)
    assert history.latest("contact", "invoice") == date(2021, 6, 30)
    assert history.earliest("payment") == date(2021, 7, 1)
    assert history.latest("nothing") is None


def test_every_bad_event_is_located() -> None:
    with pytest.raises(InputError) as exc:
        SubjectHistory.from_events("cust-1", [
            ("contact", "2021-02-30"),
            ("ok", date(2021, 1, 1)),
            ("bad kind", date(2021, 1, 1)),
            SubjectEvent(subject="cust-2", kind="contact", on=date(2021, 1, 1)),
            ("only-one",),  # type: ignore[list-item]
        ])
    assert [p.location for p in exc.value.problems] == [
        "events[0]", "events[2]", "events[3]", "events[4]"
    ]
    with pytest.raises(InputError):
        SubjectHistory.from_events("", [])


def test_equal_whatever_the_order_and_group() -> None:
    a = SubjectHistory(subject="s", events=(("b", date(2021, 1, 2)), ("a", date(2021, 1, 1))))
    b = SubjectHistory.from_events("s", [("a", date(2021, 1, 1)), ("b", date(2021, 1, 2))])
    assert a == b
    events = [
        SubjectEvent(subject="x", kind="contact", on=date(2021, 1, 1)),
        SubjectEvent(subject="y", kind="contact", on=date(2021, 1, 2)),
        SubjectEvent(subject="x", kind="invoice", on=date(2020, 1, 1)),
    ]
    grouped = SubjectHistory.group(events)
    assert [(h.subject, [k for k, _ in h.events]) for h in grouped] == [
        ("x", ["invoice", "contact"]), ("y", ["contact"])
    ]


def test_from_type_gives_valid_histories() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from gdpr_register.testing.strategies import register_type_strategies

    register_type_strategies()

    @given(st.from_type(SubjectHistory))
    def check(history: SubjectHistory) -> None:
        assert SubjectHistory.from_events(history.subject, history.events) == history

    check()
