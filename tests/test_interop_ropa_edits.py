"""A record edited by hand in a spreadsheet program: the visible text wins (docs/interop.md)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gdpr_register import export_notice, import_notice, load_notice
from gdpr_register.errors import DocumentError

SEED = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
RECIPIENTS, TRANSFERS = "Recipients", "Transfers outside the EU/EEA"


def _book() -> Any:
    data = export_notice(load_notice(SEED), "ropa-xlsx", lang="en")
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def _cell(book: Any, header: str) -> Any:
    sheet = book["Activities"]
    (column,) = [c.column_letter for c in sheet[1] if c.value == header]
    return sheet[f"{column}2"]


def _edit(cell: Any, old: str, new: str) -> None:
    assert old in cell.value
    cell.value = cell.value.replace(old, new)


def _import(book: Any, tmp_path: Path) -> Any:
    path = tmp_path / "edited.xlsx"
    book.save(path)
    return import_notice(path, "ropa-xlsx")


def test_a_renamed_item_keeps_its_other_facts(tmp_path: Path) -> None:
    book = _book()
    _edit(_cell(book, RECIPIENTS), "Zef Oy (processor", "Zef Solutions Oy (processor")
    _edit(_cell(book, TRANSFERS), "United States — Facebook", "Canada — Facebook")
    register = _import(book, tmp_path).notice.registers[0]
    zef = next(r for r in register.recipients if r.id == "zef")
    assert (zef.name, zef.role.value, zef.country) == ("Zef Solutions Oy", "processor", "FI")
    facebook = next(t for t in register.transfers if t.recipient == "facebook")
    assert (facebook.country, facebook.mechanism.value) == ("CA", "privacy-shield")


def test_lines_removed_and_added_by_hand(tmp_path: Path) -> None:
    book = _book()
    cell = _cell(book, RECIPIENTS)
    lines = cell.value.split("\n")
    cell.value = "\n".join([line for line in lines if not line.startswith("Firstbeat")]
                           + ["Tilitoimisto Oy {role: processor, country: FI}"])
    imported = _import(book, tmp_path)
    recipients = {r.id: r for r in imported.notice.registers[0].recipients}
    assert "firstbeat" not in recipients
    assert recipients["tilitoimisto-oy"].role.value == "processor"
    assert len(recipients) == len(lines)
    # The others are exactly as exported.
    original = {r.id: r for r in load_notice(SEED).registers[0].recipients}
    assert recipients["zef"] == original["zef"]


def test_a_changed_cell_that_cannot_be_read_is_an_error_naming_it(tmp_path: Path) -> None:
    book = _book()
    cell = _cell(book, TRANSFERS)
    _edit(cell, "United States — Facebook", "Atlantis — Facebook")
    path = tmp_path / "edited.xlsx"
    book.save(path)
    with pytest.raises(DocumentError) as error:
        import_notice(path, "ropa-xlsx")
    assert [p.location for p in error.value.problems] == [
        f"Activities!{cell.column_letter}2, item 1"]


def test_unreadable_machine_data_leaves_the_visible_text(tmp_path: Path) -> None:
    book = _book()
    data = book["_data"]
    row = next(r for r in data.iter_rows(min_row=2) if r[1].value == "B11")
    row[2].value = "[broken"
    imported = _import(book, tmp_path)
    assert "Controller!B11" in [note.where for note in imported.notes]
    assert imported.notice.controller.business_id is not None


def test_csv_edits_follow_the_same_rule(tmp_path: Path) -> None:
    output = export_notice(load_notice(SEED), "ropa-csv", lang="en")
    assert isinstance(output, str)
    rows = list(csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")))
    column = rows[0].index(RECIPIENTS)
    assert rows[0][-1].startswith("_data:")
    rows[1][column] = rows[1][column].replace("Zef Oy (", "Zef Solutions Oy (")
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "edited.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    register = import_notice(path, "ropa-csv").notice.registers[0]
    zef = next(r for r in register.recipients if r.id == "zef")
    assert (zef.name, zef.role.value) == ("Zef Solutions Oy", "processor")


def test_a_line_typed_in_the_words_of_the_record_is_read_with_its_facts(
    tmp_path: Path,
) -> None:
    book = _book()
    cell = _cell(book, RECIPIENTS)
    cell.value += "\nTilitoimisto Oy (processor, Sweden) — Kirjanpito"
    recipients = {r.id: r for r in _import(book, tmp_path).notice.registers[0].recipients}
    added = recipients["tilitoimisto-oy"]
    assert (added.name, added.role.value, added.country, added.description) == (
        "Tilitoimisto Oy", "processor", "SE", "Kirjanpito")
    # Words in brackets the record never writes are part of the name, and a recipient needs
    # its role: an error naming the line.
    cell.value += "\nNaapuri (a friend)"
    path = tmp_path / "edited.xlsx"
    book.save(path)
    with pytest.raises(DocumentError) as error:
        import_notice(path, "ropa-xlsx")
    (problem,) = error.value.problems
    assert problem.location == f"Activities!{cell.column_letter}2, item 8"
    assert problem.message.startswith("role:")
