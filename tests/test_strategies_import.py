"""Our strategies import in either order with hypothesis, and `st.from_type` knows the model.

Regression: a test file that imported `gdpr_register.testing.strategies` before hypothesis
failed with a circular import, because importing hypothesis runs our entry point while the
strategies package is half loaded.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
from hypothesis.strategies._internal import types
from gdpr_register import Notice, Register
assert Notice in types._global_type_lookup and Register in types._global_type_lookup
"""


@pytest.mark.parametrize("first", [
    "from gdpr_register.testing import strategies",
    "import gdpr_register.testing.strategies._parts",
    "import hypothesis",
])
def test_strategies_import_in_any_order(first: str) -> None:
    done = subprocess.run([sys.executable, "-c", first + "\n" + CHECK],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
