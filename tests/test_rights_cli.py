"""``gdpr-register deadline`` and ``gdpr-register request``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdpr_register.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse rejected an option (bad dates are caught there)
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_deadline_json_has_the_issue_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "--received", "2026-11-25", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {
        "received": "2026-11-25",
        "deadline": "2026-12-28",
        "extended_deadline": "2027-02-25",
        "extension_notice_by": "2026-12-28",
        "country": "FI",
    }.items() <= data.items()


def test_deadline_options(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "--received", "2026-03-05", "--country", "FI",
                       "--format", "json")
    assert (code, json.loads(out)["deadline"]) == (0, "2026-04-07")
    code, out, _ = run(capsys, "deadline", "--received", "2026-05-19", "--format", "json",
                       "--fi-eves-are-holidays")
    assert json.loads(out)["deadline"] == "2026-06-22"
    code, out, _ = run(capsys, "deadline", "--received", "2026-03-05", "--format", "json",
                       "--identity-requested", "2026-03-06", "--identity-supplied", "2026-03-16")
    assert (json.loads(out)["deadline"], json.loads(out)["paused_days"]) == ("2026-04-15", 10)
    code, out, _ = run(capsys, "deadline", "--received", "2026-11-25T22:30:00Z", "--extended")
    assert code == 0
    assert "2026-11-26" in out
    assert "2027-02-26" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["deadline", "--received", "2026-02-30"],
        ["deadline", "--received", "2026-11-25T10:00"],
        ["deadline", "--received", "2026-11-25", "--country", "US"],
        ["deadline", "--received", "2026-11-25", "--identity-requested", "2026-11-26"],
        ["deadline", "--received", "2026-11-25", "--identity-requested", "2026-11-20",
         "--identity-supplied", "2026-11-21"],
    ],
)
def test_deadline_bad_input_exits_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "error:" in err
    assert "Traceback" not in err


def test_deadline_argparse_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["deadline"])
    assert info.value.code == 2


def test_request_erasure_on_the_seed(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "request", str(seed_path), "--right", "erasure",
                       "--received", "2026-11-25", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["applies"] == "partly"
    assert data["deadline"]["deadline"] == "2026-12-28"
    actions = {c["category"]: c["action"] for c in data["categories"]}
    assert actions["laskutustiedot"] == "excepted"
    assert actions["yhteystiedot"] == "erase"
    assert len(data["notify_recipients"]) == 5  # not the authorities (Art. 17(3)(b))
    assert [p["decision"] for p in data["pending"]] == ["still_necessary"]
    code, out, _ = run(capsys, "request", str(seed_path), "--right", "erasure",
                       "--received", "2026-11-25", "--still-necessary")
    assert code == 0
    # The seed pools 6(1)(a) and 6(1)(b) ("suostumus", "toimeksianto"): a purpose may rest
    # on consent only, so "still necessary for the contract" does not settle it (Art. 6(1),
    # 13(1)(c)): undetermined, per purpose, with what the controller must decide.
    assert "Applies: undetermined" in out
    assert "Undetermined (the notice does not settle it):" in out
    assert "decide: state which of Art. 6(1)(a), Art. 6(1)(b)" in out


def test_request_text_and_other_rights(capsys: pytest.CaptureFixture[str], seed_path: Path) -> None:
    code, out, _ = run(capsys, "request", str(seed_path), "--right", "objection",
                       "--received", "2026-11-25", "--format", "json")
    data = json.loads(out)
    assert code == 0
    # The seed states no 6(1)(e)/(f) basis: Art. 21(1) applies only to direct marketing.
    assert {r["purpose"] for r in data["reasons"] if r["applies"]} == {"markkinointi"}
    code, out, _ = run(capsys, "request", str(seed_path), "--right", "access",
                       "--received", "2026-11-25")
    assert code == 0
    assert "Applies: yes" in out


@pytest.mark.parametrize(
    "extra",
    [
        ["--register", "nope"],
        ["--received", "2026-13-01"],
        ["--purpose", "nope"],
        ["--subject", "cust-1"],
    ],
)
def test_request_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], seed_path: Path, extra: list[str]
) -> None:
    code, out, err = run(capsys, "request", str(seed_path), "--right", "erasure",
                         "--received", "2026-11-25", *extra)
    assert (code, out) == (2, "")
    assert "error:" in err


def test_request_missing_notice_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "request", str(tmp_path / "none.yaml"), "--right", "access",
                       "--received", "2026-11-25")
    assert (code, out) == (2, "")


EVENTS = (
    "subject,event,date\n"
    "cust-42,service_contact,2021-06-15\n"
    "cust-42,invoice,2021-06-30\n"
    "cust-7,service_contact,2025-01-10\n"
)


def test_request_with_subject_events(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path
) -> None:
    events = tmp_path / "events.csv"
    events.write_text(EVENTS, encoding="utf-8")
    code, out, _ = run(capsys, "request", str(seed_path), "--right", "erasure",
                       "--received", "2026-11-25", "--subject-events", str(events),
                       "--subject", "cust-42", "--format", "json")
    assert code == 0
    data = json.loads(out)
    invoices = next(c for c in data["categories"] if c["category"] == "laskutustiedot")
    assert (invoices["action"], invoices["until"]) == ("excepted", "2027-12-31")
    assert data["subject"] == "cust-42"


@pytest.mark.parametrize(
    ("content", "extra"),
    [
        (EVENTS, []),  # several subjects, none chosen
        (EVENTS, ["--subject", "nobody"]),
        ("subject,event,date\ncust-1,service_contact,2021-02-30\n", []),  # bad date, line 2
        ("who,what\n", []),
    ],
)
def test_request_bad_events_exit_2(
    capsys: pytest.CaptureFixture[str], seed_path: Path, tmp_path: Path,
    content: str, extra: list[str],
) -> None:
    events = tmp_path / "events.csv"
    events.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "request", str(seed_path), "--right", "erasure",
                         "--received", "2026-11-25", "--subject-events", str(events), *extra)
    assert (code, out) == (2, "")
    assert err.startswith("gdpr-register: error:")
