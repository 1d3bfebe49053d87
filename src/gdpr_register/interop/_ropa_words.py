"""Art. 30(1)(f) in words: each data category's erasure time limit, as the retention engine
computes it from the register's rules, the statutes that apply and the GDPR's own events."""

from __future__ import annotations

from gdpr_register.model import Controller, Duration, Register
from gdpr_register.retention import Anchor, CategoryPolicy, Clock, ClockKind, GapKind

__all__ = ["erasure_words"]


def _duration(duration: Duration) -> str:
    about = "about " if duration.approximate else ""
    unit = duration.unit.value
    return f"{about}{duration.amount} {unit[:-1] if duration.amount == 1 else unit}"


def _after(clock: Clock) -> str:
    events = "/".join(clock.events)
    if clock.rule is None and clock.statute is None and clock.duration.amount == 0:
        return f"upon {events}"
    start = f"the {clock.aggregation.value} {events} event"
    if clock.anchor is Anchor.CALENDAR_YEAR_END:
        start = f"the end of the calendar year of {start}"
    elif clock.anchor is Anchor.FINANCIAL_YEAR_END:
        start = f"the end of the financial year (ending {clock.financial_year_end}) of {start}"
    elif clock.anchor is Anchor.FINANCIAL_YEAR_CALENDAR_YEAR_END:
        start = (
            f"the end of the calendar year in which the financial year (ending "
            f"{clock.financial_year_end}) of {start} ended"
        )
    return f"{_duration(clock.duration)} after {start}"


def _clock(clock: Clock) -> tuple[str, str]:
    """What the clock does, and the rule or law behind it."""
    source = f"rule {clock.rule + 1}" if clock.rule is not None else clock.law or clock.text
    if clock.kind is ClockKind.HOLD:
        return f"kept until {_after(clock)}", source
    if clock.kind is ClockKind.ALTERNATIVE:
        return f"erased {_after(clock)}, or at the end of another alternative, " \
            "whichever is last", source
    return f"erased {_after(clock)}", source


def _category(policy: CategoryPolicy) -> str:
    # A hold rule that names a statute gives the statute's clock too: one clause, two sources.
    sources: dict[str, list[str]] = {}
    for clock in policy.clocks:
        what, source = _clock(clock)
        listed = sources.setdefault(what, [])
        if source not in listed:
            listed.append(source)
    parts = [f"{what} ({'; '.join(found)})" for what, found in sources.items()]
    for gap in policy.gaps:
        if gap.kind is GapKind.INDEFINITE:
            parts.append("kept indefinitely, as the notice states")
        else:
            parts.append(f"cannot be computed: {gap.reason}")
    return f"{policy.name}: " + ("; ".join(parts) if parts else "no erasure time limit stated")


def erasure_words(register: Register, controller: Controller) -> str:
    """One line per data category: when its data are erased, and by which rule or law."""
    from gdpr_register.retention import compile_policy

    policy = compile_policy(register, controller=controller)
    return "\n".join(_category(category) for category in policy.categories)
