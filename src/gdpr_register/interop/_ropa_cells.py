"""The text of one spreadsheet cell of an Art. 30 record, both ways.

A list cell holds one item a line: ``label {key: value, ...}``. The label is the item's main
text (a purpose's name, a measure's text) as written; the braces, when there is more to say,
are a YAML flow mapping of the item's other fields in the document format, so a spreadsheet
program shows words and the import gets every fact back. A line ``…`` (or ``...``) says the
list is not exhaustive ("such as"); a cell reading ``none`` (``ei ole``, ``inga``: the
record's language) says the notice states there is none. A text cell is the text itself, or
a YAML double-quoted string when the text would not survive a spreadsheet as it is
(surrounding spaces, a carriage return, a leading quote).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "ELLIPSES",
    "NONE_WORD",
    "CellError",
    "flow",
    "guard",
    "parse_item",
    "parse_mapping",
    "parse_text",
    "render_item",
    "render_text",
    "split_lines",
    "unguard",
]

NONE_WORD = "none"
ELLIPSES = ("…", "...")
# Characters a spreadsheet or a line-based cell would not keep as they are.
_UNSAFE = re.compile(r"[\r\n\x85\u2028\u2029]")
# OWASP "CSV Injection" (as in gdpr_register._text.spreadsheet_safe), plus the quote that
# protects them, so that guarding can be undone exactly.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class CellError(ValueError):
    """A cell (or one item of it) that cannot be read; the message says why."""


@functools.cache
def _dumper() -> type:
    from gdpr_register.documents.io import _yaml_dumper

    base = _yaml_dumper()

    def represent_str(dumper: Any, value: str) -> Any:
        # One line per item: text with a line break is written escaped, in double quotes.
        style = '"' if _UNSAFE.search(value) or not value.isprintable() else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    dumper: type = type("RecordCellDumper", (base,), {})
    dumper.add_representer(str, represent_str)  # type: ignore[attr-defined]
    return dumper


def flow(value: Any) -> str:
    """``value`` as one line of YAML flow style (a mapping, a list or a scalar)."""
    import yaml

    text: str = yaml.dump(
        value, Dumper=_dumper(), default_flow_style=True, width=2**30, allow_unicode=True,
        sort_keys=False,
    )
    text = text.strip()
    # A scalar document ends with an explicit end marker on a line of its own.
    return text[: -len("\n...")] if text.endswith("\n...") else text


def _load(text: str) -> Any:
    import yaml

    from gdpr_register.documents.io import _yaml_loader

    try:
        return yaml.load(text, Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        raise CellError(f"not a YAML flow mapping ({problem})") from None


def _label_fits(label: object) -> bool:
    return (
        isinstance(label, str)
        and label != ""
        and label == label.strip()
        and "{" not in label
        and not _UNSAFE.search(label)
        and label.isprintable()
        and label not in (*_none_words(), *ELLIPSES)
    )


def _none_words() -> frozenset[str]:
    from gdpr_register.interop._ropa_columns import none_words

    return none_words()


def render_item(data: Mapping[str, Any], label_key: str | None) -> str:
    """One item line: its label (when it fits a line) and the rest as a flow mapping."""
    rest = dict(data)
    label = rest.get(label_key) if label_key is not None else None
    if label_key is not None and _label_fits(label):
        del rest[label_key]
        return f"{label} {flow(rest)}" if rest else str(label)
    return flow(rest)


def parse_mapping(text: str) -> dict[str, Any]:
    """A flow mapping ``{key: value, ...}`` as a dict."""
    value = _load(text)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CellError(f"expected a mapping in braces {{key: value}}, got {flow(value)}")
    return value


def parse_item(line: str, label_key: str | None) -> dict[str, Any]:
    """One item line back as the item's fields (the label under ``label_key``)."""
    brace = line.find("{")
    label, rest = (line, "") if brace < 0 else (line[:brace], line[brace:])
    label = label.strip()
    data = parse_mapping(rest) if rest else {}
    if label:
        if label_key is None:
            raise CellError(f"expected only a mapping in braces, got text {label!r} before it")
        if label_key in data:
            raise CellError(f"{label_key!r} is given twice: as the text and in the braces")
        data = {label_key: label, **data}
    return data


def split_lines(cell: str) -> list[str]:
    """The non-blank lines of a cell."""
    return [line for line in cell.replace("\r\n", "\n").split("\n") if line.strip()]


def render_text(value: str) -> str:
    """A text cell: the text, or a double-quoted YAML string when it would not survive."""
    if value == value.strip() and not value.startswith('"') and "\r" not in value:
        return value
    import yaml

    text: str = yaml.dump(
        value, Dumper=_dumper(), default_style='"', width=2**30, allow_unicode=True
    )
    return text.strip()


def parse_text(cell: str) -> str:
    """A text cell back as the text (see :func:`render_text`)."""
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        try:
            value = _load(cell)
        except CellError:
            return cell  # quotes around words typed in by someone: the words as written
        if isinstance(value, str):
            return value
    return cell


def guard(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ``= + - @``, tab or carriage
    return gets a ``'`` in front (OWASP); so does a leading ``'`` before one of those or
    another ``'``, so that :func:`unguard` restores every value exactly."""
    if cell.startswith(_FORMULA_START) or (
        cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'"))
    ):
        return "'" + cell
    return cell


def unguard(cell: str) -> str:
    """The value :func:`guard` protected."""
    if cell.startswith("'") and cell[1:].startswith((*_FORMULA_START, "'")):
        return cell[1:]
    return cell
