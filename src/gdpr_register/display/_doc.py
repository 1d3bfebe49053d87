"""A small document model (cards of fields and tables) and its HTML and Markdown renderings.

Every value shown is user data (a notice's text), so both renderings escape everything; the
HTML sets no colours (it inherits the notebook theme's, light or dark) and uses a mid-grey
border that reads on either. Tables longer than ``limit`` rows show the first ones and a
count of the rest.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["LIMIT", "Block", "Card", "Fields", "Table", "to_html", "to_markdown"]

LIMIT = 20  # rows shown per table before "... and N more"


@attrs.frozen
class Fields:
    """Label: value pairs (a definition list)."""

    pairs: tuple[tuple[str, str], ...]


@attrs.frozen
class Table:
    """A table; ``rows`` may be longer than shown (the rest are counted). ``more`` counts
    rows not even kept (a stream tabled without holding it all)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    more: int = 0

    @property
    def total(self) -> int:
        return len(self.rows) + self.more


Block = Fields | Table


@attrs.frozen
class Card:
    """A titled group of blocks: what every rich display is made of."""

    title: str
    subtitle: str = ""
    blocks: tuple[Block, ...] = ()


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    """A :class:`Table` with every cell written as text ('' for None)."""
    return Table(caption, tuple(headers), tuple(tuple(_cell(c) for c in r) for r in rows))


def fields(*pairs: tuple[str, object]) -> Fields:
    """:class:`Fields` without the pairs whose value is None or empty."""
    return Fields(tuple((k, _cell(v)) for k, v in pairs if v is not None and v != "" and v != ()))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list | frozenset | set):
        return ", ".join(_cell(v) for v in value)
    return str(value)


# --------------------------------------------------------------------------- HTML

_BORDER = "border-bottom:1px solid rgba(127,127,127,.35)"
_CELL = f"text-align:left;vertical-align:top;padding:2px 8px;{_BORDER}"
_MUTED = "opacity:.7"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_block(block: Block, limit: int) -> str:
    if isinstance(block, Fields):
        if not block.pairs:
            return ""
        items = "".join(
            f'<tr><th style="{_CELL}">{_e(k)}</th><td style="{_CELL}">{_e(v)}</td></tr>'
            for k, v in block.pairs
        )
        return f'<table style="border-collapse:collapse;margin:4px 0">{items}</table>'
    shown = block.rows[:limit]
    head = "".join(f'<th style="{_CELL}">{_e(h)}</th>' for h in block.headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{_e(c)}</td>' for c in row) + "</tr>"
        for row in shown
    )
    more = ""
    if block.total > len(shown):
        more = (f'<p style="{_MUTED};margin:2px 0">... and {block.total - len(shown)} more '
                f"({block.total} in all)</p>")
    caption = (f'<caption style="text-align:left;font-weight:bold;padding:4px 0">'
               f"{_e(block.caption)} ({block.total})</caption>")
    if not block.rows:
        return f'<p style="margin:4px 0"><b>{_e(block.caption)}</b>: none</p>'
    return (f'<table style="border-collapse:collapse;margin:4px 0">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}")


def to_html(card: Card, *, limit: int = LIMIT) -> str:
    """The card as one ``<div>`` of escaped HTML, inheriting the page's colours."""
    subtitle = f' <span style="{_MUTED}">{_e(card.subtitle)}</span>' if card.subtitle else ""
    blocks = "".join(_html_block(b, limit) for b in card.blocks)
    return (f'<div class="gdpr-register" style="color:inherit;background:transparent">'
            f"<div><b>{_e(card.title)}</b>{subtitle}</div>{blocks}</div>")


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(text: str) -> str:
    """Text safe in a Markdown table cell: HTML escaped, Markdown punctuation backslashed,
    newlines as spaces."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)).replace("\n", " ")


def _md_block(block: Block, limit: int) -> str:
    if isinstance(block, Fields):
        return "\n".join(f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in block.pairs)
    if not block.rows:
        return f"**{md_escape(block.caption)}**: none"
    lines = [f"**{md_escape(block.caption)}** ({block.total})", "",
             "| " + " | ".join(md_escape(h) for h in block.headers) + " |",
             "|" + "---|" * len(block.headers)]
    lines.extend("| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows[:limit])
    if block.total > limit:
        lines.extend(["", f"... and {block.total - limit} more ({block.total} in all)"])
    return "\n".join(lines)


def to_markdown(card: Card, *, limit: int = LIMIT) -> str:
    """The card as Markdown (GitHub tables), every value escaped."""
    subtitle = f" {md_escape(card.subtitle)}" if card.subtitle else ""
    parts = [f"**{md_escape(card.title)}**{subtitle}"]
    parts.extend(text for b in card.blocks if (text := _md_block(b, limit)))
    return "\n\n".join(parts) + "\n"
