"""The commands: one module each (see :mod:`gdpr_register.cli`)."""

import functools
import os
from importlib.machinery import all_suffixes

__all__ = ["module_names"]


def module_names() -> list[str]:
    """The names of the modules in this package, sorted, as ``pkgutil.iter_modules`` lists
    them here (a test compares the two): read from the directory, because importing pkgutil
    was a noticeable part of every command's start; read once per process, since a run asks
    twice (which command it names, then to build that command's parser)."""
    return list(_listed())


@functools.cache
def _listed() -> tuple[str, ...]:
    suffixes = all_suffixes()
    names: set[str] = set()
    for directory in __path__:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir():
                if "." not in entry.name and any(
                    os.path.isfile(os.path.join(entry.path, f"__init__{s}")) for s in suffixes
                ):
                    names.add(entry.name)
                continue
            for suffix in suffixes:
                if entry.name.endswith(suffix):
                    base = entry.name[: -len(suffix)]
                    if base != "__init__" and "." not in base:
                        names.add(base)
                    break
    return tuple(sorted(names))
