"""Bulk planning straight from a row stream: ``policy.results(group_histories(rows, ...))``
reads the stream's (subject, events) pairs instead of history objects; it must validate,
order and plan exactly as planning the histories one by one does."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Literal

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdpr_register import load_notice
from gdpr_register.errors import GdprRegisterError
from gdpr_register.retention import SubjectHistory, compile_policy, group_histories

AS_OF = date(2026, 11, 25)
_NOTICE = load_notice(
    Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
)
POLICY = compile_policy(_NOTICE.registers[0], controller=_NOTICE.controller)
KINDS = ["contact", "service_contact", "invoice", "erasure_request", "other.kind"]

days = st.dates(date(2015, 1, 1), date(2027, 12, 31))
good_events = st.tuples(st.sampled_from(KINDS), days)
# Now and then an event the stream must convert (an ISO string, a pendulum date) or refuse
# (a kind with a space, a datetime, a bad string).
odd_events = st.one_of(
    st.tuples(st.sampled_from(KINDS), days.map(date.isoformat)),
    st.tuples(st.sampled_from(KINDS), days.map(lambda d: pendulum.date(d.year, d.month, d.day))),
    st.tuples(st.just("no spaces"), days),
    st.tuples(st.sampled_from(KINDS), st.just("2021-02-30")),
)
subject_events = st.lists(
    st.one_of(good_events, good_events, good_events, odd_events), min_size=1, max_size=5
)


def rows_of(subjects: list[list[tuple[str, Any]]]) -> list[tuple[str, str, Any]]:
    return [
        (f"s{n:04d}", kind, day) for n, events in enumerate(subjects) for kind, day in events
    ]


def outcome(run: Any) -> tuple[str, Any]:
    """What a run returns, or the error it raises (type and message)."""
    try:
        return "ok", run()
    except GdprRegisterError as exc:
        return type(exc).__name__, str(exc)


@given(subjects=st.lists(subject_events, max_size=8),
       contiguous=st.sampled_from([True, "sorted"]))
def test_results_of_a_stream_are_the_results_of_its_histories(
    subjects: list[list[tuple[str, Any]]], contiguous: Literal[True, "sorted"]
) -> None:
    rows = rows_of(subjects)
    fused = outcome(lambda: list(POLICY.results(group_histories(rows, contiguous=contiguous),
                                                AS_OF)))
    one_by_one = outcome(lambda: [
        (history.subject, next(iter(POLICY.results([history], AS_OF)))[1])
        for history in group_histories(rows, contiguous=contiguous)
    ])
    assert fused == one_by_one
    rows_fused = outcome(lambda: list(POLICY.rows(group_histories(rows, contiguous=contiguous),
                                                  AS_OF)))
    rows_listed = outcome(lambda: list(POLICY.rows(
        list(group_histories(rows, contiguous=contiguous)), AS_OF
    )))
    assert rows_fused == rows_listed


def test_events_in_either_order_plan_alike() -> None:
    # Two events on one day in either order, and events out of date order (the latest
    # contact first, the earliest erasure request last). Read twice: the first read also
    # learns the kinds, the second takes the path for kinds already known.
    rows = [("a", "invoice", date(2020, 1, 1)), ("a", "contact", date(2020, 1, 1)),
            ("b", "contact", date(2021, 1, 1)), ("b", "contact", date(2020, 1, 1)),
            ("b", "erasure_request", date(2025, 6, 1)),
            ("b", "erasure_request", date(2025, 3, 1)),
            ("c", "contact", date(2020, 1, 1))]  # (the last subject is read apart)
    flipped = [rows[1], rows[0], rows[3], rows[2], rows[5], rows[4], rows[6]]
    for _ in range(2):
        histories = list(group_histories(rows, contiguous="sorted"))
        assert histories == list(group_histories(flipped, contiguous="sorted"))
        assert histories[0].events == (("contact", date(2020, 1, 1)),
                                       ("invoice", date(2020, 1, 1)))
        expected = list(POLICY.results(histories, AS_OF))
        # b: five years after the latest contact, cut short by the first erasure request.
        assert expected[1][1][0][1] == date(2025, 3, 1)
        for order in (rows, flipped):
            assert list(POLICY.results(group_histories(order, contiguous="sorted"),
                                       AS_OF)) == expected


def test_a_stream_read_both_ways_skips_and_repeats_nothing() -> None:
    rows = [(s, "contact", date(2020, 1, 1)) for s in ("a", "b", "c", "d")]
    stream = group_histories(rows, contiguous="sorted")
    first = next(stream)
    assert isinstance(first, SubjectHistory)
    assert [s for s, _ in POLICY.results(stream, AS_OF)] == ["b", "c", "d"]

    stream = group_histories(rows, contiguous="sorted")
    results = POLICY.results(stream, AS_OF)
    assert next(results)[0] == "a"
    rest = list(stream)  # the histories the planning has not read yet
    assert [h.subject for h in rest] == ["b", "c", "d"]
    assert all(isinstance(h, SubjectHistory) for h in rest)
    assert list(results) == []


def test_a_stream_out_of_order_fails_the_same_when_planned() -> None:
    rows = [("b", "contact", date(2020, 1, 1)), ("a", "contact", date(2020, 1, 1))]
    with pytest.raises(GdprRegisterError) as listed:
        list(group_histories(rows, contiguous="sorted"))
    with pytest.raises(GdprRegisterError) as planned:
        list(POLICY.results(group_histories(rows, contiguous="sorted"), AS_OF))
    assert (type(planned.value), str(planned.value)) == (type(listed.value), str(listed.value))
