"""The interop registry: unknown formats are usage errors (exit 2) that name the known ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdpr_register.cli import main
from gdpr_register.errors import UsageError
from gdpr_register.interop import find_format, formats

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_every_discovered_format_is_named_as_registered() -> None:
    for name, fmt in formats().items():
        assert fmt.name == name
        assert fmt.export is not None or fmt.import_ is not None


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        find_format("no-such-format", can="export")


@pytest.mark.parametrize("command", ["export", "import"])
def test_cli_unknown_format_exits_2_and_writes_nothing(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.yaml"
    code = main([command, str(EXAMPLES / "northwind-coaching.yaml"), "--format", "no-such",
                 "-o", str(out)])
    assert code == 2
    assert not out.exists()
    assert "no-such" in capsys.readouterr().err
