"""The sections a rule reads, and the guard that skips a rule whose sections were not assessed.

A notice may mark a section as stated in another layer or document (``elsewhere``) or as not
assessed by whoever encoded it (``not-assessed``). A rule that reads only such sections cannot
judge them: it does not run, and the engine reports one ``info`` finding for it instead, never
a missing-information finding (CONTRACT §1, §10).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from gdpr_register.errors import UsageError
from gdpr_register.model.enums import Section, SectionState
from gdpr_register.rules._values import Hit, Scope, Severity, hit

__all__ = [
    "NOT_ASSESSED",
    "guard",
    "not_assessed_templates",
    "to_sections",
    "unassessed",
    "unguarded",
]

NOT_ASSESSED = "not-assessed"
_SKIPPED = frozenset({SectionState.ELSEWHERE, SectionState.NOT_ASSESSED})
_GUARDED = "__gdpr_register_sections__"


def not_assessed_templates() -> tuple[str, str]:
    """The message and fix of a not-assessed finding (any rule)."""
    return (
        "Not assessed here: the notice marks {sections} as {where}",
        "Check this rule against the part of the notice that states {sections}, or encode it "
        "in this document",
    )


def to_sections(values: Iterable[Section | str]) -> tuple[Section, ...]:
    """A rule's ``sections`` as :class:`Section` values (a typo is a clear error)."""
    out = []
    for value in values:
        try:
            out.append(Section(value))
        except ValueError:
            known = ", ".join(s.value for s in Section)
            raise UsageError(f"unknown section {value!r} (known: {known})") from None
    return tuple(out)


def unassessed(
    notice: Any, register: Any, sections: Sequence[Section]
) -> list[tuple[str, SectionState, str | None]] | None:
    """``(section, state, reference)`` for each section when every one of them is stated
    elsewhere or not assessed; None when any is stated, none or silent (the rule runs)."""
    if not sections:
        return None
    found = []
    for section in sections:
        note = _marked(notice, register, section)
        if note is None:
            state = notice.section_state(section, register)
            if state not in _SKIPPED:
                return None
            note = notice.section_note(section, register)
        reference = note.reference if note is not None else None
        found.append((section.value, note.state if note is not None else state, reference))
    return found


def _marked(notice: Any, register: Any, section: Section) -> Any:
    """The coverage marking of ``section`` (the register's, then the notice's), if any: a part
    the encoder marked as elsewhere or not assessed is not judged even where the document
    states some of it (the controller's name, with its contacts in another document)."""
    holders = (register, notice) if register is not None else (notice,)
    for holder in holders:
        coverage = getattr(holder, "coverage", None)
        note = coverage.note_for(section) if coverage is not None else None
        if note is not None:
            return note
    return None


def _hit(
    path: str, notes: list[tuple[str, SectionState, str | None]], register: str | None
) -> Hit:
    states = sorted({state for _, state, _ in notes})
    where = " and ".join(
        "stated elsewhere" if s is SectionState.ELSEWHERE else "not assessed" for s in states
    )
    references = tuple(ref for _, _, ref in notes if ref)
    if references:
        where += f" ({'; '.join(references)})"
    return hit(path, register=register, severity=Severity.INFO, problem=NOT_ASSESSED,
               sections=tuple(section for section, _, _ in notes), where=where)


def guard(
    check: Callable[..., Iterable[Hit]], scope: Scope, sections: Sequence[Section]
) -> Callable[..., Iterable[Hit]]:
    """``check`` wrapped so that it reports one not-assessed hit instead of running when
    all of ``sections`` are elsewhere / not assessed (idempotent)."""
    if not sections or getattr(check, _GUARDED, False):
        return check
    if scope is Scope.NOTICE:

        @functools.wraps(check)
        def guarded_notice(notice: Any, ctx: Any) -> Iterator[Hit]:
            notes = unassessed(notice, None, sections)
            if notes is not None:
                yield _hit("$", notes, None)
                return
            yield from check(notice, ctx)

        setattr(guarded_notice, _GUARDED, True)
        return guarded_notice

    @functools.wraps(check)
    def guarded_register(notice: Any, register: Any, ctx: Any) -> Iterator[Hit]:
        notes = unassessed(notice, register, sections)
        if notes is not None:
            yield _hit(ctx.path, notes, None)
            return
        yield from check(notice, register, ctx)

    setattr(guarded_register, _GUARDED, True)
    return guarded_register


def unguarded(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
    """The check :func:`guard` wrapped (``check`` itself when it is not a guard)."""
    if getattr(check, _GUARDED, False):
        inner: Callable[..., Iterable[Hit]] = check.__wrapped__  # type: ignore[attr-defined]
        return inner
    return check
