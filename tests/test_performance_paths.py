"""The fast paths keep behaviour: lazy package names, plugin pre-scan, memoised deadlines,
raw-row histories, holiday-set checks. (Speed itself is measured by benchmarks/, never
asserted here: machines are shared and noisy.)"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdpr_register
from gdpr_register.errors import InputError, UsageError
from gdpr_register.retention import SubjectHistory, group_histories
from gdpr_register.rights import response_deadline
from gdpr_register.rules._plugins import plugins_may_exist


def _fresh(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
        check=True,
    )
    return done.stdout


def test_every_public_name_resolves_and_dir_lists_it() -> None:
    for name in gdpr_register.__all__:
        assert getattr(gdpr_register, name) is not None
    assert set(gdpr_register.__all__) <= set(dir(gdpr_register))
    with pytest.raises(AttributeError):
        _ = gdpr_register.no_such_name


def test_import_is_lazy_and_star_import_is_complete() -> None:
    out = _fresh("""
        import json, sys
        import gdpr_register
        lazy = [m for m in ("gdpr_register.documents", "gdpr_register.rules", "pendulum")
                if m in sys.modules]
        namespace = {}
        exec("from gdpr_register import *", namespace)
        missing = [n for n in gdpr_register.__all__ if n not in namespace]
        print(json.dumps({"loaded": lazy, "missing": missing,
                          "same": namespace["Notice"] is gdpr_register.model.Notice}))
    """)
    assert json.loads(out) == {"loaded": [], "missing": [], "same": True}


def test_cli_start_imports_no_pendulum_and_no_metadata_scan(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
    out = _fresh(f"""
        import contextlib, io, json, sys
        from gdpr_register.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["check", {str(seed)!r}])
        print(json.dumps([code, "pendulum" in sys.modules,
                          "importlib.metadata" in sys.modules]))
    """)
    code, pendulum, metadata = json.loads(out)
    assert code == 1  # the seed has findings
    assert not pendulum
    # importlib.metadata is only needed when a distribution declares our plugin group.
    assert metadata == plugins_may_exist("gdpr_register.rules")


def test_today_is_the_date_in_the_zone() -> None:
    from zoneinfo import ZoneInfo

    from gdpr_register.cli._common import today

    before = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    found = today("Pacific/Kiritimati")
    after = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert before <= found <= after


def test_plugin_prescan_finds_a_declared_group(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    dist = tmp_path / "someone_rules-1.0.dist-info"
    dist.mkdir()
    (dist / "entry_points.txt").write_text("[gdpr_register.rules]\nmine = mine:rules\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert plugins_may_exist("gdpr_register.rules")
    assert not plugins_may_exist("other.group")


def test_plugin_prescan_says_maybe_for_a_zip_on_the_path(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + bytes(18))
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert plugins_may_exist("gdpr_register.rules")


def test_memoised_deadline_equals_a_fresh_computation() -> None:
    from gdpr_register.law.calendars import country_calendar

    fi = country_calendar("FI")
    for day in (date(2026, 3, 5), date(2026, 12, 24), date(2024, 1, 31)):
        memo = response_deadline(day)
        assert response_deadline(day) is memo  # a shared frozen value
        fresh = response_deadline(day, calendar=fi)
        assert (memo.deadline, memo.extended_deadline) == (fresh.deadline,
                                                            fresh.extended_deadline)
        assert memo.explanation == fresh.explanation
    instant = response_deadline("2026-03-05T23:30:00+00:00")  # 01:30 on the 6th in Helsinki
    assert instant.received == date(2026, 3, 6)
    assert instant.received_at is not None


@pytest.mark.parametrize("bad", [{"2026-02-02"}, {date(2026, 2, 2), 20260202},
                                 frozenset({datetime(2026, 2, 2, 0, 0)})])
def test_a_holiday_set_of_non_dates_is_a_type_error(bad: set[object]) -> None:
    with pytest.raises(TypeError):
        response_deadline(date(2026, 1, 2), calendar=bad)  # type: ignore[arg-type]


def test_a_holiday_set_counts() -> None:
    plain = response_deadline(date(2026, 1, 2), calendar=set())
    assert plain.deadline == date(2026, 2, 2)  # a Monday
    moved = response_deadline(date(2026, 1, 2), calendar={date(2026, 2, 2)})
    assert moved.deadline == date(2026, 2, 3)


def test_group_histories_reads_raw_rows_like_events() -> None:
    rows = [("a", "contact", date(2020, 1, 1)), ("a", "invoice", "2020-02-01"),
            ("b", "contact", date(2020, 1, 2))]
    streamed = list(group_histories(rows, contiguous=True))
    grouped = list(group_histories(rows))
    assert streamed == grouped == [
        SubjectHistory.from_events("a", [("contact", date(2020, 1, 1)),
                                         ("invoice", date(2020, 2, 1))]),
        SubjectHistory.from_events("b", [("contact", date(2020, 1, 2))]),
    ]
    with pytest.raises(UsageError):
        list(group_histories([*rows, ("a", "contact", date(2021, 1, 1))], contiguous=True))
    with pytest.raises(InputError):
        list(group_histories([("a", "no spaces allowed", date(2020, 1, 1))], contiguous=True))
    with pytest.raises(InputError):
        list(group_histories([("a", "contact")], contiguous=True))  # type: ignore[list-item]
    with pytest.raises(InputError):
        list(group_histories([(["a"], "contact", date(2020, 1, 1))],  # type: ignore[list-item]
                             contiguous=True))


def test_history_fast_path_still_validates() -> None:
    good = SubjectHistory.from_events("s", [("contact", date(2020, 1, 2)),
                                            ("contact", date(2020, 1, 1))])
    assert good.events == (("contact", date(2020, 1, 1)), ("contact", date(2020, 1, 2)))
    with pytest.raises(InputError):
        SubjectHistory.from_events("s", [("contact", datetime(2020, 1, 1, 12))])
    with pytest.raises(InputError):
        SubjectHistory.from_events("s", [(["unhashable"], date(2020, 1, 1))])  # type: ignore[list-item]


_PATHS = ["$", "$.registers", "$.registers[0]", "$.registers[0].purposes[1]",
          "$.registers[0].purposes[10]", "$.registers[1]", "$.registers[10].transfers",
          "$.controller", "$.controller.name", "", "$.registers[0]."]


@given(
    waivers=st.lists(st.tuples(st.sampled_from(["ART5", "ART13_1_c", "ART44"]),
                               st.none() | st.sampled_from([p for p in _PATHS if p]),
                               st.none() | st.sampled_from([date(2026, 1, 1),
                                                            date(2027, 1, 1)])),
                     max_size=8),
    findings=st.lists(st.tuples(st.sampled_from(["ART5", "ART13_1_c", "ART44"]),
                                st.sampled_from(_PATHS)), max_size=8),
)
def test_indexed_waivers_match_the_first_covering_waiver(
    waivers: list[tuple[str, str | None, date | None]], findings: list[tuple[str, str]]
) -> None:
    import attrs

    from gdpr_register import Waiver
    from gdpr_register.rules import Finding, Severity
    from gdpr_register.rules._evaluate import _apply_waivers, _covers

    day = date(2026, 6, 1)
    seed = Path(__file__).resolve().parent.parent / "examples" / "northwind-coaching.yaml"
    notice = attrs.evolve(_seed(seed), waivers=tuple(
        Waiver(rule=r, justification="accepted", path=p, expires=e) for r, p, e in waivers))
    made = [Finding(rule=r, title="t", severity=Severity.LOW, citation="GDPR", path=p,
                    message="m", fix="f") for r, p in findings]
    live = [w for w in notice.waivers if w.expires is None or day <= w.expires]
    expected = [next((w for w in live if _covers(w, f)), None) for f in made]
    assert [f.waiver for f in _apply_waivers(notice, made, day)] == expected


@functools.cache
def _seed(path: Path) -> gdpr_register.Notice:
    return gdpr_register.load_notice(path)


def test_max_bytes_raises_and_lowers_the_document_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gdpr_register.cli import main

    seed = Path(__file__).resolve().parent.parent / "examples" / "valmennuskumppani.yaml"
    size = seed.stat().st_size
    assert main(["validate", str(seed)]) == 0
    assert main(["validate", str(seed), "--max-bytes", str(size - 1)]) == 2
    assert f"{size - 1:,}" in capsys.readouterr().err
    assert main(["validate", str(seed), "--max-bytes", "1M"]) == 0
    assert main(["check", str(seed), "--as-of", "2026-11-25", "--max-bytes", "1K"]) == 2
    for bad in ("0", "2G", "-5", "ten", "1T", "²"):
        with pytest.raises(SystemExit) as exit_:
            main(["validate", str(seed), "--max-bytes", bad])
        assert exit_.value.code == 2


@pytest.mark.parametrize(("text", "size"), [("123", 123), ("64K", 65536), ("64M", 64 << 20),
                                            ("1G", 1 << 30), ("2MiB", 2 << 20), ("5kb", 5120)])
def test_byte_sizes(text: str, size: int) -> None:
    from gdpr_register.cli._common import byte_size

    assert byte_size(text) == size


def test_a_run_imports_only_its_command(capsys: pytest.CaptureFixture[str]) -> None:
    out = _fresh("""
        import contextlib, io, json, sys
        from gdpr_register.cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["deadline", "--received", "2026-11-25"])
        loaded = sorted(m.rsplit(".", 1)[1] for m in sys.modules
                        if m.startswith("gdpr_register.cli.commands."))
        print(json.dumps([code, loaded]))
    """)
    assert json.loads(out) == [0, ["deadline"]]
    from gdpr_register.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in ("check", "deadline", "retention", "store"))
    with pytest.raises(SystemExit) as exit_:
        main(["chek", "x.yaml"])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_sorted_rows_stream_without_remembering_subjects() -> None:
    import tracemalloc

    def rows(count: int) -> Iterator[tuple[str, str, date]]:
        for n in range(count):
            yield f"s{n:07d}", "contact", date(2020, 1, 1 + n % 28)
            yield f"s{n:07d}", "invoice", date(2020, 2, 1)

    def peak(count: int) -> int:
        tracemalloc.start()
        for _ in group_histories(rows(count), contiguous="sorted"):
            pass
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    assert peak(20_000) < 2 * peak(2_000) + 50_000  # flat, not ten times larger
    streamed = list(group_histories(rows(50), contiguous="sorted"))
    assert streamed == list(group_histories(rows(50)))
    with pytest.raises(UsageError):
        list(group_histories([("b", "contact", date(2020, 1, 1)),
                              ("a", "contact", date(2020, 1, 1))], contiguous="sorted"))


def test_a_holiday_set_is_memoised_by_value() -> None:
    from gdpr_register.law.calendars import HolidayCalendar

    days = frozenset({date(2026, 2, 2), date(2026, 4, 6)})
    first = response_deadline(date(2026, 1, 2), calendar=days)
    assert response_deadline(date(2026, 1, 2), calendar=frozenset(days)) is first
    assert response_deadline(date(2026, 1, 2), calendar=set(days)) is first
    plain = response_deadline(date(2026, 1, 2), calendar=HolidayCalendar("mine", days))
    assert (first.deadline, first.extended_deadline) == (plain.deadline,
                                                          plain.extended_deadline)
    assert first.deadline == date(2026, 2, 3)
    other = response_deadline(date(2026, 1, 2), calendar=days, country="SE")
    assert other.country == "SE"
    assert other is not first


def _reference_budget(data: object, max_nodes: int, max_depth: int) -> str | None:
    """The plain walk the fast node budget must agree with (which limit, if any, is hit)."""
    from collections.abc import Mapping

    budget, stack = max_nodes, [(data, 0)]
    while stack:
        node, depth = stack.pop()
        budget -= 1
        if budget < 0:
            return "values"
        if depth > max_depth:
            return "nested"
        if isinstance(node, Mapping):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=2), inner,
                                                                max_size=4),
    max_leaves=40,
)


@given(data=_JSONISH, max_nodes=st.integers(1, 60))
def test_node_budget_agrees_with_the_plain_walk(data: object, max_nodes: int) -> None:
    from gdpr_register.documents import io
    from gdpr_register.errors import DocumentError

    expected = _reference_budget(data, max_nodes, io._MAX_DEPTH)
    try:
        io._check_budget(data, max_nodes, None)
        found = None
    except DocumentError as exc:
        found = "values" if "values" in str(exc) else "nested"
    assert (found is None) == (expected is None)


def test_node_budget_depth_limit() -> None:
    from gdpr_register.documents import io
    from gdpr_register.errors import DocumentError

    deep: object = "leaf"
    for _ in range(io._MAX_DEPTH):
        deep = [deep]
    io._check_budget(deep, 1000, None)  # the leaf is at the limit: fine
    with pytest.raises(DocumentError, match="nested"):
        io._check_budget([deep], 1000, None)
    with pytest.raises(DocumentError, match="nested"):
        io._check_budget({"k": [deep]}, 1000, None)
