"""``gdpr-register retention``: outputs, bad input (exit 2, nothing written), skip mode."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gdpr_register.cli import main

EVENTS = """subject,event,date,details
cust-42,service_contact,2021-06-15,
cust-7,contact,2025-01-10,
cust-42,invoice,2021-06-30,INV-1
cust-8,contact,2019-02-01,
cust-8,erasure_request,2020-01-01,by e-mail
"""


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def events(tmp_path: Path) -> Path:
    path = tmp_path / "events.csv"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def base(seed_path: Path, events: Path) -> list[str]:
    return ["retention", str(seed_path), "--events", str(events), "--as-of", "2026-11-25"]


def test_csv_output(
    seed_path: Path, events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*base(seed_path, events), "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    got = {(r["subject"], r["category"]): (r["status"], r["erase_by"], r["restricted_until"])
           for r in rows}
    assert got[("cust-42", "yhteystiedot")] == ("due", "2026-06-15", "")
    assert got[("cust-42", "laskutustiedot")] == ("restricted", "2028-01-01", "2027-12-31")
    assert got[("cust-8", "yhteystiedot")] == ("due", "2020-01-01", "")
    assert not any(subject == "cust-7" for subject, _ in got)  # retained: not listed
    assert len(rows) == 8
    assert all(r["reason"] for r in rows)


def test_json_output_and_all(
    seed_path: Path, events: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*base(seed_path, events), "--format", "json", "--all"], capsys)
    assert code == 0
    document = json.loads(out)
    assert document["as_of"] == "2026-11-25"
    assert document["register"] == "asiakas-ja-markkinointirekisteri"
    assert len(document["items"]) == 12
    statuses = {(i["subject"], i["category"]): i["status"] for i in document["items"]}
    assert statuses[("cust-7", "yhteystiedot")] == "retained"
    assert document["skipped"] == []


def test_text_output(seed_path: Path, events: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(base(seed_path, events), capsys)
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines() if not line.startswith("#")]
    assert lines[3][:3] == ["cust-42", "laskutustiedot", "restricted"]
    assert len(lines) == 8


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ("cust-9,contact,2021-02-30,", "line 7"),
        ("cust-9,newsletter_open,2021-02-01,", "line 7"),
        ("cust-9,contact,2026-11-26,", "line 7"),
    ],
)
def test_bad_line_exits_2_and_writes_nothing(
    seed_path: Path, tmp_path: Path, row: str, line: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(EVENTS + row + "\n", encoding="utf-8")
    code, out, err = run(base(seed_path, path), capsys)
    assert code == 2
    assert out == ""
    assert line in err
    code, out, err = run([*base(seed_path, path), "--skip-invalid", "--format", "json"], capsys)
    assert code == 0
    document = json.loads(out)
    assert [s["location"] for s in document["skipped"]] == [line]
    assert line in err
    assert len(document["items"]) == 8


def test_unknown_column_exits_2(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("customer,event,date\nx,contact,2020-01-01\n", encoding="utf-8")
    code, out, err = run([*base(seed_path, path), "--skip-invalid"], capsys)
    assert (code, out) == (2, "")
    assert "line 1" in err


def test_unknown_register_and_missing_file_exit_2(
    seed_path: Path, events: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([*base(seed_path, events), "--register", "nope"], capsys)
    assert (code, out) == (2, "")
    code, out, _ = run(base(seed_path, tmp_path / "missing.csv"), capsys)
    assert (code, out) == (2, "")


def test_streams_when_subjects_are_adjacent(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sorted.csv"
    rows = "".join(f"s{n:03d},contact,2020-01-{1 + n % 28:02d}\n" for n in range(50))
    path.write_text("subject,event,date\n" + rows, encoding="utf-8")
    code, out, _ = run([*base(seed_path, path), "--format", "csv"], capsys)
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 200


def test_register_choice_with_several_registers(
    seed_path: Path, events: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import attrs

    from gdpr_register import dump_notice, load_notice

    notice = load_notice(seed_path)
    second = attrs.evolve(notice.registers[0], id="toinen", name="Toinen rekisteri")
    path = tmp_path / "two.yaml"
    dump_notice(attrs.evolve(notice, registers=(notice.registers[0], second)), path)
    code, out, err = run(["retention", str(path), "--events", str(events),
                          "--as-of", "2026-11-25"], capsys)
    assert (code, out) == (2, "")
    assert "toinen" in err
    code, out, _ = run(["retention", str(path), "--events", str(events), "--as-of",
                        "2026-11-25", "--register", "toinen", "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out)["register"] == "toinen"


def test_events_from_stdin(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(EVENTS))
    code, out, _ = run(["retention", str(seed_path), "--events", "-", "--as-of", "2026-11-25",
                        "--format", "csv"], capsys)
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 8


def test_non_utf8_stdin_exits_2(
    seed_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real stdin decodes with surrogateescape: bad bytes must not crash the spooling.
    raw = b"subject,event,date\ncust-1,contact,2021-06-15\n\xff,contact,2021-06-15\n"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = run(["retention", str(seed_path), "--events", "-", "--as-of",
                          "2026-11-25"], capsys)
    assert code == 2
    assert out == ""
    assert "<stdin>" in err
