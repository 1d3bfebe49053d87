"""``gdpr-register timeline``: text, JSON and CSV; bad input exits 2 without a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
RANGE = ["--from", "2018-05-25", "--to", "2026-12-01"]


def cli(*argv: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", *map(str, argv)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "GDPR_REGISTER_STORE": ""},
    )


def test_text_names_the_change_days_and_their_cause() -> None:
    done = cli("timeline", SEED, *RANGE)
    assert done.returncode == 0, done.stderr
    assert "2020-07-16" in done.stdout
    assert "C-311/18" in done.stdout
    art44 = [ln for ln in done.stdout.splitlines() if " ART44 " in ln]
    assert len(art44) == 2
    assert all(ln.strip().startswith("2020-07-16 ..") for ln in art44)


def test_json_and_csv_hold_the_same_intervals(tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    assert cli("timeline", SEED, *RANGE, "--format", "json", "-o", out).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    done = cli("timeline", SEED, *RANGE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(data["intervals"]) > 0
    assert [r["rule"] for r in rows] == [i["rule"] for i in data["intervals"]]
    art44 = [r for r in rows if r["rule"] == "ART44"]
    assert {r["start"] for r in art44} == {"2020-07-16"}
    assert {r["end"] for r in art44} == {""}


def test_select_limits_the_rules() -> None:
    done = cli("timeline", SEED, *RANGE, "--format", "json", "--select", "ART44")
    assert {i["rule"] for i in json.loads(done.stdout)["intervals"]} == {"ART44"}


def test_bad_input_exits_2_without_a_traceback(tmp_path: Path) -> None:
    argvs: list[list[str | Path]] = [
        ["timeline", SEED, "--from", "2020-01-02", "--to", "2020-01-01"],
        ["timeline", SEED, "--from", "yesterday"],
        ["timeline", tmp_path / "missing.yaml", "--from", "2020-01-01"],
        ["timeline", SEED, "--to", "2020-01-01"],
        ["timeline", SEED, "--from", "2016-01-01", "--to", "2018-09-04"],  # before it existed
    ]
    for argv in argvs:
        done = cli(*argv)
        assert done.returncode == 2, argv
        assert not done.stdout
        assert "Traceback" not in done.stderr


def test_the_timeline_starts_on_the_notice_date_unless_told_otherwise() -> None:
    done = cli("timeline", SEED, "--from", "2016-01-01", "--to", "2019-12-31", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["start"], data["requested_start"]) == ("2018-09-05", "2016-01-01")
    assert "GDPR_NOT_YET_APPLICABLE" not in {i["rule"] for i in data["intervals"]}
    text = cli("timeline", SEED, "--from", "2016-01-01", "--to", "2019-12-31").stdout
    assert "2018-09-05" in text.splitlines()[1]
    done = cli("timeline", SEED, "--from", "2016-01-01", "--to", "2019-12-31", "--format", "json",
               "--before-notice-date")
    data = json.loads(done.stdout)
    assert data["start"] == "2016-01-01"
    assert data["note"] is None
    assert "GDPR_NOT_YET_APPLICABLE" in {i["rule"] for i in data["intervals"]}
