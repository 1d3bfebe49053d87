"""Issue 11 reproductions at the command line, each run as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "valmennuskumppani.yaml"
AS_OF = ["--as-of", "2026-11-25"]
HEADER = "subject,event,date,details\n"


def cli(*argv: str | Path, stdin: str | None = None, cwd: Path | None = None,
        stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", *map(str, argv)],
        input=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False, cwd=cwd,
        env={**os.environ, "GDPR_REGISTER_STORE": ""},
    )


def failed(run: subprocess.CompletedProcess[str]) -> None:
    """Exit 2, nothing on stdout, a message and no traceback on stderr."""
    assert run.returncode == 2, run.stderr
    assert not run.stdout
    assert "error" in run.stderr
    assert "Traceback" not in run.stderr


# -- item 2: an unterminated quote ------------------------------------------------------


UNCLOSED = (
    HEADER + 'cust-1,service_contact,2021-06-15,"oops\n'
    "cust-2,service_contact,2021-06-15,\ncust-3,service_contact,2021-06-15,\n"
)


def test_unclosed_quote_is_an_error_at_its_line(tmp_path: Path) -> None:
    events = tmp_path / "s.csv"
    events.write_text(UNCLOSED)
    run = cli("retention", SEED, "--events", events, *AS_OF)
    failed(run)
    assert "line 2" in run.stderr


def test_unclosed_quote_stores_nothing(tmp_path: Path) -> None:
    events = tmp_path / "s.csv"
    events.write_text(UNCLOSED)
    store = f"sqlite:///{tmp_path / 'r.db'}"
    failed(cli("store", "append-events", events, "--store", store))
    from gdpr_register.storage import open_store

    with open_store(store) as opened:
        assert list(opened.ledger.subjects()) == []


def test_skip_invalid_skips_only_the_line_with_the_open_quote(tmp_path: Path) -> None:
    events = tmp_path / "s.csv"
    events.write_text(UNCLOSED)
    run = cli("retention", SEED, "--events", events, *AS_OF, "--skip-invalid",
              "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {item["subject"] for item in data["items"]} == {"cust-2", "cust-3"}
    assert [p["location"] for p in data["skipped"]] == ["line 2"]


# -- item 9: output failures --------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [["check", str(SEED)], ["rules"], ["schema"], ["deadline", "--received", "2026-11-25"],
     ["validate", str(SEED)]],
)
def test_a_full_disk_on_stdout_is_exit_2_with_one_line(argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        run = cli(*argv, stdout=full.fileno())
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1
    assert "standard output" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("how", ["shell", "closed-later"])
def test_a_closed_stdout_is_exit_2_and_nothing_is_done(tmp_path: Path, how: str) -> None:
    events = tmp_path / "e.csv"
    events.write_text(HEADER + "cust-1,service_contact,2021-06-15,\n")
    store = f"sqlite:///{tmp_path / 'r.db'}"
    argv = ["store", "append-events", str(events), "--store", store]
    if how == "shell":  # `gdpr-register ... >&-`: Python starts without a stdout
        if not Path("/bin/sh").exists():
            pytest.skip("needs sh")
        command = " ".join(f"'{a}'" for a in [sys.executable, "-m", "gdpr_register.cli", *argv])
        run = subprocess.run(["/bin/sh", "-c", command + " >&-"], capture_output=True,
                             text=True, check=False)
    else:  # the descriptor is closed after start-up, before the command runs
        run = subprocess.run(
            [sys.executable, "-c",
             "import os, sys, runpy; os.close(1); sys.argv = ['gdpr-register', *sys.argv[1:]];"
             "runpy.run_module('gdpr_register.cli', run_name='__main__')", *argv],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
        )
    assert run.returncode == 2
    assert "standard output" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (tmp_path / "r.db").exists()


@pytest.mark.parametrize("argv", [["rules", "--format", "markdown"], ["schema"],
                                  ["check", str(SEED), "--format", "json"]])
def test_a_closed_pipe_ends_quietly(argv: list[str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "gdpr_register.cli", *argv],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader goes away before anything is written
    err = process.stderr.read().decode()
    assert process.wait() == 141
    assert err == ""


# -- items 10, 11, 13: bounded options, a deleted directory, an unknown rule -------------


@pytest.mark.parametrize("indent", ["99999999999999999999", "1000000", "-1", "²", "x"])
def test_schema_indent_is_bounded(indent: str) -> None:
    failed(cli("schema", "--indent", indent))


def test_schema_indent_in_range_works() -> None:
    run = cli("schema", "--indent", "0")
    assert run.returncode == 0
    assert json.loads(run.stdout)["title"]


@pytest.mark.parametrize("argv", [["validate", str(SEED)], ["store", "history", "x"],
                                  ["check", "notice.yaml"], ["schema"]])
def test_a_deleted_working_directory_is_exit_2(tmp_path: Path, argv: list[str]) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys, runpy; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]);"
        "sys.argv = ['gdpr-register', *sys.argv[2:]];"
        "runpy.run_module('gdpr_register.cli', run_name='__main__')"
    )
    run = subprocess.run([sys.executable, "-c", script, str(gone), *argv],
                         capture_output=True, text=True, check=False, cwd=tmp_path)
    failed(run)
    assert "working directory" in run.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_an_unknown_rule_is_exit_2_in_every_format(fmt: str) -> None:
    failed(cli("rules", "--format", fmt, "NOPE"))


# -- item 14: control characters -----------------------------------------------------------


@pytest.mark.parametrize("key", ["cust\n1", "cust\t1", "cust\r1", "cust\x001", "cust\u202e1",
                                 "\x1b[31mcust"])
def test_subject_keys_with_control_characters_are_refused(tmp_path: Path, key: str) -> None:
    events = tmp_path / "e.csv"
    quoted = '"' + key + '"' if "\n" in key or "\r" in key else key
    events.write_bytes((HEADER + f"{quoted},service_contact,2021-06-15,\n").encode())
    run = cli("retention", SEED, "--events", events, *AS_OF)
    failed(run)
    assert "line 2" in run.stderr
    assert "\x1b" not in run.stderr
    assert "\u202e" not in run.stderr
    assert "\x00" not in run.stderr


def test_subject_flag_refuses_control_characters(tmp_path: Path) -> None:
    events = tmp_path / "e.csv"
    events.write_text(HEADER + "cust-1,service_contact,2021-06-15,\n")
    failed(cli("request", SEED, "--right", "erasure", "--received", "2026-11-25",
               "--subject-events", events, "--subject", "cust\x1b[2J"))


@pytest.mark.parametrize("name", ["bad\nline.yaml", "esc\x1b[31m.yaml", "rlo\u202e.yaml"])
def test_file_names_are_printed_escaped(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("controller: {}\n")
    run = cli("validate", path)
    failed(run)
    # The name did not start a line of its own: every line is the message's.
    assert all(line.startswith(("gdpr-register: error:", "  $"))
               for line in run.stderr.splitlines())
    assert "\x1b" not in run.stderr
    assert "\u202e" not in run.stderr
    ok = tmp_path / ("ok" + name)
    ok.write_bytes(SEED.read_bytes())
    good = cli("validate", ok)
    assert good.returncode == 0
    assert good.stdout.count("\n") == 1
    assert "\x1b" not in good.stdout
    assert "\u202e" not in good.stdout


# -- item 15: one events reader -------------------------------------------------------------


@pytest.mark.parametrize(
    "row", ["cust-1,service_contact,2027-01-01,", "cust-1,no_such_kind,2021-06-15,"]
)
def test_request_and_retention_reject_the_same_rows(tmp_path: Path, row: str) -> None:
    events = tmp_path / "e.csv"
    events.write_text(HEADER + "cust-1,service_contact,2021-06-15,\n" + row + "\n")
    failed(cli("retention", SEED, "--events", events, "--as-of", "2026-11-25"))
    failed(cli("request", SEED, "--right", "erasure", "--received", "2026-11-25",
               "--subject-events", events))


# -- item 16 and 26: one date parser; messages name flags ----------------------------------


@pytest.mark.parametrize("value", ["20261125", "2026-W48-3", "1899-12-31", "3000-01-01",
                                   "0001-01-01", "2026-11-25T10:00"])
@pytest.mark.parametrize("flag", ["--as-of", "--received"])
def test_every_date_option_takes_the_same_dates(value: str, flag: str) -> None:
    run = cli("check", SEED, flag, value) if flag == "--as-of" else cli("deadline", flag, value)
    failed(run)
    assert flag in run.stderr
    assert "time zone" not in run.stderr or "T" in value


def test_a_compact_date_gets_a_format_message() -> None:
    run = cli("deadline", "--received", "20261125")
    failed(run)
    assert "YYYY-MM-DD" in run.stderr


@pytest.mark.parametrize(
    ("argv", "flag"),
    [(["deadline", "--received", "2026-11-25", "--identity-requested", "2026-11-30",
       "--identity-supplied", "2026-11-27"], "--identity-supplied"),
     (["deadline", "--received", "2026-11-25", "--identity-requested", "2026-11-20",
       "--identity-supplied", "2026-11-27"], "--identity-requested"),
     (["deadline", "--received", "2026-11-25", "--country", "XX"], "--country"),
     (["request", str(SEED), "--right", "erasure", "--received", "2026-11-25",
       "--purpose", "nope"], "--purpose"),
     (["request", str(SEED), "--right", "erasure", "--received", "2026-11-25",
       "--category", "nope"], "--category")],
)
def test_messages_name_flags_not_parameters(argv: list[str], flag: str) -> None:
    run = cli(*argv)
    failed(run)
    assert run.stderr.startswith(f"gdpr-register: error: {flag}:")
    assert "pause." not in run.stderr
    assert "request." not in run.stderr


# -- item 21: long values are cut -----------------------------------------------------------


def test_a_huge_value_is_cut_in_the_message(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "huge.yaml"
    path.write_text(text.replace("id: valmennuskumppani", "id: " + "x" * 1_000_000, 1),
                    encoding="utf-8")
    run = cli("validate", path)
    failed(run)
    assert len(run.stderr) < 5_000
    assert "characters cut" in run.stderr


# -- item 23: pipes and FIFOs ---------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_events_from_a_fifo_are_read_once_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(
        [sys.executable, "-m", "gdpr_register.cli", "retention", str(SEED), "--events",
         str(fifo), *AS_OF, "--format", "csv"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    with open(fifo, "w") as writer:
        writer.write(HEADER + "cust-1,service_contact,2021-06-15,\n")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.splitlines()[1].startswith("cust-1,")


def test_events_from_process_substitution() -> None:
    if not Path("/bin/bash").exists():
        pytest.skip("needs bash")
    events = HEADER + "cust-1,service_contact,2021-06-15,\n"
    script = (f'"{sys.executable}" -m gdpr_register.cli retention "{SEED}" '
              f"--events <(printf '%s' \"$EVENTS\") --as-of 2026-11-25 --format csv")
    run = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True,
                         check=False, env={**os.environ, "EVENTS": events})
    assert run.returncode == 0, run.stderr
    assert "cust-1,yhteystiedot" in run.stdout
    request = subprocess.run(
        ["/bin/bash", "-c",
         f'"{sys.executable}" -m gdpr_register.cli request "{SEED}" --right erasure '
         f"--received 2026-11-25 --subject-events <(printf '%s' \"$EVENTS\") --format json"],
        capture_output=True, text=True, check=False, env={**os.environ, "EVENTS": events},
    )
    assert request.returncode == 0, request.stderr
    assert json.loads(request.stdout)["subject"] == "cust-1"


# -- CSV formula injection ------------------------------------------------------------------


@pytest.mark.parametrize("key", ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)"])
def test_csv_output_neutralises_formulas(tmp_path: Path, key: str) -> None:
    events = tmp_path / "e.csv"
    quoted = '"' + key.replace('"', '""') + '"'
    events.write_text(HEADER + f"{quoted},service_contact,2021-06-15,\n")
    run = cli("retention", SEED, "--events", events, *AS_OF, "--format", "csv")
    assert run.returncode == 0, run.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert rows
    assert all(row["subject"] == "'" + key for row in rows)
    data = json.loads(cli("retention", SEED, "--events", events, *AS_OF,
                          "--format", "json").stdout)
    assert all(item["subject"] == key for item in data["items"])  # JSON keeps the value


# -- interruption --------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_ctrl_c_while_reading_events_exits_130_and_leaves_no_spool(tmp_path: Path) -> None:
    import signal

    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    spools = tmp_path / "tmp"
    spools.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "gdpr_register.cli", "retention", str(SEED), "--events",
         str(fifo), *AS_OF],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "TMPDIR": str(spools)},
    )
    with open(fifo, "w") as writer:  # returns once the command is reading the FIFO
        writer.write(HEADER)
        writer.flush()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err
    assert out == ""
    assert list(spools.iterdir()) == []
