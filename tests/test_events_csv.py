"""Reading subject events from CSV: header, line-located errors, skip mode, streaming."""

from __future__ import annotations

import io
from datetime import date

import pytest

from gdpr_register.documents.events_csv import EventsReader
from gdpr_register.errors import InputError
from gdpr_register.retention import group_histories

GOOD = "subject,event,date,details\ncust-1,contact,2021-06-15,\ncust-1,invoice,2021-06-30,INV-7\n"


def read(text: str, **kwargs: object) -> tuple[list[object], EventsReader]:
    reader = EventsReader(io.StringIO(text), source="events.csv", **kwargs)  # type: ignore[arg-type]
    return list(reader), reader


def locations(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.location for p in exc.value.problems]


def test_reads_rows_with_lines() -> None:
    rows, _ = read(GOOD)
    assert [(r.line, r.event.subject, r.event.kind, r.event.on, r.event.details)  # type: ignore[attr-defined]
            for r in rows] == [
        (2, "cust-1", "contact", date(2021, 6, 15), None),
        (3, "cust-1", "invoice", date(2021, 6, 30), "INV-7"),
    ]


def test_columns_in_any_order_details_optional() -> None:
    rows, _ = read("date,subject,event\n2021-01-01,a,contact\n")
    assert rows[0].event.on == date(2021, 1, 1)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "customer,event,date\na,contact,2021-01-01\n",
        "subject,event\na,contact\n",
        "subject,event,date,date\n",
    ],
)
def test_header_problems_always_raise(text: str) -> None:
    with pytest.raises(InputError) as exc:
        read(text, skip_invalid=True)
    assert locations(exc)
    assert set(locations(exc)) == {"line 1"}


@pytest.mark.parametrize(
    ("row", "kwargs"),
    [
        ("a,contact,2021-02-30", {}),
        ("a,contact,20210215", {}),
        ("a,contact,2021-W06-1", {}),
        ("a,contact,yesterday", {}),
        ("a,newsletter_open,2021-01-01", {"known_kinds": {"contact"}}),
        ("a,contact,2027-01-01", {"as_of": date(2026, 11, 25)}),
        (",contact,2021-01-01", {}),
        ("a,not a kind,2021-01-01", {}),
        ("a,contact", {}),
        ("a,contact,2021-01-01,extra", {}),
    ],
)
def test_bad_rows_name_their_line(row: str, kwargs: dict[str, object]) -> None:
    text = f"subject,event,date\nok,contact,2020-01-01\n{row}\nok,contact,2020-01-02\n"
    with pytest.raises(InputError) as exc:
        read(text, **kwargs)
    assert locations(exc) == ["line 3"]
    rows, reader = read(text, skip_invalid=True, **kwargs)
    assert [r.line for r in rows] == [2, 4]  # type: ignore[attr-defined]
    assert [p.location for p in reader.skipped] == ["line 3"]
    assert reader.skipped_count == 1


def test_a_field_cannot_span_lines_and_line_numbers_stay_physical() -> None:
    text = 'subject,event,date,details\na,contact,2020-01-01,"two\nlines"\nb,contact,bad,\n'
    with pytest.raises(InputError) as exc:
        read(text)
    assert locations(exc) == ["line 2"]
    _, reader = read(text, skip_invalid=True)
    assert [p.location for p in reader.skipped] == ["line 2", "line 3", "line 4"]


def test_bom_and_blank_lines(tmp_path: object) -> None:
    from pathlib import Path

    from gdpr_register.documents.events_csv import open_events

    path = Path(str(tmp_path)) / "e.csv"
    path.write_bytes("\ufeffsubject,event,date\r\n\r\na,contact,2020-01-01\r\n".encode())
    with open_events(path) as stream:
        rows = list(EventsReader(stream))
    assert len(rows) == 1


def test_missing_file_is_an_input_error(tmp_path: object) -> None:
    from pathlib import Path

    from gdpr_register.documents.events_csv import open_events

    with pytest.raises(InputError):
        open_events(Path(str(tmp_path)) / "missing.csv")


def test_group_histories_contiguous_and_not() -> None:
    text = "subject,event,date\na,contact,2020-01-01\nb,contact,2020-01-02\na,invoice,2020-02-01\n"
    rows, _ = read(text)
    events = [r.event for r in rows]  # type: ignore[attr-defined]
    grouped = list(group_histories(events))
    assert [(h.subject, len(h.events)) for h in grouped] == [("a", 2), ("b", 1)]
    from gdpr_register.errors import UsageError

    with pytest.raises(UsageError):
        list(group_histories(events, contiguous=True))
    assert [h.subject for h in group_histories(events[:2], contiguous=True)] == ["a", "b"]


def test_bytes_that_are_not_utf8_name_their_line(tmp_path: object) -> None:
    from pathlib import Path

    from gdpr_register.documents.events_csv import open_events

    path = Path(str(tmp_path)) / "e.csv"
    path.write_bytes(b"subject,event,date\na,contact,2020-01-01\n\xff,contact,2020-01-01\n"
                     b"b,contact,2020-01-01\n")
    with open_events(path) as stream, pytest.raises(InputError) as exc:
        list(EventsReader(stream))
    assert locations(exc) == ["line 3"]
    with open_events(path) as stream:
        reader = EventsReader(stream, skip_invalid=True)
        assert [row.event.subject for row in reader] == ["a", "b"]
    assert [p.location for p in reader.skipped] == ["line 3"]


def test_an_unclosed_quote_at_the_end_swallows_nothing() -> None:
    text = 'subject,event,date,details\na,contact,2020-01-01,"oops\nb,contact,2020-01-02,\n'
    with pytest.raises(InputError) as exc:
        read(text)
    assert locations(exc) == ["line 2"]
    rows, reader = read(text, skip_invalid=True)
    assert [r.event.subject for r in rows] == ["b"]  # type: ignore[attr-defined]
    assert [p.location for p in reader.skipped] == ["line 2"]


def test_quoted_fields_on_one_line_still_work() -> None:
    rows, _ = read('subject,event,date,details\r\n"a,1",contact,2020-01-01,"say ""hi"""\r\n')
    assert [(r.event.subject, r.event.details) for r in rows] == [  # type: ignore[attr-defined]
        ("a,1", 'say "hi"')
    ]


def test_an_unclosed_quote_in_the_header_always_raises() -> None:
    with pytest.raises(InputError) as exc:
        read('subject,"event,date\na,contact,2020-01-01\n', skip_invalid=True)
    assert locations(exc) == ["line 1"]


def test_lines_are_bounded() -> None:
    from gdpr_register.documents.events_csv import MAX_LINE_CHARS

    text = f"subject,event,date\n{'x' * (MAX_LINE_CHARS * 3)}\nb,contact,2020-01-02\n"
    with pytest.raises(InputError) as exc:
        read(text)
    assert locations(exc) == ["line 2"]
    rows, _reader = read(text, skip_invalid=True)
    assert [(r.line, r.event.subject) for r in rows] == [(3, "b")]  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", ["a\tb", "a\x00b", "a\u202eb", "a\x1b[2Jb", "a\x7fb"])
def test_subject_keys_with_unprintable_characters_are_bad_rows(key: str) -> None:
    with pytest.raises(InputError) as exc:
        read(f"subject,event,date\n{key},contact,2020-01-01\n")
    assert locations(exc) == ["line 2"]
    assert key not in str(exc.value)
