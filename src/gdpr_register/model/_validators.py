"""Validators shared by the domain classes.

Each raises ``ValueError``/``TypeError`` whose message says what was found and what was
expected; the document loader prefixes the path. :class:`ModelValueError` also carries a path
*relative* to the object being validated, for cross-field checks that point deeper.
"""


import re
from collections.abc import Callable, Hashable, Iterable
from typing import Any

import attrs

from gdpr_register._text import shown
from gdpr_register.errors import GdprRegisterError

__all__ = [
    "ModelTypeError",
    "ModelValueError",
    "ModelValueErrors",
    "check_unique",
    "enum_tuple",
    "identifier",
    "ids",
    "optional_enum",
    "optional_text",
    "raise_all",
    "text",
]

_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
# Control characters other than tab and newlines have no place in notice text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT = 100_000


class ModelValueError(GdprRegisterError, ValueError):
    """A value error located at ``path`` below the object being built (e.g. ``purposes[1]``).

    A :class:`~gdpr_register.errors.GdprRegisterError` like every error raised on purpose."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class ModelTypeError(ModelValueError, TypeError):
    """A located error about a value of the wrong type."""


class ModelValueErrors(ModelValueError):
    """Several located errors found together, so that a document's author sees them all."""

    def __init__(self, errors: list[ModelValueError]) -> None:
        self.errors = errors
        super().__init__(errors[0].path, "; ".join(str(e) for e in errors[1:]) or errors[0].message)
        self.message = "; ".join(str(e) for e in errors)


def raise_all(checks: Iterable[Callable[[], None]]) -> None:
    """Run every check; raise the one error found, or all of them together."""
    errors: list[ModelValueError] = []
    for check in checks:
        try:
            check()
        except ModelValueErrors as exc:
            errors.extend(exc.errors)
        except ModelValueError as exc:
            errors.append(exc)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ModelValueErrors(errors)


def _check_text(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise ModelTypeError(name, f"expected text, got {type(value).__name__} {value!r}")
    if not value.strip():
        raise ModelValueError(name, "must not be empty")
    if len(value) > MAX_TEXT:
        raise ModelValueError(name, f"is {len(value)} characters, more than {MAX_TEXT}")
    if _CONTROL.search(value):
        raise ModelValueError(name, "contains a control character")


def text(_instance: object, attribute: Any, value: Any) -> None:
    """A required, non-blank string without control characters."""
    _check_text(attribute.name, value)


def optional_text(_instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _check_text(attribute.name, value)


def identifier(_instance: object, attribute: Any, value: Any) -> None:
    """A short id used for cross-references inside a notice (``contact-details``)."""
    if not isinstance(value, str):
        raise ModelTypeError(
            attribute.name, f"expected an identifier, got {type(value).__name__} {value!r}"
        )
    if not _IDENTIFIER.fullmatch(value):
        raise ModelValueError(
            attribute.name,
            f"{shown(repr(value))} is not a valid identifier "
            "(expected letters, digits, '-', '_' or '.', starting with a letter or digit, "
            "at most 100 characters)",
        )


def check_unique(
    items: Iterable[Any], key: Callable[[Any], Hashable], field: str, what: str
) -> None:
    """Raise ModelValueError at ``field[i]`` for the first repeated key."""
    seen: dict[Hashable, int] = {}
    for index, item in enumerate(items):
        k = key(item)
        if k in seen:
            raise ModelValueError(
                f"{field}[{index}]", f"duplicate {what} {k!r} (first at {field}[{seen[k]}])"
            )
        seen[k] = index


#: A tuple of identifiers (cross-references to ids in the same register).
ids = attrs.validators.deep_iterable(identifier)


def enum_tuple(enum_type: type) -> Any:
    """A tuple of ``enum_type`` values."""
    return attrs.validators.deep_iterable(attrs.validators.instance_of(enum_type))


def optional_enum(enum_type: type) -> Any:
    """None or an ``enum_type`` value."""
    return attrs.validators.optional(attrs.validators.instance_of(enum_type))
