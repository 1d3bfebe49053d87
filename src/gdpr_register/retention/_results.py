"""Retention plans: one item per data category, each able to explain itself."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from gdpr_register.retention._policy import CategoryPolicy, Clock, Gap

__all__ = ["PlanItem", "PlanStatus", "Reason", "ReasonKind", "RetentionPlan"]


class PlanStatus(enum.StrEnum):
    DUE = "due"  # erase now: every purpose has ended and no hold applies
    RESTRICTED = "restricted"  # purpose ended; kept only for a statutory hold (Art. 18)
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
            blocking = self.gap.blocks_erasure or self.gap.kind.value == "vague-rule"
            lines = [f"{'cannot compute' if blocking else 'note'}: {self.gap.reason}"]
            if self.gap.text is not None:
                lines.append(f"  rule as stated: {self.gap.text.strip()}")
            if self.gap.statute is not None:
                lines.append(f"  statute: {self.gap.statute}")
            return "\n".join(lines)
        clock = self.clock
        assert clock is not None
        kinds = "/".join(clock.events)
        label = "retention period" if clock.kind.value == "maximum" else "statutory hold"
        lines = [f"{label} [{clock.id}]" + (" (decisive)" if self.decisive else "")]
        lines.append(f"  rule as stated: {clock.text.strip()}")
        if self.trigger is None:
            lines.append(f"  not started: no {kinds} event recorded")
        else:
            lines.append(f"  trigger: {clock.aggregation.value} {kinds} event on {self.trigger}")
            if clock.anchor.value == "financial-year-end":
                lines.append(
                    f"  end of the financial year (ending {clock.financial_year_end}) "
                    f"containing it: {self.anchor}"
                )
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
class PlanItem:
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
            maximum = clock.kind.value == "maximum"
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


@attrs.frozen(kw_only=True)
class RetentionPlan:
    """A subject's retention plan on ``as_of``: one item per data category of the register."""

    subject: str
    register: str
    as_of: date
    items: tuple[PlanItem, ...]

    def item(self, category: str) -> PlanItem:
        for item in self.items:
            if item.category == category:
                return item
        raise KeyError(category)

    def with_status(self, *statuses: PlanStatus) -> tuple[PlanItem, ...]:
        return tuple(item for item in self.items if item.status in statuses)

    @property
    def actionable(self) -> tuple[PlanItem, ...]:
        """Items due for erasure or restriction on ``as_of``."""
        return self.with_status(PlanStatus.DUE, PlanStatus.RESTRICTED)

    def __iter__(self) -> Iterator[PlanItem]:
        return iter(self.items)

    def explain(self) -> str:
        head = f"{self.subject} ({self.register}) on {self.as_of}:"
        return "\n".join([head, *(item.explain() for item in self.items)])
