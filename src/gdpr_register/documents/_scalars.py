"""The converter's strict scalar and enum hooks, and how they describe a value they refuse.

A string is never silently made of a number and an enum value that is close to a member gets a
did-you-mean; messages describe values as the document shows them, never as Python types.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, get_args, get_origin

from gdpr_register.model.values import MonthDay, PartialDate, to_date, to_partial_date

_YAML_BOOL_HINT = " (YAML reads unquoted yes/no/on/off as booleans: quote the value)"


def _short(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _describe(value: object) -> str:
    """A value as the document shows it: ``text 'x'``, ``null``, ``a list``, never a type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {_short(value)}"
    if isinstance(value, str):
        return f"text {_short(value)}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__} value"


def _has_surrogate(value: str) -> bool:
    r"""Whether ``value`` holds a lone surrogate (JSON can spell "\ud800"): no Unicode text, it
    cannot be written out. Exactly the code points strict UTF-8 cannot encode; tested that
    way, as the pattern ``[\ud800-\udfff]`` was a quarter of a millisecond to compile at every
    start (its character set spans the whole Basic Multilingual Plane's bitmap)."""
    if value.isascii():  # a flag of the string: no scan
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _structure_str(value: object, _type: type) -> str:
    if isinstance(value, str):
        if _has_surrogate(value):
            raise ValueError("contains a lone surrogate (not valid Unicode text)")
        return value
    hint = _YAML_BOOL_HINT if isinstance(value, bool) else ""
    raise TypeError(f"expected text, got {_describe(value)}{hint}")


def _structure_int(value: object, _type: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise TypeError(f"expected an integer, got {_describe(value)}")


def _structure_bool(value: object, _type: type) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_describe(value)}")


def _structure_date(value: object, _type: type) -> date:
    if not isinstance(value, str | date):
        raise TypeError(f"expected a date like 2026-05-04, got {_describe(value)}")
    return to_date(value)


def _structure_partial_date(value: object, _type: type) -> PartialDate:
    if isinstance(value, bool) or not isinstance(value, str | date | int):
        raise TypeError(f"expected a date like 2026-05-04, 2026-05 or 2026, got {_describe(value)}")
    return to_partial_date(value)


def _structure_datetime(value: object, _type: type) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"{value!r} is not a valid date-time (expected ISO 8601 with an offset)"
            ) from None
    if not isinstance(value, datetime):
        raise TypeError(f"expected a date-time, got {_describe(value)}")
    if value.tzinfo is None:
        raise ValueError(f"{value.isoformat()} has no time zone offset")
    if type(value) is not datetime:  # pendulum.DateTime in, stdlib out
        value = datetime(*value.timetuple()[:6], value.microsecond, tzinfo=value.tzinfo)
    return value


def _structure_month_day(value: object, _type: type) -> MonthDay:
    if not isinstance(value, str):
        raise TypeError(f"expected a month and day like '12-31', got {_describe(value)}")
    return MonthDay.parse(value)


_ENUM_LABELS = {
    "LawfulBasis": "lawful basis",
    "SpecialCategoryCondition": "special-category condition",
    "TransferMechanism": "transfer mechanism",
    "TransferDerogation": "transfer derogation",
}


def _enum_label(enum_type: type[enum.Enum]) -> str:
    if enum_type.__name__ in _ENUM_LABELS:
        return _ENUM_LABELS[enum_type.__name__]
    words: list[str] = []
    for ch in enum_type.__name__:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower())
    return "".join(words)


def _enum_hook(enum_type: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    values = {member.value: member for member in enum_type}
    expected = ", ".join(str(v) for v in values)
    label = _enum_label(enum_type)

    def structure(value: object, _type: type) -> enum.Enum:
        try:
            return values[value]
        except (KeyError, TypeError):
            pass
        from gdpr_register.model._suggest import suggestion  # a refused value's path only

        close = suggestion(value, values) if isinstance(value, str) else None
        hint = f"; did you mean {close!r}?" if close else ""
        shown = _short(value) if isinstance(value, str) else _describe(value)
        raise ValueError(f"{shown} is not a {label} (expected one of {expected}){hint}")

    return structure


def _article_shorthand(
    cls: type, article_type: type[enum.Enum], from_mapping: Callable[[object, type], Any]
) -> Callable[[object, type], Any]:
    articles = {member.value: member for member in article_type}
    expected = f"{next(iter(articles))} ... {list(articles)[-1]}"
    label = _enum_label(article_type)

    def structure(value: object, _type: type) -> Any:
        if not isinstance(value, str):
            return from_mapping(value, cls)
        if value in articles:
            return cls(article=articles[value])
        raise ValueError(
            f"{value!r} is not a {label} (expected one of {expected}); "
            f"to keep wording that is no GDPR basis, write it as {{text: {value!r}}}"
        )

    return structure


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis
