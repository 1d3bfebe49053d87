"""Shared building blocks of the register strategies: strategies built once and bit draws."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from gdpr_register.model import (
    PurposeKind,
    RightKind,
    TransferMechanism,
)
from gdpr_register.model.countries import COUNTRY_NAMES, UNKNOWN_COUNTRY
from gdpr_register.testing.strategies._model import (
    channels,
    dates,
    identifiers,
    small_tuples,
    texts,
)

# Strategies are built once, here: building (and validating) strategy objects inside a draw
# costs more than the draw itself, and users' tests must pass the default health checks.
# Each object draws one integer whose bits say which optional fields it states and the value
# of its true/false fields: one choice instead of two per field, and shrinking the integer
# towards 0 shrinks the object towards its bare minimum.
_TEXT = texts(8)
_ID = identifiers()
_INDEX = st.integers(min_value=0, max_value=7)
# Lists hold 0, 1 or 2 items, mostly 0 or 1: flat values are fast to make and to shrink.
_COUNT = st.sampled_from((0, 1, 0, 1, 2))
_MASK = st.integers(min_value=0, max_value=2**32 - 1)


class _Bits:
    """The bits of one drawn integer, handed out in order."""

    __slots__ = ("draw", "index", "value")

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.value = draw(_MASK)
        self.index = 0

    def flag(self) -> bool:
        bit = (self.value >> self.index) & 1
        self.index += 1
        return bool(bit)

    def opt(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.draw(strategy) if self.flag() else None

    def text(self) -> str | None:
        """Optional text, present one time in four: texts are the costliest draws."""
        present = self.flag() & self.flag()
        return self.draw(_TEXT) if present else None

    def opt_bool(self) -> bool | None:
        present, value = self.flag(), self.flag()
        return value if present else None


class _Enums(dict[Any, st.SearchStrategy[Any]]):
    """``_E[SomeEnum]``: one ``sampled_from`` strategy per enum, built on first use."""

    def __missing__(self, enum_type: Any) -> st.SearchStrategy[Any]:
        strategy = self[enum_type] = st.sampled_from(list(enum_type))
        return strategy


_E = _Enums()
_MATERIAL = st.lists(
    st.sampled_from(["accounting-voucher", "accounting-books", "employment-record"]),
    max_size=2,
    unique=True,
).map(tuple)
_STATUTES = st.sampled_from(["FI_KPL_2_10_SHORT", "FI_KPL_2_10_LONG"])
_PURPOSE_KINDS = st.lists(_E[PurposeKind], max_size=2, unique=True).map(tuple)
_MECHANISMS = st.lists(_E[TransferMechanism], max_size=2, unique=True).map(tuple)
_RIGHT_KINDS = st.lists(_E[RightKind], max_size=3, unique=True)
_AMOUNT = st.integers(min_value=0, max_value=30)
_DATE = dates()
_DESTINATION = st.sampled_from([*sorted(COUNTRY_NAMES), UNKNOWN_COUNTRY])
_VALID_UNTIL_DAYS = st.integers(min_value=0, max_value=4000)
_CHANNELS = small_tuples(channels(), 1)


def _count(draw: st.DrawFn, most: int) -> int:
    return min(draw(_COUNT), most)


def _refs(draw: st.DrawFn, ids: list[str]) -> tuple[str, ...]:
    """Up to two distinct ids of ``ids``, drawn as indices (constructive, no filtering)."""
    if not ids:
        return ()
    picked: list[str] = []
    for _ in range(_count(draw, 2)):
        ref = ids[draw(_INDEX) % len(ids)]
        if ref not in picked:
            picked.append(ref)
    return tuple(picked)


def _unique_ids(draw: st.DrawFn, count: int) -> list[str]:
    found: list[str] = []
    for index in range(count):
        ident = draw(_ID)
        found.append(ident if ident not in found else f"{ident}-{index}")
    return found


def _items(draw: st.DrawFn, make: Any, most: int, *args: Any) -> tuple[Any, ...]:
    return tuple(make(draw, *args) for _ in range(_count(draw, most)))
