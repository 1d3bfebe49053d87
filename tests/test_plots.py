"""Plots: the figures hold the intervals, dates and labels they claim (not pixels)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gdpr_register import load_notice, timeline
from gdpr_register.model import Notice
from gdpr_register.retention import PlanStatus, SubjectHistory, compile_policy, sweep
from gdpr_register.rights import response_deadline

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from gdpr_register.plots import plot_deadline, plot_erase_by  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"


@pytest.fixture(scope="module")
def seed() -> Notice:
    return load_notice(SEED)


def num2date(value: Any) -> Any:
    return mdates.num2date(value)  # type: ignore[no-untyped-call]


def date2num(value: date) -> float:
    return float(mdates.date2num(value))  # type: ignore[no-untyped-call]


def _vlines(ax: Any) -> list[date]:
    lines: list[Any] = [a for a in ax.get_lines() if isinstance(a, Line2D)]
    return [num2date(line.get_xdata()[0]).date() for line in lines]


def test_timeline_plot_has_one_bar_per_interval(seed: Notice) -> None:
    line = timeline(seed, "2018-05-25", "2026-12-01")
    figure = line.plot()
    ax = figure.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == len(line.intervals)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "ART44 $.registers[0].transfers[0]" in labels
    starts = {round(b.get_x()) for b in bars}
    assert round(date2num(date(2020, 7, 16))) in starts
    assert date(2020, 7, 16) in _vlines(ax)
    assert _vlines(ax) == [e.on for e in line.events]
    texts = [t.get_text() for t in ax.texts]
    assert any(t.startswith("2020-07-16: privacy-shield") for t in texts)
    assert figure._repr_png_().startswith(b"\x89PNG")


def test_erase_by_plot_counts_per_month_and_category(seed: Notice) -> None:
    policy = compile_policy(seed.registers[0])
    histories = [SubjectHistory.from_events(f"s{i}", [("service_contact", date(2019, 1 + i, 10))])
                 for i in range(3)]
    items = list(sweep(policy, histories, date(2024, 1, 1), statuses=list(PlanStatus)))
    dated = [i for i in items if i.erase_by is not None]
    assert dated
    ax = plot_erase_by(items).axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_height() > 0]
    assert sum(b.get_height() for b in bars) == len(dated)
    months = {num2date(b.get_x()).date() for b in bars}
    assert months == {i.erase_by.replace(day=1) for i in dated if i.erase_by}
    legend = ax.get_legend()
    assert legend is not None
    assert {t.get_text() for t in legend.get_texts()} == {i.category for i in dated}
    rows = [{"category": i.category, "erase_by": i.erase_by} for i in items]
    again: Any = plot_erase_by(rows).axes[0]
    assert sum(p.get_height() for p in again.patches) == len(dated)


def test_deadline_calendar_marks_the_dates_and_names_holidays() -> None:
    deadline = response_deadline(date(2026, 3, 5), country="FI")  # Easter moves it to 04-07
    ax = plot_deadline(deadline).axes[0]
    assert _vlines(ax) == [date(2026, 3, 5), date(2026, 4, 7), deadline.extended_deadline]
    names = [t.get_text() for t in ax.texts]
    assert "Good Friday" in " ".join(names)
    assert "Easter Monday" in " ".join(names)
    legend = ax.get_legend()
    assert legend is not None
    assert "deadline 2026-04-07" in [t.get_text() for t in legend.get_texts()]


def test_a_plot_draws_into_the_axes_given(seed: Notice) -> None:
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot()
    assert timeline(seed, "2020-01-01", "2021-01-01").plot(ax=ax) is figure
    assert ax.patches
