"""Dates on the command line: ISO only, within the range the calendar arithmetic can carry."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from gdpr_register.cli import main
from gdpr_register.cli._common import EARLIEST, LATEST, date_arg


def test_date_arg_accepts_iso_dates_in_range() -> None:
    assert date_arg("2026-11-25") == date(2026, 11, 25)
    assert date_arg(EARLIEST.isoformat()) == EARLIEST
    assert date_arg(LATEST.isoformat()) == LATEST


@pytest.mark.parametrize(
    "value", ["20261125", "2026-W48-3", "2026-02-30", "1899-12-31", "9999-01-01"]
)
def test_bad_or_far_dates_are_usage_errors(value: str, seed_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check", str(seed_path), "--as-of", value])
    assert info.value.code == 2


def test_far_future_retention_date_is_exit_2_not_a_traceback(
    seed_path: Path, tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    events.write_text("subject,event,date\ncust-1,service_contact,9998-01-01\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "gdpr_register.cli",
            "retention",
            str(seed_path),
            "--events",
            str(events),
            "--as-of",
            "9999-01-01",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert run.stdout == ""
