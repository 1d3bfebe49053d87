"""A notice as the cells of an Art. 30(1) record: controller items and one row per activity."""

from __future__ import annotations

from typing import Any

import attrs

from gdpr_register.interop._ropa_cells import NONE_WORD, flow, render_item, render_text
from gdpr_register.interop._ropa_columns import (
    ACTIVITY_COLUMNS,
    CONTROLLER_ITEMS,
    DROPPED_NOTICE,
    DROPPED_REGISTER,
    CellKind,
    Column,
)
from gdpr_register.interop._ropa_words import erasure_words
from gdpr_register.model import Notice, Register

__all__ = ["RecordCells", "record_cells"]

ELLIPSIS = "…"


@attrs.frozen(kw_only=True)
class RecordCells:
    """The record's cells by column id: the controller items, then each activity's row."""

    controller: tuple[tuple[str, str], ...]
    activities: tuple[tuple[tuple[str, str], ...], ...]


def render_cell(column: Column, value: Any, flag: bool = False, none: str = NONE_WORD) -> str:
    """The cell of ``column`` holding ``value`` (document-format data); ``none`` is the
    record language's word for a list the notice says is empty."""
    if value is None and not flag:
        return ""
    if column.kind is CellKind.TEXT:
        return render_text(value) if isinstance(value, str) else flow(value)
    if column.kind is CellKind.ITEM:
        return render_item(value, column.label)
    if column.kind is CellKind.MAPPING:
        return flow(value) if value else ""
    lines = [none] if value == NONE_WORD else [
        render_item(item, column.label) for item in value or ()]
    if flag:
        lines.append(ELLIPSIS)
    return "\n".join(lines)


def _register_data(register: Register) -> dict[str, Any]:
    from gdpr_register.documents.converter import converter_for

    # A fresh copy inherits nothing, so the shared block's statements are written out.
    data: dict[str, Any] = converter_for(detailed=False).unstructure(attrs.evolve(register))
    return data


def _activity(register: Register, notice: Notice, none: str) -> tuple[tuple[str, str], ...]:
    data = _register_data(register)
    purposes = data.get("purposes")
    bases: list[dict[str, Any]] = []
    conditions: list[dict[str, Any]] = []
    if isinstance(purposes, list):
        for purpose in purposes:
            bases.extend({"purpose": purpose["id"], **b} for b in purpose.pop("bases", ()))
            conditions.extend(
                {"purpose": purpose["id"], **c} for c in purpose.pop("special_conditions", ())
            )
    bases.extend(data.pop("pooled_bases", ()))
    used = {c.key for c in ACTIVITY_COLUMNS} | {c.flag for c in ACTIVITY_COLUMNS}
    other = {k: v for k, v in data.items() if k not in used and k not in DROPPED_REGISTER}
    cells: list[tuple[str, str]] = []
    for column in ACTIVITY_COLUMNS:
        if column.id == "lawful_bases":
            value: Any = bases or None
        elif column.id == "special_conditions":
            value = conditions or None
        elif column.id == "erasure":
            cells.append((column.id, erasure_words(register, notice.controller)))
            continue
        elif column.id == "other":
            value = other
        else:
            assert column.key is not None
            value = data.get(column.key)
        flag = bool(data.get(column.flag)) if column.flag else False
        cells.append((column.id, render_cell(column, value, flag, none)))
    return tuple(cells)


def _controller(notice: Notice, none: str) -> tuple[tuple[str, str], ...]:
    from gdpr_register.documents import notice_to_data

    data = notice_to_data(notice)
    controller: dict[str, Any] = dict(data.get("controller", {}))
    mapped = {c.key for c in CONTROLLER_ITEMS if c.key is not None}
    cells: list[tuple[str, str]] = []
    for column in CONTROLLER_ITEMS:
        if column.id == "controller_other":
            taken = {k.split(".", 1)[1] for k in mapped if k.startswith("controller.")}
            value: Any = {k: v for k, v in controller.items() if k not in taken}
        elif column.id == "record_other":
            value = {k: v for k, v in data.items() if k not in mapped | DROPPED_NOTICE}
        else:
            assert column.key is not None
            head, _, tail = column.key.partition(".")
            value = controller.get(tail) if tail else data.get(head)
            if value is None and column.id in ("document_kind", "language"):
                value = str(getattr(notice, head))  # a default, shown all the same
        cells.append((column.id, render_cell(column, value, none=none)))
    return tuple(cells)


def record_cells(notice: Notice, lang: str = "en") -> RecordCells:
    """The cells of the Art. 30(1) record of ``notice``, its fixed words in ``lang``."""
    from gdpr_register.interop._ropa_columns import headers_for

    none = headers_for(lang)["none"]
    return RecordCells(
        controller=_controller(notice, none),
        activities=tuple(_activity(r, notice, none) for r in notice.registers),
    )
