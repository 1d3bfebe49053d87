"""Values a notebook displays for results that are plain tuples, lists or iterators
(``store.notices.history(id)``, a sweep): wrap them, no glue code needed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from gdpr_register.display._doc import LIMIT, Card, Table, table, to_html, to_markdown
from gdpr_register.display._notice import count
from gdpr_register.display._values import history_card

if TYPE_CHECKING:
    from gdpr_register.storage._values import DueForErasure, NoticeVersion

__all__ = ["Shown", "show", "show_history", "show_sweep"]


@attrs.frozen
class Shown:
    """A card that displays itself: ``_repr_html_`` and ``_repr_markdown_`` for Jupyter
    (``limit`` rows per table), and a one-line ``repr``."""

    card: Card
    limit: int = LIMIT

    def _repr_html_(self) -> str:
        return to_html(self.card, limit=self.limit)

    def _repr_markdown_(self) -> str:
        return to_markdown(self.card, limit=self.limit)

    def __repr__(self) -> str:
        subtitle = f": {self.card.subtitle}" if self.card.subtitle else ""
        return f"<{self.card.title}{subtitle}>"


def show(value: object, *, limit: int = LIMIT) -> Shown:
    """Any displayable value (or a :class:`Card`) as a :class:`Shown` with ``limit`` rows per
    table."""
    from gdpr_register.display import card

    return Shown(value if isinstance(value, Card) else card(value), limit=limit)


def show_history(versions: Iterable[NoticeVersion], *, limit: int = LIMIT) -> Shown:
    """A notice's saved versions (``store.notices.history(id)``, any backend) as a table of
    version, when saved and digest."""
    return Shown(history_card(tuple(versions)), limit=limit)


def show_sweep(results: Iterable[DueForErasure], *, register: str | None = None,
               as_of: object = None, limit: int = LIMIT) -> Shown:
    """Sweep results (``store.ledger.due_for_erasure(...)``, ``retention`` sweeps) as counts per
    data category and the first ``limit`` subjects. The results are read once, as a stream:
    only ``limit`` of them are kept, so a sweep of millions displays in constant memory."""
    per: dict[str, int] = {}
    kept: list[tuple[str, ...]] = []
    total = 0
    for due in results:
        total += 1
        for category in due.categories:
            per[category] = per.get(category, 0) + 1
        if len(kept) < limit:
            kept.append((due.subject, ", ".join(due.categories)))
    where = " ".join(x for x in (f"in {register}" if register else "",
                                 f"on {as_of}" if as_of else "") if x)
    subjects = Table(caption="Subjects", headers=("subject", "categories"), rows=tuple(kept),
                     more=total - len(kept))
    card = Card(title="Due for erasure", subtitle=f"{count(total, 'subject')} {where}".strip(),
                blocks=(table("Subjects per data category", ("category", "subjects"),
                              sorted(per.items())), subjects))
    return Shown(card, limit=limit)
