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

__all__ = ["FORMAT"]


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
    writer.writerow([headers[i] for i, _ in first] + [headers[i] for i, _ in cells.controller])
    for row in cells.activities:
        writer.writerow([guard(cell) for _id, cell in row] + [guard(c) for c in controller])
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
    places = [f"line 1, column {i + 1}" for i in range(len(headers))]
    columns, problems = map_headers(headers, ACTIVITY_COLUMNS + CONTROLLER_ITEMS, places)
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
        for index, value in enumerate(values):
            column = columns[index] if index < len(columns) else None
            if column is None:
                # An unknown heading is reported once, at the heading.
                if value.strip() and not (index < len(headers) and headers[index].strip()):
                    problems.append(Problem(location=f"line {line}, column {index + 1}",
                                            message="a value in a column without a heading"))
                continue
            header = headers[index]
            cell = Cell(text=unguard(value), where=f'line {line}, column "{header.strip()}"')
            if column.id not in controller_ids:
                cells[column.id] = cell
            elif column.id not in controller:
                controller[column.id] = cell
            elif controller[column.id].text != cell.text:
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
