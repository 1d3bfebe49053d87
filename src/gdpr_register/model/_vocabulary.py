"""How the model's vocabularies (:mod:`gdpr_register.model.enums`) are made.

Each vocabulary is written as a plain class and made a StrEnum by the function the standard
library makes its own enumerations with at import (``enum._simple_enum``): the same class as
``class X(enum.StrEnum)`` (``tests/test_startup.py`` compares them with the standard
library's own check), made in half the time, and all of them are made at every start. Where
that function is missing, the functional API makes them.
"""

import enum
from typing import TYPE_CHECKING, Any, TypeVar

__all__ = ["Vocabulary", "functional", "vocabulary"]

_T = TypeVar("_T")

if TYPE_CHECKING:
    Vocabulary = enum.StrEnum  # what type checkers see: the class as written

    def vocabulary(cls: type[_T]) -> type[_T]:
        return cls

else:
    Vocabulary = object
    _simple = getattr(enum, "_simple_enum", None)

    def vocabulary(cls: type) -> Any:
        if _simple is None:
            return functional(cls)
        made = _simple(enum.StrEnum)(cls)
        # The builder leaves each member behind a property that looks it up in Python: the
        # class statement stores the member itself, read several times faster (rules read
        # members on every register). Store them as the class statement does.
        for name, member in made._member_map_.items():
            type.__setattr__(made, name, member)
        return made


def functional(cls: type) -> Any:
    """The StrEnum of a plain class's members, made by the functional API."""
    members = {k: v for k, v in vars(cls).items() if not k.startswith("_")}
    make: Any = enum.StrEnum  # called with a name known only here (mypy wants a literal)
    made = make(cls.__name__, members, module=cls.__module__, qualname=cls.__qualname__)
    made.__doc__ = cls.__doc__
    return made
