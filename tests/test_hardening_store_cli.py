"""Issue 11, items 14, 15 and 23 for ``store``: user text shown escaped, one events reader,
``-o -`` is standard output. Each run as a user runs it (a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gdpr_register.storage import open_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
HEADER = "subject,event,date,details\n"
GOOD = HEADER + "cust-1,service_contact,2021-06-15,\ncust-2,invoice,2021-06-16,\n"


def cli(*argv: str | Path, stdin: str | None = None,
        cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", *map(str, argv)],
        input=stdin, capture_output=True, text=True, check=False, cwd=cwd,
        env={**os.environ, "GDPR_REGISTER_STORE": ""},
    )


def bash(script: str, **env: str) -> subprocess.CompletedProcess[str]:
    if not Path("/bin/bash").exists():
        pytest.skip("needs bash")
    return subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True,
                          check=False, env={**os.environ, "GDPR_REGISTER_STORE": "", **env})


def failed(run: subprocess.CompletedProcess[str]) -> None:
    assert run.returncode == 2, run.stderr
    assert not run.stdout
    assert "error" in run.stderr
    assert "Traceback" not in run.stderr


def event_count(db: Path) -> int:
    if not db.exists():
        return 0
    with open_store(f"sqlite:///{db}") as store:
        return sum(len(store.ledger.events(s)) for s in store.ledger.subjects())


def one_printable_line_each(text: str) -> bool:
    return all(line.isprintable() for line in text.splitlines())


# -- item 14: file names and stored text are shown escaped ---------------------------------


@pytest.mark.parametrize("name", ["bad\nline", "esc\x1b[31m", "rlo\u202e"])
def test_store_import_and_append_events_print_file_names_escaped(
    tmp_path: Path, name: str
) -> None:
    store = f"sqlite:///{tmp_path / 's.db'}"
    notice = tmp_path / f"{name}.yaml"
    notice.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    events = tmp_path / f"{name}.csv"
    events.write_text(GOOD)
    for run in (cli("store", "import", notice, "--store", store),
                cli("store", "append-events", events, "--store", store)):
        assert run.returncode == 0, run.stderr
        assert len(run.stdout.splitlines()) == 1  # the name did not start a line of its own
        assert one_printable_line_each(run.stdout)
    broken = tmp_path / f"{name}-broken.yaml"
    broken.write_text("controller: {}\n")
    run = cli("store", "import", broken, "--store", store)
    failed(run)
    assert one_printable_line_each(run.stderr)


def test_store_diff_shows_notice_text_escaped(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 's.db'}"
    seed = SEED.read_text(encoding="utf-8")
    # Notice text may hold line breaks; a diff line must not become two report lines.
    changed = tmp_path / "v2.yaml"
    changed.write_text(seed.replace(
        "\ntitle: Valmennuskumppani", '\ntitle: "Valmennus\\nFORGED: line\\tkumppani', 1
    ).replace("tietosuojaseloste\n", 'tietosuojaseloste"\n', 1), encoding="utf-8")
    assert cli("store", "import", SEED, "--store", store).returncode == 0
    assert cli("store", "import", changed, "--store", store).returncode == 0
    run = cli("store", "diff", "valmennuskumppani", "1", "2", "--store", store)
    assert run.returncode == 0, run.stderr
    assert not any(line.startswith("FORGED") for line in run.stdout.splitlines())
    assert one_printable_line_each(run.stdout)
    assert "FORGED" in run.stdout


# -- items 15 and 23: append-events reads events as retention --events does ----------------


def test_append_events_reads_stdin_a_fifo_and_process_substitution(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = f"sqlite:///{db}"
    run = cli("store", "append-events", "-", "--store", store, stdin=GOOD)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("<stdin>: appended 2 events")
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "gdpr_register.cli", "store", "append-events", str(fifo),
         "--store", store],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    with open(fifo, "w") as writer:
        writer.write(GOOD)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "appended 2 events" in out
    run = bash(f'"{sys.executable}" -m gdpr_register.cli store append-events '
               f"<(printf '%s' \"$EVENTS\") --store {store}", EVENTS=GOOD)
    assert run.returncode == 0, run.stderr
    assert "appended 2 events" in run.stdout
    assert event_count(db) == 6


@pytest.mark.parametrize(
    ("row", "line"),
    [
        ("cust-3,service_contact,2999-01-01,", 3),  # after the evaluation date (today)
        ('cust-3,service_contact,2021-06-15,"open quote', 3),
        ("cust\x1b[2J,service_contact,2021-06-15,", 3),
        ("cust-3,service_contact,20210615,", 3),
        ("cust-3,not an identifier,2021-06-15,", 3),
        ("cust-3,service_contact,2021-06-15,x,y", 3),
    ],
)
@pytest.mark.parametrize("how", ["file", "stdin", "fifo"])
def test_append_events_refuses_what_retention_refuses(
    tmp_path: Path, row: str, line: int, how: str
) -> None:
    db = tmp_path / "s.db"
    store = f"sqlite:///{db}"
    assert cli("store", "append-events", "-", "--store", store, stdin=GOOD).returncode == 0
    text = HEADER + "cust-9,service_contact,2021-06-15,\n" + row + "\n"
    if how == "stdin":
        run = cli("store", "append-events", "-", "--store", store, stdin=text)
    elif how == "file":
        events = tmp_path / "e.csv"
        events.write_text(text)
        run = cli("store", "append-events", events, "--store", store)
    else:
        run = bash(f'"{sys.executable}" -m gdpr_register.cli store append-events '
                   f"<(printf '%s' \"$EVENTS\") --store {store}", EVENTS=text)
    failed(run)
    assert f"line {line}" in run.stderr
    assert one_printable_line_each(run.stderr)
    assert event_count(db) == 2  # nothing of the bad file was appended, not even line 2
    # retention --events refuses the same file, at the same line.
    events = tmp_path / "same.csv"
    events.write_text(text)
    retention = cli("retention", SEED, "--events", events)
    failed(retention)
    assert f"line {line}" in retention.stderr


def test_append_events_as_of_bounds_the_dates(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = f"sqlite:///{db}"
    failed(cli("store", "append-events", "-", "--as-of", "2021-06-15", "--store", store,
               stdin=GOOD))
    assert event_count(db) == 0
    run = cli("store", "append-events", "-", "--as-of", "2021-06-16", "--store", store,
              stdin=GOOD)
    assert run.returncode == 0, run.stderr
    assert event_count(db) == 2


# -- item 3: "-o -" is standard output -------------------------------------------------------


@pytest.mark.parametrize("fmt", [[], ["--format", "json"]])
def test_export_to_dash_writes_standard_output(tmp_path: Path, fmt: list[str]) -> None:
    store = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("store", "import", SEED, "--store", store).returncode == 0
    default = cli("store", "export", "valmennuskumppani", *fmt, "--store", store, cwd=tmp_path)
    dash = cli("store", "export", "valmennuskumppani", *fmt, "-o", "-", "--store", store,
               cwd=tmp_path)
    assert dash.returncode == 0, dash.stderr
    assert dash.stdout == default.stdout
    assert "valmennuskumppani" in dash.stdout
    assert not (tmp_path / "-").exists()
    # A file really named "-" is still reachable as ./-
    named = cli("store", "export", "valmennuskumppani", *fmt, "--format", "yaml", "-o", "./-",
                "--store", store, cwd=tmp_path)
    assert named.returncode == 0, named.stderr
    yaml = cli("store", "export", "valmennuskumppani", "--store", store, cwd=tmp_path)
    assert (tmp_path / "-").read_text(encoding="utf-8") == yaml.stdout


def test_export_to_a_full_stdout_through_dash_is_exit_2(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    store = f"sqlite:///{tmp_path / 's.db'}"
    assert cli("store", "import", SEED, "--store", store).returncode == 0
    run = bash(f'"{sys.executable}" -m gdpr_register.cli store export valmennuskumppani '
               f"-o - --store {store} > /dev/full")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert len(run.stderr.splitlines()) == 1
