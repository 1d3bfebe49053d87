"""Retention plans: one item per data category, each able to explain itself."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator
from datetime import date
from typing import Any

import attrs

from gdpr_register._display import Displayable, Tabular
from gdpr_register.retention._clocks import Anchor, CategoryPolicy, Clock, ClockKind, Gap, GapKind

__all__ = [
    "Outcome",
    "PlanItem",
    "PlanStatus",
    "Reason",
    "ReasonKind",
    "Result",
    "RetentionPlan",
    "Row",
]


class PlanStatus(enum.StrEnum):
    DUE = "due"  # erase now: every purpose has ended and no hold applies
    # Purpose ended; kept only for a statutory hold and used for it alone (Art. 17(3)(b); the
    # name is historical: this is not restriction under Art. 18(2)).
    RESTRICTED = "restricted"
    RETAINED = "retained"  # still within its retention period
    UNDETERMINED = "undetermined"  # nothing computable says when (reasons say why)


class ReasonKind(enum.StrEnum):
    PURPOSE_ENDS = "purpose-ends"  # a started maximum clock
    HOLD = "hold"  # a started hold clock
    NOT_STARTED = "not-started"  # a maximum clock with no triggering event yet
    GAP = "gap"  # something the engine cannot compute


@attrs.frozen(kw_only=True)
class Reason:
    """Why an item has its dates: a clock with its trigger date and arithmetic, or a gap."""

    kind: ReasonKind
    clock: Clock | None = None
    gap: Gap | None = None
    trigger: date | None = None
    anchor: date | None = None
    end: date | None = None
    decisive: bool = False  # this clock sets the item's purpose end or hold end

    def explain(self) -> str:
        if self.gap is not None:
            blocking = self.gap.blocks_erasure or self.gap.kind is GapKind.VAGUE_RULE
            lines = [f"{'cannot compute' if blocking else 'note'}: {self.gap.reason}"]
            if self.gap.text is not None:
                lines.append(f"  rule as stated: {self.gap.text.strip()}")
            if self.gap.statute is not None:
                lines.append(f"  statute: {self.gap.statute}")
            return "\n".join(lines)
        clock = self.clock
        assert clock is not None
        kinds = "/".join(clock.events)
        label = {
            ClockKind.MAXIMUM: "retention period",
            ClockKind.HOLD: "statutory hold",
            ClockKind.ALTERNATIVE: "alternative period (the last to end ends retention)",
        }[clock.kind]
        lines = [f"{label} [{clock.id}]" + (" (decisive)" if self.decisive else "")]
        if clock.rule is not None:
            lines.append(f"  rule as stated: {clock.text.strip()}")
        elif clock.statute is not None:
            lines.append(f"  statute (applies by law to this material): {clock.text.strip()}")
        else:
            lines.append(f"  GDPR: {clock.text.strip()}")
        if self.trigger is None:
            lines.append(f"  not started: no {kinds} event recorded")
        else:
            lines.append(f"  trigger: {clock.aggregation.value} {kinds} event on {self.trigger}")
            if clock.anchor.value == "financial-year-end":
                lines.append(
                    f"  end of the financial year (ending {clock.financial_year_end}) "
                    f"containing it: {self.anchor}"
                )
            elif clock.anchor is Anchor.CALENDAR_YEAR_END:
                lines.append(f"  end of the calendar year containing it: {self.anchor}")
            elif clock.anchor.value == "financial-year-calendar-year-end":
                lines.append(
                    f"  end of the calendar year in which that financial year (ending "
                    f"{clock.financial_year_end}) ended: {self.anchor}"
                )
            lines.append(f"  arithmetic: {self.anchor} + {clock.duration} = {self.end}")
        if clock.law is not None:
            lines.append(f"  law: {clock.law}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.explain()


@attrs.frozen(kw_only=True)
class PlanItem(Displayable):
    """One data category of one subject on ``as_of``.

    ``erase_by``: the day from which the data must be erased (None when undetermined);
    ``purpose_ends``: the end of the earliest GDPR maximum; ``hold_until``: the last day of the
    longest statutory hold; ``restricted_until``: ``hold_until`` when it outlasts the purpose.
    """

    subject: str
    category: str
    as_of: date
    status: PlanStatus
    erase_by: date | None
    restricted_until: date | None
    purpose_ends: date | None
    hold_until: date | None
    policy: CategoryPolicy = attrs.field(repr=False, eq=False)
    # (clock, trigger date or None) for each clock of the category, in policy order.
    triggers: tuple[date | None, ...] = attrs.field(repr=False)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Every started clock (decisive ones marked) and every gap; not-started maxima too
        when the item is undetermined for want of an event."""
        reasons: list[Reason] = []
        for clock, trigger in zip(self.policy.clocks, self.triggers, strict=True):
            maximum = clock.kind is not ClockKind.HOLD  # alternatives are maxima too
            if trigger is None:
                if (
                    maximum
                    and self.purpose_ends is None
                    and not clock.id.startswith("gdpr:")
                ):
                    reasons.append(Reason(kind=ReasonKind.NOT_STARTED, clock=clock))
                continue
            end = clock.end(trigger)
            decisive = end == (self.purpose_ends if maximum else self.hold_until)
            reasons.append(Reason(
                kind=ReasonKind.PURPOSE_ENDS if maximum else ReasonKind.HOLD,
                clock=clock, trigger=trigger, anchor=clock.anchor_of(trigger), end=end,
                decisive=decisive,
            ))
        reasons.extend(Reason(kind=ReasonKind.GAP, gap=gap) for gap in self.policy.gaps)
        return tuple(reasons)

    def reason(self) -> str:
        """One line: the decisive clocks (rule or law, trigger, arithmetic) and blocking gaps."""
        parts: list[str] = []
        for reason in self.reasons:
            if reason.gap is not None:
                if reason.gap.kind is GapKind.INDEFINITE:
                    if self.erase_by is None:
                        parts.append(f"stated: {reason.gap.reason}")
                elif reason.gap.blocks_erasure or self.status is PlanStatus.UNDETERMINED:
                    parts.append(f"cannot compute: {reason.gap.reason}")
                continue
            clock = reason.clock
            assert clock is not None
            if reason.trigger is None:
                parts.append(f"{clock.id}: no {'/'.join(clock.events)} event recorded")
                continue
            if not reason.decisive:
                continue
            what = "kept until" if clock.kind is ClockKind.HOLD else "ends"
            anchor = "" if reason.anchor == reason.trigger else f" -> {reason.anchor}"
            law = f" ({clock.law})" if clock.law else ""
            parts.append(
                f"{clock.id} {what} {reason.end}: {clock.aggregation.value} "
                f"{'/'.join(clock.events)} {reason.trigger}{anchor} + {clock.duration}{law}"
            )
        if not parts and self.status is PlanStatus.UNDETERMINED:
            # Every undetermined item says why (nothing else would explain it).
            holds = [c.id for c in self.policy.holds]
            parts.append(
                "no retention period of the register covers this category"
                + (f" (only the statutory holds {', '.join(holds)})" if holds else "")
                + ": nothing says when its data are to be erased"
            )
        return "; ".join(parts)

    def summary(self) -> str:
        """One line: status and the dates that matter."""
        if self.status is PlanStatus.DUE:
            text = f"due (erase by {self.erase_by})"
        elif self.status is PlanStatus.RESTRICTED:
            text = (
                f"restricted until {self.restricted_until} "
                f"(purpose ended {self.purpose_ends}; erase from {self.erase_by})"
            )
        elif self.status is PlanStatus.RETAINED:
            until = f"erase by {self.erase_by}" if self.erase_by else "erase-by date unknown"
            text = f"retained ({until})"
        else:
            text = "undetermined"
        return f"{self.category}: {text}"

    def explain(self) -> str:
        """The summary, then every reason: rule text, trigger and date, arithmetic, law."""
        lines = [self.summary()]
        for reason in self.reasons:
            lines.extend("  " + line for line in reason.explain().splitlines())
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


# One row of bulk planning: subject, category, status, erase_by, restricted_until.
Row = tuple[str, str, PlanStatus, date | None, date | None]
# One category's result in bulk planning: status, erase_by, restricted_until.
Result = tuple[PlanStatus, date | None, date | None]

# Per group of categories sharing clocks: ((status, erase_by, restricted_until), purpose_ends,
# hold_until), computed eagerly; PlanItem objects are built only when asked for.
Outcome = tuple[tuple[PlanStatus, date | None, date | None], date | None, date | None]


@attrs.frozen(kw_only=True, repr=False)
class RetentionPlan(Displayable, Tabular):
    """A subject's retention plan on ``as_of``: one item per data category of the register.

    Every status and date is computed when the plan is made; the :class:`PlanItem` objects
    (with their reasons) are built on first access to :attr:`items`.
    """

    subject: str
    register: str
    as_of: date
    _layout: Any = attrs.field(alias="layout", eq=False, repr=False)
    _outcomes: tuple[Outcome, ...] = attrs.field(alias="outcomes", repr=False)
    _triggers: tuple[date | None, ...] = attrs.field(alias="triggers", repr=False)

    def _build(self, statuses: frozenset[PlanStatus] | None) -> list[tuple[int, PlanItem]]:
        built: list[tuple[int, PlanItem]] = []
        triggers = self._triggers
        for (positions, members), outcome in zip(self._layout.groups, self._outcomes, strict=True):
            (status, erase_by, restricted_until), purpose_ends, hold_until = outcome
            if statuses is not None and status not in statuses:
                continue
            own = tuple([triggers[i] for i in positions])
            for position, policy in members:
                built.append((position, PlanItem(
                    subject=self.subject, category=policy.category, as_of=self.as_of,
                    status=status, erase_by=erase_by, restricted_until=restricted_until,
                    purpose_ends=purpose_ends, hold_until=hold_until, policy=policy,
                    triggers=own,
                )))
        return built

    @functools.cached_property
    def items(self) -> tuple[PlanItem, ...]:
        """One item per data category, in the register's order."""
        return tuple(item for _, item in sorted(self._build(None), key=lambda pair: pair[0]))

    def rows(self) -> tuple[tuple[str, PlanStatus, date | None, date | None], ...]:
        """``(category, status, erase_by, restricted_until)`` per category, without items."""
        outcomes = self._outcomes
        return tuple([(category, *outcomes[g][0]) for category, g in self._layout.order])

    def item(self, category: str) -> PlanItem:
        for item in self.items:
            if item.category == category:
                return item
        raise KeyError(category)

    def with_status(self, *statuses: PlanStatus) -> tuple[PlanItem, ...]:
        """The items with one of ``statuses`` (only those items are built)."""
        pairs = sorted(self._build(frozenset(statuses)), key=lambda pair: pair[0])
        return tuple(item for _, item in pairs)

    @property
    def actionable(self) -> tuple[PlanItem, ...]:
        """Items due for erasure or restriction on ``as_of``."""
        return self.with_status(PlanStatus.DUE, PlanStatus.RESTRICTED)

    def __iter__(self) -> Iterator[PlanItem]:
        return iter(self.items)

    def explain(self) -> str:
        head = f"{self.subject} ({self.register}) on {self.as_of}:"
        return "\n".join([head, *(item.explain() for item in self.items)])
