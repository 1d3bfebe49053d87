"""``ropa-xlsx``: the Art. 30(1) record as a workbook (openpyxl, the ``interop`` extra).

Sheet ``Controller``: one item a row (Art. 30(1)(a)); sheet ``Activities``: one row per
processing activity, Art. 30(1)(b)-(g) in columns. The bytes depend on the notice alone: the
document properties and every zip entry's time are fixed. A cell longer than Excel holds
(:data:`CELL_LIMIT`) is an error, not a cut or a split: a split cell would not survive a user
sorting or editing the sheet, and ``ropa-csv`` carries any length.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

from gdpr_register.errors import DocumentError, Problem
from gdpr_register.interop._registry import Imported, InteropFormat
from gdpr_register.model import Notice

__all__ = ["FORMAT"]

_EPOCH = datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_WIDE = 60  # characters: list columns
#: The most characters an Excel cell holds (Excel's specifications and limits).
CELL_LIMIT = 32_767
_NARROW = 24


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        from gdpr_register.errors import UsageError

        raise UsageError(
            "ropa-xlsx needs openpyxl: pip install 'gdpr-register[interop]'"
        ) from None
    return openpyxl


def _put(sheet: Any, row: int, column: int, value: str, style: dict[str, Any]) -> None:
    cell = sheet.cell(row=row, column=column)
    if value:
        cell.value = value
        cell.data_type = "s"  # text, never a formula, whatever it starts with
    for name, setting in style.items():
        setattr(cell, name, setting)


def _length(value: str) -> int:
    # Excel counts UTF-16 code units: a character outside the BMP (an emoji) counts twice.
    return len(value.encode("utf-16-le")) // 2


def _check_lengths(cells: Any, headers: dict[str, str], notice: Notice) -> None:
    """Every cell fits Excel's limit, or an error naming each one that does not (sheet, cell,
    item): Excel would cut such a cell when the workbook is opened, and the record read back
    would lose facts, so nothing is written."""
    from openpyxl.utils import get_column_letter

    from gdpr_register.errors import InputError

    problems: list[Problem] = []

    def over(where: str, what: str, value: str) -> None:
        if _length(value) > CELL_LIMIT:
            problems.append(Problem(location=where, message=(
                f"{what} is {_length(value):,} characters long: more than the {CELL_LIMIT:,} "
                "an Excel cell holds; shorten it, or export ropa-csv, which has no limit")))

    sheet = headers["sheet_controller"]
    for row, (column_id, value) in enumerate(cells.controller, 2):
        over(f"{sheet}!B{row}", f"the controller item {headers[column_id]!r}", value)
    sheet = headers["sheet_activities"]
    for row, (register, values) in enumerate(
            zip(notice.registers, cells.activities, strict=True), 2):
        for column, (column_id, value) in enumerate(values, 1):
            over(f"{sheet}!{get_column_letter(column)}{row}",
                 f"{headers[column_id]!r} of activity {register.id!r}", value)
    if problems:
        raise InputError(problems)


def _workbook(notice: Notice, lang: str) -> Any:
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from gdpr_register.interop._ropa_columns import headers_for
    from gdpr_register.interop._ropa_export import record_cells

    headers = headers_for(lang)
    cells = record_cells(notice, lang)
    _check_lengths(cells, headers, notice)
    book = openpyxl.Workbook()
    head = {"font": Font(bold=True), "alignment": Alignment(wrap_text=True, vertical="top")}
    body = {"alignment": Alignment(wrap_text=True, vertical="top")}

    controller = book.active
    controller.title = headers["sheet_controller"]
    _put(controller, 1, 1, headers["item"], head)
    _put(controller, 1, 2, headers["value"], head)
    for row, (column_id, value) in enumerate(cells.controller, 2):
        _put(controller, row, 1, headers[column_id], head)
        _put(controller, row, 2, value, body)
    controller.column_dimensions["A"].width = _NARROW + 6
    controller.column_dimensions["B"].width = _WIDE + 40

    activities = book.create_sheet(headers["sheet_activities"])
    for column, (column_id, _value) in enumerate(cells.activities[0], 1):
        _put(activities, 1, column, headers[column_id], head)
        wide = column_id not in ("activity_id", "activity")
        activities.column_dimensions[get_column_letter(column)].width = (
            _WIDE if wide else _NARROW)
    for row, values in enumerate(cells.activities, 2):
        for column, (_column_id, value) in enumerate(values, 1):
            _put(activities, row, column, value, body)
    activities.freeze_panes = "C2"

    props = book.properties
    props.creator = "gdpr_register"
    props.lastModifiedBy = None
    props.title = notice.title
    props.created = props.modified = _EPOCH
    return book


def _export(notice: Notice, lang: str) -> bytes:
    book = _workbook(notice, lang)
    from openpyxl.writer.excel import ExcelWriter

    # ExcelWriter rather than Workbook.save, which stamps the time of saving.
    first = io.BytesIO()
    with zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    # Entries carry the time they were written: copy them with a fixed one.
    fixed = io.BytesIO()
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _import(raw: bytes, source: str) -> Imported:
    openpyxl = _openpyxl()
    from openpyxl.utils import get_column_letter

    from gdpr_register.interop._ropa_columns import (
        ACTIVITY_COLUMNS,
        CONTROLLER_ITEMS,
        header_tables,
    )
    from gdpr_register.interop._ropa_import import Cell, Row, map_headers, notice_from_cells

    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError ... on bad input
        problem = Problem(location="", message=f"not an XLSX workbook ({type(exc).__name__})")
        raise DocumentError([problem], source=source) from None
    try:
        names = {name.strip().casefold(): name for name in book.sheetnames}

        def sheet(key: str) -> Any:
            for table in header_tables().values():
                name = names.get(table[key].casefold())
                if name is not None:
                    return book[name]
            return None

        problems: list[Problem] = []
        ctrl_sheet, act_sheet = sheet("sheet_controller"), sheet("sheet_activities")
        for found, key in ((ctrl_sheet, "sheet_controller"), (act_sheet, "sheet_activities")):
            if found is None:
                problems.append(Problem(location="", message=f"no sheet named "
                                        f"{header_tables()['en'][key]!r} (or "
                                        f"{header_tables()['fi'][key]!r}, "
                                        f"{header_tables()['sv'][key]!r})"))
        if problems:
            raise DocumentError(problems, source=source)
        controller: dict[str, Cell] = {}
        ctrl_title = ctrl_sheet.title
        labels: list[str] = []
        values: list[Cell] = []
        for number, row in enumerate(ctrl_sheet.iter_rows(min_row=2, values_only=True), 2):
            label = _text(row[0]) if row else ""
            value = _text(row[1]) if len(row) > 1 else ""
            if not label.strip() and not value.strip():
                continue
            if not label.strip():
                problems.append(Problem(location=f"{ctrl_title}!A{number}",
                                        message="a value without the name of its item"))
                continue
            labels.append(label)
            values.append(Cell(text=value, where=f"{ctrl_title}!B{number}"))
        places = [c.where.replace("!B", "!A") for c in values]
        columns, found_problems = map_headers(labels, CONTROLLER_ITEMS, places)
        problems.extend(found_problems)
        for column, cell in zip(columns, values, strict=True):
            if column is not None:
                controller[column.id] = cell
        title = act_sheet.title
        table = list(act_sheet.iter_rows(values_only=True))
        header = [_text(v) for v in table[0]] if table else []
        places = [f"{title}!{get_column_letter(i + 1)}1" for i in range(len(header))]
        columns_, found_problems = map_headers(header, ACTIVITY_COLUMNS, places)
        problems.extend(found_problems)
        rows: list[Row] = []
        for number, cells_ in enumerate(table[1:], 2):
            texts = [_text(v) for v in cells_]
            if not any(t.strip() for t in texts):
                continue
            by_id: dict[str, Cell] = {}
            for i, text in enumerate(texts):
                place = f"{title}!{get_column_letter(i + 1)}{number}"
                column = columns_[i] if i < len(columns_) else None
                if column is not None:
                    by_id[column.id] = Cell(text=text, where=place)
                elif text.strip() and not (i < len(header) and header[i].strip()):
                    problems.append(Problem(location=place, message="a value in a column "
                                            "without a heading"))
            rows.append(Row(where=f"{title}!{number}:{number}", cells=by_id))
        if not rows:
            problems.append(Problem(location=f"{title}!2:2",
                                    message="no processing activity rows"))
    finally:
        book.close()
    return notice_from_cells(controller, rows, source=source, problems=problems,
                             where=title)


FORMAT = InteropFormat(
    name="ropa-xlsx",
    summary="Art. 30(1) record of processing activities as a workbook: a controller sheet "
    "and one row per activity (needs openpyxl)",
    suffix=".xlsx",
    binary=True,
    export=_export,
    import_=_import,
)
