"""Did-you-mean suggestions that never change what the document means.

A suggestion is offered only for an obvious typo of exactly one candidate:

- the same word up to case, ``_`` versus ``-`` and surrounding blanks (``Last_Contact``); or
- one edit away (an insertion, deletion, substitution or swap of neighbours; two edits for
  words of eight characters or more), with no other candidate as close; and
- never when one is the other plus or minus a ``-``/``_``/space-separated part: ``scc`` is
  not ``scc-old``, ``6(1)`` is not ``6(1)(a)``. A plural ``s`` is no separate part
  (``day`` -> ``days``).

So ``minutes`` never suggests ``months`` (three edits), and a value that is a shorter or
longer member of a family of codes is refused rather than "corrected" to a sibling.
"""


from collections.abc import Iterable

__all__ = ["edit_distance", "suggestion"]

_SEPARATORS = frozenset("-_ ./()")


def _normal(word: str) -> str:
    return word.strip().casefold().replace("_", "-")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _extends(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` plus a separated part (or a part ending in a separator)."""
    if not longer.startswith(shorter) and not longer.endswith(shorter):
        return False
    extra = longer[len(shorter) :] if longer.startswith(shorter) else longer[: -len(shorter)]
    return bool(extra) and (extra[0] in _SEPARATORS or extra[-1] in _SEPARATORS)


def suggestion(value: object, candidates: Iterable[object]) -> str | None:
    """The one candidate ``value`` is an obvious typo of, else None."""
    word = _normal(str(value))
    if not word:
        return None
    options = [str(c) for c in candidates]
    same = [c for c in options if _normal(c) == word]
    if len(same) == 1:
        return same[0] if same[0] != str(value) else None
    limit = 2 if len(word) >= 8 else 1
    if len(word) < 3:
        return None
    best: list[str] = []
    best_distance = limit + 1
    for option in options:
        norm = _normal(option)
        if _extends(norm, word) or _extends(word, norm):
            continue
        distance = edit_distance(word, norm, limit)
        if distance < best_distance:
            best, best_distance = [option], distance
        elif distance == best_distance and distance <= limit:
            best.append(option)
    return best[0] if len(best) == 1 and best_distance <= limit else None
