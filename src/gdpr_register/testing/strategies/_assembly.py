"""Draws of whole registers and shared blocks from their parts, with sections marked none."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
from hypothesis import strategies as st

from gdpr_register.model import (
    Coverage,
    DpiaReference,
    EntryKind,
    PartialDate,
    Register,
    Section,
    SectionReference,
    SharedStatements,
)
from gdpr_register.model._sections import NOTICE_SECTIONS, states
from gdpr_register.testing.strategies._draws import (
    _E,
    _INDEX,
    _TEXT,
    _Bits,
    _count,
    _items,
    _unique_ids,
)
from gdpr_register.testing.strategies._parts import (
    _automated,
    _basis,
    _category,
    _procedure,
    _provision,
    _purpose,
    _recipient,
    _retention,
    _rights,
    _security,
    _source,
    _subject,
    _transfer,
)

_REGISTER_SECTIONS = sorted(set(Section) - NOTICE_SECTIONS)


def _marks(draw: st.DrawFn, bits: _Bits, holder: Any, coverage: bool) -> dict[str, Any]:
    """``none`` (and ``coverage``) for up to two sections ``holder`` does not state."""
    if not bits.flag():
        return {}
    silent = [s for s in _REGISTER_SECTIONS if not states(holder, s)]
    marked: list[Section] = []
    for _ in range(_count(draw, 2) if silent else 0):
        section = silent[draw(_INDEX) % len(silent)]
        if section not in marked:
            marked.append(section)
    split = _count(draw, len(marked))
    found: dict[str, Any] = {"none": tuple(marked[:split])}
    rest = marked[split:]
    if coverage and rest:
        found["coverage"] = Coverage(
            elsewhere=tuple(
                SectionReference(section=s, reference=bits.text()) for s in rest[:1]
            ),
            not_assessed=tuple(rest[1:]),
            note=bits.text(),
        )
    return found


def _listed(draw: st.DrawFn, bits: _Bits, make: Any, most: int, *args: Any) -> tuple[Any, ...]:
    """Items with ids, or none without drawing when the bit says the list is empty."""
    if not bits.flag():
        return ()
    return tuple(make(draw, ident, *args) for ident in _unique_ids(draw, _count(draw, most)))


def _dpia(draw: st.DrawFn) -> DpiaReference:
    day = draw(st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31)))
    precision = draw(st.sampled_from(("day", "month", "year", "none")))
    stated = {"day": PartialDate.of(day), "month": PartialDate(year=day.year, month=day.month),
              "year": PartialDate(year=day.year), "none": None}[precision]
    return DpiaReference(reference=draw(_TEXT), date=stated)


def _register(draw: st.DrawFn, ident: str, max_items: int, marks: bool) -> Register:
    n = max_items
    bits = _Bits(draw)
    categories = _listed(draw, bits, _category, n)
    category_ids = [c.id for c in categories]
    subjects = _listed(draw, bits, _subject, n)
    subject_ids = [s.id for s in subjects]
    recipients = _listed(draw, bits, _recipient, n, category_ids)
    recipient_ids = [r.id for r in recipients]
    base = Register(
        id=ident,
        name=bits.text(),
        kind=draw(_E[EntryKind]) if bits.flag() else EntryKind.REGISTER,
        description=bits.text(),
        purposes=_listed(draw, bits, _purpose, n, category_ids, subject_ids),
        purposes_non_exhaustive=bits.flag(),
        pooled_bases=_items(draw, _basis, n, subject_ids) if bits.flag() else (),
        data_subjects=subjects,
        data_categories=categories,
        categories_non_exhaustive=bits.flag(),
        sources=_listed(draw, bits, _source, n, category_ids),
        recipients=recipients,
        recipients_non_exhaustive=bits.flag(),
        transfers=_items(draw, _transfer, n, recipient_ids) if bits.flag() else (),
        retention=_items(draw, _retention, n, category_ids, subject_ids) if bits.flag() else (),
        security=_items(draw, _security, n) if bits.flag() else (),
        automated_decisions=_automated(draw) if bits.flag() else None,
        rights=_rights(draw) if bits.flag() else (),
        request_procedure=_procedure(draw) if bits.flag() else None,
        provision=_provision(draw) if bits.flag() else None,
        consents=tuple(draw(_TEXT) for _ in range(_count(draw, 1))) if bits.flag() else (),
        automated_processing=bits.opt_bool(),
        information_society_service=bits.opt_bool(),
        occasional=bits.opt_bool(),
        likely_risk=bits.opt_bool(),
        large_scale=bits.opt_bool(),
        systematic_monitoring=bits.opt_bool(),
        record_kept=bits.opt_bool(),
        dpia=_dpia(draw) if bits.flag() else None,
    )
    if not marks:
        return base
    found = _marks(draw, _Bits(draw), base, coverage=True)
    return attrs.evolve(base, **found) if found else base


def _shared(draw: st.DrawFn, max_items: int, marks: bool = True) -> SharedStatements:
    n = max_items
    bits = _Bits(draw)
    base = SharedStatements(
        data_subjects=_listed(draw, bits, _subject, n),
        data_categories=_listed(draw, bits, _category, 1),
        sources=_listed(draw, bits, _source, 1, []),
        recipients=_listed(draw, bits, _recipient, 1, []),
        transfers=_items(draw, _transfer, 1, []) if bits.flag() else (),
        retention=_items(draw, _retention, 1, [], [], 0) if bits.flag() else (),
        security=_items(draw, _security, 1) if bits.flag() else (),
        automated_decisions=_automated(draw) if bits.flag() else None,
        rights=_rights(draw) if bits.flag() else (),
        request_procedure=_procedure(draw) if bits.flag() else None,
        provision=_provision(draw) if bits.flag() else None,
        consents=tuple(draw(_TEXT) for _ in range(_count(draw, 1))) if bits.flag() else (),
    )
    found = _marks(draw, bits, base, coverage=False) if marks else {}
    return attrs.evolve(base, **found) if found else base


# Public strategies: each wraps a draw helper above (and may be built once and reused).
