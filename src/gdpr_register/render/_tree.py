"""The rendered notice as a small tree every output format prints the same way."""

from __future__ import annotations

import attrs

__all__ = ["Block", "Document", "Items", "Node", "Para", "Span"]


@attrs.frozen
class Span:
    """A run of text. ``lang`` is set when the text is in another language than the
    document's (a field the notice has only in its own language); ``kind`` is ``text``,
    ``label`` (a field name, printed strong) or ``missing`` (draft mode only)."""

    text: str
    lang: str | None = None
    kind: str = "text"


@attrs.frozen
class Para:
    """A paragraph (or one list item): its spans, optionally after a field label."""

    parts: tuple[Span, ...]
    label: str | None = None


@attrs.frozen
class Items:
    """A bulleted list; each item is a paragraph with optional sub-lines."""

    items: tuple[tuple[Para, ...], ...]


Node = Para | Items


@attrs.frozen
class Block:
    """A section with a heading. ``sections``: the :class:`~gdpr_register.model.Section`
    values it renders (the machine-readable marker of each Art. 13/14 item); ``item``: the
    article it answers (``13(1)(c)``); ``state``: the section's state."""

    id: str
    heading: str
    body: tuple[Node, ...] = ()
    children: tuple[Block, ...] = ()
    sections: tuple[str, ...] = ()
    item: str | None = None
    number: str | None = None
    state: str = "stated"


@attrs.frozen
class Document:
    lang: str
    title: tuple[Span, ...]
    meta: tuple[Para, ...]
    blocks: tuple[Block, ...]
    draft: bool = False
    layer: str = "full"
