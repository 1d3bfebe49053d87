"""Project configuration: discovery, precedence, errors and ``check --show-settings``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

from gdpr_register.cli import main
from gdpr_register.cli._config import OPTIONS, find_config
from gdpr_register.rules import Options

ROOT = Path(__file__).resolve().parent.parent
SEED = str(ROOT / "examples" / "valmennuskumppani.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def settings(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, tuple[str, str]]:
    code, out, err = run(capsys, "check", "--show-settings", *argv)
    assert code == 0, err
    table = {}
    for line in out.splitlines():
        match = re.fullmatch(r"(\S+)\s+(.+?)  \[(.*)\]", line)
        assert match, line
        table[match[1]] = (match[2], match[3])
    return table


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_configuration(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = settings(capsys)
    assert table["fail-on"] == ('"low"', "default")
    assert table["format"] == ('"text"', "default")
    assert table["options.retention-review-months"] == ("36", "default")
    assert table["options.notice-review-months"] == ("24", "default")
    assert table["as-of"][1].startswith("default (today in Europe/Helsinki)")


def test_closest_file_wins_and_pyproject_without_table_is_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outer = write(tmp_path / "pyproject.toml", '[tool.gdpr-register]\nfail-on = "high"\n')
    write(tmp_path / "a" / "gdpr-register.toml", 'fail-on = "medium"\n')
    write(tmp_path / "b" / "pyproject.toml", '[project]\nname = "b"\n[tool.ruff]\n')
    (tmp_path / "a" / "deep").mkdir()
    monkeypatch.chdir(tmp_path / "a" / "deep")
    assert settings(capsys)["fail-on"] == (
        '"medium"', f"{tmp_path / 'a' / 'gdpr-register.toml'} (fail-on)")
    monkeypatch.chdir(tmp_path / "b")
    assert settings(capsys)["fail-on"] == ('"high"', f"{outer} (tool.gdpr-register.fail-on)")


def test_gdpr_register_toml_before_pyproject_in_one_directory(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.gdpr-register]\nfail-on = "high"\n')
    write(tmp_path / "gdpr-register.toml", "")
    found = find_config(tmp_path)
    assert found is not None
    assert found[0].name == "gdpr-register.toml"


@pytest.mark.parametrize("text", [
    '[tool]\ngdpr-register = { fail-on = "high" }\n',
    'tool.gdpr-register.fail-on = "high"\n',
    '[ tool . "gdpr-register" ]\nfail-on = "high"\n',
])
def test_every_toml_spelling_of_the_table_is_found(tmp_path: Path, text: str) -> None:
    write(tmp_path / "pyproject.toml", text)
    found = find_config(tmp_path)
    assert found is not None
    assert found[1] == {"fail-on": "high"}


def test_flags_override_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "gdpr-register.toml",
          'fail-on = "high"\npreview = true\nselect = ["ART13"]\nas-of = 2026-01-01\n'
          '[options]\nassume-dpf-certified = true\n')
    monkeypatch.chdir(tmp_path)
    table = settings(capsys, "--fail-on", "info", "--no-preview", "--select", "ART44",
                     "--as-of", "2025-06-01", "--option", "assume-dpf-certified=false")
    assert table["fail-on"] == ('"info"', "flag --fail-on")
    assert table["preview"] == ("false", "flag --preview")
    assert table["select"] == ('["ART44"]', "flag --select")
    assert table["as-of"] == ("2025-06-01", "flag --as-of")
    assert table["options.assume-dpf-certified"] == ("false", "flag --option assume-dpf-certified")
    untouched = settings(capsys)
    assert untouched["as-of"][0] == "2026-01-01"
    assert untouched["preview"][0] == "true"


def test_configured_settings_change_the_check(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check", SEED, "--format", "json", "--as-of", "2026-11-25")
    baseline = json.loads(out)
    rules = {f["rule"] for r in baseline["reports"] for f in r["findings"]}
    assert code == 1
    assert "ART44" in rules
    write(tmp_path / "gdpr-register.toml",
          'format = "json"\nas-of = "2026-11-25"\nignore = "ART44,ART13"\nfail-on = "high"\n')
    code, out, _ = run(capsys, "check", SEED)
    data = json.loads(out)
    assert data["as_of"] == "2026-11-25"
    configured = {f["rule"] for r in data["reports"] for f in r["findings"]}
    assert not any(r.startswith(("ART44", "ART13")) for r in configured)
    assert configured == {r for r in rules if not r.startswith(("ART44", "ART13"))}
    high = any(f["severity"] == "high" and not f["waived"]
               for r in data["reports"] for f in r["findings"])
    assert code == (1 if high else 0)


def test_rule_options_reach_the_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ("check", SEED, "--format", "json", "--as-of", "2026-11-25")

    def found(*extra: str) -> set[str]:
        out = run(capsys, *argv, *extra)[1]
        return {f["rule"] for r in json.loads(out)["reports"] for f in r["findings"]}

    default = found()
    write(tmp_path / "gdpr-register.toml", "[options]\nretention-review-months = 1000\n")
    lenient = found()
    assert lenient <= default
    assert found("--option", "retention-review-months=1") >= lenient


def test_options_match_the_library() -> None:
    fields = {a.name.replace("_", "-") for a in attrs.fields(Options)}
    assert set(OPTIONS) == fields
    defaults = Options()
    for name, (_, default) in OPTIONS.items():
        assert getattr(defaults, name.replace("-", "_")) == default


@pytest.mark.parametrize(("text", "key", "hint"), [
    ('fail-of = "high"\n', "fail-on", "fail-of"),
    ('fail-on = "hihg"\n', "high", "fail-on"),
    ('[options]\nretention-review-month = 3\n', "retention-review-months",
     "options.retention-review-month"),
    ('format = "sarf"\n', "sarif", "format"),
    ('ignore = ["ART444"]\n', "ART44", "ignore"),
])
def test_unknown_keys_and_values_are_errors_with_a_suggestion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    text: str, key: str, hint: str,
) -> None:
    config = write(tmp_path / "gdpr-register.toml", text)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", SEED)
    assert code == 2
    assert out == ""
    assert str(config) in err
    assert hint in err
    assert f"did you mean '{key}'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("text", [
    'as-of = "2026-13-01"\n', "preview = 1\n", 'timezone = "Mars/Olympus"\n',
    'country = "Finland"\n', "select = 3\n", "[options]\nart30-employee-threshold = 0\n",
    "this is not toml\n", "options = 3\n",
])
def test_bad_values_exit_2_naming_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    text = text.replace("[options]", "[tool.gdpr-register.options]")
    config = write(tmp_path / "pyproject.toml", f"[tool.gdpr-register]\n{text}")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--show-settings")
    assert (code, out) == (2, "")
    assert str(config) in err


def test_bad_option_flag_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", SEED, "--option", "retention-review-month=3"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "retention-review-months" in err


def test_country_and_store_from_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "gdpr-register.toml",
          f'country = "se"\nstore = "sqlite:///{tmp_path / "configured.db"}"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GDPR_REGISTER_STORE", raising=False)
    code, out, _ = run(capsys, "deadline", "--received", "2026-06-01", "--format", "json")
    assert code == 0
    assert json.loads(out)["country"] == "SE"
    code, out, _ = run(capsys, "deadline", "--received", "2026-06-01", "--format", "json",
                       "--country", "FI")
    assert json.loads(out)["country"] == "FI"
    assert run(capsys, "store", "import", SEED)[0] == 0
    assert (tmp_path / "configured.db").exists()
    assert settings(capsys)["store"][1].endswith("(store)")
    monkeypatch.setenv("GDPR_REGISTER_STORE", f"sqlite:///{tmp_path / 'env.db'}")
    assert settings(capsys)["store"][1] == "environment GDPR_REGISTER_STORE"


def test_check_without_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check")
    assert (code, out) == (2, "")


def test_notice_review_months_from_file_and_flag(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # ART24_1_REVIEW: the seed was updated 2018-09-05; with 120 months it is not stale in 2026.
    write(tmp_path / "pyproject.toml",
          "[tool.gdpr-register.options]\nnotice-review-months = 120\n")
    monkeypatch.chdir(tmp_path)
    table = settings(capsys)
    assert table["options.notice-review-months"][0] == "120"
    assert "notice-review-months" in table["options.notice-review-months"][1]

    def review(*flags: str) -> int:
        code, out, err = run(capsys, "check", SEED, "--as-of", "2026-11-25", "--format",
                             "json", "--select", "ART24_1_REVIEW", *flags)
        assert code in (0, 1), err
        return sum(len(r["findings"]) for r in json.loads(out)["reports"])

    assert review() == 0
    assert review("--option", "notice-review-months=24") == 1


def test_show_settings_shows_every_configured_key_with_its_origin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdpr_register.cli._config import SETTINGS

    values = {"select": '["ART13"]', "ignore": '["ART30_1"]', "fail-on": '"medium"',
              "preview": "true", "format": '"json"', "store": '"sqlite:///x.db"',
              "country": '"SE"', "timezone": '"Europe/Stockholm"', "as-of": "2026-11-25"}
    assert set(values) == set(SETTINGS)  # a new setting needs a value here
    options = {"assume-dpf-certified": "true", "assume-automated-processing": "false",
               "art30-employee-threshold": "300", "retention-review-months": "48",
               "notice-review-months": "12"}
    assert set(options) == set(OPTIONS)
    path = write(tmp_path / "pyproject.toml",
                 "[tool.gdpr-register]\n"
                 + "".join(f"{k} = {v}\n" for k, v in values.items())
                 + "[tool.gdpr-register.options]\n"
                 + "".join(f"{k} = {v}\n" for k, v in options.items()))
    monkeypatch.delenv("GDPR_REGISTER_STORE", raising=False)
    monkeypatch.chdir(tmp_path)
    table = settings(capsys)
    shown = {"as-of": "2026-11-25", "store": '"sqlite:///x.db"'}
    for key, value in values.items():
        assert table[key] == (shown.get(key, value),
                              f"{path.resolve()} (tool.gdpr-register.{key})"), key
    for key, value in options.items():
        assert table[f"options.{key}"] == (
            value, f"{path.resolve()} (tool.gdpr-register.options.{key})"), key


def test_timeline_reads_the_configuration_and_flags_override(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The seed: updated 2018-09-05, ART44 from 2020-07-16 (Schrems II).
    write(tmp_path / "pyproject.toml",
          '[tool.gdpr-register]\nselect = ["ART24_1_REVIEW"]\nas-of = 2025-01-01\n'
          "[tool.gdpr-register.options]\nnotice-review-months = 12\n")
    monkeypatch.chdir(tmp_path)

    def intervals(*flags: str) -> tuple[str, set[tuple[str, str]]]:
        code, out, err = run(capsys, "timeline", SEED, "--from", "2018-05-25",
                             "--format", "json", *flags)
        assert code == 0, err
        data = json.loads(out)
        return data["end"], {(i["rule"], i["start"]) for i in data["intervals"]}

    end, found = intervals()
    assert end == "2025-01-01"  # the configured as-of ends the range
    assert found == {("ART24_1_REVIEW", "2019-09-06")}  # select and the option from the file
    end, found = intervals("--to", "2026-12-01", "--option", "notice-review-months=24")
    assert end == "2026-12-01"
    assert found == {("ART24_1_REVIEW", "2020-09-06")}  # the flag overrides the file
    _, found = intervals("--select", "ART44")
    assert {rule for rule, _ in found} == {"ART44"}
    assert found
    assert all(start == "2020-07-16" for _, start in found)


def test_timeline_reports_a_configured_selector_that_matches_no_rule(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "gdpr-register.toml", 'ignore = ["NOPE"]\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "timeline", SEED, "--from", "2018-05-25", "--to", "2019-01-01")
    assert code == 2
    assert "gdpr-register.toml" in err
    assert "ignore" in err
