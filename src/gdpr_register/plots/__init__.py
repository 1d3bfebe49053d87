"""Plots with matplotlib (the ``notebook`` extra, imported only when a plot is made).

Each function returns a :class:`matplotlib.figure.Figure` made without pyplot (no global
figure state, any backend); in Jupyter the figure displays itself as a PNG. Pass ``ax`` to
draw into an axes of your own figure instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from gdpr_register.errors import UsageError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from gdpr_register.retention import PlanItem
    from gdpr_register.rights._deadlines import Deadline
    from gdpr_register.timelines import Timeline

__all__ = ["SEVERITY_COLOURS", "plot_deadline", "plot_erase_by", "plot_timeline"]

# Mid-tone colours that read on light and dark backgrounds.
SEVERITY_COLOURS = {"high": "#d62728", "medium": "#ff7f0e", "low": "#bcbd22", "info": "#7f7f7f"}
_DAY = timedelta(days=1)


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise UsageError("plots need matplotlib: pip install 'gdpr-register[notebook]'") from exc
    if ax is not None:
        figure = ax.get_figure()
        assert figure is not None
        return figure, ax  # type: ignore[return-value]
    figure = Figure(figsize=size, layout="constrained")
    _show_in_notebooks(figure)
    return figure, figure.add_subplot()


def _show_in_notebooks(figure: Figure) -> None:
    """Give the figure a PNG repr: a figure made without pyplot has none of its own."""
    def png() -> bytes:
        import io

        out = io.BytesIO()
        figure.savefig(out, format="png")
        return out.getvalue()

    figure._repr_png_ = png  # type: ignore[attr-defined]


def _x(day: date) -> float:
    """A day as matplotlib's date number (days since its epoch): dates on a date axis."""
    from matplotlib.dates import date2num

    return float(date2num(day))  # type: ignore[no-untyped-call]


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def plot_timeline(line: Timeline, *, ax: Axes | None = None, annotate: bool = True) -> Figure:
    """One row per finding (rule and path), a bar for each interval it held, coloured by
    severity; a dashed line on each change day, labelled with its first fact."""
    labels = _row_labels(line)
    rows = list(labels)
    figure, ax = _axes(ax, (11, 0.8 + 0.32 * max(len(rows), 3)))
    index = {row: n for n, row in enumerate(rows)}
    for i in line.intervals:
        last = (i.end or line.end) + _DAY
        colour = SEVERITY_COLOURS.get(i.finding.severity.value, "#7f7f7f")
        ax.barh(index[i.key], (last - i.start).days, left=_x(i.start), height=0.6,
                color=colour, alpha=0.35 if i.finding.waived else 0.9)
    ax.set_yticks(range(len(rows)), list(labels.values()), fontsize=7)
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.set_xlim(_x(line.start), _x(line.end + _DAY))
    for event in line.events:
        ax.axvline(_x(event.on), color="#7f7f7f", linestyle="--", linewidth=0.8)
        if annotate:
            label = f"{event.on}: {_short(event.facts[0].what) if event.facts else ''}"
            ax.annotate(label, (_x(event.on), 1.0), xycoords=("data", "axes fraction"),
                        rotation=90, fontsize=6, va="top", ha="right")
    ax.set_title(f"Findings of {line.notice}, {line.start} .. {line.end}")
    from matplotlib.patches import Patch

    seen = dict.fromkeys(i.finding.severity.value for i in line.intervals)
    ax.legend(handles=[Patch(color=SEVERITY_COLOURS[s], label=s) for s in seen],
              loc="lower left", fontsize=7)
    return figure


def _row_labels(line: Timeline) -> dict[Any, str]:
    """One row per finding: "rule path", and where two findings share those, the message
    arguments that tell them apart ("ART13_1_f $.registers[0].transfers[0] mechanism=dpf")."""
    first = {i.key: i.finding for i in line.intervals}
    groups: dict[tuple[str, str], list[Any]] = {}
    for key, finding in first.items():
        groups.setdefault((finding.rule, finding.path), []).append(key)
    labels = {}
    for key, finding in first.items():
        label = f"{finding.rule} {finding.path}"
        peers = [first[k] for k in groups[(finding.rule, finding.path)] if k != key]
        differ = [name for name, value in finding.args.items() if name != "as_of"
                  and any(p.args.get(name) != value for p in peers)]
        labels[key] = " ".join([label, *(f"{n}={finding.args[n]}" for n in differ[:2])])
    return labels


def _erase_by(item: PlanItem | Mapping[str, Any]) -> tuple[str, date | None]:
    if isinstance(item, Mapping):
        day = item.get("erase_by")
        if day is not None and hasattr(day, "date") and callable(day.date):  # a Timestamp
            day = None if day != day else day.date()  # NaT is not equal to itself
        return str(item["category"]), day
    return item.category, item.erase_by


def plot_erase_by(
    items: Iterable[PlanItem] | Iterable[Mapping[str, Any]], *, ax: Axes | None = None
) -> Figure:
    """How many subjects' data are to be erased in each month, stacked per data category.

    ``items``: plan items (``retention.sweep(..., statuses=PlanStatus)``, ``plan.items``) or
    rows with ``category`` and ``erase_by`` (``to_records()``, a DataFrame's
    ``to_dict("records")``); items without an erase-by date are left out.
    """
    counts: dict[tuple[date, str], int] = {}
    for item in items:
        category, day = _erase_by(item)
        if day is not None:
            key = (day.replace(day=1), category)
            counts[key] = counts.get(key, 0) + 1
    figure, ax = _axes(ax, (10, 4))
    months = sorted({m for m, _ in counts})
    categories = sorted({c for _, c in counts})
    bottom = dict.fromkeys(months, 0)
    for category in categories:
        heights = [counts.get((m, category), 0) for m in months]
        ax.bar([_x(m) for m in months], heights, width=25, align="edge", label=category,
               bottom=[bottom[m] for m in months])
        for m, h in zip(months, heights, strict=True):
            bottom[m] += h
    ax.xaxis_date()
    ax.set_title("Erase-by dates per month")
    ax.set_ylabel("subjects")
    if categories:
        ax.legend(title="data category", fontsize=7)
    return figure


def plot_deadline(deadline: Deadline, *, ax: Axes | None = None) -> Figure:
    """A request's calendar from receipt to the extended deadline: the receipt, the deadline
    and the extended deadline, weekends shaded, holidays named."""
    figure, ax = _axes(ax, (11, 2.6))
    why = getattr(deadline.calendar, "why_not_working", None)
    day = deadline.received
    while day <= deadline.extended_deadline:
        if not deadline.calendar.is_working_day(day):
            weekend = day.weekday() > 4
            ax.axvspan(_x(day), _x(day + _DAY), color="#7f7f7f", alpha=0.15 if weekend else 0.4,
                       linewidth=0)
            if not weekend:
                name = (why(day) if why is not None else None) or "holiday"
                ax.annotate(_short(str(name), 30), (_x(day), 0.05), rotation=90, fontsize=6,
                            xycoords=("data", "axes fraction"), va="bottom")
        day += _DAY
    marks = (("received", deadline.received, "#1f77b4"),
             ("deadline", deadline.deadline, "#d62728"),
             ("extended deadline", deadline.extended_deadline, "#ff7f0e"))
    for label, on, colour in marks:
        ax.axvline(_x(on), color=colour, linewidth=2, label=f"{label} {on}")
    ax.xaxis_date()
    ax.set_xlim(_x(deadline.received - _DAY), _x(deadline.extended_deadline + 2 * _DAY))
    ax.set_yticks([])
    ax.set_title(f"Art. 12(3) deadline of a request received {deadline.received} "
                 f"({deadline.country})")
    ax.legend(loc="upper right", fontsize=7)
    return figure
