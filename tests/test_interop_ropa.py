"""The Art. 30(1) record as spreadsheets: ropa-xlsx and ropa-csv, out and back in."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given

from gdpr_register import Notice, export_notice, import_notice, load_notice, loads_notice
from gdpr_register.cli import main
from gdpr_register.errors import DocumentError, UsageError
from gdpr_register.model import Section
from gdpr_register.testing import strategies

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "interop"
SEED = EXAMPLES / "valmennuskumppani.yaml"
FORMATS = {"ropa-csv": ".csv", "ropa-xlsx": ".xlsx"}
FORMULAS = ("=", "+", "-", "@", "\t", "\r")
LANGS = ("fi", "sv", "en")

# What an Art. 30 record carries of each register (docs/interop.md lists the rest).
REGISTER_FACTS = (
    "id", "name", "kind", "description", "purposes", "purposes_non_exhaustive",
    "pooled_bases", "data_subjects", "data_categories", "categories_non_exhaustive",
    "sources", "recipients", "recipients_non_exhaustive", "transfers", "retention",
    "security", "automated_processing", "information_society_service", "occasional",
    "likely_risk", "large_scale", "systematic_monitoring", "record_kept", "dpia",
)
NOT_CARRIED_SECTIONS = frozenset(
    {Section.AUTOMATED_DECISIONS, Section.RIGHTS, Section.REQUEST_PROCEDURE, Section.PROVISION}
)


def art30_facts(notice: Notice) -> tuple[Any, ...]:
    registers = [
        {name: getattr(r, name) for name in REGISTER_FACTS}
        | {"none": tuple(s for s in r.none if s not in NOT_CARRIED_SECTIONS)}
        for r in notice.registers
    ]
    return (notice.id, notice.title, notice.kind, notice.language, notice.updated,
            notice.version, notice.source, notice.controller, notice.joint_controllers,
            notice.contact_points, registers)


def _write(path: Path, output: str | bytes) -> Path:
    path.write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
    return path


def _round_trip(notice: Notice, fmt: str, directory: Path) -> tuple[str | bytes, Any]:
    first = export_notice(notice, fmt)
    imported = import_notice(_write(directory / f"record{FORMATS[fmt]}", first), fmt)
    return first, imported


def xlsx_dump(data: bytes) -> str:
    """Every non-empty cell of a workbook, one ``Sheet!A1<TAB>value`` line each (escaped)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = str(cell.value).encode("unicode_escape").decode("ascii")
                    lines.append(f"{sheet.title}!{cell.coordinate}\t{cell.data_type}\t{value}")
    return "\n".join(lines) + "\n"


# Golden files -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_seed_csv_is_the_golden_file(lang: str) -> None:
    output = export_notice(load_notice(SEED), "ropa-csv", lang=lang)
    assert isinstance(output, str)
    golden = (GOLDEN / f"valmennuskumppani.ropa.{lang}.csv").read_bytes()
    assert output.encode("utf-8") == golden, "regenerate: python tests/test_interop_ropa.py"


@pytest.mark.parametrize("lang", LANGS)
def test_seed_xlsx_cells_are_the_golden_file(lang: str) -> None:
    output = export_notice(load_notice(SEED), "ropa-xlsx", lang=lang)
    assert isinstance(output, bytes)
    golden = (GOLDEN / f"valmennuskumppani.ropa-xlsx.{lang}.txt").read_text(encoding="utf-8")
    assert xlsx_dump(output) == golden, "regenerate: python tests/test_interop_ropa.py"


def test_seed_record_states_every_art30_item() -> None:
    rows = list(csv.DictReader(io.StringIO(str(export_notice(load_notice(SEED), "ropa-csv",
                                                             lang="en"))
                                           .removeprefix("\ufeff"))))
    (row,) = rows
    assert row["Controller"] == "Valmennuskumppani Heini Salmu Oy"
    assert row["Purposes"].count("\n") == 7  # eight purposes
    assert "US {recipient: facebook, mechanism: privacy-shield" in row[
        "Transfers outside the EU/EEA"]
    # The erasure time limit is the computed rule, the accounting hold included.
    erasure = row["Erasure time limits"].split("\n")
    assert erasure[0].startswith("Yhteystiedot: erased 5 years after the latest")
    assert "Kirjanpitolaki 1336/1997 2:10" in erasure[3]


def test_erasure_limits_name_each_clock_once_with_its_sources() -> None:
    notice = load_notice(EXAMPLES / "northwind-coaching.yaml")
    rows = list(csv.DictReader(io.StringIO(str(export_notice(notice, "ropa-csv"))
                                           .removeprefix("\ufeff"))))
    lines = dict(line.split(": ", 1) for line in rows[0]["Erasure time limits"].split("\n"))
    assert set(lines) == {c.name for c in notice.registers[0].data_categories}
    assert lines["Course feedback"].startswith("erased 1 year after the earliest collection")
    invoices = lines["Invoices and payment records"]
    assert invoices.count("kept until") == 1  # the rule and the statute it names: one clock
    assert "(rule 4; Kirjanpitolaki 1336/1997 2:10)" in invoices


# Determinism and round trips ------------------------------------------------------------------

def test_xlsx_bytes_depend_on_the_notice_alone() -> None:
    notice = load_notice(SEED)
    first = export_notice(notice, "ropa-xlsx")
    assert isinstance(first, bytes)
    assert export_notice(notice, "ropa-xlsx") == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(io.BytesIO(first)).properties
    assert (props.created.year, props.modified.year) == (2000, 2000)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_round_trip(fmt: str, example: str, lang: str, tmp_path: Path) -> None:
    notice = load_notice(EXAMPLES / example)
    first = export_notice(notice, fmt, lang=lang)
    imported = import_notice(_write(tmp_path / f"record{FORMATS[fmt]}", first), fmt)
    assert export_notice(imported.notice, fmt, lang=lang) == first
    assert art30_facts(imported.notice) == art30_facts(notice)


# Languages ------------------------------------------------------------------------------------

def _csv_header(output: str | bytes) -> list[str]:
    assert isinstance(output, str)
    return next(csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")))


def test_headers_are_distinct_in_each_language_and_across_them() -> None:
    from gdpr_register.interop._ropa_columns import (
        ACTIVITY_COLUMNS,
        CONTROLLER_ITEMS,
        header_index,
        header_tables,
    )

    columns = ACTIVITY_COLUMNS + CONTROLLER_ITEMS
    index = header_index(columns)
    for lang in LANGS:
        table = header_tables()[lang]
        headers = [table[c.id].casefold() for c in columns]
        assert len(set(headers)) == len(headers), lang
        # No heading of one language names another column in another.
        assert all(index[table[c.id].casefold()].id == c.id for c in columns)
        assert len(table["sheet_activities"]) <= 31  # Excel's limit on sheet names


def test_the_record_takes_the_notice_language_by_default() -> None:
    from gdpr_register.render import label

    seed = load_notice(SEED)
    assert seed.language == "fi"
    assert export_notice(seed, "ropa-csv") == export_notice(seed, "ropa-csv", lang="fi")
    header = _csv_header(export_notice(seed, "ropa-csv"))
    assert label("record.purposes", "fi") in header
    assert "Purposes" not in header
    german = attrs.evolve(seed, language="de")
    assert export_notice(german, "ropa-csv") == export_notice(german, "ropa-csv", lang="en")
    regional = attrs.evolve(seed, language="sv-FI")
    assert export_notice(regional, "ropa-csv") == export_notice(regional, "ropa-csv", lang="sv")


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_names_and_the_word_none_are_in_the_record_language(
    lang: str, tmp_path: Path
) -> None:
    from gdpr_register.render import label

    notice = loads_notice("""
id: none-word
controller: {name: Kahvila Oy}
registers:
  - {id: a, name: A, transfers: none, recipients: none}
""")
    output = export_notice(notice, "ropa-xlsx", lang=lang)
    assert isinstance(output, bytes)
    book = openpyxl.load_workbook(io.BytesIO(output))
    assert book.sheetnames == [label("record.sheet_controller", lang),
                               label("record.sheet_activities", lang)]
    sheet = book[label("record.sheet_activities", lang)]
    row = {cell.value: below.value for cell, below in zip(sheet[1], sheet[2], strict=True)}
    assert row[label("record.transfers", lang)] == label("record.none", lang)
    imported = import_notice(_write(tmp_path / "r.xlsx", output), "ropa-xlsx")
    assert imported.notice.registers[0].none == notice.registers[0].none
    assert export_notice(imported.notice, "ropa-xlsx", lang=lang) == output


def test_a_misspelt_finnish_heading_is_matched_against_the_finnish_ones(tmp_path: Path) -> None:
    from gdpr_register.render import label

    header = _csv_header(export_notice(load_notice(SEED), "ropa-csv", lang="fi"))
    wanted = label("record.purposes", "fi")
    text = f"{label('record.activity', 'fi')},{wanted[:-2]}\nA,B\n"
    with pytest.raises(DocumentError) as error:
        import_notice(_write(tmp_path / "r.csv", text), "ropa-csv")
    (problem,) = error.value.problems
    assert problem.location == "line 1, column 2"
    assert repr(wanted.casefold()) in problem.message
    assert wanted in header


def test_cli_export_takes_lang(tmp_path: Path) -> None:
    from gdpr_register.render import label

    target = tmp_path / "record.csv"
    assert main(["export", str(SEED), "--format", "ropa-csv", "--lang", "sv",
                 "-o", str(target)]) == 0
    header = _csv_header(target.read_bytes().decode("utf-8"))
    assert label("record.data_subjects", "sv") in header


@given(strategies.notices())
def test_generated_notices_keep_every_art30_fact(notice: Notice) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as directory:
        for fmt in FORMATS:
            first, imported = _round_trip(notice, fmt, Path(directory))
            assert export_notice(imported.notice, fmt) == first
            assert art30_facts(imported.notice) == art30_facts(notice)


def test_a_shared_block_is_written_into_every_activity(tmp_path: Path) -> None:
    notice = loads_notice("""
id: shared
controller: {name: Kahvila Oy}
shared:
  security: [{kind: technical, text: Salasanat}]
registers:
  - {id: a, name: A}
  - {id: b, name: B}
""")
    _first, imported = _round_trip(notice, "ropa-csv", tmp_path)
    assert [r.security for r in imported.notice.registers] == [
        r.security for r in notice.registers]
    assert imported.notice.registers[1].security[0].text == "Salasanat"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_the_dpia_reference_has_its_own_column_and_comes_back(fmt: str, tmp_path: Path) -> None:
    from gdpr_register.model import DpiaReference, PartialDate

    notice = loads_notice("""
id: dpia
controller: {name: Kahvila Oy}
registers:
  - {id: a, name: A, dpia: {reference: DPIA-2026-03, date: 2026-03}}
  - {id: b, name: B}
""")
    assert notice.registers[0].dpia == DpiaReference(
        reference="DPIA-2026-03", date=PartialDate(year=2026, month=3))
    output = export_notice(notice, "ropa-csv", lang="en")
    rows = list(csv.DictReader(io.StringIO(str(output).removeprefix("\ufeff"))))
    assert [r["DPIA reference (Art. 35)"] for r in rows] == ["DPIA-2026-03 {date: 2026-03}", ""]
    assert "dpia" not in rows[0]["Other facts"]
    first, imported = _round_trip(notice, fmt, tmp_path)
    assert [r.dpia for r in imported.notice.registers] == [r.dpia for r in notice.registers]
    assert export_notice(imported.notice, fmt) == first


def test_a_record_without_a_dpia_column_still_reads(tmp_path: Path) -> None:
    text = "Processing activity,Purposes\nAsiakkaat,Myynti\n"
    imported = import_notice(_write(tmp_path / "r.csv", text), "ropa-csv")
    assert imported.notice.registers[0].dpia is None


# Excel's cell limit ---------------------------------------------------------------------------

def _long_notice(length: int, char: str = "x") -> Notice:
    notice = load_notice(EXAMPLES / "northwind-coaching.yaml")
    register = notice.registers[0]
    purpose = attrs.evolve(register.purposes[0], description=char * length)
    register = attrs.evolve(register, purposes=(purpose, *register.purposes[1:]))
    return attrs.evolve(notice, registers=(register,))


def test_a_cell_over_excels_limit_is_an_error_naming_sheet_cell_and_item(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gdpr_register.errors import InputError
    from gdpr_register.interop._formats.ropa_xlsx import CELL_LIMIT

    notice = _long_notice(CELL_LIMIT)  # the description alone fits, the whole cell does not
    fits = export_notice(load_notice(EXAMPLES / "northwind-coaching.yaml"), "ropa-xlsx")
    assert isinstance(fits, bytes)
    purposes = _column(openpyxl.load_workbook(io.BytesIO(fits))["Activities"], "Purposes")
    with pytest.raises(InputError) as error:
        export_notice(notice, "ropa-xlsx")
    (problem,) = error.value.problems
    assert problem.location == f"Activities!{purposes}2"
    assert repr(notice.registers[0].id) in problem.message
    assert "'Purposes'" in problem.message
    # The CSV has no such limit, and keeps every character.
    _first, imported = _round_trip(notice, "ropa-csv", tmp_path)
    assert imported.notice.registers[0].purposes[0] == notice.registers[0].purposes[0]

    source = tmp_path / "long.yaml"
    from gdpr_register.documents import dumps_notice

    source.write_text(dumps_notice(notice), encoding="utf-8")
    target = tmp_path / "record.xlsx"
    assert main(["export", str(source), "--format", "ropa-xlsx", "-o", str(target)]) == 2
    assert not target.exists()
    assert f"Activities!{purposes}2" in capsys.readouterr().err


def test_the_limit_counts_what_excel_counts() -> None:
    from gdpr_register.errors import InputError
    from gdpr_register.interop._formats.ropa_xlsx import CELL_LIMIT

    fits = load_notice(EXAMPLES / "northwind-coaching.yaml")
    assert export_notice(fits, "ropa-xlsx")
    # An emoji is two UTF-16 code units: half as many already fill the cell.
    with pytest.raises(InputError):
        export_notice(_long_notice(CELL_LIMIT // 2 + 1, "\U0001f600"), "ropa-xlsx")
    with pytest.raises(InputError):
        export_notice(_long_notice(CELL_LIMIT + 1), "ropa-xlsx")


# Formula injection ------------------------------------------------------------------------------

def _formula_notice() -> Notice:
    notice = load_notice(EXAMPLES / "northwind-coaching.yaml")
    register = notice.registers[0]
    purpose = attrs.evolve(register.purposes[0], name='=HYPERLINK("http://x.example","y")')
    register = attrs.evolve(register, name="+cmd|' /C calc'!A0", description="'=1+1",
                            purposes=(purpose, *register.purposes[1:]))
    return attrs.evolve(notice, registers=(register,))


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    notice = _formula_notice()
    output = export_notice(notice, "ropa-csv")
    assert isinstance(output, str)
    assert output.startswith("\ufeff")
    for row in csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")):
        assert not [cell for cell in row if cell.startswith(FORMULAS)]
    _first, imported = _round_trip(notice, "ropa-csv", tmp_path)
    assert imported.notice.registers[0].name == notice.registers[0].name
    assert imported.notice.registers[0].description == "'=1+1"
    assert imported.notice.registers[0].purposes[0] == notice.registers[0].purposes[0]


def test_xlsx_cells_are_text_not_formulas(tmp_path: Path) -> None:
    notice = _formula_notice()
    output = export_notice(notice, "ropa-xlsx")
    assert isinstance(output, bytes)
    sheet = openpyxl.load_workbook(io.BytesIO(output))["Activities"]
    assert sheet["B2"].value == notice.registers[0].name
    assert {cell.data_type for row in sheet.iter_rows() for cell in row if cell.value} == {"s"}
    _first, imported = _round_trip(notice, "ropa-xlsx", tmp_path)
    assert art30_facts(imported.notice) == art30_facts(notice)


# Bad cells --------------------------------------------------------------------------------------

def _seed_book() -> Any:
    data = export_notice(load_notice(SEED), "ropa-xlsx", lang="en")
    assert isinstance(data, bytes)
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(sheet: Any, header: str) -> str:
    for cell in sheet[1]:
        if cell.value == header:
            return str(cell.column_letter)
    raise KeyError(header)


def _locations(error: pytest.ExceptionInfo[DocumentError]) -> list[str]:
    return [p.location for p in error.value.problems]


def test_xlsx_every_bad_cell_is_reported_with_its_place(tmp_path: Path) -> None:
    book = _seed_book()
    sheet = book["Activities"]
    purposes, transfers = _column(sheet, "Purposes"), _column(sheet, "Transfers outside the EU/EEA")
    recipients = _column(sheet, "Recipients")
    sheet[f"{purposes}2"].value = sheet[f"{purposes}2"].value.replace("[sales]", "[salez]")
    sheet[f"{transfers}2"].value = "XX {recipient: facebook}"
    sheet[f"{recipients}2"].value += "\nBroken {role: processor"
    book["Controller"]["B3"].value = "x {unclosed"
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(DocumentError) as parse_error:
        import_notice(path, "ropa-xlsx")
    assert _locations(parse_error) == [f"Activities!{recipients}2, item 7"]

    sheet[f"{recipients}2"].value = sheet[f"{recipients}2"].value.rsplit("\n", 1)[0]
    book.save(path)
    with pytest.raises(DocumentError) as model_error:
        import_notice(path, "ropa-xlsx")
    assert sorted(_locations(model_error)) == [
        f"Activities!{purposes}2, item 3", f"Activities!{transfers}2, item 1"]


def test_cli_import_of_a_bad_record_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = export_notice(load_notice(SEED), "ropa-csv", lang="en")
    assert isinstance(output, str)
    rows = list(csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")))
    header = rows[0]
    rows[1][header.index("Lawful basis per purpose")] += "\nsuostumus {purpose: nope}"
    rows[1][header.index("Categories of data subjects")] = "Asiakkaat {id: asiakkaat, x: [}"
    text = io.StringIO(newline="")
    csv.writer(text).writerows(rows)
    source = _write(tmp_path / "bad.csv", text.getvalue())
    target = tmp_path / "notice.yaml"
    assert main(["import", str(source), "--format", "ropa-csv", "-o", str(target)]) == 2
    assert not target.exists()
    err = capsys.readouterr().err
    assert 'line 2, column "Lawful basis per purpose", item 5' in err
    assert 'line 2, column "Categories of data subjects", item 1' in err


def test_csv_rows_are_named_by_the_line_they_start_on(tmp_path: Path) -> None:
    text = (
        'Processing activity,Purposes\n'
        '"Asiakkaat","Myynti\nLaskutus"\n'
        '"Työntekijät","Palkanmaksu {kinds: [payroll]}"\n'
    )
    with pytest.raises(DocumentError) as error:
        import_notice(_write(tmp_path / "r.csv", text), "ropa-csv")
    assert _locations(error) == ['line 4, column "Purposes", item 1']


def test_unknown_headings_and_missing_sheets_are_problems(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as error:
        import_notice(_write(tmp_path / "r.csv", "Processing activity,Purposez\nA,B\n"),
                      "ropa-csv")
    assert _locations(error) == ["line 1, column 2"]
    with pytest.raises(DocumentError) as headless:
        import_notice(_write(tmp_path / "r.csv", "Processing activity,,\nA,,B\n"), "ropa-csv")
    assert _locations(headless) == ["line 2, column 3"]
    book = _seed_book()
    book["Controller"]["B30"].value = "a value"
    book["Activities"]["Z2"].value = "another"
    book.save(tmp_path / "headless.xlsx")
    with pytest.raises(DocumentError) as unnamed:
        import_notice(tmp_path / "headless.xlsx", "ropa-xlsx")
    assert _locations(unnamed) == ["Controller!A30", "Activities!Z2"]
    book = openpyxl.Workbook()
    book.active.title = "Sheet"
    book.save(tmp_path / "r.xlsx")
    with pytest.raises(DocumentError) as missing:
        import_notice(tmp_path / "r.xlsx", "ropa-xlsx")
    assert len(missing.value.problems) == 2
    with pytest.raises(DocumentError):
        import_notice(_write(tmp_path / "not.xlsx", b"not a zip"), "ropa-xlsx")


# A record typed by hand ------------------------------------------------------------------------

def test_a_hand_written_record_gets_ids_and_notes(tmp_path: Path) -> None:
    text = (
        "Processing activity,Purposes,Lawful basis per purpose,Recipients,Controller\n"
        'Asiakasrekisteri,"Myynti\nUutiskirje\n…","sopimus {article: 6(1)(b), purpose: Myynti}\n'
        'suostumus {article: 6(1)(a), purpose: uutiskirje}",'
        '"Kirjanpitäjä {role: processor}",Kahvila Oy\n'
    )
    imported = import_notice(_write(tmp_path / "r.csv", text), "ropa-csv")
    register = imported.notice.registers[0]
    assert register.id == "asiakasrekisteri"
    assert [p.id for p in register.purposes] == ["myynti", "uutiskirje"]
    assert register.purposes_non_exhaustive
    assert [b.article.value if b.article else None for b in register.purposes[1].bases] == [
        "6(1)(a)"]
    assert register.recipients[0].id == "kirjanpitaja"
    assert imported.notice.controller.name == "Kahvila Oy"
    places = [note.where for note in imported.notes]
    assert 'line 2, column "Purposes"' in places
    assert "line 1" in places  # what a record never carries


def test_a_csv_saved_with_semicolons_reads_the_same(tmp_path: Path) -> None:
    output = export_notice(load_notice(SEED), "ropa-csv")
    assert isinstance(output, str)
    rows = list(csv.reader(io.StringIO(output.removeprefix("\ufeff"), newline="")))
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=";").writerows(rows)
    imported = import_notice(_write(tmp_path / "r.csv", "\ufeff" + text.getvalue()), "ropa-csv")
    assert export_notice(imported.notice, "ropa-csv") == output


def test_a_workbook_typed_by_hand_with_numbers_and_dates(tmp_path: Path) -> None:
    from datetime import datetime

    book = openpyxl.Workbook()
    controller = book.active
    controller.title = "Controller"
    controller.append(["Item", "Value"])
    controller.append(["Controller", "Kahvila Oy"])
    controller.append(["Updated", datetime(2026, 5, 4)])
    activities = book.create_sheet("Activities")
    activities.append(["Ref.", "Processing activity", "Purposes"])
    activities.append([7, "Kanta-asiakkaat", "Etujen tarjoaminen"])
    book.save(tmp_path / "typed.xlsx")
    imported = import_notice(tmp_path / "typed.xlsx", "ropa-xlsx")
    assert str(imported.notice.updated) == "2026-05-04"
    assert imported.notice.registers[0].id == "7"
    assert imported.notice.registers[0].purposes[0].id == "etujen-tarjoaminen"
    assert imported.notice.id == "kahvila-oy"


def test_an_edited_erasure_column_is_noted_not_read(tmp_path: Path) -> None:
    output = export_notice(load_notice(SEED), "ropa-csv", lang="en")
    assert isinstance(output, str)
    edited = output.replace("Yhteystiedot: erased 5 years", "Yhteystiedot: erased 9 years")
    imported = import_notice(_write(tmp_path / "r.csv", edited), "ropa-csv")
    assert export_notice(imported.notice, "ropa-csv", lang="en") == output
    assert 'line 2, column "Erasure time limits"' in [note.where for note in imported.notes]


# Commands ---------------------------------------------------------------------------------------

def test_export_list_names_the_record_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--list"]) == 0
    lines = {line.split("\t")[0]: line.split("\t")[1:3] for line in
             capsys.readouterr().out.splitlines()}
    assert lines["ropa-xlsx"] == ["export/import", ".xlsx"]
    assert lines["ropa-csv"] == ["export/import", ".csv"]
    assert main(["import", "--list"]) == 0
    assert "ropa-xlsx\texport/import" in capsys.readouterr().out
    assert main(["export", str(SEED)]) == 2  # a notice needs --format


def test_cli_export_import_round_trip(tmp_path: Path) -> None:
    record = tmp_path / "record.xlsx"
    assert main(["export", str(SEED), "--format", "ropa-xlsx", "-o", str(record)]) == 0
    target = tmp_path / "notice.yaml"
    assert main(["import", str(record), "--format", "ropa-xlsx", "-o", str(target)]) == 0
    assert art30_facts(load_notice(target)) == art30_facts(load_notice(SEED))


def test_unknown_header_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        export_notice(load_notice(SEED), "ropa-csv", lang="xx")
    assert main(["export", str(SEED), "--format", "ropa-csv", "--lang", "xx"]) == 2


def test_store_export_takes_the_record_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", f"sqlite:///{tmp_path / 'store.db'}"]
    assert main(["store", "import", str(SEED), *store]) == 0
    target = tmp_path / "record.csv"
    assert main(["store", "export", "valmennuskumppani", "--format", "ropa-csv",
                 "-o", str(target), *store]) == 0
    assert target.read_bytes() == str(export_notice(load_notice(SEED), "ropa-csv")).encode()
    capsys.readouterr()
    assert main(["store", "export", "valmennuskumppani", "--format", "ropa-xlx", *store]) == 2
    assert "ropa-xlsx" in capsys.readouterr().err


def test_binary_output_to_a_closed_pipe_exits_141() -> None:
    script = (
        "import os, sys\n"
        "r, w = os.pipe()\n"
        "os.close(r)\n"
        "os.dup2(w, 1)\n"
        "from gdpr_register.cli import main\n"
        f"code = main(['export', {str(SEED)!r}, '--format', 'ropa-xlsx'])\n"
        "os.write(2, str(code).encode())\n"
        "os._exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == 141, done.stderr


def test_binary_output_to_a_full_disk_exits_2() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "gdpr_register.cli", "export", str(SEED), "--format",
             "ropa-xlsx"], stdout=full, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 2
    assert done.stderr.count(b"\n") == 1  # one line, no traceback


if __name__ == "__main__":  # regenerate the golden files
    seed = load_notice(SEED)
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for language in LANGS:
        (GOLDEN / f"valmennuskumppani.ropa.{language}.csv").write_bytes(
            str(export_notice(seed, "ropa-csv", lang=language)).encode("utf-8"))
        xlsx = export_notice(seed, "ropa-xlsx", lang=language)
        assert isinstance(xlsx, bytes)
        (GOLDEN / f"valmennuskumppani.ropa-xlsx.{language}.txt").write_text(
            xlsx_dump(xlsx), encoding="utf-8")
