"""The strategies users import are sound and reachable through ``st.from_type``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdpr_register import SubjectEvent
from gdpr_register.documents.reference import DOCUMENT_CLASSES
from gdpr_register.model.values import ytunnus_check_digit
from gdpr_register.testing import strategies


@pytest.mark.parametrize("cls", [*DOCUMENT_CLASSES, SubjectEvent], ids=lambda c: c.__name__)
def test_from_type_gives_valid_instances(cls: type) -> None:
    @settings(max_examples=15)
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)
        # Re-validating a copy runs every validator and __attrs_post_init__ again.
        assert attrs.evolve(value) == value  # type: ignore[misc]

    check()


@given(strategies.ytunnus())
def test_generated_business_ids_have_valid_check_digits(value: str) -> None:
    body, digit = value.split("-")
    assert ytunnus_check_digit(body) == int(digit)


@given(strategies.registers())
def test_register_references_resolve(register: object) -> None:
    from gdpr_register import Register

    assert isinstance(register, Register)
    ids = {c.id for c in register.data_categories}
    for purpose in register.purposes:
        assert set(purpose.categories) <= ids
    recipients = {r.id for r in register.recipients}
    assert {t.recipient for t in register.transfers if t.recipient} <= recipients


_DEFAULT_HEALTH_CHECKS = """
from hypothesis import given, strategies as st
import gdpr_register
from gdpr_register import Notice, Register
from gdpr_register.testing import strategies

assert "site-packages" in gdpr_register.__file__, gdpr_register.__file__

@given(strategies.notices())
def test_notices(notice):
    assert isinstance(notice, Notice)

@given(st.from_type(Notice))
def test_from_type(notice):
    assert isinstance(notice, Notice)

@given(strategies.registers())
def test_registers(register):
    assert isinstance(register, Register)

test_notices()
test_from_type()
test_registers()
print("ok")
"""


_WARM_UP = """
from hypothesis import HealthCheck, given, settings
from gdpr_register.testing import strategies

@settings(max_examples=1, suppress_health_check=list(HealthCheck))
@given(strategies.notices())
def warm(notice):
    pass

warm()
"""


def test_strategies_pass_the_default_health_checks(tmp_path: Path) -> None:
    """What users run (README): @given with hypothesis's default settings, no profile of ours.

    A subprocess, so this project's conftest (which relaxes ``too_slow``) cannot hide a slow
    strategy, importing the package from a ``site-packages`` folder as an installed copy is:
    hypothesis scans *local* modules (this editable checkout) for constants inside the first
    timed draw, which it does not do for an installed library. Its own directory is warmed
    first, as any project's is after its first run (hypothesis caches Unicode tables there).
    """
    import gdpr_register

    installed = tmp_path / "site-packages"
    shutil.copytree(
        Path(gdpr_register.__file__).parent,
        installed / "gdpr_register",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("HYPOTHESIS")}
    env["PYTHONPATH"] = str(installed)
    for script in (_WARM_UP, _DEFAULT_HEALTH_CHECKS):
        result = subprocess.run(
            [sys.executable, "-c", script],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


@given(strategies.registers(marks=True))
def test_marked_registers_are_sound(register: object) -> None:
    from gdpr_register import Register

    assert isinstance(register, Register)
    assert attrs.evolve(register) == register


_NEW_FORMS: dict[str, Any] = {
    "none": lambda n: any(r.none for r in n.registers),
    "coverage": lambda n: any(r.coverage is not None for r in n.registers),
    "notice coverage": lambda n: n.coverage is not None,
    "inherited": lambda n: any(r.inherited for r in n.registers),
    "month-only date": lambda n: n.updated is not None and n.updated.day is None,
    "sub-day period": lambda n: any(
        rule.period is not None and rule.period.sub_day for r in n.registers for rule in r.retention
    ),
    "alternatives": lambda n: any(rule.alternatives for r in n.registers for rule in r.retention),
    "translated text": lambda n: bool(n.translated),
    "region": lambda n: any(t.region is not None for r in n.registers for t in r.transfers),
    "bases for groups": lambda n: any(
        b.subjects
        for r in n.registers
        for b in (*r.pooled_bases, *(b for p in r.purposes for b in p.bases))
    ),
}


def test_notices_reach_the_new_forms() -> None:
    seen: set[str] = set()

    # Hypothesis mixes the constants of every local module imported so far into its draws,
    # so even derandomized the examples depend on which tests ran before this one (300 were
    # enough alone and not after the whole suite): enough examples that every form is
    # reached whatever was imported.
    @settings(max_examples=1000, database=None, derandomize=True)
    @given(strategies.notices())
    def collect(notice: Any) -> None:
        seen.update(name for name, wanted in _NEW_FORMS.items() if wanted(notice))

    collect()
    assert seen == set(_NEW_FORMS)
