"""The dates on which a notice's findings can change, found in data rather than listed.

Three sources, each read generically so that a new dated fact is picked up by itself:

- **the law**: every ``date`` field of every fact in the tables of :mod:`gdpr_register.law`
  (adequacy decisions, mechanisms, EEA membership, repealed laws, digital-consent ages...)
  and every module-level ``date`` constant there and in the rule catalogue's modules;
- **the notice**: every date and partial date stated anywhere in it (recipients' validity,
  waivers' expiry, contract dates, ``updated``);
- **rules that compute a date** (a review interval): their documented ``changes`` hook
  (:class:`~gdpr_register.rules.Rule`), which yields the days their result may change.

A fact's state can change on its date (a decision adopted, a mechanism invalid from) or on
the day after it (an inclusive end, "ends 2025-12-27"), so both days are checkpoints; a
checkpoint on which nothing changes costs one evaluation and reports nothing.
"""

from __future__ import annotations

import enum
import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from gdpr_register.model import Notice
    from gdpr_register.rules import Options, Registry

__all__ = ["Fact", "law_facts", "notice_facts", "rule_facts"]

_DAY = timedelta(days=1)


@attrs.frozen(kw_only=True)
class Fact:
    """One dated fact: ``on`` is the day its state may change; ``what`` says what it is."""

    on: date
    what: str
    source: str | None = None  # the citation, where the fact has one


def _label(value: Any) -> str:
    """A fact's name from its identifying fields, whichever it has."""
    parts: list[str] = []
    for name in ("mechanism", "name", "title", "country", "territory", "instrument", "age"):
        part = getattr(value, name, None)
        if part is None:
            continue
        text = part.value if isinstance(part, enum.Enum) else str(part)
        if text and all(text not in p for p in parts):
            parts.append(f"age {text}" if name == "age" else text)
        if len(parts) == 2:
            break
    return " ".join(parts[:1]) + (f" ({parts[1]})" if len(parts) > 1 else "") or \
        type(value).__name__


def _dated_fields(value: Any) -> Iterator[tuple[str, date]]:
    for field in attrs.fields(type(value)):
        found = getattr(value, field.name)
        if isinstance(found, date) and date.min < found < date.max:
            yield field.name, found


def _both_days(on: date, what: str, source: str | None) -> Iterator[Fact]:
    yield Fact(on=on, what=what, source=source)
    if on < date.max:
        yield Fact(on=on + _DAY, what=f"the day after: {what}", source=source)


def _facts_of(value: Any) -> Iterator[Fact]:
    source = getattr(value, "source", None)
    citation = getattr(source, "citation", None)
    label = _label(value)
    for field, on in _dated_fields(value):
        yield from _both_days(on, f"{label}: {field.replace('_', ' ')} {on}", citation)


def _module_values(module: Any) -> Iterator[tuple[str, Any]]:
    for name, value in vars(module).items():
        if not name.startswith("__") and not isinstance(value, type | type(module)):
            yield name, value


def _scan(module: Any, seen: set[int]) -> Iterator[Fact]:
    for name, value in _module_values(module):
        items: Iterable[Any]
        if isinstance(value, date):
            yield from _both_days(value, f"{name.strip('_')} ({module.__name__}) {value}", None)
            continue
        if isinstance(value, dict):
            items = value.values()
        elif isinstance(value, tuple | list):
            items = value
        else:
            items = (value,)
        for item in items:
            if attrs.has(type(item)) and id(item) not in seen:
                seen.add(id(item))
                yield from _facts_of(item)


def _modules(package: str) -> Iterator[Any]:
    root = importlib.import_module(package)
    yield root
    for info in pkgutil.iter_modules(root.__path__):
        yield importlib.import_module(f"{package}.{info.name}")


_LAW: tuple[Fact, ...] | None = None


def law_facts() -> tuple[Fact, ...]:
    """Every dated fact of the law tables and every date constant of the rule catalogue
    (computed once: the tables are constants)."""
    global _LAW
    if _LAW is None:
        seen: set[int] = set()
        found: list[Fact] = []
        for package in ("gdpr_register.law", "gdpr_register.rules.catalogue"):
            for module in _modules(package):
                found.extend(_scan(module, seen))
        _LAW = tuple(sorted(set(found), key=lambda f: (f.on, f.what)))
    return _LAW


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, date):
        yield path, value
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    elif attrs.has(type(value)):
        if hasattr(value, "earliest") and hasattr(value, "latest"):  # a partial date
            yield path, value
            return
        for field in attrs.fields(type(value)):
            yield from _walk(getattr(value, field.name), f"{path}.{field.name}")


def notice_facts(notice: Notice) -> Iterator[Fact]:
    """Every date the notice states, by its path (a partial date: its first and last day)."""
    for path, value in _walk(notice, "$"):
        if isinstance(value, date):
            yield from _both_days(value, f"the notice's {path} {value}", None)
        else:
            yield from _both_days(value.earliest(), f"the notice's {path} {value} begins", None)
            yield from _both_days(value.latest(), f"the notice's {path} {value} ends", None)


def rule_facts(notice: Notice, registry: Registry,
               options: Options | None = None) -> Iterator[Fact]:
    """The days each rule's ``changes`` hook names for ``notice`` under ``options``."""
    for item in registry:
        for on in item.change_days(notice, options):
            yield Fact(on=on, what=f"{item.id}: {item.title}", source=item.citation)
