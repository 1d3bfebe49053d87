"""The cells of an Art. 30(1) record back into a notice, every bad cell reported at once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from gdpr_register.errors import DocumentError, Problem
from gdpr_register.interop._registry import Imported, ImportNote
from gdpr_register.interop._ropa_cells import (
    ELLIPSES,
    NONE_WORD,
    CellError,
    parse_item,
    parse_mapping,
    parse_text,
    split_lines,
)
from gdpr_register.interop._ropa_columns import (
    ACTIVITY_COLUMNS,
    CONTROLLER_ITEMS,
    CellKind,
    Column,
    header_index,
    header_language,
    header_tables,
    none_words,
)

__all__ = ["Cell", "Row", "map_headers", "notice_from_cells"]

# Lists whose items have ids that other items refer to: a spreadsheet typed by hand may leave
# them out, and they are then made from the item's text.
_WITH_IDS = frozenset({"purposes", "data_subjects", "data_categories", "sources", "recipients"})
NOT_CARRIED = (
    "an Art. 30 record does not carry the notice's Art. 13/14 wording (rights and how to "
    "exercise them, automated decisions, whether providing data is required, consents, the "
    "supervisory authority, cited laws), its waivers, coverage notes or translations: the "
    "imported notice leaves them not stated"
)


@attrs.frozen(kw_only=True)
class Cell:
    text: str
    where: str  # "Activities!C12", 'line 12, column "Purposes"'


@attrs.frozen(kw_only=True)
class Row:
    where: str  # the row as a whole: "Activities!2", "line 2"
    cells: Mapping[str, Cell]  # by column id


def map_headers(
    headers: Sequence[str], columns: tuple[Column, ...], where: Sequence[str]
) -> tuple[list[Column | None], list[Problem]]:
    """Each header's column (None for a blank header); problems for unknown or repeated ones."""
    import difflib

    index = header_index(columns)
    # A misspelt heading is matched against the headings of the record's own language.
    lang = header_language(list(headers), columns)
    ids = {c.id for c in columns}
    own = [h.casefold() for i, h in header_tables()[lang].items() if i in ids]
    found: list[Column | None] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for header, place in zip(headers, where, strict=True):
        key = header.strip().casefold()
        if not key:
            found.append(None)
            continue
        column = index.get(key)
        if column is None:
            close = (difflib.get_close_matches(key, own, n=1)
                     or difflib.get_close_matches(key, list(index), n=1))
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            message = f"{header.strip()!r} is not a heading of the record layout{hint}"
            problems.append(Problem(location=place, message=message))
        elif column.id in seen:
            message = f"{header.strip()!r} is given twice (first at {seen[column.id]})"
            problems.append(Problem(location=place, message=message))
            column = None
        else:
            seen[column.id] = place
        found.append(column)
    return found, problems


def _slug(text: object, taken: set[str], fallback: str) -> str:
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:90] or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.notes: list[ImportNote] = []
        self.origins: list[tuple[str, str]] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(Problem(location=where, message=message))

    def mapping(self, cell: Cell) -> dict[str, Any]:
        try:
            return parse_mapping(cell.text.strip())
        except CellError as exc:
            self.fail(cell.where, str(exc))
            return {}

    def merge(self, into: dict[str, Any], extra: dict[str, Any], cell: Cell, path: str) -> None:
        for key, value in extra.items():
            if key in into:
                self.fail(cell.where, f"{key!r} is also given in its own column or item")
            else:
                into[key] = value
                self.origins.append((f"{path}.{key}", cell.where))

    def items(self, column: Column, cell: Cell) -> tuple[list[tuple[str, dict[str, Any]]], bool]:
        """Each item with where it is, and whether a ``…`` line says there are more."""
        found: list[tuple[str, dict[str, Any]]] = []
        more = False
        for number, line in enumerate(split_lines(cell.text), 1):
            where = f"{cell.where}, item {number}"
            if line.strip() in ELLIPSES:
                if column.flag is None:
                    self.fail(where, "this list cannot be marked not exhaustive ('…')")
                more = True
                continue
            try:
                found.append((where, parse_item(line, column.label)))
            except CellError as exc:
                self.fail(where, str(exc))
        return found, more

    def value(self, column: Column, cell: Cell, path: str) -> Any:
        self.origins.append((path, cell.where))
        if column.kind is CellKind.TEXT:
            return parse_text(cell.text)
        if column.kind is CellKind.ITEM:
            try:
                return parse_item(cell.text.strip(), column.label)
            except CellError as exc:
                self.fail(cell.where, str(exc))
                return None
        lines = [ln.strip() for ln in split_lines(cell.text) if ln.strip() not in ELLIPSES]
        if len(lines) == 1 and lines[0] in none_words():
            return NONE_WORD
        items, _more = self.items(column, cell)
        for index, (where, _item) in enumerate(items):
            self.origins.append((f"{path}[{index}]", where))
        return [item for _where, item in items]

    def ids(self, items: list[dict[str, Any]], label: str | None, cell: Cell, what: str) -> None:
        taken = {str(i["id"]) for i in items if isinstance(i.get("id"), str)}
        made = []
        for item in items:
            if "id" not in item:
                item["id"] = _slug(item.get(label or "", ""), taken, what)
                made.append(item["id"])
        if made:
            self.notes.append(ImportNote(where=cell.where, message="ids made from the text: "
                                         + ", ".join(made)))


def _controller(reader: _Reader, cells: Mapping[str, Cell], data: dict[str, Any]) -> None:
    controller: dict[str, Any] = {}
    others: list[tuple[Column, Cell]] = []
    for column in CONTROLLER_ITEMS:
        cell = cells.get(column.id)
        if cell is None or not cell.text.strip():
            continue
        if column.kind is CellKind.MAPPING:
            others.append((column, cell))
            continue
        assert column.key is not None
        head, _, tail = column.key.partition(".")
        if tail:
            controller[tail] = reader.value(column, cell, f"$.controller.{tail}")
        else:
            data[head] = reader.value(column, cell, f"$.{head}")
    for column, cell in others:
        if column.id == "controller_other":
            reader.merge(controller, reader.mapping(cell), cell, "$.controller")
        else:
            reader.merge(data, reader.mapping(cell), cell, "$")
    data["controller"] = controller
    if "id" not in data:
        data["id"] = _slug(controller.get("name", ""), set(), "record")
        reader.notes.append(ImportNote(where="record", message=f"no record ID: {data['id']!r}"))


def _bases(reader: _Reader, register: dict[str, Any], column: Column, cell: Cell,
           path: str) -> None:
    items, _more = reader.items(column, cell)
    purposes = register.get("purposes")
    listed_purposes = purposes if isinstance(purposes, list) else []
    by_id = {p.get("id"): (i, p) for i, p in enumerate(listed_purposes)}
    # A sheet typed by hand names the purpose; ours give its id.
    by_name = {str(p.get("name", "")).strip().casefold(): (i, p)
               for i, p in enumerate(listed_purposes)}
    field = "bases" if column.id == "lawful_bases" else "special_conditions"
    for where, item in items:
        purpose = item.pop("purpose", None)
        if purpose is None and field == "bases":
            pooled = register.setdefault("pooled_bases", [])
            reader.origins.append((f"{path}.pooled_bases[{len(pooled)}]", where))
            pooled.append(item)
        elif purpose in by_id or str(purpose).strip().casefold() in by_name:
            index, target = by_id.get(purpose) or by_name[str(purpose).strip().casefold()]
            listed = target.setdefault(field, [])
            reader.origins.append((f"{path}.purposes[{index}].{field}[{len(listed)}]", where))
            listed.append(item)
        else:
            known = ", ".join(str(k) for k in by_id) or "none"
            what = "no purpose" if purpose is None else f"unknown purpose {purpose!r}"
            reader.fail(where, f"{what} (purposes: {known})")


def _activity(reader: _Reader, row: Row, index: int, taken: set[str]) -> dict[str, Any]:
    path = f"$.registers[{index}]"
    reader.origins.append((path, row.where))
    register: dict[str, Any] = {}
    later: list[tuple[Column, Cell]] = []
    for column in ACTIVITY_COLUMNS:
        cell = row.cells.get(column.id)
        if cell is None or not cell.text.strip() or column.kind is CellKind.WORDS:
            continue
        if column.key is None:
            later.append((column, cell))
            continue
        value = reader.value(column, cell, f"{path}.{column.key}")
        if (column.flag is not None
                and any(line.strip() in ELLIPSES for line in split_lines(cell.text))):
            register[column.flag] = True
        if column.key in _WITH_IDS and isinstance(value, list):
            reader.ids(value, column.label, cell, "item")
        register[column.key] = value
    for column, cell in later:
        if column.kind is CellKind.MAPPING:
            reader.merge(register, reader.mapping(cell), cell, path)
        else:
            _bases(reader, register, column, cell, path)
    if "id" not in register:
        register["id"] = _slug(register.get("name", ""), taken, f"activity-{index + 1}")
        reader.notes.append(ImportNote(where=row.where, message=f"no Ref.: {register['id']!r}"))
    taken.add(str(register["id"]))
    return register


def _located(problem: Problem, origins: list[tuple[str, str]]) -> Problem:
    location = problem.location
    best: tuple[str, str] | None = None
    for path, where in origins:
        fits = location == path or location.startswith((path + ".", path + "["))
        if fits and (best is None or len(path) > len(best[0])):
            best = (path, where)
    if best is None:
        return problem
    rest = location[len(best[0]):].lstrip(".")
    return Problem(location=best[1], message=f"{rest}: {problem.message}" if rest else
                   problem.message)


def notice_from_cells(
    controller: Mapping[str, Cell], rows: Sequence[Row], *, source: str,
    problems: Sequence[Problem] = (), where: str = "record",
) -> Imported:
    """The notice the cells describe; a DocumentError naming every bad cell otherwise."""
    from gdpr_register.documents import notice_from_data
    from gdpr_register.interop._ropa_export import record_cells

    reader = _Reader()
    reader.problems.extend(problems)
    data: dict[str, Any] = {}
    _controller(reader, controller, data)
    taken: set[str] = set()
    data["registers"] = [_activity(reader, row, i, taken) for i, row in enumerate(rows)]
    reader.origins.append(("$.registers", where))
    if reader.problems:
        raise DocumentError(reader.problems, source=source)
    try:
        notice = notice_from_data(data, source=source)
    except DocumentError as exc:
        raise DocumentError(
            [_located(p, reader.origins) for p in exc.problems], source=source
        ) from None
    notes = [ImportNote(where=where, message=NOT_CARRIED), *reader.notes]
    computed = record_cells(notice).activities
    for row, cells in zip(rows, computed, strict=True):
        given = row.cells.get("erasure")
        if given is not None and given.text.strip() and given.text != dict(cells)["erasure"]:
            notes.append(ImportNote(where=given.where, message="erasure time limits are "
                                    "computed from the retention rules: this text is not read"))
    return Imported(notice=notice, notes=tuple(notes))
