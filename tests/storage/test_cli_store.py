"""``gdpr-register store import|export|history|diff``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdpr_register.cli import main
from gdpr_register.documents import load_notice


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _second_version(seed_path: Path, tmp_path: Path) -> Path:
    changed = tmp_path / "v2.yaml"
    changed.write_text(
        seed_path.read_text(encoding="utf-8").replace("privacy-shield", "scc-2021", 1),
        encoding="utf-8",
    )
    return changed


def test_import_history_diff_export(seed_path: Path, tmp_path: Path, url: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    v2 = _second_version(seed_path, tmp_path)
    assert main(["store", "import", str(v2), "--store", url, "--expected-version", "1"]) == 0
    capsys.readouterr()
    assert main(["store", "history", "valmennuskumppani", "--store", url,
                 "--format", "json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [h["version"] for h in history] == [1, 2]
    assert history[0]["saved_at"].endswith("+00:00")
    assert main(["store", "diff", "valmennuskumppani", "1", "2", "--store", url]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "registers[0].transfers[0].mechanism: privacy-shield -> scc-2021"
    ]
    out = tmp_path / "exported.json"
    assert main(["store", "export", "valmennuskumppani", "--version", "1", "-o", str(out),
                 "--store", url]) == 0
    assert load_notice(out) == load_notice(seed_path)


def test_stale_version_and_unknown_notice_exit_2(seed_path: Path, url: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    assert main(["store", "import", str(seed_path), "--store", url,
                 "--expected-version", "0"]) == 2
    assert main(["store", "history", "nope", "--store", url]) == 2
    assert main(["store", "diff", "valmennuskumppani", "1", "9", "--store", url]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("gdpr-register: error:") == 3


def test_invalid_document_saves_nothing(seed_path: Path, tmp_path: Path, url: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["store", "import", str(seed_path), str(bad), "--store", url]) == 2
    assert str(bad) in capsys.readouterr().err
    assert main(["store", "history", "valmennuskumppani", "--store", url]) == 2


def test_default_store_is_a_file_in_the_working_directory(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GDPR_REGISTER_STORE", raising=False)
    assert main(["store", "import", str(seed_path)]) == 0
    assert (tmp_path / "gdpr-register.db").exists()


def test_unreachable_store_exits_2_with_the_password_hidden(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["store", "history", "x", "--store",
                 "postgresql://u:hunter2@127.0.0.1:1/db"]) == 2
    err = capsys.readouterr().err
    assert "hunter2" not in err
    assert "postgresql://u:***@127.0.0.1:1/db" in err


def test_check_reads_the_notice_from_the_store(seed_path: Path, url: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    capsys.readouterr()
    from_file = main(["check", str(seed_path), "--as-of", "2026-11-25", "--format", "json"])
    file_report = json.loads(capsys.readouterr().out)["reports"][0]
    from_store = main(["check", "valmennuskumppani@1", "--store", url, "--as-of", "2026-11-25",
                       "--format", "json"])
    store_report = json.loads(capsys.readouterr().out)["reports"][0]
    assert from_store == from_file
    assert [f["rule"] for f in store_report["findings"]] == [
        f["rule"] for f in file_report["findings"]
    ]
    assert main(["check", "valmennuskumppani@7", "--store", url]) == 2
    assert main(["check", "valmennuskumppani@x", "--store", url]) == 2


def test_retention_plans_the_store_ledger(seed_path: Path, url: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from datetime import date

    from gdpr_register.model import SubjectEvent
    from gdpr_register.storage import open_store

    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    with open_store(url) as store:
        store.ledger.append([
            SubjectEvent(subject="cust-42", kind="service_contact", on=date(2021, 6, 15)),
            SubjectEvent(subject="cust-42", kind="invoice", on=date(2021, 6, 30)),
            SubjectEvent(subject="cust-43", kind="service_contact", on=date(2024, 6, 15)),
        ])
    capsys.readouterr()
    assert main(["retention", "valmennuskumppani", "--store", url, "--as-of", "2026-11-25",
                 "--format", "json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    items = data["items"] if isinstance(data, dict) else data
    statuses = {(i["subject"], i["status"]) for i in items}
    assert ("cust-42", "due") in statuses
    assert ("cust-42", "restricted") in statuses
    assert all(subject != "cust-43" for subject, _ in statuses)
    assert main(["retention", str(seed_path), "--as-of", "2026-11-25"]) == 2


def test_append_events_is_all_or_nothing(tmp_path: Path, url: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from gdpr_register.storage import open_store

    good = tmp_path / "events.csv"
    good.write_text("subject,event,date\ncust-1,service_contact,2021-06-15\n"
                    "cust-2,invoice,2021-06-30\n", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,event,date\ncust-3,contact,2021-06-15\ncust-4,contact,not-a-date\n",
                   encoding="utf-8")
    assert main(["store", "append-events", str(good), "--store", url]) == 0
    assert main(["store", "append-events", str(bad), "--store", url]) == 2
    assert "line 3" in capsys.readouterr().err
    with open_store(url) as store:
        assert list(store.ledger.subjects()) == ["cust-1", "cust-2"]


def test_request_reads_notice_and_events_from_the_store_and_records_it(
    seed_path: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from gdpr_register.model import SubjectEvent
    from gdpr_register.storage import RequestStatus, open_store

    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    with open_store(url) as store:
        store.ledger.append([
            SubjectEvent(subject="cust-42", kind="service_contact", on=date(2021, 6, 15)),
            SubjectEvent(subject="cust-42", kind="invoice", on=date(2021, 6, 30)),
        ])
    capsys.readouterr()
    assert main(["request", "valmennuskumppani", "--store", url, "--right", "erasure",
                 "--received", "2026-11-25", "--subject", "cust-42", "--record",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    actions = {c["category"]: (c["action"], c.get("until")) for c in data["categories"]}
    # Kept for Art. 17(3)(b), not restricted.
    assert actions["laskutustiedot"] == ("excepted", "2027-12-31")
    assert actions["yhteystiedot"][0] == "erase"
    with open_store(url) as store:
        (recorded,) = store.requests.list()
    assert recorded.id == data["recorded_request"]
    assert (recorded.subject, recorded.right.value, recorded.received, recorded.status) == (
        "cust-42", "erasure", date(2026, 11, 25), RequestStatus.OPEN)
    assert main(["request", "valmennuskumppani", "--store", url, "--right", "erasure",
                 "--received", "2026-11-25", "--subject", "nobody"]) == 2
    assert main(["request", str(seed_path), "--right", "access", "--received", "2026-11-25",
                 "--record"]) == 2


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbfsubject,event,date\r\ncust-1,contact,2021-06-15\r\n",  # BOM, CRLF
    b"subject,event,date\ncust-1,contact,2021-06-15\n",
])
def test_append_events_from_stdin_reads_it_like_a_file(
    raw: bytes, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from gdpr_register.storage import open_store

    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["store", "append-events", "-", "--store", url]) == 0
    with open_store(url) as store:
        assert list(store.ledger.subjects()) == ["cust-1"]


def test_append_events_non_utf8_stdin_exits_2(url: str, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from gdpr_register.storage import open_store

    raw = b"subject,event,date\ncust-1,contact,2021-06-15\n\xff,contact,2021-06-15\n"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["store", "append-events", "-", "--store", url]) == 2
    assert "<stdin>" in capsys.readouterr().err
    with open_store(url) as store:
        assert list(store.ledger.subjects()) == []


def test_export_to_a_missing_directory_exits_2(seed_path: Path, tmp_path: Path, url: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["store", "import", str(seed_path), "--store", url]) == 0
    capsys.readouterr()
    target = tmp_path / "missing" / "out.yaml"
    assert main(["store", "export", "valmennuskumppani", "-o", str(target),
                 "--store", url]) == 2
    assert str(target) in capsys.readouterr().err
    assert not target.parent.exists()
