"""Rules, findings, the registry and the ``@rule`` decorators.

A rule is a pure function over the domain model plus its metadata. It yields :class:`Hit`
values (a path and message arguments); the engine turns each into a :class:`Finding` carrying
the rule's id, severity, citation and templates. Rules read dated facts through
``ctx.as_of`` and never the clock.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from gdpr_register.errors import GdprRegisterError, UsageError

if TYPE_CHECKING:
    from gdpr_register.model.notice import Notice, Waiver
    from gdpr_register.model.register import Register

__all__ = [
    "ENTRY_POINT_GROUP",
    "ArgValue",
    "Context",
    "Finding",
    "Hit",
    "Lifecycle",
    "NoticeCheck",
    "Options",
    "RegisterCheck",
    "Registry",
    "Rule",
    "RuleDoc",
    "RuleError",
    "Scope",
    "Severity",
    "default_registry",
    "hit",
    "notice_rule",
    "render",
    "rule",
]

ENTRY_POINT_GROUP = "gdpr_register.rules"

ArgValue: TypeAlias = "str | int | bool | date | tuple[str, ...] | None"


class RuleError(GdprRegisterError, RuntimeError):
    """A rule (typically a plugin's) raised instead of yielding findings, or failed to load."""


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


class Lifecycle(enum.StrEnum):
    """Stable rules run by default; preview rules only when asked; deprecated ones only by id."""

    STABLE = "stable"
    PREVIEW = "preview"
    DEPRECATED = "deprecated"


class Scope(enum.StrEnum):
    NOTICE = "notice"  # called once per notice: ``check(notice, ctx)``
    REGISTER = "register"  # called once per register: ``check(notice, register, ctx)``


@attrs.frozen(kw_only=True)
class Options:
    """Explicit choices where the law or the facts are unconfirmed; defaults are the safe side.

    ``assume_dpf_certified``: a recipient whose DPF certification is not stated counts as not
    certified unless this is True (catalogue §8 item 5: certification is unconfirmed).
    ``assume_automated_processing``: a register that does not say whether it is processed by
    automated means counts as automated (Art. 20 portability applies) unless this is False.
    ``art30_employee_threshold``: the Art. 30(5) head-count (250; the Omnibus IV proposal's 750
    is not law).
    ``retention_review_months``: a GDPR retention period at least this long (without a statute)
    is flagged for a documented justification (Art. 5(2)).
    """

    assume_dpf_certified: bool = False
    assume_automated_processing: bool = True
    art30_employee_threshold: int = 250
    retention_review_months: int = 36


@attrs.frozen(kw_only=True)
class Context:
    """What a rule may read besides the notice: the date, the options and where it is."""

    as_of: date
    options: Options = Options()
    path: str = "$"  # the register's path for register rules
    index: int = -1  # the register's index for register rules


@attrs.frozen
class Hit:
    """What a rule yields: the offending element's path and the message arguments."""

    path: str
    args: Mapping[str, ArgValue] = attrs.field(factory=dict, hash=False)
    register: str | None = None  # set by notice rules that point into a register
    severity: Severity | None = None  # only where the rule documents a lower/higher case


def hit(
    path: str, *, register: str | None = None, severity: Severity | None = None, **args: ArgValue
) -> Hit:
    return Hit(path, args, register, severity)


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


@attrs.frozen(kw_only=True)
class RuleDoc:
    """A rule's documentation under fixed headings (the catalogue page is generated from it)."""

    what: str
    why: str
    example: str
    references: tuple[str, ...] = ()


NoticeCheck: TypeAlias = "Callable[[Notice, Context], Iterable[Hit]]"
RegisterCheck: TypeAlias = "Callable[[Notice, Register, Context], Iterable[Hit]]"


@attrs.frozen(kw_only=True)
class Rule:
    """A rule's metadata and its check function. ``id`` is stable public API."""

    id: str
    title: str
    severity: Severity
    citation: str
    message: str  # a template over the hit's arguments
    fix: str  # a one-line suggested fix, also a template
    doc: RuleDoc
    lifecycle: Lifecycle = Lifecycle.STABLE
    scope: Scope = Scope.REGISTER
    replaced_by: str | None = None  # for deprecated rules
    # Message and fix templates per value of the hit's ``problem`` argument.
    variants: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, eq=False, repr=False)
    check: Callable[..., Iterable[Hit]] = attrs.field(eq=False, repr=False)

    def finding(self, found: Hit, register: str | None) -> Finding:
        message, fix = self.message, self.fix
        if self.variants:
            problem = found.args.get("problem")
            if isinstance(problem, str) and problem in self.variants:
                message, fix = self.variants[problem]
        return Finding(
            rule=self.id,
            title=self.title,
            severity=found.severity or self.severity,
            citation=self.citation,
            path=found.path,
            message=message,
            args=found.args,
            fix=fix,
            register=found.register if found.register is not None else register,
        )


@attrs.frozen(kw_only=True)
class Finding:
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


def _jsonable(value: ArgValue) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


class Registry:
    """Rules by id. The default registry holds the catalogue, plugins and ``@rule`` functions."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        # Selections are computed once per (select, ignore, preview): evaluate runs hot.
        self._selections: dict[tuple[Any, ...], tuple[Rule, ...]] = {}
        for item in rules:
            self.add(item)

    def add(self, item: Rule) -> Rule:
        if item.id in self._rules:
            raise UsageError(f"rule id {item.id!r} is already registered")
        self._rules[item.id] = item
        self._selections.clear()
        return item

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: _id_key(r.id)))

    def __len__(self) -> int:
        return len(self._rules)

    def get(self, rule_id: str) -> Rule:
        try:
            return self._rules[rule_id]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(rule_id, list(self._rules), n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise UsageError(f"no rule {rule_id!r}{hint}") from None

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        *,
        preview: bool = False,
    ) -> tuple[Rule, ...]:
        """The rules to run: ``select``/``ignore`` take ids or id prefixes; ignore wins.

        By default stable rules run; preview rules run with ``preview=True`` or when selected
        by their exact id; deprecated rules only when selected by their exact id. A selector
        that matches no rule is an error (typos must not silently turn checks off).
        """
        # A lone string is one selector, not a sequence of one-letter prefixes.
        select = [select] if isinstance(select, str) else select
        ignore = [ignore] if isinstance(ignore, str) else ignore
        key = (tuple(select or ()), tuple(ignore or ()), preview)
        cached = self._selections.get(key)
        if cached is None:
            cached = self._selections[key] = self._select(select, ignore, preview)
        return cached

    def _select(
        self, select: Sequence[str] | None, ignore: Sequence[str] | None, preview: bool
    ) -> tuple[Rule, ...]:
        everything = list(self)
        for selector in (*(select or ()), *(ignore or ())):
            if selector != "ALL" and not any(r.id.startswith(selector) for r in everything):
                raise UsageError(f"--select/--ignore {selector!r} matches no rule")
        exact = set(select or ())
        chosen = []
        for item in everything:
            if select and "ALL" not in exact and not any(item.id.startswith(s) for s in select):
                continue
            if ignore and ("ALL" in ignore or any(item.id.startswith(s) for s in ignore)):
                continue
            if item.id not in exact:
                if item.lifecycle is Lifecycle.DEPRECATED:
                    continue
                if item.lifecycle is Lifecycle.PREVIEW and not preview:
                    continue
            chosen.append(item)
        return tuple(chosen)

    def load_plugins(self) -> None:
        """Import every ``gdpr_register.rules`` entry point (a module or a callable).

        A module registers its rules with the decorators when imported; a callable is called
        and may return rules to add.
        """
        from importlib.metadata import entry_points

        for point in entry_points(group=ENTRY_POINT_GROUP):
            try:
                loaded = point.load()
                if callable(loaded):
                    for item in loaded() or ():
                        self.add(item)
            except GdprRegisterError:
                raise
            except Exception as exc:
                message = f"rule plugin {point.name!r} ({point.value}) failed: {exc}"
                raise RuleError(message) from exc


def _id_key(rule_id: str) -> tuple[Any, ...]:
    # ART5 < ART13 < ART44: compare digit runs as numbers.
    import re

    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", rule_id))


_DEFAULT = Registry()
_loaded = False


def default_registry() -> Registry:
    """The registry ``evaluate`` uses: the catalogue and plugins are imported on first use."""
    global _loaded
    if not _loaded:
        _loaded = True
        importlib.import_module("gdpr_register.rules.catalogue")
        from gdpr_register.rules._plugins import plugins_may_exist

        if plugins_may_exist(ENTRY_POINT_GROUP):  # skips importlib.metadata's full scan
            _DEFAULT.load_plugins()
    return _DEFAULT


F = TypeVar("F", bound=Callable[..., Iterable[Hit]])


def _decorator(
    scope: Scope, rule_id: str, registry: Registry | None, **meta: Any
) -> Callable[[F], F]:
    doc = RuleDoc(
        what=meta.pop("what"), why=meta.pop("why"), example=meta.pop("example"),
        references=tuple(meta.pop("references", ())),
    )

    def register(function: F) -> F:
        target = _DEFAULT if registry is None else registry
        target.add(Rule(id=rule_id, scope=scope, doc=doc, check=function, **meta))
        return function

    return register


def rule(
    rule_id: str,
    *,
    title: str,
    severity: Severity,
    citation: str,
    message: str,
    fix: str,
    what: str,
    why: str,
    example: str,
    references: Sequence[str] = (),
    lifecycle: Lifecycle = Lifecycle.STABLE,
    replaced_by: str | None = None,
    variants: Mapping[str, tuple[str, str]] | None = None,
    registry: Registry | None = None,
) -> Callable[[F], F]:
    """Register ``check(notice, register, ctx) -> Iterable[Hit]`` as a rule run per register."""
    return _decorator(
        Scope.REGISTER, rule_id, registry, title=title, severity=severity, citation=citation,
        message=message, fix=fix, what=what, why=why, example=example, references=references,
        lifecycle=lifecycle, replaced_by=replaced_by, variants=dict(variants or {}),
    )


def notice_rule(
    rule_id: str,
    *,
    title: str,
    severity: Severity,
    citation: str,
    message: str,
    fix: str,
    what: str,
    why: str,
    example: str,
    references: Sequence[str] = (),
    lifecycle: Lifecycle = Lifecycle.STABLE,
    replaced_by: str | None = None,
    variants: Mapping[str, tuple[str, str]] | None = None,
    registry: Registry | None = None,
) -> Callable[[F], F]:
    """Register ``check(notice, ctx) -> Iterable[Hit]`` as a rule run once per notice."""
    return _decorator(
        Scope.NOTICE, rule_id, registry, title=title, severity=severity, citation=citation,
        message=message, fix=fix, what=what, why=why, example=example, references=references,
        lifecycle=lifecycle, replaced_by=replaced_by, variants=dict(variants or {}),
    )
