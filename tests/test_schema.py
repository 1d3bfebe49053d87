"""The JSON Schema accepts every valid document and rejects what the loader rejects by shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from gdpr_register import Notice, load_notice, notice_to_data
from gdpr_register.documents.schema import notice_schema
from gdpr_register.testing import strategies

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = notice_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "notice.schema.json").read_text(encoding="utf-8"))
    assert committed == notice_schema(), (
        "regenerate: gdpr-register schema > docs/notice.schema.json"
    )


def test_examples_validate(validator: jsonschema.Draft202012Validator) -> None:
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        assert list(validator.iter_errors(notice_to_data(load_notice(path)))) == [], path


@given(strategies.notices())
def test_every_generated_notice_validates(notice: Notice) -> None:
    schema = notice_schema()
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(notice_to_data(notice)))
    assert errors == []


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["controller"].update(nmae="x"),
        lambda d: d["registers"][0]["purposes"][0].update(bases=["sopimus"]),
        lambda d: d.update(registers=[]),
        lambda d: d["controller"].update(country="XX"),
    ],
)
def test_shape_errors_are_caught(validator: jsonschema.Draft202012Validator, mutate: Any) -> None:
    data = notice_to_data(load_notice(ROOT / "examples" / "valmennuskumppani.yaml"))
    mutate(data)
    assert list(validator.iter_errors(data)) != []


def test_unknown_country_only_for_destinations(validator: jsonschema.Draft202012Validator) -> None:
    data = notice_to_data(load_notice(ROOT / "examples" / "valmennuskumppani.yaml"))
    data["registers"][0]["transfers"][0]["country"] = "unknown"
    assert list(validator.iter_errors(data)) == []
    data["controller"]["country"] = "unknown"
    assert list(validator.iter_errors(data)) != []
