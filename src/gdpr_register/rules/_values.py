"""The values rules produce: severities, hits and findings (the finding schema, public API)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from gdpr_register._display import Displayable
from gdpr_register.model._vocabulary import Vocabulary, vocabulary

if TYPE_CHECKING:
    from gdpr_register.model.notice import Waiver

__all__ = [
    "ArgValue",
    "Finding",
    "Hit",
    "Lifecycle",
    "Scope",
    "Severity",
    "hit",
    "render",
]

ArgValue: TypeAlias = "str | int | bool | date | tuple[str, ...] | None"


class Severity(enum.StrEnum):
    """How serious a finding is: high = breach on its face ... info = a hint."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Severity) -> bool:
        return _RANK[self] >= _RANK[other]


_RANK = {Severity.HIGH: 3, Severity.MEDIUM: 2, Severity.LOW: 1, Severity.INFO: 0}


@vocabulary
class Lifecycle(Vocabulary):
    """Stable rules run by default; preview rules only when asked; deprecated ones only by id."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


@vocabulary
class Scope(Vocabulary):
    """Where a rule runs: once per notice, or once per register."""

    NOTICE = "notice"  # called once per notice: ``check(notice, ctx)``
    REGISTER = "register"  # called once per register: ``check(notice, register, ctx)``


# Hits and findings are made by the thousand in evaluate. Each class keeps its slots in a
# base of its own; a new one is filled as a mutable twin of the same layout (plain attribute
# stores), then becomes the frozen class by ``__class__`` assignment, which Python allows
# between classes whose layouts are the same: a third of the cost of the frozen class's
# own setters. The guard below holds the slots and the fields equal.


class _HitSlots:
    __slots__ = ("__weakref__", "args", "path", "register", "severity")


class _HitDraft(_HitSlots):
    """A :class:`Hit` being filled in (see above)."""

    __slots__ = ()


@attrs.frozen
class Hit(_HitSlots):
    """What a rule yields: the offending element's path and the message arguments."""

    path: str
    args: Mapping[str, ArgValue] = attrs.field(factory=dict, hash=False)
    register: str | None = None  # set by notice rules that point into a register
    severity: Severity | None = None  # only where the rule documents a lower/higher case


def _same_slots(cls: type, slots: type) -> None:
    """``cls``'s fields are exactly the slots of its base ``slots``: a field added to the
    class must be added to the base (and to where drafts are filled), or this fails at
    import."""
    fields = {a.name for a in attrs.fields(cls)} | {"__weakref__"}
    if fields != set(getattr(slots, "__slots__", ())) or cls.__dict__.get("__slots__") != ():
        raise AssertionError(f"{cls.__name__}'s fields and slots differ: update {slots.__name__}")


_NEW = object.__new__
_same_slots(Hit, _HitSlots)


def hit(
    path: str, *, register: str | None = None, severity: Severity | None = None, **args: ArgValue
) -> Hit:
    """``Hit(path, args, register, severity)``, built the fast way (rules make thousands)."""
    found: Any = _NEW(_HitDraft)
    found.path = path
    found.args = args
    found.register = register
    found.severity = severity
    found.__class__ = Hit
    return found  # type: ignore[no-any-return]


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value) if value else "(none)"
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return "(not stated)"
    return str(value)


def render(template: str, args: Mapping[str, ArgValue]) -> str:
    """Fill a message or fix template; tuples are listed, dates written ISO.

    A template that does not fit its arguments (a plugin's mistake) is shown unfilled rather
    than failing the whole report.
    """
    try:
        return template.format_map({key: _show(value) for key, value in args.items()})
    except (KeyError, IndexError, ValueError, AttributeError, TypeError):
        return template


class _FindingSlots:
    __slots__ = (
        "__weakref__",
        "args",
        "citation",
        "fix",
        "message",
        "path",
        "register",
        "rule",
        "severity",
        "title",
        "waiver",
    )


class _FindingDraft(_FindingSlots):
    """A :class:`Finding` being filled in by the engine (see ``_HitSlots``)."""

    __slots__ = ()


@attrs.frozen(kw_only=True, repr=False)
class Finding(_FindingSlots, Displayable):
    """One rule broken at one place: a value, never an exception.

    ``message`` and ``fix`` are templates; ``args`` are kept apart (compare those in tests).
    A finding acknowledged by a waiver carries it in ``waiver`` and is still reported.
    """

    rule: str
    title: str
    severity: Severity
    citation: str
    path: str
    message: str
    args: Mapping[str, ArgValue] = attrs.field(factory=dict, hash=False)
    fix: str
    register: str | None = None
    waiver: Waiver | None = None

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    @property
    def text(self) -> str:
        return render(self.message, self.args)

    @property
    def fix_text(self) -> str:
        return render(self.fix, self.args)

    def to_data(self) -> dict[str, Any]:
        """A JSON-ready mapping (the finding schema; see docs/checking.md)."""
        data: dict[str, Any] = {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity.value,
            "citation": self.citation,
            "register": self.register,
            "path": self.path,
            "message": self.text,
            "template": self.message,
            "args": {k: _jsonable(v) for k, v in self.args.items()},
            "fix": self.fix_text,
            "waived": self.waived,
        }
        if self.waiver is not None:
            data["waiver"] = {
                "justification": self.waiver.justification,
                "path": self.waiver.path,
                "expires": self.waiver.expires.isoformat() if self.waiver.expires else None,
                "acknowledged_by": self.waiver.acknowledged_by,
            }
        return data


_same_slots(Finding, _FindingSlots)


def _jsonable(value: ArgValue) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value
