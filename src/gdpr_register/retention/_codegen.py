"""Python source of a compiled policy's evaluators (see :class:`~._fast.FastPath`).

Functions are generated from one body: ``evaluate(events, as_of)`` returns the trigger
dates and one outcome per category group (what a :class:`RetentionPlan` keeps), and
``results(histories, as_of)`` is the bulk loop, yielding ``(subject, results)`` with the
body inlined (no call, no outcome tuples per subject); ``results_of_pairs`` is the same
loop over ``(subject, events)`` pairs with events in any order (a stream from
``group_histories``, which need not order what only planning reads). Only integers
are written into the source; event kinds stay data (``_feeds``), so no text from a notice
or an events file is ever executed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["Evaluator", "generate"]

# Per category group: maxima, holds, blocked, whichever-ends-last groups, indefinite.
Evaluator = tuple[tuple[int, ...], tuple[int, ...], bool, tuple[tuple[int, ...], ...], bool]


def generate(
    feeds: Mapping[str, tuple[tuple[int, ...], tuple[int, ...]]],
    evaluators: Sequence[Evaluator],
    clocks: int,
    order: Sequence[int],
) -> str:
    """The module source defining ``evaluate``, ``results`` and ``results_of_pairs``.

    ``order``: the group index of each category, in register order. The semantics are
    those of :meth:`FastPath.reference`; tests check both functions agree with it.
    """
    codes: dict[tuple[tuple[int, ...], tuple[int, ...]], int] = {}
    for feed in feeds.values():
        codes.setdefault(feed, len(codes))
    lines = [
        f"_codes = {codes!r}",
        "_code = {kind: _codes[feed] for kind, feed in _feeds.items()}",
        "def evaluate(events, as_of):",
    ]
    lines.extend("    " + line for line in _body(codes, evaluators, clocks, "events", True))
    triggers = "".join(f"t{i}, " for i in range(clocks))
    outcomes = "".join(f"o{g}, " for g in range(len(evaluators)))
    lines.append(f"    return ({triggers}), ({outcomes})")
    per_category = "".join(f"o{g}, " for g in order)
    # The bulk loop twice: over histories, and over a stream's (subject, events) pairs
    # (events in no particular order).
    for name, head, in_order in (
        ("results", "for history in histories:\n        subject, events = history.subject, "
                    "history.events", True),
        ("results_of_pairs", "for subject, events in histories:", False),
    ):
        lines.append(f"def {name}(histories, as_of):")
        lines.append(f"    {head}")
        body = _body(codes, evaluators, clocks, "events", False, in_order)
        lines.extend("        " + line for line in body)
        lines.append(f"        yield subject, ({per_category})")
    return "\n".join(lines) + "\n"


def _body(
    codes: Mapping[tuple[tuple[int, ...], tuple[int, ...]], int],
    evaluators: Sequence[Evaluator],
    clocks: int,
    events: str,
    full: bool,
    in_order: bool = True,
) -> list[str]:
    """Statements setting ``t{i}`` (triggers) and ``o{g}`` (outcomes, or with ``full`` false
    just the ``(status, erase_by, restricted_until)`` results), from ``events`` in (date,
    kind) order or with ``in_order`` false in any order."""
    lines: list[str] = []
    if clocks:
        lines.append(" = ".join(f"t{i}" for i in range(clocks)) + " = None")
    lines.append(f"for kind, day in {events}:")
    lines.append("    if day > as_of:")
    # In (date, kind) order the first later event ends the loop and the last (first) seen is
    # the latest (earliest); in any order every event is compared.
    lines.append("        break" if in_order else "        continue")
    lines.append("    code = _code.get(kind)")
    lines.append("    if code is None:")
    lines.append("        continue")
    for (latest, earliest), code in codes.items():
        lines.append(f"    {'if' if code == 0 else 'elif'} code == {code}:")
        if in_order:
            body = [f"t{i} = day" for i in latest]
            body.extend(f"if t{i} is None: t{i} = day" for i in earliest)
        else:
            body = [f"if t{i} is None or day > t{i}: t{i} = day" for i in latest]
            body.extend(f"if t{i} is None or day < t{i}: t{i} = day" for i in earliest)
        lines.extend("        " + statement for statement in body or ["pass"])
    for i in range(clocks):
        lines.append(f"e{i} = None if t{i} is None else (_get{i}(t{i}) or _end({i}, t{i}))")

    def outcome(result: str, purpose_ends: str, hold_until: str) -> str:
        return f"(({result}), {purpose_ends}, {hold_until})" if full else f"({result})"

    for g, (maxima, holds, blocked, lasts, indefinite) in enumerate(evaluators):
        o = f"o{g}"
        for n, i in enumerate(maxima):
            # The first maximum needs no comparison: nothing has set p yet.
            lines.append(
                f"p = e{i}" if n == 0
                else f"if e{i} is not None and (p is None or e{i} < p): p = e{i}"
            )
        if not maxima:
            lines.append("p = None")
        for last in lasts:
            parts = ", ".join(f"e{i}" for i in last)
            lines.append(f"k = [x for x in ({parts},) if x is not None]")
            lines.append("if k:")
            lines.append(f"    x = max(k) if len(k) == {len(last)} else _NEVER")
            lines.append("    if p is None or x < p: p = x")
        if indefinite:
            lines.append("if p is None: p = _NEVER")
        lines.append("if p is None:")
        lines.append(f"    {o} = {'_UNDETERMINED' if full else '_UNDETERMINED_RESULT'}")
        lines.append("else:")
        for n, i in enumerate(holds):
            lines.append(
                f"    h = e{i}" if n == 0
                else f"    if e{i} is not None and (h is None or e{i} > h): h = e{i}"
            )
        if not holds:
            lines.append("    h = None")
        # Only an indefinite period or unfinished alternatives make p never end.
        branch = "if"
        if lasts or indefinite:
            lines.append("    if p is _NEVER:")
            lines.append(f"        {o} = {outcome('RETAINED, None, None', 'None', 'h')}")
            branch = "elif"
        if holds:
            lines.append(f"    {branch} h is not None and h >= p:")
            if blocked:
                lines.append("        s = RETAINED if as_of < p else RESTRICTED if as_of <= h "
                             "else UNDETERMINED")
                lines.append(f"        {o} = {outcome('s, None, h', 'p', 'h')}")
            else:
                lines.append("        s = RETAINED if as_of < p else RESTRICTED if as_of <= h "
                             "else DUE")
                lines.append(f"        {o} = {outcome('s, h + _ONE_DAY, h', 'p', 'h')}")
            branch = "else"
        elif branch == "elif":
            branch = "else"
        if branch == "else":
            lines.append("    else:")
            indent = "        "
        else:
            indent = "    "
        if blocked:
            lines.append(f"{indent}s = RETAINED if as_of < p else UNDETERMINED")
            lines.append(f"{indent}{o} = {outcome('s, None, None', 'p', 'h')}")
        else:
            lines.append(f"{indent}s = RETAINED if as_of < p else DUE")
            lines.append(f"{indent}{o} = {outcome('s, p, None', 'p', 'h')}")
    return lines
