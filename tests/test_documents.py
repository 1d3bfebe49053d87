"""Loading and dumping documents: round trips, and every kind of bad input named by path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import pendulum
import pytest
import yaml
from hypothesis import given

from gdpr_register import (
    BusinessId,
    DocumentError,
    Format,
    GdprRegisterError,
    LawfulBasis,
    Notice,
    PartialDate,
    Recipient,
    RecipientRole,
    dump_notice,
    dumps_notice,
    load_notice,
    loads_notice,
    notice_from_data,
    notice_to_data,
)
from gdpr_register.testing import strategies

MINIMAL: dict[str, Any] = {
    "id": "shop",
    "title": "Privacy notice",
    "controller": {
        "name": "Shop Oy",
        "business_id": {"scheme": "fi-ytunnus", "value": "2316408-3"},
    },
    "registers": [
        {
            "id": "customers",
            "name": "Customer register",
            "purposes": [
                {"id": "service", "name": "Service"},
                {"id": "billing", "name": "Billing", "bases": [{"article": "6(1)(b)"}]},
            ],
            "data_categories": [{"id": "contact", "name": "Contact details"}],
        }
    ],
}


def _with(path: list[str | int], value: Any) -> dict[str, Any]:
    """MINIMAL with the value at ``path`` replaced (a deep copy)."""
    data: dict[str, Any] = json.loads(json.dumps(MINIMAL))
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def _locations(data: Any) -> list[str]:
    with pytest.raises(DocumentError) as info:
        notice_from_data(data)
    return [p.location for p in info.value.problems]


@given(strategies.notices())
def test_round_trip_all_formats(notice: Notice) -> None:
    for fmt in Format:
        assert loads_notice(dumps_notice(notice, fmt), fmt) == notice


def test_seed_round_trips_through_files(seed_path: Path, tmp_path: Path) -> None:
    notice = load_notice(seed_path)
    for suffix in ("yaml", "json", "toml"):
        target = tmp_path / f"copy.{suffix}"
        dump_notice(notice, target)
        assert load_notice(target) == notice


def test_minimal_document_loads() -> None:
    notice = notice_from_data(MINIMAL)
    assert notice.controller.business_id == BusinessId(scheme="fi-ytunnus", value="2316408-3")
    assert notice_from_data(notice_to_data(notice)) == notice


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        (["controller", "name"], 5, "$.controller.name"),
        (["controller", "name"], "", "$.controller.name"),
        (["controller", "name"], "   ", "$.controller.name"),
        (["registers", 0, "purposes"], "service", "$.registers[0].purposes"),
        (
            ["registers", 0, "purposes", 1, "bases", 0, "article"],
            "sopimus",
            "$.registers[0].purposes[1].bases[0].article",
        ),
        (["controller", "business_id", "value"], "2316408-4", "$.controller.business_id.value"),
        (["controller", "business_id", "value"], "2316408", "$.controller.business_id.value"),
        (["updated"], "2018-02-30", "$.updated"),
        (["updated"], "5.9.2018", "$.updated"),
        (["controller", "country"], "XX", "$.controller.country"),
        (["controller", "employees"], True, "$.controller.employees"),
        (["controller"], ["Shop Oy"], "$.controller"),
        (
            ["registers", 0, "purposes", 0, "categories"],
            ["contakt"],
            "$.registers[0].purposes[0].categories[0]",
        ),
        (["registers", 0, "purposes", 0, "id"], "has space", "$.registers[0].purposes[0].id"),
    ],
)
def test_bad_values_are_named_by_path(path: list[str | int], value: Any, location: str) -> None:
    assert location in _locations(_with(path, value))


def test_unknown_key_is_rejected_with_a_suggestion() -> None:
    data = _with(["controller", "nmae"], "x")
    with pytest.raises(DocumentError) as info:
        notice_from_data(data)
    (problem,) = info.value.problems
    assert problem.location == "$.controller.nmae"
    assert "'name'" in problem.message


def test_unknown_enum_value_suggests_the_closest() -> None:
    data = _with(["registers", 0, "purposes", 1, "bases", 0, "article"], "6(1)(g)")
    with pytest.raises(DocumentError) as info:
        notice_from_data(data)
    assert "6(1)(" in info.value.problems[0].message


def test_a_basis_may_be_written_as_its_article() -> None:
    data = _with(["registers", 0, "purposes", 1, "bases"], ["6(1)(b)", {"text": "sopimus"}])
    bases = notice_from_data(data).registers[0].purposes[1].bases
    assert [b.article for b in bases] == [LawfulBasis.CONTRACT, None]
    assert _locations(_with(["registers", 0, "purposes", 1, "bases"], ["sopimus"])) == [
        "$.registers[0].purposes[1].bases[0]"
    ]


def test_missing_required_field() -> None:
    data = json.loads(json.dumps(MINIMAL))
    del data["registers"][0]["purposes"][0]["name"]
    assert _locations(data) == ["$.registers[0].purposes[0].name"]


def test_names_real_notices_leave_out_are_optional() -> None:
    data = json.loads(json.dumps(MINIMAL))
    del data["controller"]["name"], data["title"], data["registers"][0]["name"]
    notice = notice_from_data(data)
    assert (notice.controller.name, notice.title, notice.registers[0].name) == (None, None, None)


def test_every_problem_is_reported_at_once() -> None:
    data = _with(["controller", "phone"], 123)
    data["registers"][0]["purposes"][0]["kinds"] = ["marketting"]
    data["title"] = ["x"]
    assert set(_locations(data)) == {
        "$.controller.phone",
        "$.registers[0].purposes[0].kinds[0]",
        "$.title",
    }


def test_duplicate_register_names_and_ids() -> None:
    second = dict(MINIMAL["registers"][0], id="other", name="customer register ")
    data = _with(["registers"], [MINIMAL["registers"][0], second])
    assert _locations(data) == ["$.registers[1]"]
    same_id = dict(MINIMAL["registers"][0], name="Another")
    assert _locations(_with(["registers"], [MINIMAL["registers"][0], same_id])) == [
        "$.registers[1]"
    ]


def test_a_notice_needs_a_register() -> None:
    assert _locations(_with(["registers"], [])) == ["$.registers"]


def test_document_that_is_not_a_mapping() -> None:
    with pytest.raises(DocumentError):
        loads_notice("- just\n- a list\n")


def test_yaml_booleans_are_yaml_1_2_and_dates_stay_text() -> None:
    text = yaml.safe_dump(_with(["controller", "country"], "NO")).replace("'NO'", "NO")
    assert "country: NO" in text
    assert loads_notice(text).controller.country == "NO"
    bad = yaml.safe_dump(_with(["updated"], "2018-02-30")).replace("'2018-02-30'", "2018-02-30")
    with pytest.raises(DocumentError) as info:
        loads_notice(bad)
    assert info.value.problems[0].location == "$.updated"


def test_invalid_syntax_in_each_format() -> None:
    for text, fmt in (("a: [1, 2", "yaml"), ("{", "json"), ("a = ", "toml")):
        with pytest.raises(DocumentError):
            loads_notice(text, fmt)


def test_yaml_bomb_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    start = time.perf_counter()
    with pytest.raises(DocumentError):
        loads_notice("\n".join(lines))
    assert time.perf_counter() - start < 30  # a guard against hanging, not a performance test


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_deep_nesting_is_refused() -> None:
    for text, fmt in (
        ("a: " + "[" * 5000 + "]" * 5000, "yaml"),
        ("[" * 100_000 + "]" * 100_000, "json"),
        ("a = " + "[" * 100_000 + "]" * 100_000, "toml"),
        (json.dumps(_with(["source"], _nested(70))), "json"),
    ):
        with pytest.raises(DocumentError):
            loads_notice(text, fmt)


def test_a_50_megabyte_file_gets_a_clear_error(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w") as handle:
        handle.write("id: x\ntitle: ")
        handle.write("a" * (50 * 1024 * 1024))
        handle.write("\n")
    with pytest.raises(DocumentError) as info:
        load_notice(big)
    assert info.value.source == str(big)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        load_notice(tmp_path / "nope.yaml")
    other = tmp_path / "notice.txt"
    other.write_text("id: x")
    with pytest.raises(DocumentError):
        load_notice(other)


def test_non_utf8_bytes() -> None:
    with pytest.raises(DocumentError):
        loads_notice(b"id: \xff\xfe")


def test_dump_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "notice.yaml"
    target.write_text("original")
    notice = notice_from_data(MINIMAL)

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        dump_notice(notice, target)
    assert target.read_text() == "original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.yaml"]


def test_errors_are_library_errors_and_value_errors() -> None:
    with pytest.raises(DocumentError) as info:
        notice_from_data({})
    assert isinstance(info.value, GdprRegisterError)
    assert isinstance(info.value, ValueError)


def test_pendulum_and_iso_values_are_accepted_at_the_edges() -> None:
    recipient = Recipient(
        id="r",
        name="R",
        role=RecipientRole.PROCESSOR,
        valid_from=pendulum.date(2024, 1, 1),
        valid_until="2025-01-01",
    )
    assert type(recipient.valid_from) is date
    assert recipient.valid_until == PartialDate(year=2025, month=1, day=1)
    with pytest.raises(ValueError, match="valid_until"):
        Recipient(
            id="r",
            name="R",
            role=RecipientRole.PROCESSOR,
            valid_from="2025-01-02",
            valid_until="2025-01-01",
        )


def test_cli_validate_exit_codes(seed_path: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", "validate", str(seed_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(_with(["controller", "business_id", "value"], "2316408-4")))
    bad = subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", "validate", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "$.controller.business_id.value" in bad.stderr
    assert "Traceback" not in bad.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "gdpr_register.cli", "validate"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2


def test_duplicate_keys_are_errors_not_lost_values() -> None:
    with pytest.raises(DocumentError) as info:
        loads_notice("id: a\ntitle: T\nid: b\n")
    assert "line 3" in str(info.value)
    with pytest.raises(DocumentError):
        loads_notice('{"id": "a", "id": "b"}', "json")
    with pytest.raises(DocumentError):
        loads_notice('id = "a"\nid = "b"\n', "toml")


def test_yaml_integers_follow_yaml_1_2_and_strings_that_look_like_numbers_round_trip() -> None:
    text = yaml.safe_dump(_with(["controller", "employees"], 10)).replace(
        "employees: 10", "employees: 010"
    )
    assert loads_notice(text).controller.employees == 10
    notice = notice_from_data(_with(["controller", "phone"], "09"))
    dumped = dumps_notice(notice)
    assert loads_notice(dumped) == notice
    assert yaml.safe_load(dumped)["controller"]["phone"] == "09"  # YAML 1.1 readers agree


@pytest.mark.parametrize("value", ["20261125", "2026-W48-3", "2026-11-25T00:00"])
def test_dates_are_yyyy_mm_dd_only(value: str) -> None:
    assert _locations(_with(["updated"], value)) == ["$.updated"]


def test_dump_keeps_the_replaced_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "notice.yaml"
    target.write_text("old")
    target.chmod(0o640)
    dump_notice(notice_from_data(MINIMAL), target)
    assert target.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "new.yaml"
    dump_notice(notice_from_data(MINIMAL), fresh)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
