"""Jinja2 templates over the document tree: HTML (autoescaped), Markdown and plain text.

Templates never see the notice, only the tree; text from the notice is data, so template
syntax in it (``{{ }}``) is printed, HTML is escaped, and Markdown specials are escaped.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from gdpr_register.render._catalog import label
from gdpr_register.render._tree import Document, Items, Para, Span

__all__ = ["FORMATS", "render_tree"]

FORMATS: dict[str, str] = {"html": "notice.html.j2", "markdown": "notice.md.j2",
                           "text": "notice.txt.j2"}
# Characters that change the meaning of Markdown text anywhere in a line.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}<>|#!~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)
_SPACE = re.compile(r"\s+")
# Right-to-left letters and bidirectional controls: isolated in HTML so they cannot reorder
# the text around them.
_BIDI = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200e\u200f\u202a-\u202e"
                   "\u2066-\u2069]")


def _md(text: str) -> str:
    text = _SPACE.sub(" ", text)  # a field's newlines are not Markdown structure
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\1\\\2", text)


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def _needs_bdi(text: str) -> bool:
    return _BIDI.search(text) is not None


@functools.cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gdpr_register.render", "templates"),
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _md
    env.filters["flat"] = _flat
    env.tests["bidi"] = _needs_bdi
    env.tests["items"] = lambda node: isinstance(node, Items)
    env.tests["para"] = lambda node: isinstance(node, Para)
    return env


def render_tree(document: Document, fmt: str) -> str:
    """``document`` printed in ``fmt`` (html, markdown or text)."""
    template = _environment().get_template(FORMATS[fmt])
    lang = document.lang

    def marked(parts: tuple[Span, ...]) -> str:
        """Where a paragraph has text in other languages than the document's: " (in
        Finnish)", once at its end (Markdown and text have no lang attribute)."""
        codes = sorted({s.lang.split("-")[0] for s in parts if s.lang is not None} - {lang})
        names = [label(f"lang.{c}" if c in ("fi", "sv", "en") else "lang.other", lang)
                 for c in codes]
        return "".join(" " + label("phrase.in-language", lang).format(language=n)
                       for n in names)

    title = "".join(s.text for s in document.title)
    return str(template.render(doc=document, title_text=_flat(title).strip(), marked=marked))
