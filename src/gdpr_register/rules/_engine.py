"""Rules, the registry and the ``@rule`` decorators.

A rule is a pure function over the domain model plus its metadata. It yields :class:`Hit`
values (a path and message arguments); the engine turns each into a :class:`Finding` carrying
the rule's id, severity, citation and templates. Rules read dated facts through
``ctx.as_of`` and never the clock. A rule's metadata says which words of the law it enforces
(``enforces``), what it only advises (``advice``) and which notice sections it reads
(``sections``): where all of those sections are stated elsewhere or were not assessed, the
rule does not run and reports one ``info`` finding instead (``problem: not-assessed``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from gdpr_register.errors import GdprRegisterError, UsageError
from gdpr_register.model.enums import Section
from gdpr_register.rules._options import Context, Options
from gdpr_register.rules._sections import NOT_ASSESSED, guard, not_assessed_templates, to_sections
from gdpr_register.rules._values import (
    _NEW,
    ArgValue,
    Finding,
    Hit,
    Lifecycle,
    Scope,
    Severity,
    _FindingDraft,
    hit,
    render,
)

if TYPE_CHECKING:
    from gdpr_register.model.notice import Notice
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


class RuleError(GdprRegisterError, RuntimeError):
    """A rule (typically a plugin's) raised instead of yielding findings, or failed to load."""


@attrs.frozen(kw_only=True)
class RuleDoc:
    """A rule's documentation under fixed headings (the catalogue page is generated from it)."""

    what: str
    why: str
    example: str
    references: tuple[str, ...] = ()


NoticeCheck: TypeAlias = "Callable[[Notice, Context], Iterable[Hit]]"
#: A ``changes`` hook: ``hook(notice, options)``, or ``hook(notice)`` if it reads no option.
ChangesHook: TypeAlias = (
    "Callable[[Notice, Options], Iterable[date]] | Callable[[Notice], Iterable[date]]"
)
RegisterCheck: TypeAlias = "Callable[[Notice, Register, Context], Iterable[Hit]]"


@attrs.frozen(kw_only=True)
class Rule:
    """A rule's metadata and its check function. ``id`` is stable public API.

    ``enforces`` quotes the words of the law the rule enforces at low or above; ``advice``
    says what it reports only at info because only guidance recommends it (a rule with no
    ``enforces`` and some ``advice`` must have severity info). ``sections`` are the notice
    sections it reads: where every one is stated elsewhere or not assessed, the check does
    not run and one info ``not-assessed`` hit is reported instead. ``changes(notice, options)``
    (or ``changes(notice)``): the days the rule's result may change that no dated fact of the
    law tables or the notice gives (a review interval computed from a stated date); the
    timeline evaluates on them (:meth:`change_days`).
    """

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
    enforces: str = ""
    advice: str | None = None
    sections: tuple[Section, ...] = attrs.field(default=(), converter=to_sections)
    # Message and fix templates per value of the hit's ``problem`` argument.
    variants: Mapping[str, tuple[str, str]] = attrs.field(factory=dict, eq=False, repr=False)
    check: Callable[..., Iterable[Hit]] = attrs.field(eq=False, repr=False)
    changes: ChangesHook | None = attrs.field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.enforces and self.advice and self.severity is not Severity.INFO:
            raise UsageError(
                f"rule {self.id}: a rule that only advises (no `enforces`) must have severity "
                f"info, not {self.severity.value}"
            )
        # Frozen: the documented way to set a derived field is object.__setattr__ here.
        object.__setattr__(self, "check", guard(self.check, self.scope, self.sections))

    @property
    def advice_only(self) -> bool:
        """True when the rule enforces no words of the law (it reports at info only)."""
        return not self.enforces

    def change_days(self, notice: Notice, options: Options | None = None) -> Iterable[date]:
        """The days the ``changes`` hook names for ``notice`` under ``options``."""
        if self.changes is None:
            return ()
        import inspect

        try:
            takes = len(inspect.signature(self.changes).parameters)
        except (TypeError, ValueError):  # a builtin without a signature: the original form
            takes = 1
        if takes >= 2:  # a hook that reads options (one argument: the original form)
            return self.changes(notice, options or Options())  # type: ignore[call-arg]
        return self.changes(notice)  # type: ignore[call-arg]

    def finding(self, found: Hit, register: str | None) -> Finding:
        message, fix = self.message, self.fix
        problem = found.args.get("problem")
        if problem is not None:
            variant = self.variants.get(problem) if isinstance(problem, str) else None
            if variant is not None:
                message, fix = variant
            elif problem == NOT_ASSESSED:
                message, fix = not_assessed_templates()
        made: Any = _NEW(_FindingDraft)  # filled, then made a Finding (see rules/_values.py)
        made.rule = self.id
        made.title = self.title
        made.severity = found.severity or self.severity
        made.citation = self.citation
        made.path = found.path
        made.message = message
        made.args = found.args
        made.fix = fix
        owner = found.register
        made.register = register if owner is None else owner
        made.waiver = None
        made.__class__ = Finding
        return made  # type: ignore[no-any-return]


class Registry:
    """Rules by id. The default registry holds the catalogue, plugins and ``@rule`` functions."""

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules: dict[str, Rule] = {}
        # Selections are computed once per (select, ignore, preview): evaluate runs hot.
        self._selections: dict[tuple[Any, ...], tuple[Rule, ...]] = {}
        self._ordered: tuple[Rule, ...] | None = None  # by id (_id_key), once per change
        for item in rules:
            self.add(item)

    def add(self, item: Rule) -> Rule:
        if item.id in self._rules:
            raise UsageError(f"rule id {item.id!r} is already registered")
        self._rules[item.id] = item
        self._selections.clear()
        self._ordered = None
        return item

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def __iter__(self) -> Iterator[Rule]:
        ordered = self._ordered
        if ordered is None:
            ordered = self._ordered = tuple(sorted(self._rules.values(),
                                                   key=lambda r: _id_key(r.id)))
        return iter(ordered)

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
    # ART5 < ART13 < ART44: compare digit runs as numbers (the registry sorts once per change).
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
    enforces: str = "",
    advice: str | None = None,
    sections: Sequence[Section | str] = (),
    references: Sequence[str] = (),
    lifecycle: Lifecycle = Lifecycle.STABLE,
    replaced_by: str | None = None,
    variants: Mapping[str, tuple[str, str]] | None = None,
    registry: Registry | None = None,
    changes: ChangesHook | None = None,
) -> Callable[[F], F]:
    """Register ``check(notice, register, ctx) -> Iterable[Hit]`` as a rule run per register.

    ``enforces``: the article words enforced at low or above, quoted; ``advice``: what is
    reported at info only; ``sections``: the :class:`~gdpr_register.model.Section` values read;
    ``changes``: see :class:`Rule` (only for a rule that computes a date of its own).
    """
    return _decorator(
        Scope.REGISTER, rule_id, registry, title=title, severity=severity, citation=citation,
        message=message, fix=fix, what=what, why=why, example=example, references=references,
        lifecycle=lifecycle, replaced_by=replaced_by, variants=dict(variants or {}),
        enforces=enforces, advice=advice, sections=tuple(sections), changes=changes,
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
    enforces: str = "",
    advice: str | None = None,
    sections: Sequence[Section | str] = (),
    references: Sequence[str] = (),
    lifecycle: Lifecycle = Lifecycle.STABLE,
    replaced_by: str | None = None,
    variants: Mapping[str, tuple[str, str]] | None = None,
    registry: Registry | None = None,
    changes: ChangesHook | None = None,
) -> Callable[[F], F]:
    """Register ``check(notice, ctx) -> Iterable[Hit]`` as a rule run once per notice (the
    keywords are those of :func:`rule`)."""
    return _decorator(
        Scope.NOTICE, rule_id, registry, title=title, severity=severity, citation=citation,
        message=message, fix=fix, what=what, why=why, example=example, references=references,
        lifecycle=lifecycle, replaced_by=replaced_by, variants=dict(variants or {}),
        enforces=enforces, advice=advice, sections=tuple(sections), changes=changes,
    )
