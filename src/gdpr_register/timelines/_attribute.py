"""Which of a day's dated facts changed a given finding: the ones it concerns, not all.

A checkpoint day may carry many facts (on 2018-05-25: the GDPR's application, a dozen Member
States' digital-consent ages, the Finnish Personal Data Act superseded). A finding that opens
or closes that day is attributed only the facts relevant to it, most specific first:

4. the fact its own rule's ``changes`` hook named;
3. a date the notice states about the element the finding is about (at, inside or around its
   path, or the element whose id, rule or date the finding's arguments name: a waiver of its
   rule, a recipient it names);
2. a law fact whose identifying values (country, mechanism, instrument, law) the finding's
   arguments or citation name, or whose citation pattern its arguments' text matches;
1. a general fact every finding depends on (the GDPR's application).

Where none is relevant, the day's facts the notice depends on are listed (its own dates, the
general facts, law facts about a country, mechanism or law the notice names); a fact about
something the notice never names (another country's consent age) is never shown.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from gdpr_register.timelines._facts import Fact

if TYPE_CHECKING:
    from gdpr_register.model import Notice
    from gdpr_register.rules import Finding

__all__ = ["attribute", "notice_words"]


def _words(value: Any) -> Iterator[str]:
    if isinstance(value, enum.Enum):
        yield str(value.value)
    elif isinstance(value, str):
        yield value
    elif isinstance(value, date):
        yield value.isoformat()
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _words(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _words(getattr(value, field.name))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield str(value)


def notice_words(notice: Notice) -> frozenset[str]:
    """Every text, code and date the notice states (what its facts may concern)."""
    return frozenset(_words(notice))


def _finding_words(finding: Finding) -> set[str]:
    words = set(_words(tuple(finding.args.values())))
    words.add(finding.citation)
    return words


def _within(path: str, owner: str) -> bool:
    """``path`` is ``owner`` or inside it (``$.registers[1]`` is not inside ``$.registers[10]``
    nor the reverse)."""
    return path == owner or path.startswith((owner + ".", owner + "["))


def _owner(path: str) -> str:
    return path.rsplit(".", 1)[0] if "." in path else path


def _element(notice: Notice, path: str) -> Any:
    from gdpr_register.rules._paths import resolve_path

    try:
        return resolve_path(notice, path)
    except ValueError:
        return None


def _about_notice_date(fact: Fact, finding: Finding, notice: Notice, words: set[str]) -> bool:
    assert fact.path is not None
    if fact.stated is not None and fact.stated.isoformat() in words:
        return True  # the finding names the date (ART24_1_REVIEW: "last updated {updated}")
    owner = _owner(fact.path)
    if owner == "$":
        return False  # a notice-level date: only through its value or a rule's hook
    if _within(finding.path, owner) or (finding.path != "$" and _within(owner, finding.path)):
        return True
    element = _element(notice, owner)
    if element is None:
        return False
    if finding.waiver is not None and finding.waiver == element:
        return True
    named = {str(getattr(element, name, None)) for name in ("id", "rule")}
    return bool(named & (words | {finding.rule}))


def _law_concerns(fact: Fact, words: Iterable[str]) -> bool:
    listed = set(words)
    if fact.concerns & listed or (fact.source is not None and fact.source in listed):
        return True
    return fact.pattern is not None and any(fact.pattern.search(w) for w in listed)


def _rank(fact: Fact, finding: Finding, notice: Notice) -> int | None:
    if fact.rule is not None:
        return 4 if fact.rule == finding.rule else None
    if fact.path is not None:
        return 3 if _about_notice_date(fact, finding, notice, _finding_words(finding)) else None
    if fact.general:
        return 1
    if not fact.concerns and fact.pattern is None:
        return 1  # a law date about nothing in particular
    return 2 if _law_concerns(fact, _finding_words(finding)) else None


def _depends(fact: Fact, words: frozenset[str]) -> bool:
    if fact.rule is not None:
        return False  # another rule's own date
    if fact.path is not None or fact.general or (not fact.concerns and fact.pattern is None):
        return True
    return _law_concerns(fact, words)


def attribute(facts: Iterable[Fact], finding: Finding, notice: Notice,
              words: frozenset[str]) -> tuple[Fact, ...]:
    """The facts of one day that concern ``finding``, most specific first (see the module);
    ``words`` are :func:`notice_words` of ``notice``."""
    day = list(dict.fromkeys(facts))
    ranked = [(rank, n, f) for n, f in enumerate(day)
              if (rank := _rank(f, finding, notice)) is not None]
    if ranked:
        ranked.sort(key=lambda r: (-r[0], r[2].what.startswith("the day after"), r[1]))
        return tuple(f for _, _, f in ranked)
    return tuple(f for f in day if _depends(f, words))
