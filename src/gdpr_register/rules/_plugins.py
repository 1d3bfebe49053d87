"""Whether any installed distribution could declare a ``gdpr_register.rules`` plugin.

``importlib.metadata.entry_points()`` imports ``email`` and parses every installed
distribution's metadata: a large share of a short command's start. This look reads only the
``entry_points.txt`` files on ``sys.path`` and answers "maybe" whenever it cannot tell
(a zip or egg on the path, a custom metadata finder), so a plugin is never missed.
"""

from __future__ import annotations

import os
import sys

__all__ = ["plugins_may_exist"]

_STANDARD_FINDERS = frozenset({"BuiltinImporter", "FrozenImporter", "PathFinder"})


def plugins_may_exist(group: str) -> bool:
    """False only when no distribution on ``sys.path`` names ``group`` in its entry points."""
    for finder in sys.meta_path:
        # Only the standard finders are known to keep metadata as files on sys.path; any
        # other that can find distributions may provide one we cannot see.
        name = finder.__name__ if isinstance(finder, type) else type(finder).__name__
        if name not in _STANDARD_FINDERS and hasattr(finder, "find_distributions"):
            return True
    header = f"[{group}]"
    for entry in sys.path:
        directory = entry or "."
        try:
            with os.scandir(directory) as items:
                names = [item.name for item in items]
        except NotADirectoryError:
            return True  # a zip or egg on the path: let importlib.metadata look inside
        except OSError:
            continue  # missing or unreadable: importlib.metadata skips it too
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(directory, name, "entry_points.txt"),
                          encoding="utf-8", errors="replace") as handle:
                    if header in handle.read():
                        return True
            except FileNotFoundError:
                continue
            except OSError:
                return True
    return False
