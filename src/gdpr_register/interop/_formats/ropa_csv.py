"""``ropa-csv``: the Art. 30(1) record as one CSV table, one row per processing activity.

The activity columns of ``ropa-xlsx``, then the controller items as columns repeated on every
row (so that a row read alone still names its controller). UTF-8 with a byte order mark, for
spreadsheet programs; every cell guarded against formula injection.
"""

from __future__ import annotations

import csv
import io

from gdpr_register.errors import DocumentError, Problem
from gdpr_register.interop._registry import Imported, InteropFormat
from gdpr_register.model import Notice

__all__ = ["DATA_PREFIX", "FORMAT"]

DATA_PREFIX = "_data:"


def _item_columns() -> frozenset[str]:
    """The columns with machine data: every column whose cell is not its own data."""
    from gdpr_register.interop._ropa_columns import ACTIVITY_COLUMNS, CONTROLLER_ITEMS, CellKind

    return frozenset(c.id for c in ACTIVITY_COLUMNS + CONTROLLER_ITEMS
                     if c.kind in (CellKind.ITEM, CellKind.ITEMS, CellKind.MAPPING))


def _export(notice: Notice, lang: str) -> str:
    from gdpr_register.interop._ropa_cells import guard
    from gdpr_register.interop._ropa_columns import headers_for
    from gdpr_register.interop._ropa_export import record_cells

    headers = headers_for(lang)
    cells = record_cells(notice, lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    controller = [cell for _id, cell in cells.controller]
    first = cells.activities[0]
    # The machine data of every item column, in trailing columns headed "_data:<column id>".
    machine = [i for i, _ in first if i in _item_columns()] + [
        i for i, _ in cells.controller if i in _item_columns()]
    writer.writerow([headers[i] for i, _ in first] + [headers[i] for i, _ in cells.controller]
                    + [DATA_PREFIX + i for i in machine])
    ctrl_data = dict(cells.controller_data)
    for row, data in zip(cells.activities, cells.activities_data, strict=True):
        by_id = {**dict(data), **ctrl_data}
        writer.writerow([guard(cell) for _id, cell in row] + [guard(c) for c in controller]
                        + [guard(by_id[i]) for i in machine])
    # A str: the byte order mark is its first character, UTF-8 encoded wherever it goes.
    return "\ufeff" + out.getvalue()


def _import(raw: bytes, source: str) -> Imported:
    from gdpr_register.interop._ropa_cells import unguard
    from gdpr_register.interop._ropa_columns import ACTIVITY_COLUMNS, CONTROLLER_ITEMS
    from gdpr_register.interop._ropa_import import Cell, Row, map_headers, notice_from_cells

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem(location="", message=f"not UTF-8 text (byte {exc.start})")
        raise DocumentError([problem], source=source) from None
    # Spreadsheet programs in many locales (fi, sv, fr, de) save CSV with semicolons.
    head = text.split("\n", 1)[0]
    delimiter = ";" if head.count(";") > head.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        table = list(reader)
    except csv.Error as exc:
        problem = Problem(location=f"line {reader.line_num}", message=f"not CSV: {exc}")
        raise DocumentError([problem], source=source) from None
    if not table:
        raise DocumentError([Problem(location="line 1", message="no header row")],
                            source=source)
    headers = table[0]
    # Machine columns stand apart: the visible ones are mapped, a machine one names its column.
    machine = {i: h.strip()[len(DATA_PREFIX):] for i, h in enumerate(headers)
               if h.strip().startswith(DATA_PREFIX)}
    shown = ["" if i in machine else h for i, h in enumerate(headers)]
    places = [f"line 1, column {i + 1}" for i in range(len(headers))]
    columns, problems = map_headers(shown, ACTIVITY_COLUMNS + CONTROLLER_ITEMS, places)
    for i, column_id in machine.items():
        if column_id not in _item_columns():
            problems.append(Problem(location=places[i], message=f"{headers[i].strip()!r} "
                                    "names no column with machine data"))
    controller_ids = {c.id for c in CONTROLLER_ITEMS}
    controller: dict[str, Cell] = {}
    rows: list[Row] = []
    # csv.reader counts physical lines; a row's first line is what a user looks for.
    starts = _row_lines(text, delimiter)
    for number, values in enumerate(table[1:], 1):
        line = starts[number] if number < len(starts) else number + 1
        if not any(v.strip() for v in values):
            continue
        cells: dict[str, Cell] = {}
        data = {machine[i]: unguard(v) for i, v in enumerate(values) if i in machine}
        for index, value in enumerate(values):
            column = columns[index] if index < len(columns) else None
            if index in machine:
                continue
            if column is None:
                # An unknown heading is reported once, at the heading.
                if value.strip() and not (index < len(headers) and headers[index].strip()):
                    problems.append(Problem(location=f"line {line}, column {index + 1}",
                                            message="a value in a column without a heading"))
                continue
            header = headers[index]
            cell = Cell(text=unguard(value), where=f'line {line}, column "{header.strip()}"',
                        data=data.get(column.id, ""))
            if column.id not in controller_ids:
                cells[column.id] = cell
            elif column.id not in controller:
                controller[column.id] = cell
            elif (controller[column.id].text, controller[column.id].data) != (
                    cell.text, cell.data):
                first = controller[column.id].where
                problems.append(Problem(location=cell.where, message=f"the controller's "
                                        f"{header.strip()!r} differs from {first}"))
        rows.append(Row(where=f"line {line}", cells=cells))
    if not rows:
        problems.append(Problem(location="line 2", message="no processing activity rows"))
    return notice_from_cells(controller, rows, source=source, problems=problems,
                             where="line 1")


def _row_lines(text: str, delimiter: str) -> list[int]:
    """The physical line each CSV row starts on (cells may span lines)."""
    starts: list[int] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for _row in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


FORMAT = InteropFormat(
    name="ropa-csv",
    summary="Art. 30(1) record of processing activities: one CSV row per activity",
    suffix=".csv",
    export=_export,
    import_=_import,
)
