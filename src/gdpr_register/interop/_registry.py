"""The registry of interoperability formats and the two entry points over it."""

from __future__ import annotations

import difflib
import importlib
import os
import pkgutil
from collections.abc import Callable
from functools import cache

import attrs

from gdpr_register.documents.io import DEFAULT_MAX_BYTES
from gdpr_register.errors import DocumentError, Problem, UsageError
from gdpr_register.model import Notice


@attrs.frozen(kw_only=True)
class ImportNote:
    """Something the source holds that the notice could not take as it was, or a fact the
    source lacks; ``where`` is a place in the source (``Activities!C12``, ``$.system[0]``)."""

    where: str
    message: str


@attrs.frozen(kw_only=True)
class Imported:
    """The notice read from another format, and what was lost or assumed on the way."""

    notice: Notice
    notes: tuple[ImportNote, ...] = ()


Exporter = Callable[[Notice, str], "str | bytes"]
"""``(notice, lang) -> output``; ``bytes`` for binary formats (a spreadsheet)."""
Importer = Callable[[bytes, str], Imported]
"""``(raw bytes, source name for messages) -> Imported``; bad input raises DocumentError."""


@attrs.frozen(kw_only=True)
class InteropFormat:
    """One format: its name on the command line, what it is, and what it can do."""

    name: str
    summary: str
    suffix: str
    binary: bool = False
    export: Exporter | None = None
    import_: Importer | None = None


@cache
def formats() -> dict[str, InteropFormat]:
    """Every format, by name (discovered from ``gdpr_register/interop/_formats/``)."""
    package = importlib.import_module("gdpr_register.interop._formats")

    found: dict[str, InteropFormat] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        fmt: InteropFormat = module.FORMAT
        found[fmt.name] = fmt
    return found


def find_format(name: str, *, can: str) -> InteropFormat:
    """The format called ``name`` that can ``export`` or ``import``; a UsageError naming the
    formats that can, with a did-you-mean, otherwise."""
    able = {
        key: fmt
        for key, fmt in formats().items()
        if (fmt.export if can == "export" else fmt.import_) is not None
    }
    if name in able:
        return able[name]
    known = ", ".join(sorted(able)) or "none"
    close = difflib.get_close_matches(name, list(able), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise UsageError(f"unknown {can} format {name!r}{hint}; known: {known}")


def default_language(notice: Notice) -> str:
    """The language a format's headings take when none is asked for: the notice's own when
    there are catalogues for it (fi, sv, en; ``fi-FI`` is ``fi``), English otherwise."""
    from gdpr_register.render import LANGUAGES

    primary = notice.language.split("-", 1)[0].strip().lower()
    return primary if primary in LANGUAGES else "en"


def export_notice(notice: Notice, format: str, *, lang: str | None = None) -> str | bytes:
    """The notice in another tool's format: ``str`` for text formats, ``bytes`` for binary.

    ``lang`` (fi, sv, en) is the language of the headings and fixed words where the format
    has them (the Art. 30 record); by default the notice's own language, else English.
    """
    fmt = find_format(format, can="export")
    assert fmt.export is not None
    return fmt.export(notice, lang if lang is not None else default_language(notice))


def import_notice(
    path: str | os.PathLike[str], format: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Imported:
    """Read a file in another tool's format into a notice; bad input is a DocumentError that
    names the file and the place in it (``Activities!C12``)."""
    fmt = find_format(format, can="import")
    assert fmt.import_ is not None
    source = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        problem = Problem(location="", message=exc.strerror or str(exc))
        raise DocumentError([problem], source=source) from None
    if len(raw) > max_bytes:
        message = f"the file is more than the limit of {max_bytes:,} bytes"
        raise DocumentError([Problem(location="", message=message)], source=source)
    return fmt.import_(raw, source)
