"""Render a notice as the privacy notice a controller publishes: Finnish, Swedish or English;
HTML, Markdown or plain text; the full notice or its first layer; in the order of Art. 13/14
or in the numbered Finnish model form.

``render_notice`` needs the ``render`` extra (Jinja2 and Babel), imported only when it runs;
``label`` reads the compiled catalogues with the standard library alone.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from gdpr_register.render._catalog import LANGUAGES, label, label_keys

if TYPE_CHECKING:
    from gdpr_register.model import Notice

__all__ = ["FORMATS", "LANGUAGES", "LAYERS", "LAYOUTS", "label", "label_keys", "render_notice"]

FORMATS: tuple[str, ...] = ("html", "markdown", "text")
LAYERS: tuple[str, ...] = ("full", "first")
LAYOUTS: tuple[str, ...] = ("art13", "fi-model-form")


def _choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    from gdpr_register.errors import UsageError

    if value not in allowed:
        raise UsageError(f"{name} {value!r} is not one of: {', '.join(allowed)}")


def render_notice(
    notice: Notice,
    lang: str = "fi",
    format: str = "html",
    layer: str = "full",
    layout: str = "art13",
    draft: bool = False,
    as_of: date | None = None,
) -> str:
    """``notice`` as a privacy notice in ``lang`` (fi, sv, en) and ``format`` (html,
    markdown, text).

    ``layer`` ``full`` holds every Art. 13/14 item the notice states, ``first`` the short
    first layer; ``layout`` ``art13`` follows Art. 13/14, ``fi-model-form`` the numbered
    Finnish form. What the notice leaves silent is omitted; with ``draft`` it is shown as
    missing, and with ``as_of`` too the findings of ``evaluate(notice, as_of=as_of)`` are
    listed. The same input gives the same text. Raises
    :class:`~gdpr_register.errors.UsageError` for an unknown option.
    """
    _choice("language", lang, LANGUAGES)
    _choice("format", format, FORMATS)
    _choice("layer", layer, LAYERS)
    _choice("layout", layout, LAYOUTS)
    try:
        import babel  # noqa: F401
        import jinja2  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the installation
        from gdpr_register.errors import UsageError

        raise UsageError(
            "rendering needs the 'render' extra: pip install 'gdpr-register[render]'"
        ) from exc
    from gdpr_register.render._engine import render_tree
    from gdpr_register.render._view import build_document

    report = None
    if draft and as_of is not None:
        from gdpr_register.rules import evaluate

        report = evaluate(notice, as_of=as_of)
    document = build_document(notice, lang=lang, layer=layer, layout=layout, draft=draft,
                              report=report, as_of=as_of)
    return render_tree(document, format)
