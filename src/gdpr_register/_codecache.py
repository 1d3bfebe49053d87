"""Compiled code for the methods attrs and cattrs generate for our classes, from a module.

attrs writes the source of each class's ``__init__``, ``__eq__``, ``__hash__`` and
``__repr__``, and cattrs that of each structuring hook, and both ``compile()`` it at every
start: about a third of the command line's start-up. The same sources, generated once, are
in :mod:`gdpr_register._compiled_code` (a module, so Python's bytecode cache holds their
compiled form); :func:`install` makes attrs and cattrs take the code from there when the
source they are about to compile is, character for character, one held there, and compile
as usual otherwise (another library's classes, a changed class, another attrs version).
The code is the same either way: ``tests/test_codecache.py`` checks each entry against
``compile()`` of its source, and that the module holds what would be generated now.

The code is held in two modules, so that a check reads only a little over half of it:
:mod:`gdpr_register._compiled_code` holds the methods of the classes of the errors, the
model, the law tables and the rules, and the loader's structuring hooks (what a check
makes); :mod:`gdpr_register._compiled_code_rest` the rest (other packages' classes, the
writers' unstructuring hooks). Each is read when code it holds is first asked for.

Regenerate after changing a model class (the test says when)::

    python -m gdpr_register._codecache_build
"""

from __future__ import annotations

import builtins
import sys
from types import CodeType, ModuleType
from typing import Any

__all__ = ["HELD", "STAND_IN", "held_module", "install", "install_cattrs", "misses", "unseeded"]

# attrs seeds each class's __hash__ with hash() of a string: it differs in every process.
# The module holds the sources with this stand-in, and each process's seed is put back.
_SEED = "hash((\n"  # then blanks, the seed and a comma (found without a regular expression)
STAND_IN = 7_777_777_777_777_777_777
_OURS = "gdpr_register."  # in every filename attrs and cattrs give our classes' code
#: The modules holding the code: what a check makes, and the rest (see the docstring).
HELD = ("_compiled_code", "_compiled_code_rest")
# The classes whose attrs methods a check makes (the last word of a filename names the class).
_AT_START = tuple(f"{_OURS}{package}." for package in ("errors", "law", "model", "rules"))
_TABLES: dict[str, dict[str, CodeType]] = {}
_MISSES: list[str] = []  # our sources compiled afresh (a stale module), for the tests
# Set by _codecache_build: each source of ours with the held module it belongs in.
_RECORDING: list[tuple[str, str]] | None = None


def held_module(filename: str) -> str:
    """The name (in :data:`HELD`) of the module holding the code compiled as ``filename``:
    ``<attrs generated methods gdpr_register.model.notice.Party>`` and
    ``<cattrs generated structure gdpr_register.model.notice.Party>`` are a check's,
    ``<cattrs generated unstructure ...>`` and other packages' classes are not."""
    start = (not filename.startswith("<cattrs generated unstructure ")
             and filename.rpartition(" ")[2].startswith(_AT_START))
    return HELD[0] if start else HELD[1]


def _table(name: str) -> dict[str, CodeType]:
    table = _TABLES.get(name)
    if table is None:
        table = _TABLES[name] = {}
        # Without its bytecode cached (PYTHONDONTWRITEBYTECODE in a source checkout) the module
        # would be compiled whole, dearer than the code it holds: compile as usual then.
        if _bytecode_cached(name):
            import importlib

            held = importlib.import_module(f"gdpr_register.{name}")
            table.update(zip(held.SOURCES, _bodies(held), strict=True))
    return table


def _bytecode_cached(name: str = HELD[0]) -> bool:
    """Whether the import of the held module ``name`` would read a current ``.pyc`` (the
    checks importlib makes: magic number, then the source's mtime and size, or a hash-based
    pyc)."""
    import os

    try:  # what importlib.util re-exports, without importing it (and importlib._abc)
        from importlib._bootstrap_external import MAGIC_NUMBER, cache_from_source
    except ImportError:  # pragma: no cover - another implementation's import system
        from importlib.util import MAGIC_NUMBER, cache_from_source

    source = os.path.join(os.path.dirname(__file__), f"{name}.py")
    if f"gdpr_register.{name}" in sys.modules:
        return True
    try:
        with open(cache_from_source(source), "rb") as cached:
            header = cached.read(16)
        stat = os.stat(source)
    except (OSError, NotImplementedError, ValueError):
        return False
    if len(header) < 16 or header[:4] != MAGIC_NUMBER:
        return False
    if int.from_bytes(header[4:8], "little") != 0:
        return True  # hash-based: importlib checks the hash (or trusts it) itself
    return (int.from_bytes(header[8:12], "little") == int(stat.st_mtime) & 0xFFFFFFFF
            and int.from_bytes(header[12:16], "little") == stat.st_size & 0xFFFFFFFF)


def _bodies(module: ModuleType) -> list[CodeType]:
    """The code of each ``class ___:`` body inside ``module._held``, in order.

    A class body runs like a module (names are stored in and read from the namespace it is
    given) and a class named only with underscores mangles no ``__names``.
    """
    held = module._held.__code__
    return [c for c in held.co_consts if isinstance(c, CodeType) and c.co_name == "___"]


def unseeded(source: str) -> tuple[str, int | None]:
    """The source with attrs' hash seed written as :data:`STAND_IN`, and the seed: the
    first ``hash((`` line end followed by blanks, an integer and a comma."""
    # With string methods, not a character at a time: this runs for every class at start.
    start = source.find(_SEED)
    while start != -1:
        after = start + len(_SEED)
        end = source.find(",", after)
        if end == -1:
            break
        between = source[after:end]
        number = between.lstrip()
        digits = number[1:] if number.startswith("-") else number
        if digits.isdecimal():  # False for "" too
            begin = end - len(number)
            return f"{source[:begin]}{STAND_IN}{source[end:]}", int(number)
        start = source.find(_SEED, start + 1)
    return source, None


_PREFIX = "_held.<locals>.___."  # what the class body adds to its functions' names


def _fixed(code: CodeType, seed: int | None) -> CodeType:
    """``code`` as ``compile()`` of the source gives it: its functions' qualified names
    without the class body's, and this process's hash seed in place of the stand-in."""
    consts = code.co_consts
    qualname = code.co_qualname.removeprefix(_PREFIX)
    # Most functions hold no code and no seed: only their name is replaced (a third of the
    # time of rebuilding every constant tuple). Both tests run in C (``in`` over ``map``).
    if CodeType not in map(type, consts) and (seed is None or STAND_IN not in consts):
        return code.replace(co_qualname=qualname)
    consts = tuple(
        _fixed(c, seed) if type(c) is CodeType
        else seed if seed is not None and type(c) is int and c == STAND_IN else c
        for c in consts
    )
    return code.replace(co_consts=consts, co_qualname=qualname)


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
    if (
        mode == "exec" and not args and not kwargs and isinstance(source, str)
        and isinstance(filename, str) and _OURS in filename
    ):
        if _RECORDING is not None:
            _RECORDING.append((held_module(filename), source))
        else:
            key, seed = unseeded(source)
            code = _table(held_module(filename)).get(key)
            if code is not None:
                return _fixed(code, seed)
            if len(_MISSES) < 100:  # enough to tell a stale module; never a growing list
                _MISSES.append(filename)
    return builtins.compile(source, filename, mode, *args, **kwargs)


def install() -> None:
    """attrs' generated methods for our classes come from the module (idempotent)."""
    import attr._make

    _patch(attr._make)


def install_cattrs() -> None:
    """cattrs' generated hooks for our classes come from the module (idempotent)."""
    import cattrs.gen

    _patch(cattrs.gen)


def _patch(module: ModuleType) -> None:
    # Each module calls the builtin ``compile`` by its global name: a module global of that
    # name is found first. Where a version of the library no longer does, nothing changes.
    if module.__dict__.get("compile") is None:
        module.compile = _compile  # type: ignore[attr-defined]


def misses() -> list[str]:
    """The filenames of our generated code compiled afresh so far (none when current)."""
    return list(_MISSES)
