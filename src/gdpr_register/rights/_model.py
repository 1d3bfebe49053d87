"""Values of request handling: the request, the controller's decisions, the assessment."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

import attrs

from gdpr_register.model.enums import LawfulBasis, RightKind
from gdpr_register.model.register import Recipient
from gdpr_register.rights._deadlines import Deadline, IdentityPause, _aware_datetime

__all__ = [
    "AbuseDecision",
    "AbuseKind",
    "AbuseResponse",
    "Action",
    "Applicability",
    "Assessment",
    "Candidate",
    "CategoryAction",
    "CategoryOutcome",
    "ClaimedException",
    "ControllerDecisions",
    "ErasureException",
    "ExceptionFound",
    "Pending",
    "Reason",
    "Request",
    "RestrictionGround",
    "Right",
    "Undetermined",
]


class Right(enum.StrEnum):
    """Rights a data subject exercises by a request to the controller.

    Values are those of :class:`~gdpr_register.model.enums.RightKind` (``Right.ERASURE.kind``
    is ``RightKind.ERASURE``); the complaint to a supervisory authority (Art. 77) is no request
    to the controller and so is not here.
    """

    ACCESS = "access"  # Art. 15
    RECTIFICATION = "rectification"  # Art. 16
    ERASURE = "erasure"  # Art. 17
    RESTRICTION = "restriction"  # Art. 18
    PORTABILITY = "portability"  # Art. 20
    OBJECTION = "objection"  # Art. 21(1)
    DIRECT_MARKETING_OBJECTION = "direct-marketing-objection"  # Art. 21(2)-(3)
    WITHDRAW_CONSENT = "withdraw-consent"  # Art. 7(3)
    AUTOMATED_DECISIONS = "automated-decisions"  # Art. 22

    @property
    def kind(self) -> RightKind:
        return RightKind(self.value)

    @property
    def article(self) -> str:
        return _RIGHT_ARTICLES[self]


_RIGHT_ARTICLES = {
    Right.ACCESS: "Art. 15",
    Right.RECTIFICATION: "Art. 16",
    Right.ERASURE: "Art. 17",
    Right.RESTRICTION: "Art. 18",
    Right.PORTABILITY: "Art. 20",
    Right.OBJECTION: "Art. 21(1)",
    Right.DIRECT_MARKETING_OBJECTION: "Art. 21(2)",
    Right.WITHDRAW_CONSENT: "Art. 7(3)",
    Right.AUTOMATED_DECISIONS: "Art. 22",
}


class Applicability(enum.StrEnum):
    YES = "yes"
    NO = "no"
    PARTLY = "partly"  # for some purposes or categories, not others
    # The answer depends on a fact the notice does not state (which of pooled bases a purpose
    # rests on, whether the subject provided the data): see Assessment.undetermined.
    UNDETERMINED = "undetermined"


class RestrictionGround(enum.StrEnum):
    """Art. 18(1): the ground the data subject invokes for restriction."""

    ACCURACY_CONTESTED = "18(1)(a)"
    UNLAWFUL_ERASURE_OPPOSED = "18(1)(b)"
    NEEDED_FOR_LEGAL_CLAIMS = "18(1)(c)"
    OBJECTION_PENDING = "18(1)(d)"


class ErasureException(enum.StrEnum):
    """Art. 17(3): exceptions to the right to erasure."""

    FREEDOM_OF_EXPRESSION = "17(3)(a)"
    LEGAL_OBLIGATION_OR_PUBLIC_TASK = "17(3)(b)"
    PUBLIC_HEALTH = "17(3)(c)"
    ARCHIVING_RESEARCH_STATISTICS = "17(3)(d)"
    LEGAL_CLAIMS = "17(3)(e)"


class AbuseKind(enum.StrEnum):
    MANIFESTLY_UNFOUNDED = "manifestly-unfounded"
    EXCESSIVE = "excessive"


class AbuseResponse(enum.StrEnum):
    """Art. 12(5)(a)-(b): what the controller does with an abusive request."""

    FEE = "fee"
    REFUSE = "refuse"


class CategoryAction(enum.StrEnum):
    ERASE = "erase"
    # No longer produced by assess() (0.x: erasure exceptions were reported as restriction;
    # Art. 17(3) data are kept for the exception's purpose, see EXCEPTED).
    RESTRICT = "restrict"
    KEEP = "keep"  # another basis still supports the processing
    # Erasure excepted (Art. 17(3)): kept for that obligation, task or claim and used for it
    # only (e.g. given to the tax authority), until the date if known; then erased.
    EXCEPTED = "excepted"
    EXPORT = "export"  # portability: include in the machine-readable copy
    NOT_PORTABLE = "not-portable"
    # Neither erased nor exported: the outcome depends on a fact the notice does not state.
    UNDETERMINED = "undetermined"


def _text(_instance: object, attribute: Any, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty text")


def _received(value: Any) -> date | datetime:
    if isinstance(value, datetime):
        return _aware_datetime(value, "received")
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str) and len(value.strip()) == 10:
        from gdpr_register.rights._deadlines import local_date

        return local_date(value)[0]
    return _aware_datetime(value, "received")


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _claims(value: Iterable[ClaimedException]) -> tuple[ClaimedException, ...]:
    return tuple(value)


def _purpose_bases(value: Any) -> tuple[tuple[str, tuple[LawfulBasis, ...]], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(
        sorted((str(pid), tuple(sorted({LawfulBasis(b) for b in bases}))) for pid, bases in items)
    )


def _dates(value: Any) -> tuple[date, ...]:
    from gdpr_register.model.values import to_date

    return tuple(sorted(to_date(v) for v in value))


@attrs.frozen(kw_only=True)
class Request:
    """A data subject's request, as received.

    ``received``: a date (the controller's local date) or an aware date-time; ISO strings and
    pendulum values are accepted. ``purposes``/``categories`` narrow the request to some of
    the register's purposes or data categories (empty: all). ``previous_requests``: dates of
    the subject's earlier requests, used only to check an "excessive" decision (Art. 12(5)).
    """

    right: Right = attrs.field(converter=Right)
    received: date | datetime = attrs.field(converter=_received)
    subject: str | None = None
    purposes: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    restriction_ground: RestrictionGround | None = attrs.field(
        default=None, converter=attrs.converters.optional(RestrictionGround)
    )
    previous_requests: tuple[date, ...] = attrs.field(default=(), converter=_dates)
    id: str | None = None


@attrs.frozen(kw_only=True)
class ClaimedException:
    """An Art. 17(3) exception the controller invokes, with its reason (burden on it)."""

    article: ErasureException = attrs.field(converter=ErasureException)
    reason: str = attrs.field(validator=_text)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_strs)  # empty: all
    until: date | None = None


@attrs.frozen(kw_only=True)
class AbuseDecision:
    """The controller's explicit decision that a request is manifestly unfounded or excessive.

    Never inferred by this library (Art. 12(5): the burden is on the controller).
    ``relies_on_repetition``: the decision rests on the request repeating earlier ones; one
    repeat within a year is not excessive by itself (EDPB Guidelines 01/2022 §185), so such a
    decision is not accepted unless the subject made at least two requests in the preceding
    year.
    """

    kind: AbuseKind = attrs.field(converter=AbuseKind)
    reason: str = attrs.field(validator=_text)
    response: AbuseResponse = attrs.field(default=AbuseResponse.FEE, converter=AbuseResponse)
    relies_on_repetition: bool = False


@attrs.frozen(kw_only=True)
class ControllerDecisions:
    """What only the controller can answer; None means not answered (listed as pending).

    ``compelling_grounds``: Art. 21(1) - the controller demonstrates compelling legitimate
    grounds overriding the subject's interests (True needs ``compelling_grounds_reason``).
    ``still_necessary``: the data are still necessary for the contract or vital-interest
    purposes (Art. 17(1)(a)). ``exceptions``: Art. 17(3) exceptions invoked with reasons.
    ``abuse``: an Art. 12(5) decision. ``identity_pause``: see :class:`IdentityPause`.
    ``purpose_bases``: purpose id -> the Art. 6(1) bases it rests on, for purposes the notice
    covers only by a pooled list ("A, B or C": each purpose rests on one or more of them,
    unknown which); a mapping or ``(id, bases)`` pairs. Without it such purposes are
    ``undetermined`` wherever the answer depends on the mapping.
    """

    compelling_grounds: bool | None = None
    compelling_grounds_reason: str | None = None
    still_necessary: bool | None = None
    exceptions: tuple[ClaimedException, ...] = attrs.field(default=(), converter=_claims)
    abuse: AbuseDecision | None = None
    identity_pause: IdentityPause | None = None
    purpose_bases: tuple[tuple[str, tuple[LawfulBasis, ...]], ...] = attrs.field(
        default=(), converter=_purpose_bases
    )

    def bases_of(self, purpose: str) -> tuple[LawfulBasis, ...] | None:
        """The bases the controller states ``purpose`` rests on, or None."""
        return next((bases for pid, bases in self.purpose_bases if pid == purpose), None)

    def __attrs_post_init__(self) -> None:
        if self.compelling_grounds and not (
            self.compelling_grounds_reason and self.compelling_grounds_reason.strip()
        ):
            raise ValueError(
                "compelling grounds must be demonstrated: give compelling_grounds_reason"
            )


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


@attrs.frozen(kw_only=True)
class Assessment:
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
