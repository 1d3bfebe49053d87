"""Rich display for notebooks: pure functions from values to cards, and cards to HTML or
Markdown (everything escaped: notice text is user data).

The model and result classes call :func:`html`, :func:`markdown` and their own short repr
from their ``_repr_html_``, ``_repr_markdown_`` and ``__repr__`` methods, importing this
package only then. Use the ``*_card`` functions with :func:`to_html` / :func:`to_markdown` to
render with options (``as_of`` for the transfer column, ``limit`` rows per table), and
:func:`show_history` / :func:`show_sweep` / :func:`show` for results that are plain tuples,
lists or iterators (a notice's history, a sweep): they return a :class:`Shown` that a notebook
displays.
"""

from __future__ import annotations

from typing import Any

from gdpr_register.display._doc import LIMIT, Block, Card, Fields, Table, to_html, to_markdown
from gdpr_register.display._notice import (
    notice_card,
    notice_repr,
    register_card,
    register_repr,
)
from gdpr_register.display._show import Shown, show, show_history, show_sweep
from gdpr_register.display._timeline import timeline_card
from gdpr_register.display._values import (
    assessment_card,
    assessment_repr,
    changes_card,
    deadline_card,
    due_card,
    finding_card,
    finding_repr,
    history_card,
    item_card,
    plan_card,
    plan_repr,
    report_card,
    report_repr,
    sweep_card,
)

__all__ = [
    "LIMIT",
    "Block",
    "Card",
    "Fields",
    "Shown",
    "Table",
    "assessment_card",
    "card",
    "changes_card",
    "deadline_card",
    "due_card",
    "finding_card",
    "history_card",
    "html",
    "item_card",
    "markdown",
    "notice_card",
    "plan_card",
    "register_card",
    "report_card",
    "short_repr",
    "show",
    "show_history",
    "show_sweep",
    "sweep_card",
    "timeline_card",
    "to_html",
    "to_markdown",
]

# Class name -> card function; looked up along the MRO so subclasses display too.
_CARDS: dict[str, Any] = {
    "Notice": notice_card,
    "Register": register_card,
    "Report": report_card,
    "Finding": finding_card,
    "RetentionPlan": plan_card,
    "PlanItem": item_card,
    "DueForErasure": due_card,
    "Assessment": assessment_card,
    "Deadline": deadline_card,
    "NoticeVersion": lambda v: history_card([v]),
    "Changes": changes_card,
    "Timeline": timeline_card,
}


def card(value: object) -> Card:
    """The card of any displayable value (TypeError for others)."""
    for klass in type(value).__mro__:
        found = _CARDS.get(klass.__name__)
        if found is not None:
            result: Card = found(value)
            return result
    if hasattr(value, "card"):
        made: Card = value.card()
        return made
    raise TypeError(f"no display for {type(value).__name__}")


def html(value: object) -> str:
    """``value`` as escaped HTML (what a notebook shows)."""
    return to_html(card(value))


def markdown(value: object) -> str:
    """``value`` as Markdown."""
    return to_markdown(card(value))


_REPRS: dict[str, Any] = {
    "Notice": notice_repr,
    "Register": register_repr,
    "Report": report_repr,
    "Finding": finding_repr,
    "RetentionPlan": plan_repr,
    "Assessment": assessment_repr,
}


def short_repr(value: object) -> str:
    """A one-line repr saying what the value is and how big (never its whole content)."""
    for klass in type(value).__mro__:
        found = _REPRS.get(klass.__name__)
        if found is not None:
            text: str = found(value)
            return text
    return object.__repr__(value)
