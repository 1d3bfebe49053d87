"""Regression tests for defects found in review (one test per defect)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gdpr_register import DocumentError, loads_notice, notice_from_data
from gdpr_register.cli import main

NOTICE: dict[str, Any] = {
    "id": "shop",
    "title": "Privacy notice",
    "controller": {"name": "Shop Oy"},
    "registers": [{"id": "customers", "name": "Customer register"}],
}


def _copy() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(NOTICE))
    return data


@pytest.mark.parametrize(
    "text",
    [
        "id: shop\ntitle: t\ncontroller: {name: n}\nregisters: [{id: r, name: r}]\n1: x\n",
        "id: shop\ntitle: t\ncontroller: {name: n}\nregisters: [{id: r, name: r}]\n~: x\n",
        "id: shop\ntitle: t\ncontroller: {name: n, 2.5: x, nmae: y}\n"
        "registers: [{id: r, name: r}]\n",
    ],
)
def test_non_string_keys_are_reported_not_crashed(text: str) -> None:
    with pytest.raises(DocumentError) as info:
        loads_notice(text, "yaml")
    assert info.value.problems
    assert all(p.location.startswith("$.") for p in info.value.problems)


def test_cli_non_string_key_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "n.yaml"
    path.write_text("id: shop\n1: x\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    assert "n.yaml" in capsys.readouterr().err


def test_lone_surrogate_in_text_is_rejected_at_its_path() -> None:
    # JSON can spell a lone surrogate ("\ud800"); it is no Unicode text and cannot be written
    # out again (check --format json crashed with UnicodeEncodeError).
    data = _copy()
    data["registers"][0]["name"] = "x\ud800y"
    with pytest.raises(DocumentError) as info:
        notice_from_data(data)
    assert [p.location for p in info.value.problems] == ["$.registers[0].name"]


@pytest.mark.parametrize("source", ["my notices/50%/a#1.yaml", "bad\udcff.yaml"])
def test_sarif_artifact_uri_is_a_valid_uri_reference(source: str) -> None:
    # SARIF 2.1.0 §3.4.3: artifactLocation.uri is a URI reference; a file name with a space,
    # '#' or '%' must be percent-encoded (a raw '#' starts a fragment).
    from urllib.parse import unquote, urlsplit

    from gdpr_register import evaluate
    from gdpr_register.rules import sarif_log

    notice = notice_from_data(_copy())
    seen: list[str] = []

    def locate(src: str, path: str) -> int | None:
        seen.append(src)
        return 1

    report = evaluate(notice, as_of="2026-11-25", source=source)
    assert report.findings
    log = sarif_log([report], locate=locate)
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri
        assert urlsplit(uri).fragment == ""
        assert uri.isascii()
        assert unquote(uri, errors="surrogateescape") == source
    assert set(seen) == {source}


@pytest.mark.parametrize("value", ["２３１６４０８-３", "٢٣١٦٤٠٨-٣"])
def test_ytunnus_needs_ascii_digits(value: str) -> None:
    from gdpr_register import BusinessId
    from gdpr_register.model._validators import ModelValueError

    with pytest.raises(ModelValueError):
        BusinessId(scheme="fi-ytunnus", value=value)


def test_month_day_needs_ascii_digits() -> None:
    from gdpr_register.model.values import MonthDay

    with pytest.raises(ValueError, match="MM-DD"):
        MonthDay.parse("０３-３１")


@pytest.mark.parametrize("template", ["{recipient.name}", "{recipient[key]}"])
def test_render_shows_an_unfitting_template_unfilled(template: str) -> None:
    # docs: "A template that does not fit its arguments (a plugin's mistake) is shown unfilled
    # rather than failing the whole report."
    from gdpr_register.rules import render

    assert render(template, {"recipient": "meta"}) == template


def test_review_rule_accepts_an_updated_date_near_the_end_of_the_calendar() -> None:
    # A valid date two years from date.max made ART24_1_REVIEW fail (year 10001 out of range).
    from gdpr_register import evaluate

    data = _copy()
    data["updated"] = "9999-06-01"
    report = evaluate(notice_from_data(data), as_of="2026-11-25", select=["ART24_1_REVIEW"])
    assert report.findings == ()
    data["updated"] = "2024-02-29"
    notice = notice_from_data(data)
    assert evaluate(notice, as_of="2026-02-28", select=["ART24_1_REVIEW"]).findings == ()
    flagged = evaluate(notice, as_of="2026-03-01", select=["ART24_1_REVIEW"]).findings
    assert [f.rule for f in flagged] == ["ART24_1_REVIEW"]


def test_report_filter_takes_a_lone_string_as_one_selector() -> None:
    # Registry.select treats a lone string as one selector; Report.filter iterated its
    # characters ("ART44" kept every rule starting with "A").
    from gdpr_register import evaluate

    report = evaluate(notice_from_data(_copy()), as_of="2026-11-25")
    assert any(not f.rule.startswith("ART13_2_b") for f in report.findings)
    only = report.filter(rules="ART13_2_b")
    assert only.findings
    assert {f.rule for f in only.findings} == {"ART13_2_b"}
    same = report.filter(registers=["customers"]).findings
    assert report.filter(registers="customers").findings == same
    assert report.filter(registers="cust").findings == ()


def test_ignore_all_ignores_every_rule() -> None:
    # "ALL" passed the no-match check for --ignore too, but then ignored nothing.
    from gdpr_register.rules import default_registry

    registry = default_registry()
    assert registry.select(ignore=["ALL"]) == ()
    assert registry.select(select=["ALL"], ignore=["ALL"]) == ()


def _with_transfer(country: str, **transfer: Any) -> Any:
    data = _copy()
    data["registers"][0]["recipients"] = [
        {"id": "vendor", "name": "Vendor", "role": "processor", "country": country}
    ]
    data["registers"][0]["transfers"] = [{"recipient": "vendor", "country": country, **transfer}]
    return notice_from_data(data)


@pytest.mark.parametrize(("country", "as_of"), [("CH", "2026-11-25"), ("GB", "2026-11-25"),
                                                ("BR", "2026-02-01")])
def test_art44_no_mechanism_stated_to_a_country_with_full_adequacy(
    country: str, as_of: str
) -> None:
    # Art. 45(1): a transfer to a country with an adequacy decision in force "shall not require
    # any specific authorisation"; not naming it is an Art. 13(1)(f) gap, not an Art. 44 breach.
    from gdpr_register import evaluate

    report = evaluate(_with_transfer(country), as_of=as_of, select=["ART44", "ART13_1_f"])
    assert [(f.rule, f.args["problem"]) for f in report.findings] == [
        ("ART13_1_f", "no-mechanism")
    ]


@pytest.mark.parametrize(("country", "as_of"), [("US", "2026-11-25"), ("CA", "2026-11-25"),
                                                ("BR", "2025-12-31"), ("IN", "2026-11-25")])
def test_art44_no_mechanism_stated_elsewhere_is_still_a_finding(country: str, as_of: str) -> None:
    from gdpr_register import evaluate

    report = evaluate(_with_transfer(country), as_of=as_of, select=["ART44"])
    assert [f.rule for f in report.findings] == ["ART44"]


@pytest.mark.parametrize(
    "condition",
    ["as long as it is necessary", "as long as it's needed", "as long as they are required",
     "niin kauan kuin se on tarpeen", "niin kauan kuin ne ovat tarpeen"],
)
def test_vague_while_condition_with_a_pronoun_is_a_finding(condition: str) -> None:
    from gdpr_register import evaluate

    data = _copy()
    data["registers"][0]["retention"] = [{"kind": "while", "text": condition,
                                          "condition": condition}]
    report = evaluate(notice_from_data(data), as_of="2026-11-25", select=["ART13_2_a"])
    assert [(f.rule, f.args["problem"]) for f in report.findings] == [("ART13_2_a", "vague")]


def test_concrete_while_condition_is_no_finding() -> None:
    from gdpr_register import evaluate

    data = _copy()
    text = "as long as the customer relationship lasts"
    data["registers"][0]["retention"] = [{"kind": "while", "text": text, "condition": text}]
    report = evaluate(notice_from_data(data), as_of="2026-11-25", select=["ART13_2_a"])
    assert report.findings == ()


def test_sarif_regions_for_upper_case_yaml_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The loader accepts NOTICE.YAML (suffixes are case-insensitive); SARIF gave it no lines.
    seed = Path(__file__).parent.parent / "examples" / "valmennuskumppani.yaml"
    path = tmp_path / "SEED.YAML"
    path.write_bytes(seed.read_bytes())
    assert main(["check", str(path), "--as-of", "2026-11-25", "--format", "sarif"]) == 1
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert results
    assert all("region" in r["locations"][0]["physicalLocation"] for r in results)


def test_rules_json_shows_the_fix_as_text_and_markdown_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The fix template escapes literal braces as {{ }}; JSON showed the escapes.
    assert main(["rules", "FI_BUSINESS_ID", "--format", "json"]) == 0
    fix = json.loads(capsys.readouterr().out)["fix"]
    assert "{{" not in fix
    assert "{scheme: fi-ytunnus" in fix
