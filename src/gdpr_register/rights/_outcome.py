"""The assessment's values: reasons, exceptions, outcomes per category, what is left open."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from gdpr_register._display import Displayable, Tabular
from gdpr_register.model.enums import LawfulBasis
from gdpr_register.model.register import Recipient
from gdpr_register.rights._deadlines import Deadline
from gdpr_register.rights._model import (
    AbuseDecision,
    Applicability,
    CategoryAction,
    Request,
)

__all__ = [
    "Action",
    "Assessment",
    "Candidate",
    "CategoryOutcome",
    "ExceptionFound",
    "Pending",
    "Reason",
    "Undetermined",
]


@attrs.frozen(kw_only=True)
class Reason:
    """One step of the assessment: a rule, its article, and whether the right applies there.

    ``applies`` is True or False for a purpose, category or the whole register; None for a
    note that decides nothing. ``article`` is always set ("Art. 20(1)(a)").
    """

    rule: str
    article: str
    applies: bool | None
    message: str
    purpose: str | None = None
    categories: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"categories": list(self.categories)}


@attrs.frozen(kw_only=True)
class ExceptionFound:
    """An exception that limits the right (Art. 17(3), 20(3), 21(1) compelling grounds...)."""

    rule: str
    article: str
    message: str
    categories: tuple[str, ...] = ()
    until: date | None = None
    source: str = "register"  # "register", "controller" or "retention plan"

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "article": self.article,
            "message": self.message,
            "categories": list(self.categories),
            "until": None if self.until is None else self.until.isoformat(),
            "source": self.source,
        }


@attrs.frozen(kw_only=True)
class CategoryOutcome:
    """What to do with one data category (erasure, restriction, portability)."""

    category: str
    action: CategoryAction
    articles: tuple[str, ...]
    until: date | None = None
    purposes: tuple[str, ...] = ()
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "action": self.action.value,
            "articles": list(self.articles),
            "until": None if self.until is None else self.until.isoformat(),
            "purposes": list(self.purposes),
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class Candidate:
    """One possible outcome of an undetermined purpose or category, and when it holds.

    ``bases``: the Art. 6(1) bases that, on their own, lead to it (empty: only a
    combination of the pooled bases does, or the outcome turns on another fact).
    """

    outcome: str
    applies: bool
    bases: tuple[LawfulBasis, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "applies": self.applies,
            "bases": [b.value for b in self.bases],
        }


@attrs.frozen(kw_only=True)
class Undetermined:
    """A purpose (or category) whose outcome the notice does not settle.

    ``candidates``: the possible outcomes; ``decide``: what the controller must establish
    (and, for a pooled basis, can answer with ``ControllerDecisions.purpose_bases``).
    """

    article: str
    purpose: str | None
    categories: tuple[str, ...]
    candidates: tuple[Candidate, ...]
    decide: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "purpose": self.purpose,
            "categories": list(self.categories),
            "candidates": [c.to_dict() for c in self.candidates],
            "decide": self.decide,
        }


@attrs.frozen(kw_only=True)
class Pending:
    """A question only the controller can answer, and what the answer would change."""

    decision: str  # the ControllerDecisions field
    article: str
    message: str


@attrs.frozen(kw_only=True)
class Action:
    """Something the controller must do, by a date where the law sets one."""

    rule: str
    article: str
    message: str
    by: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "article": self.article,
            "message": self.message,
            "by": None if self.by is None else self.by.isoformat(),
        }


@attrs.frozen(kw_only=True, repr=False)
class Assessment(Displayable, Tabular):
    """Whether and how far a right applies to a request against one register, and the deadline."""

    request: Request
    register: str
    applies: Applicability
    reasons: tuple[Reason, ...]
    exceptions: tuple[ExceptionFound, ...]
    notify_recipients: tuple[Recipient, ...]
    deadline: Deadline
    categories: tuple[CategoryOutcome, ...] = ()
    pending: tuple[Pending, ...] = ()
    actions: tuple[Action, ...] = ()
    abuse: AbuseDecision | None = None  # an accepted Art. 12(5) decision
    as_of: date | None = None
    undetermined: tuple[Undetermined, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "register": self.register,
            "right": self.request.right.value,
            "article": self.request.right.article,
            "subject": self.request.subject,
            "applies": self.applies.value,
            "reasons": [r.to_dict() for r in self.reasons],
            "exceptions": [e.to_dict() for e in self.exceptions],
            "categories": [c.to_dict() for c in self.categories],
            "notify_recipients": [
                {"id": r.id, "name": r.name, "role": r.role.value} for r in self.notify_recipients
            ],
            "undetermined": [u.to_dict() for u in self.undetermined],
            "pending": [attrs.asdict(p) for p in self.pending],
            "actions": [a.to_dict() for a in self.actions],
            "abuse": None
            if self.abuse is None
            else {
                "kind": self.abuse.kind.value,
                "reason": self.abuse.reason,
                "response": self.abuse.response.value,
            },
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "deadline": self.deadline.to_dict(),
        }
