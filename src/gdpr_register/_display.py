"""The notebook display hooks every displayable value class inherits (slot-free, so attrs
slotted classes stay slotted). The rendering lives in :mod:`gdpr_register.display`, imported
only when a notebook (or a user) asks for it."""

from __future__ import annotations

from typing import Any

__all__ = ["Displayable", "Tabular"]


class Displayable:
    """``_repr_html_`` and ``_repr_markdown_`` for Jupyter, and a short ``__repr__`` for the
    classes that declare ``repr=False`` to attrs (others keep attrs' generated one)."""

    __slots__ = ()

    def __repr__(self) -> str:
        from gdpr_register.display import short_repr

        return short_repr(self)

    def _repr_html_(self) -> str:
        from gdpr_register.display import html

        return html(self)

    def _repr_markdown_(self) -> str:
        from gdpr_register.display import markdown

        return markdown(self)


class Tabular:
    """``to_records()`` and ``to_pandas()`` (see :mod:`gdpr_register.frames`)."""

    __slots__ = ()

    def to_records(self) -> list[dict[str, Any]]:
        """One plain dict per row, with the columns documented in docs/notebooks.md."""
        from gdpr_register.frames import records

        return records(self)

    def to_pandas(self) -> Any:
        """A pandas DataFrame of :meth:`to_records` with the documented dtypes (needs the
        ``notebook`` extra; pandas is imported only now)."""
        from gdpr_register.frames import to_pandas

        return to_pandas(self)
